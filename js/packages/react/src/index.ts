/**
 * @sash/react - React hooks over @sash/api.
 *
 * StrictMode-safe: React's dev-only unmount/remount of effects neither
 * calls a command twice nor leaves a second listener or channel behind.
 * Auto-runs start in a microtask that the simulated unmount cancels, and
 * listeners are synchronous to remove (listen() returns its unlisten
 * function, not a promise).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Channel, SashError, argsKey, invoke, isSash, listen,
  type CommandArgs, type CommandName, type CommandResult, type EventCallback, type EventPayload,
  type InvokeArgs,
} from '@sash/api';

export interface UseInvokeOptions<T> {
  /** Run when the component mounts (default true). */
  immediate?: boolean;
  /** Re-run when `cmd` or `args` change by value (default true). */
  watch?: boolean;
  /** Wait this many ms after the last change before re-running. */
  debounce?: number;
  /** While false, nothing runs by itself (`run()` still does). */
  enabled?: boolean;
  /** `data` before the first result. */
  initialData?: T;
}

export interface UseInvoke<T> {
  /** The result of the latest run that succeeded. */
  data: T | undefined;
  /** The error of the latest run, null after a success. */
  error: SashError | null;
  /** True while a run is in flight. */
  loading: boolean;
  /**
   * Runs now (aborting the run in flight), with the current args or with
   * `args` when given.  Resolves to the result, or undefined when the run
   * failed (see `error`), was superseded or the component unmounted.
   * Never rejects.  Stable across renders.
   */
  run(args?: InvokeArgs | null): Promise<T | undefined>;
  /** Aborts the run in flight and a pending debounced run.  Stable. */
  cancel(): void;
}

interface InvokeState<T> {
  data: T | undefined;
  error: SashError | null;
  loading: boolean;
}

// doneKey: the key of the last auto-run started (or skipped by
// `immediate: false`); INITIAL before the first effect, null to force one.
const INITIAL = Symbol('initial');

/**
 * Calls a command and keeps its result in state.  `args` are compared by
 * value, so an inline object literal is fine (no useMemo needed).  Only
 * the latest run may set `data`: an earlier response is dropped and its
 * call aborted (C sees `sash_call_cancelled`), also on unmount.
 *
 * @example
 * const [q, setQ] = useState('');
 * const { data, error, loading } = useInvoke<Hit[]>('search', { q }, { debounce: 200 });
 */
export function useInvoke<K extends CommandName>(
  cmd: K,
  args: CommandArgs<K>,
  options?: UseInvokeOptions<CommandResult<K>>,
): UseInvoke<CommandResult<K>>;
export function useInvoke<T = unknown, C extends string = string>(
  cmd: NotDeclared<C>,
  args?: InvokeArgs | null,
  options?: UseInvokeOptions<T>,
): UseInvoke<T>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function useInvoke(cmd: any, args?: any, options?: any): any {
  return useInvokeImpl(cmd, args, options);
}

// A declared command's name may not take the loose overload.
type NotDeclared<C extends string> = C extends CommandName ? never : C;

