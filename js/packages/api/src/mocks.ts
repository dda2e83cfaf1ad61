/**
 * @sash/api/mocks - a fake `window.__SASH__` for unit tests (Vitest with
 * jsdom, or plain Node): code written against @sash/api runs unchanged,
 * without the native app.
 *
 * The fake behaves like the real bridge where tests can tell: calls are
 * asynchronous, arguments go through JSON (a Date becomes a string, a
 * function is dropped), results too, bytes stay bytes, an aborted signal
 * rejects at once with `cancelled`, errors are SashErrors with codes,
 * Channels in the arguments become handles C-like code can send to.
 */
import {
  SashError, type BridgeChannel, type Channel, type CommandArgs, type CommandName,
  type CommandResult, type SashBridge, type SashEvent,
} from './index.js';

/** What a mock command receives as its third argument. */
export interface MockCallContext {
  /** The bytes of a raw-path call (`invoke(cmd, bytes, args)`), copied. */
  bytes?: Uint8Array;
  /** Aborts when the page aborts the call (C's `sash_call_cancelled`). */
  signal: AbortSignal;
}

/** A channel as a mock command sees it, like C's `sash_channel`. */
export interface MockChannel<T = unknown> {
  readonly id: number;
  /** True once the page closed it, or after `close()`. */
  readonly closed: boolean;
  /**
   * Sends one message (JSON-copied; ArrayBuffer / typed arrays arrive as
   * an ArrayBuffer).  Returns false when the page closed the channel.
   * Delivery is asynchronous and ordered, as in Sash.
   */
  send(message: T): boolean;
  /** Ends the stream: the page's `onclose` runs. */
  close(): void;
}

/** One recorded call. */
export interface MockCall {
  cmd: string;
  args: Record<string, unknown> | null;
  bytes?: Uint8Array;
}

export type MockHandler = (
  cmd: string,
  // Mock handlers get what C gets: parsed JSON, with channels revived.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  args: any,
  ctx: MockCallContext,
) => unknown;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type MockCommand = (args: any, ctx: MockCallContext) => unknown;

/** What a mock sees of declared arguments: Channels arrive as MockChannels. */
export type MockArgs<A> =
  A extends Channel<infer T> ? MockChannel<T>
    : A extends readonly unknown[] ? { [I in keyof A]: MockArgs<A[I]> }
      : A extends object ? { [K in keyof A]: MockArgs<A[K]> } : A;

/**
 * A mock of a command declared in `Commands` (for example by the file
 * `sash types` generates): its arguments and result are typed, so a mock
 * cannot drift from the C schema either.
 */
export type TypedMockCommand<K extends CommandName> = (
  args: MockArgs<CommandArgs<K>>, ctx: MockCallContext,
) => CommandResult<K> | Promise<CommandResult<K>>;

/** A table of mock commands: declared names typed, other names loose. */
export type MockCommands<T> = {
  [K in keyof T]: K extends CommandName ? TypedMockCommand<K> : MockCommand;
};

export interface MockIPC {
  /** Every call made since mockIPC(), in order. */
  readonly calls: MockCall[];
}

export interface MockEvents {
  /** Delivers an event to the page's listeners, as `sash_emit` would. */
  emit(name: string, payload?: unknown): void;
  /** The events the page sent with `emit()`, in order. */
  readonly emitted: SashEvent<unknown>[];
  /** The number of live listeners of `name`, or of all events. */
  listenerCount(name?: string): number;
}

interface State {
  handler: MockHandler | null;
  calls: MockCall[];
  listeners: Map<string, Set<(e: SashEvent<unknown>) => void>>;
  emitted: SashEvent<unknown>[];
  channels: Map<number, FakeChannel>;
  nextChannel: number;
  bridge: SashBridge;
}

let state: State | null = null;

const macrotask = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

function isBytes(v: unknown): v is ArrayBuffer | ArrayBufferView {
  if (v === null || typeof v !== 'object') return false;
  return Object.prototype.toString.call(v) === '[object ArrayBuffer]' || ArrayBuffer.isView(v);
}

