/**
 * @sash/api - the typed face of `window.__SASH__`, the bridge Sash injects
 * into every page of its windows.
 *
 * This file is deliberately one module with no imports: its build output,
 * `dist/index.js`, is an ES module an app can serve as it is and import by
 * relative URL, with no bundler.
 *
 * The bridge is looked up at call time, never at import time, so importing
 * this module is safe in unit tests, in SSR and in a plain browser tab; a
 * call made outside Sash fails with a SashError whose code is `not_sash`.
 */

/* ------------------------------------------------------------------ */
/* Errors                                                              */
/* ------------------------------------------------------------------ */

/**
 * The stable codes of a rejected call.  Commands may reject with codes of
 * their own, so any string is accepted; the known ones autocomplete.
 */
export type SashErrorCode =
  | 'not_found'
  | 'forbidden'
  | 'bad_args'
  | 'too_large'
  | 'too_deep'
  | 'busy'
  | 'internal'
  | 'cancelled'
  | 'not_sash'
  | 'unsupported'
  | (string & {});

/** Every rejection of @sash/api is a SashError: `{code, message}`. */
export class SashError extends Error {
  readonly code: SashErrorCode;

  constructor(code: SashErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SashError';
    this.code = code;
  }

  /**
   * Turns anything thrown or rejected into a SashError: a SashError is kept,
   * an `{code, message}` (what the bridge rejects with) keeps its code, and
   * anything else becomes `internal`.
   */
  static from(e: unknown): SashError {
    if (e instanceof SashError) return e;
    if (e !== null && typeof e === 'object') {
      const o = e as { code?: unknown; message?: unknown };
      const message = typeof o.message === 'string' ? o.message : String(e);
      if (typeof o.code === 'string' && o.code !== '')
        return new SashError(o.code, message, { cause: e });
      return new SashError('internal', message, { cause: e });
    }
    return new SashError('internal', String(e), { cause: e });
  }
}

/** True when `e` is a SashError (with this code, when one is given). */
export function isSashError(e: unknown, code?: SashErrorCode): e is SashError {
  return e instanceof SashError && (code === undefined || e.code === code);
}

/* ------------------------------------------------------------------ */
/* The bridge                                                          */
/* ------------------------------------------------------------------ */

/** A channel object of the bridge (`new __SASH__.Channel(cb)`). */
export interface BridgeChannel {
  readonly id: number;
  onmessage: ((message: unknown) => void) | null;
  onclose: (() => void) | null;
  readonly closed: boolean;
  close(): void;
  toJSON(): unknown;
}

/**
 * What `window.__SASH__` offers (see src/core/bridge.js).  Exported for
 * those who replace it, as @sash/api/mocks does.
 */
export interface SashBridge {
  invoke(cmd: string, args?: unknown, options?: InvokeOptions): Promise<unknown>;
  invoke(cmd: string, bytes: ArrayBuffer | ArrayBufferView, args?: unknown,
         options?: InvokeOptions): Promise<unknown>;
  listen(name: string, cb: (event: SashEvent<unknown>) => void): () => void;
  emit(name: string, payload?: unknown): Promise<void>;
  Channel: new (onmessage?: (message: unknown) => void) => BridgeChannel;
  /** Windowed rows; {@link rows} is the typed, cancellable form. */
  rows?(name: string, pageSize?: number): {
    count(): Promise<number>;
    get(from: number, to: number): Promise<unknown[]>;
    invalidate(): void;
  };
  /** The profiler's table; {@link stats} is the typed form. */
  stats?(): Promise<unknown>;
  overlay?(on?: boolean): void;
}

declare global {
  // eslint-disable-next-line no-var
  var __SASH__: SashBridge | undefined;
}

function bridgeOrNull(): SashBridge | null {
  const b = (globalThis as { __SASH__?: SashBridge }).__SASH__;
  return b && typeof b.invoke === 'function' ? b : null;
}

function bridge(): SashBridge {
  const b = bridgeOrNull();
  if (!b)
    throw new SashError('not_sash', 'window.__SASH__ is missing: this page is not ' +
      'running in a Sash window (in unit tests, install a fake with mockIPC() ' +
      'from @sash/api/mocks)');
  return b;
}

