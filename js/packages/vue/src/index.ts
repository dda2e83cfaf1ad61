/**
 * @sash/vue - Vue 3 composables over @sash/api.
 *
 * Each composable cleans up with its effect scope (a component's unmount,
 * or `effectScope().stop()`): in-flight calls are aborted, listeners
 * removed, channels closed.
 */
import {
  getCurrentScope, onScopeDispose, ref, shallowRef, toValue, triggerRef, watch,
  type MaybeRefOrGetter, type Ref, type ShallowRef,
} from 'vue';
import {
  Channel, SashError, argsKey, invoke, isSash, listen,
  type CommandArgs, type CommandName, type CommandResult, type EventCallback, type EventPayload,
  type InvokeArgs, type UnlistenFn,
} from '@sash/api';

export interface UseInvokeOptions<T> {
  /** Run once when the composable is set up (default true). */
  immediate?: boolean;
  /**
   * Re-run when `cmd` or `args` change (default true).  Changes are
   * compared by value (a getter may return a fresh object each time).
   */
  watch?: boolean;
  /**
   * Wait this many milliseconds after the last change before re-running
   * (type-ahead search).  The call in flight is aborted at once.
   */
  debounce?: number;
  /** While false, nothing runs by itself (`run()` still does). */
  enabled?: MaybeRefOrGetter<boolean>;
  /** `data` before the first result. */
  initialData?: T;
}

export interface UseInvoke<T> {
  /** The result of the latest run that succeeded. */
  data: Readonly<ShallowRef<T | undefined>>;
  /** The error of the latest run, null after a success. */
  error: Readonly<ShallowRef<SashError | null>>;
  /** True while a run is in flight. */
  loading: Readonly<Ref<boolean>>;
  /**
   * Runs the command now (aborting the run in flight) with the current
   * args, or with `args` when given.  Resolves to the result, or to
   * undefined if the run failed (see `error`) or was superseded.  Never
   * rejects.
   */
  run(args?: InvokeArgs | null): Promise<T | undefined>;
  /** Aborts the run in flight and any pending debounced run. */
  cancel(): void;
}

/**
 * Calls a command and keeps its result reactive.  Only the latest run may
 * set `data`: a slower earlier response is dropped, and its call aborted
 * (C sees `sash_call_cancelled`).
 *
 * @example
 * const query = ref('');
 * const { data, error, loading } = useInvoke<Hit[]>('search', () => ({ q: query.value }),
 *                                             { debounce: 200 });
 */
export function useInvoke<K extends CommandName>(
  cmd: K,
  args: MaybeRefOrGetter<CommandArgs<K>>,
  options?: UseInvokeOptions<CommandResult<K>>,
): UseInvoke<CommandResult<K>>;
export function useInvoke<T = unknown, C extends string = string>(
  cmd: NotDeclared<C> | Ref<string> | (() => string),
  args?: MaybeRefOrGetter<InvokeArgs | null | undefined>,
  options?: UseInvokeOptions<T>,
): UseInvoke<T>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function useInvoke(cmd: any, args?: any, options?: any): any {
  return useInvokeImpl(cmd, args, options);
}

// A declared command's name may not take the loose overload.
type NotDeclared<C extends string> = C extends CommandName ? never : C;

function useInvokeImpl<T>(
  cmd: MaybeRefOrGetter<string>,
  args?: MaybeRefOrGetter<InvokeArgs | null | undefined>,
  options: UseInvokeOptions<T> = {},
): UseInvoke<T> {
  const data = shallowRef<T | undefined>(options.initialData);
  const error = shallowRef<SashError | null>(null);
  const loading = ref(false);
  let seq = 0;
  let controller: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;

  const clearTimer = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  const abortInFlight = () => {
    seq++;
    controller?.abort();
    controller = null;
  };

  async function run(override?: InvokeArgs | null): Promise<T | undefined> {
    clearTimer();
    abortInFlight();
    if (disposed) return undefined;
    const mine = seq;
    const ctl = new AbortController();
    controller = ctl;
    loading.value = true;
    try {
      const a = override !== undefined ? override : toValue(args);
      const value = await (invoke as (c: string, a?: InvokeArgs | null, o?: object) => Promise<T>)(
        toValue(cmd), a, { signal: ctl.signal });
      if (mine !== seq) return undefined;
      data.value = value;
      error.value = null;
      return value;
    } catch (e) {
      if (mine === seq) error.value = SashError.from(e);
      return undefined;
    } finally {
      if (mine === seq) {
        loading.value = false;
        controller = null;
      }
    }
  }

  function cancel(): void {
    clearTimer();
    abortInFlight();
    loading.value = false;
  }

  const enabled = () => options.enabled === undefined || toValue(options.enabled);

  if (options.watch !== false) {
    watch(
      () => [toValue(cmd), argsKey(toValue(args)), enabled()] as const,
      (now, before) => {
        if (!now[2]) return cancel();
        if (now[0] === before[0] && now[1] === before[1] && before[2]) return;
        const wait = options.debounce ?? 0;
        if (wait > 0) {
          abortInFlight();
          loading.value = false;
          clearTimer();
          timer = setTimeout(() => { timer = null; void run(); }, wait);
        } else {
          void run();
        }
      },
    );
  }

  if (getCurrentScope()) {
    onScopeDispose(() => {
      cancel();
      disposed = true;
    });
  }

  if (options.immediate !== false && enabled()) void run();

  return { data, error, loading, run, cancel };
}