function useInvokeImpl<T>(
  cmd: string,
  args?: InvokeArgs | null,
  options: UseInvokeOptions<T> = {},
): UseInvoke<T> {
  const [state, setState] = useState<InvokeState<T>>(() => ({
    data: options.initialData, error: null, loading: false,
  }));
  const latest = useRef({ cmd, args });
  latest.current = { cmd, args };
  const seq = useRef(0);
  const controller = useRef<AbortController | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const mounted = useRef(false);
  const doneKey = useRef<string | null | typeof INITIAL>(INITIAL);

  const clearTimer = () => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  };

  // Returns true if a call was in flight.
  const abortInFlight = useCallback((): boolean => {
    seq.current++;
    const c = controller.current;
    controller.current = null;
    c?.abort();
    return c !== null;
  }, []);

  const run = useCallback(async (override?: InvokeArgs | null): Promise<T | undefined> => {
    clearTimer();
    abortInFlight();
    if (!mounted.current) return undefined;
    const mine = seq.current;
    const ctl = new AbortController();
    controller.current = ctl;
    setState((s) => (s.loading ? s : { ...s, loading: true }));
    const { cmd: c, args: a } = latest.current;
    try {
      const value = await (invoke as (c: string, a?: InvokeArgs | null, o?: object) => Promise<T>)(
        c, override !== undefined ? override : a, { signal: ctl.signal });
      if (mine !== seq.current) return undefined;
      controller.current = null;
      setState({ data: value, error: null, loading: false });
      return value;
    } catch (e) {
      if (mine === seq.current) {
        controller.current = null;
        const error = SashError.from(e);
        setState((s) => ({ ...s, error, loading: false }));
      }
      return undefined;
    }
  }, [abortInFlight]);

  const cancel = useCallback(() => {
    clearTimer();
    abortInFlight();
    setState((s) => (s.loading ? { ...s, loading: false } : s));
  }, [abortInFlight]);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      clearTimer();
      // Aborted mid-flight: a remount (StrictMode, <Activity>) runs again.
      if (abortInFlight()) doneKey.current = null;
    };
  }, [abortInFlight]);

  const key = cmd + '\u0000' + argsKey(args);
  const enabled = options.enabled !== false;
  const { immediate, debounce } = options;
  const watchArgs = options.watch !== false;

  useEffect(() => {
    if (!enabled) {
      if (doneKey.current !== INITIAL || controller.current) cancel();
      doneKey.current = null;
      return;
    }
    const initial = doneKey.current === INITIAL;
    if (doneKey.current === key) return;
    if (!initial && doneKey.current !== null && !watchArgs) return;
    if (initial && immediate === false) {
      doneKey.current = key;
      return;
    }
    let live = true;
    const start = () => {
      if (!live || !mounted.current) return;
      doneKey.current = key;
      void run();
    };
    const wait = initial ? 0 : debounce ?? 0;
    if (wait > 0) {
      abortInFlight();
      setState((s) => (s.loading ? { ...s, loading: false } : s));
      timer.current = setTimeout(start, wait);
    } else {
      queueMicrotask(start);
    }
    return () => {
      live = false;
      clearTimer();
    };
  }, [key, enabled, immediate, debounce, watchArgs, run, cancel, abortInFlight]);

  return { data: state.data, error: state.error, loading: state.loading, run, cancel };
}

/**
 * Listens to an event while the component is mounted.  The handler may
 * change on every render without re-listening; a new `name` re-listens.
 * Outside Sash it listens to nothing (and warns once).
 *
 * @example
 * useEvent<number>('tick', (e) => setCount(e.payload));
 */
export function useEvent<T = unknown, K extends string = string>(
  name: K, handler: EventCallback<EventPayload<K, T>>,
): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!isSash()) {
      warnOnce(`useEvent('${name}'): not in a Sash window, nothing will arrive`);
      return;
    }
    return listen<EventPayload<K, T>>(name, (e) => latest.current(e));
  }, [name]);
}

export interface UseChannelOptions {
  /** How many messages `messages` keeps, newest last (default 0; Infinity: all). */
  keep?: number;
}

export interface UseChannel<T> {
  /** Pass it in invoke args.  Each send starts a new stream and resets the state. */
  channel: Channel<T>;
  /** The newest message of the current stream. */
  latest: T | undefined;
  /** The last `keep` messages of the current stream. */
  messages: readonly T[];
  /** True once the stream ended (and before it began). */
  closed: boolean;
  /** How many messages the current stream delivered. */
  count: number;
}

interface ChannelState<T> {
  latest: T | undefined;
  messages: readonly T[];
  closed: boolean;
  count: number;
}

/**
 * A channel whose messages are state: progress bars, logs, chunks.  The
 * channel object is stable; it is closed on unmount, so C stops sending.
 *
 * @example
 * const progress = useChannel<number>();
 * const job = useInvoke('import', { file, progress: progress.channel }, { immediate: false });
 * // <progress value={progress.latest ?? 0} />
 */
export function useChannel<T = unknown>(options: UseChannelOptions = {}): UseChannel<T> {
  const keep = options.keep ?? 0;
  const [channel] = useState(() => new Channel<T>());
  const [state, setState] = useState<ChannelState<T>>(
    { latest: undefined, messages: [], closed: true, count: 0 });
  const keepRef = useRef(keep);
  keepRef.current = keep;

  useEffect(() => {
    channel.onmessage = (m) => setState((s) => {
      const k = keepRef.current;
      let messages = s.messages;
      if (k > 0) {
        const next = messages.length >= k ? messages.slice(messages.length - k + 1) : messages.slice();
        next.push(m);
        messages = next;
      }
      return { latest: m, messages, closed: s.closed, count: s.count + 1 };
    });
    channel.onopen = () => setState({ latest: undefined, messages: [], closed: false, count: 0 });
    channel.onclose = () => setState((s) => (s.closed ? s : { ...s, closed: true }));
    return () => {
      channel.onmessage = null;
      channel.onopen = null;
      channel.onclose = null;
      channel.close();
    };
  }, [channel]);

  return { channel, ...state };
}

const warned = new Set<string>();
function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn('[sash] ' + message);
}