/**
 * True when the page runs in a Sash window (or under @sash/api/mocks).
 * Use it to keep a page usable in a plain browser tab.
 */
export function isSash(): boolean {
  return bridgeOrNull() !== null;
}

/* ------------------------------------------------------------------ */
/* Typing commands and events by declaration merging                   */
/* ------------------------------------------------------------------ */

/**
 * Declare your commands here to type `invoke` end to end:
 *
 * ```ts
 * declare module '@sash/api' {
 *   interface Commands {
 *     greet: { args: { name: string }; result: string };
 *     uptime: { result: number };            // takes no arguments
 *   }
 * }
 * ```
 * A declared command then must be called with its arguments and resolves
 * to its result type; undeclared names keep the loose `invoke<T>()`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type
export interface Commands {}

/** Declare event payloads the same way: `interface Events { tick: number }`. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type
export interface Events {}

/** Names declared in {@link Commands}. */
export type CommandName = keyof Commands & string;
/** The arguments a declared command takes (`undefined` when none). */
export type CommandArgs<K extends CommandName> =
  Commands[K] extends { args: infer A } ? A : undefined;
/** What a declared command resolves to. */
export type CommandResult<K extends CommandName> =
  Commands[K] extends { result: infer R } ? R : unknown;
/** The payload of an event: declared in {@link Events}, else `T`. */
export type EventPayload<K extends string, T = unknown> =
  K extends keyof Events ? Events[K] : T;

/* ------------------------------------------------------------------ */
/* invoke                                                              */
/* ------------------------------------------------------------------ */

/** Command arguments: one JSON object (Channels may sit anywhere in it). */
export type InvokeArgs = Record<string, unknown>;

/** Bytes sent on the raw path: no JSON, no base64. */
export type Bytes = ArrayBuffer | ArrayBufferView;

export interface InvokeOptions {
  /**
   * Aborting it rejects the call at once with code `cancelled` and tells
   * C (`sash_call_cancelled()` turns true); the reply is discarded.
   */
  signal?: AbortSignal | undefined;
}

type NotDeclared<C extends string> = C extends CommandName ? never : C;

function isBytes(v: unknown): v is Bytes {
  if (v === null || typeof v !== 'object') return false;
  // Tag checks, not instanceof: test runners mix realms (jsdom and Node).
  const tag = Object.prototype.toString.call(v);
  return tag === '[object ArrayBuffer]' || ArrayBuffer.isView(v);
}

function checkArgs(args: unknown): SashError | null {
  if (args === undefined || args === null) return null;
  if (typeof args !== 'object' || Array.isArray(args) || isBytes(args))
    return new SashError('bad_args', 'arguments must be an object');
  return null;
}

/**
 * Calls a C command with JSON arguments and resolves to its JSON result
 * (or to an ArrayBuffer when the command answers bytes).
 *
 * Rejects with a {@link SashError}: `not_found`, `forbidden`, `bad_args`,
 * `too_large`, `too_deep`, `busy`, `internal`, `cancelled`, `not_sash`,
 * `unsupported` (the feature is not on this backend), or the command's own
 * code.
 *
 * @example
 * const text = await invoke<string>('greet', { name: 'Ada' });
 * const ctl = new AbortController();
 * const r = await invoke('search', { q }, { signal: ctl.signal });
 */
export function invoke<K extends CommandName>(
  cmd: K,
  ...rest: undefined extends CommandArgs<K>
    ? [args?: CommandArgs<K>, options?: InvokeOptions]
    : [args: CommandArgs<K>, options?: InvokeOptions]
): Promise<CommandResult<K>>;
/**
 * Sends bytes (a Uint8Array, any typed array or DataView, or an
 * ArrayBuffer) on the raw path, with optional JSON arguments beside them.
 * C reads them with `sash_call_bytes()`.  A command that answers bytes
 * resolves to an ArrayBuffer.
 *
 * @example
 * const png: ArrayBuffer = await invoke('thumbnail', fileBytes, { size: 128 });
 */