/**
 * Listens to an event while the component lives.  The handler may change
 * without re-listening; a reactive name re-listens.  Outside Sash it
 * listens to nothing (and warns once) instead of throwing during setup.
 * Returns a function that stops listening early.
 *
 * @example
 * useEvent<number>('tick', (e) => (count.value = e.payload));
 */
export function useEvent<T = unknown, K extends string = string>(
  name: MaybeRefOrGetter<K>,
  handler: EventCallback<EventPayload<K, T>>,
): UnlistenFn {
  let off: UnlistenFn | null = null;
  let stopped = false;
  const attach = (n: K) => {
    off?.();
    off = null;
    if (stopped) return;
    if (!isSash()) {
      warnOnce(`useEvent('${n}'): not in a Sash window, nothing will arrive`);
      return;
    }
    off = listen<EventPayload<K, T>>(n, (e) => handler(e));
  };
  const stopWatch = watch(() => toValue(name), attach, { immediate: true });
  const stop = () => {
    stopped = true;
    stopWatch();
    off?.();
    off = null;
  };
  if (getCurrentScope()) onScopeDispose(stop);
  return stop;
}

export interface UseChannelOptions {
  /**
   * How many messages `messages` keeps, the newest last (default 0: keep
   * none, only `latest`; `Infinity` keeps all).
   */
  keep?: number;
}

export interface UseChannel<T> {
  /** Pass it in invoke args.  Each send starts a new stream and resets the state. */
  channel: Channel<T>;
  /** The newest message of the current stream. */
  latest: Readonly<ShallowRef<T | undefined>>;
  /** The last `keep` messages of the current stream. */
  messages: Readonly<ShallowRef<readonly T[]>>;
  /** True once the stream ended (and before it began). */
  closed: Readonly<Ref<boolean>>;
  /** How many messages the current stream delivered. */
  count: Readonly<Ref<number>>;
}

/**
 * A channel whose messages are reactive: for progress bars, logs, chunks.
 * The channel is closed when the scope ends, so C stops sending.
 *
 * @example
 * const progress = useChannel<number>();
 * const job = useInvoke('import', () => ({ file: file.value, progress: progress.channel }),
 *                       { immediate: false });
 * // <progress :value="progress.latest.value ?? 0" />
 */
export function useChannel<T = unknown>(options: UseChannelOptions = {}): UseChannel<T> {
  const keep = options.keep ?? 0;
  const latest = shallowRef<T | undefined>(undefined);
  const messages = shallowRef<readonly T[]>([]);
  const closed = ref(true);
  const count = ref(0);
  const channel = new Channel<T>((m) => {
    latest.value = m;
    count.value++;
    if (keep > 0) {
      // In place and O(1) a message: a log of 100,000 lines stays linear.
      const list = messages.value as T[];
      list.push(m);
      if (list.length > keep) list.shift();
      triggerRef(messages);
    }
  });
  channel.onopen = () => {
    latest.value = undefined;
    messages.value = [];
    count.value = 0;
    closed.value = false;
  };
  channel.onclose = () => { closed.value = true; };
  if (getCurrentScope()) onScopeDispose(() => channel.close());
  return { channel, latest, messages, closed, count };
}

const warned = new Set<string>();
function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn('[sash] ' + message);
}