function copyBytes(v: ArrayBuffer | ArrayBufferView): Uint8Array {
  const view = ArrayBuffer.isView(v) ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength)
    : new Uint8Array(v);
  return new Uint8Array(view);
}

// What C would answer: JSON, or bytes as an ArrayBuffer.
function wire(v: unknown): unknown {
  if (isBytes(v)) return copyBytes(v).buffer;
  if (v === undefined) return null;
  try {
    return JSON.parse(JSON.stringify(v)) as unknown;
  } catch (e) {
    throw new SashError('internal', 'mock result is not JSON: ' + (e as Error).message);
  }
}

class FakeChannel implements BridgeChannel {
  readonly id: number;
  onmessage: ((message: unknown) => void) | null;
  onclose: (() => void) | null = null;
  closed = false;
  #tail: Promise<void> = Promise.resolve();

  constructor(s: State, onmessage?: (message: unknown) => void) {
    this.id = s.nextChannel++;
    this.onmessage = onmessage ?? null;
    s.channels.set(this.id, this);
  }

  toJSON(): unknown {
    return { __sash_channel__: this.id };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    state?.channels.delete(this.id);
  }

  // The C side of this channel, handed to mock commands.
  handle(): MockChannel {
    const ch = this;
    return {
      id: ch.id,
      get closed() { return ch.closed; },
      send(message: unknown): boolean {
        if (ch.closed) return false;
        const m = wire(message);
        ch.#tail = ch.#tail.then(macrotask).then(() => {
          if (!ch.closed && ch.onmessage) ch.onmessage(m);
        });
        return true;
      },
      close(): void {
        if (ch.closed) return;
        ch.#tail = ch.#tail.then(macrotask).then(() => {
          if (ch.closed) return;
          ch.closed = true;
          state?.channels.delete(ch.id);
          ch.onclose?.();
        });
      },
    };
  }
}

// JSON-copies args as the bridge would, then turns channel markers back
// into handles, as sash_call_channel() finds them.
function reviveArgs(s: State, args: unknown): Record<string, unknown> | null {
  if (args === null || args === undefined) return null;
  let text: string;
  try {
    text = JSON.stringify(args);
  } catch (e) {
    throw new SashError('bad_args', 'arguments are not JSON: ' + (e as Error).message);
  }
  return JSON.parse(text, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const id = (value as { __sash_channel__?: unknown }).__sash_channel__;
      if (typeof id === 'number') {
        const ch = s.channels.get(id);
        if (!ch) throw new SashError('bad_args', 'channel ' + id + ' is closed');
        return ch.handle();
      }
    }
    return value;
  }) as Record<string, unknown>;
}