export function invoke<T = ArrayBuffer, C extends string = string>(
  cmd: NotDeclared<C>, bytes: Bytes, args?: InvokeArgs | null, options?: InvokeOptions,
): Promise<T>;
export function invoke<T = unknown, C extends string = string>(
  cmd: NotDeclared<C>, args?: InvokeArgs | null, options?: InvokeOptions,
): Promise<T>;
export function invoke(cmd: string, a?: unknown, b?: unknown, c?: unknown): Promise<unknown> {
  let b0: SashBridge;
  try {
    b0 = bridge();
  } catch (e) {
    return Promise.reject(e);
  }
  if (typeof cmd !== 'string' || cmd === '')
    return Promise.reject(new SashError('bad_args', 'the command name must be a non-empty string'));
  const raw = isBytes(a);
  const args = raw ? b : a;
  const options = (raw ? c : b) as InvokeOptions | undefined;
  const bad = checkArgs(args);
  if (bad) return Promise.reject(bad);
  const opts = options?.signal ? { signal: options.signal } : undefined;
  let sent: Promise<unknown>;
  try {
    sent = raw ? b0.invoke(cmd, a as Bytes, args ?? null, opts)
      : b0.invoke(cmd, args ?? null, opts);
  } catch (e) {
    return Promise.reject(SashError.from(e));
  }
  return sent.then(undefined, (e: unknown) => {
    throw SashError.from(e);
  });
}

/* ------------------------------------------------------------------ */
/* Channels                                                            */
/* ------------------------------------------------------------------ */

/**
 * A stream from C to the page: progress, log lines, chunks.  Pass it
 * anywhere inside the arguments of an invoke; C takes it with
 * `sash_call_channel(call, "name")` and sends ordered messages (JSON, or
 * bytes that arrive as ArrayBuffer).  When C frees it, `onclose` runs.
 *
 * The channel is opened when it is sent (an invoke serialises it), so
 * creating one never needs the bridge.  A channel that was closed may be
 * sent again: it then opens a new stream (`onopen` runs each time).
 *
 * @example
 * const ch = new Channel<number>((p) => (bar.value = p));
 * ch.onclose = () => console.log('done');
 * await invoke('import', { file, progress: ch });
 */
export class Channel<T = unknown> {
  /** Called with each message, in order. */
  onmessage: ((message: T) => void) | null;
  /** Called once the stream ended (C freed it, or `close()` was called). */
  onclose: (() => void) | null = null;
  /** Called each time the channel is sent to C and a stream begins. */
  onopen: (() => void) | null = null;
  #native: BridgeChannel | null = null;
  #closed = false;

  constructor(onmessage?: (message: T) => void) {
    this.onmessage = onmessage ?? null;
  }

  /** The bridge's id of the current stream; undefined until it is sent. */
  get id(): number | undefined {
    return this.#native?.id;
  }

  /** True once the current stream ended, or before it was ever sent. */
  get closed(): boolean {
    return this.#native === null || this.#closed;
  }

  /**
   * Ends the stream: C's next `sash_channel_send` returns SASH_ECLOSED.
   * Messages already on their way are dropped.  Idempotent.
   */
  close(): void {
    const n = this.#native;
    if (!n || this.#closed) return;
    this.#closed = true;
    n.onmessage = null;
    n.close();
    this.onclose?.();
  }

  /** What a channel becomes in JSON: the bridge's `{__sash_channel__: id}`. */
  toJSON(): unknown {
    if (!this.#native || this.#closed) this.#open();
    return (this.#native as BridgeChannel).toJSON();
  }

  #open(): void {
    const native = new (bridge().Channel)((m) => this.onmessage?.(m as T));
    native.onclose = () => {
      if (this.#native !== native || this.#closed) return;
      this.#closed = true;
      this.onclose?.();
    };
    this.#native = native;
    this.#closed = false;
    this.onopen?.();
  }
}

/* ------------------------------------------------------------------ */
/* Events                                                              */
/* ------------------------------------------------------------------ */

/** An event as listeners receive it. */
export interface SashEvent<T = unknown> {
  event: string;
  payload: T;
}

/** Removes a listener.  Calling it again does nothing. */
export type UnlistenFn = () => void;

export type EventCallback<T> = (event: SashEvent<T>) => void;

/**
 * Listens to an event that C emits (`sash_emit`, `sash_emit_to`).
 *
 * Returns the unlisten function synchronously (not a Promise, unlike
 * Tauri's): a component can remove the listener in its cleanup even if it
 * unmounts at once, so nothing leaks.  Throws a SashError (`not_sash`)
 * outside Sash, `bad_args` for a bad name or callback.
 *
 * @example
 * const unlisten = listen<number>('tick', (e) => console.log(e.payload));
 */
export function listen<T = unknown, K extends string = string>(
  name: K, cb: EventCallback<EventPayload<K, T>>,
): UnlistenFn {
  if (typeof name !== 'string' || name === '' || typeof cb !== 'function')
    throw new SashError('bad_args', 'listen(name: non-empty string, callback: function)');
  const off = bridge().listen(name, cb as EventCallback<unknown>);
  let live = true;
  return () => {
    if (!live) return;
    live = false;
    off();
  };
}

/** Like {@link listen}, for the next event only. */
export function once<T = unknown, K extends string = string>(
  name: K, cb: EventCallback<EventPayload<K, T>>,
): UnlistenFn {
  const off = listen<T, K>(name, (e) => {
    off();
    cb(e);
  });
  return off;
}

/**
 * Sends an event to C's listeners (`sash_listen`).  The window needs the
 * `core:event:emit` permission, else the promise rejects with `forbidden`.
 * Events from the page reach C only, not other pages' listeners.
 */
export function emit<K extends string>(
  name: K, ...payload: K extends keyof Events ? [payload: Events[K]] : [payload?: unknown]
): Promise<void> {
  if (typeof name !== 'string' || name === '')
    return Promise.reject(new SashError('bad_args', 'the event name must be a non-empty string'));
  let b: SashBridge;
  try {
    b = bridge();
  } catch (e) {
    return Promise.reject(e);
  }
  return b.emit(name, payload[0] === undefined ? null : payload[0]).then(
    () => undefined,
    (e: unknown) => { throw SashError.from(e); },
  );
}

/* ------------------------------------------------------------------ */
/* Windowed rows                                                       */
/* ------------------------------------------------------------------ */

/** A huge list that stays in C (`sash_rows_register`); see {@link rows}. */
export interface Rows<T> {
  /** The number of rows. */
  count(options?: InvokeOptions): Promise<number>;
  /** Rows `from` (inclusive) to `to` (exclusive); fewer at the end. */
  get(from: number, to: number, options?: InvokeOptions): Promise<T[]>;
  /** Forgets cached pages and the count (after the data changed in C). */
  invalidate(): void;
}

interface RowsReply<T> {
  total: number;
  rows: T[];
}

/**
 * Windowed access to rows that C keeps: the page asks only for what it
 * renders.  Pages of `pageSize` rows (at most 1,000, C's limit) are fetched
 * in parallel and cached (the last 64 pages).  A `signal` abandons that
 * caller's wait (rejecting with `cancelled`); the page fetch itself goes on
 * for the cache and for other callers.
 *
 * @example
 * const ledger = rows<Entry>('ledger');
 * const total = await ledger.count();
 * const visible = await ledger.get(first, first + 40);
 */
export function rows<T = unknown>(name: string, pageSize = 200): Rows<T> {
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000)
    throw new SashError('bad_args', 'rows(): pageSize must be an integer from 1 to 1000');
  const pages = new Map<number, Promise<T[]>>();
  let total: number | null = null;
  let generation = 0;

  function fetchRange(from: number, to: number) {
    return (invoke as (c: string, a: InvokeArgs) => Promise<RowsReply<T>>)(name, { from, to });
  }

  // Pages are shared by every get() that spans them, so a caller's signal
  // abandons its own wait, not the fetch others may be waiting for.
  function abortable<R>(p: Promise<R>, signal?: AbortSignal): Promise<R> {
    if (!signal) return p;
    if (signal.aborted) return Promise.reject(new SashError('cancelled', 'aborted before it was sent'));
    return new Promise<R>((resolve, reject) => {
      const onAbort = () => reject(new SashError('cancelled', 'the call was aborted'));
      signal.addEventListener('abort', onAbort, { once: true });
      p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  function page(n: number): Promise<T[]> {
    let p = pages.get(n);
    if (p) {
      pages.delete(n); // refresh its place in the LRU order
      pages.set(n, p);
      return p;
    }
    const gen = generation;
    p = fetchRange(n * pageSize, (n + 1) * pageSize).then((r) => {
      if (gen === generation) total = r.total;
      return r.rows;
    });
    p.catch(() => { if (pages.get(n) === p) pages.delete(n); });
    pages.set(n, p);
    if (pages.size > 64) pages.delete(pages.keys().next().value as number);
    return p;
  }

  return {
    async count(options) {
      if (total === null) {
        const gen = generation;
        const r = await abortable(fetchRange(0, 0), options?.signal);
        if (gen === generation) total = r.total;
        return r.total;
      }
      return total;
    },
    async get(from, to, options) {
      if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0)
        throw new SashError('bad_args', 'rows.get(from, to): non-negative integers');
      if (to <= from) return [];
      const first = Math.floor(from / pageSize);
      const last = Math.floor((to - 1) / pageSize);
      const wanted: Promise<T[]>[] = [];
      for (let n = first; n <= last; n++) wanted.push(page(n));
      const got = await abortable(Promise.all(wanted), options?.signal);
      const out: T[] = [];
      for (let i = 0; i < got.length; i++) {
        const base = (first + i) * pageSize;
        const rowsOfPage = got[i] as T[];
        const lo = Math.max(from, base), hi = Math.min(to, base + rowsOfPage.length);
        for (let j = lo; j < hi; j++) out.push(rowsOfPage[j - base] as T);
        if (rowsOfPage.length < pageSize) break;
      }
      return out;
    },
    invalidate() {
      pages.clear();
      total = null;
      generation++;
    },
  };
}

/* ------------------------------------------------------------------ */
/* The profiler                                                        */
/* ------------------------------------------------------------------ */

export interface CommandStats {
  count: number;
  errors: number;
  bytes_in: number;
  bytes_out: number;
  p50_ms: number;
  p99_ms: number;
}

/** The profiler's table (dev builds, or SASH_PROFILE=1). */
export interface SashStats {
  calls: Record<string, CommandStats>;
  events: Record<string, CommandStats>;
  channels: { messages: number; bytes: number };
}

/**
 * The profiler's numbers per command, event and channel.  Rejects with
 * `forbidden` in a release build where profiling is off.
 */
export function stats(options?: InvokeOptions): Promise<SashStats> {
  return (invoke as (c: string, a: null, o?: InvokeOptions) => Promise<SashStats>)(
    '__sash_stats', null, options);
}

/** Shows (or with `false` hides) the profiler's live table in a corner. */
export function overlay(on = true): void {
  const b = bridge();
  if (typeof b.overlay !== 'function')
    throw new SashError('not_found', 'this bridge has no overlay');
  b.overlay(on);
}

/* ------------------------------------------------------------------ */
/* For bindings                                                        */
/* ------------------------------------------------------------------ */

const identities = new WeakMap<object, number>();
let nextIdentity = 1;

function identity(o: object): number {
  let id = identities.get(o);
  if (id === undefined) identities.set(o, (id = nextIdentity++));
  return id;
}

/**
 * A string that changes exactly when invoke arguments change as C would
 * see them: equal JSON gives equal keys (so a fresh but equal object does
 * not count as a change), while Channels and bytes count by identity.
 * @sash/vue and @sash/react re-run a call when its key changes.
 */
export function argsKey(args: unknown): string {
  const seen = new Set<object>();
  const walk = (v: unknown): string => {
    if (v === undefined) return 'u';
    if (v === null || typeof v !== 'object') {
      if (typeof v === 'function' || typeof v === 'symbol') return 'u';
      if (typeof v === 'bigint') return 'n' + String(v);
      return JSON.stringify(v) ?? 'u';
    }
    if (v instanceof Channel || isBytes(v)) return '#' + identity(v);
    if (seen.has(v)) return '#cycle' + identity(v);
    seen.add(v);
    let out: string;
    if (Array.isArray(v)) {
      out = '[' + v.map(walk).join(',') + ']';
    } else if (typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      out = walk((v as { toJSON(): unknown }).toJSON());
    } else {
      out = '{' + Object.keys(v).sort()
        .map((k) => JSON.stringify(k) + ':' + walk((v as Record<string, unknown>)[k]))
        .join(',') + '}';
    }
    seen.delete(v);
    return out;
  };
  return walk(args);
}