async function fakeInvoke(s: State, cmd: string, a?: unknown, b?: unknown, c?: unknown) {
  const raw = isBytes(a);
  const args = raw ? b : a;
  const signal = ((raw ? c : b) as { signal?: AbortSignal } | undefined)?.signal;
  if (signal?.aborted) throw new SashError('cancelled', 'aborted before it was sent');
  const revived = reviveArgs(s, args);
  const call: MockCall = { cmd, args: revived };
  if (raw) call.bytes = copyBytes(a);
  s.calls.push(call);
  const handler = s.handler;
  if (!handler)
    throw new SashError('not_found', `no mock for "${cmd}": call mockIPC() first`);
  const ctl = new AbortController();
  const ctx: MockCallContext = { signal: ctl.signal };
  if (call.bytes) ctx.bytes = call.bytes;
  const result = (async () => {
    await macrotask(); // never synchronous, like the real transport
    return wire(await handler(cmd, revived, ctx));
  })();
  if (!signal) return result.catch((e: unknown) => { throw SashError.from(e); });
  return new Promise<unknown>((resolve, reject) => {
    const onAbort = () => {
      ctl.abort();
      reject(new SashError('cancelled', 'the call was aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    result.then(resolve, (e: unknown) => reject(SashError.from(e)))
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function install(): State {
  if (state) return state;
  const g = globalThis as { __SASH__?: unknown };
  const existing = Object.getOwnPropertyDescriptor(globalThis, '__SASH__');
  if (existing && !existing.configurable)
    throw new SashError('internal', 'a real Sash bridge is present: mocks are for tests');
  const s = {
    handler: null, calls: [], listeners: new Map(), emitted: [], channels: new Map(),
    nextChannel: 1,
  } as unknown as State;
  class Channel extends FakeChannel {
    constructor(onmessage?: (message: unknown) => void) { super(s, onmessage); }
  }
  s.bridge = {
    invoke: ((cmd: string, a?: unknown, b?: unknown, c?: unknown) =>
      fakeInvoke(s, cmd, a, b, c)) as SashBridge['invoke'],
    listen(name, cb) {
      let set = s.listeners.get(name);
      if (!set) s.listeners.set(name, (set = new Set()));
      const entry = (e: SashEvent<unknown>) => cb(e);
      set.add(entry);
      return () => {
        set.delete(entry);
        if (set.size === 0 && s.listeners.get(name) === set) s.listeners.delete(name);
      };
    },
    async emit(name, payload) {
      await macrotask();
      s.emitted.push({ event: name, payload: wire(payload) });
    },
    Channel,
    overlay() {},
  };
  Object.defineProperty(g, '__SASH__', {
    value: s.bridge, configurable: true, writable: false, enumerable: false,
  });
  state = s;
  return s;
}

/**
 * Answers the page's invokes with `handler` until {@link clearMocks}.
 *
 * The handler is either one function `(cmd, args, ctx) => result`, or an
 * object of commands `{ greet: (args, ctx) => result }` (other names then
 * reject with `not_found`, as Sash does).  A result may be a promise;
 * bytes resolve as an ArrayBuffer; throwing `new SashError(code, msg)` or
 * any `{code, message}` rejects with that code, anything else `internal`.
 *
 * @example
 * mockIPC({ greet: ({ name }) => `Hello, ${name}` });
 * expect(await invoke('greet', { name: 'Ada' })).toBe('Hello, Ada');
 */
export function mockIPC<T extends Record<string, unknown>>(
  handler: MockHandler | MockCommands<T>,
): MockIPC;
export function mockIPC(handler: MockHandler | Record<string, MockCommand>): MockIPC {
  const s = install();
  if (typeof handler === 'function') {
    s.handler = handler;
  } else {
    const table = handler;
    s.handler = (cmd, args, ctx) => {
      const fn = Object.prototype.hasOwnProperty.call(table, cmd) ? table[cmd] : undefined;
      if (!fn) throw new SashError('not_found', `unknown command "${cmd}"`);
      return fn(args, ctx);
    };
  }
  s.calls.length = 0;
  return { calls: s.calls };
}

/**
 * Fake events: push events to the page's listeners, see what the page
 * emitted, count live listeners (to prove a component cleans up).
 *
 * @example
 * const events = mockEvents();
 * render(<Clock />);
 * events.emit('tick', 42);
 * expect(events.listenerCount('tick')).toBe(1);
 */
export function mockEvents(): MockEvents {
  const s = install();
  return {
    emit(name: string, payload?: unknown) {
      const set = s.listeners.get(name);
      if (!set) return;
      const ev = { event: name, payload: wire(payload) };
      for (const cb of Array.from(set)) cb(ev);
    },
    get emitted() { return s.emitted; },
    listenerCount(name?: string) {
      if (name !== undefined) return s.listeners.get(name)?.size ?? 0;
      let n = 0;
      for (const set of s.listeners.values()) n += set.size;
      return n;
    },
  };
}

/** Removes the fake bridge, its listeners, channels and records. */
export function clearMocks(): void {
  if (!state) return;
  for (const ch of state.channels.values()) ch.closed = true;
  state.channels.clear();
  state.listeners.clear();
  state.handler = null;
  state = null;
  delete (globalThis as { __SASH__?: unknown }).__SASH__;
}
