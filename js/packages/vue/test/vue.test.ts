import { afterEach, describe, expect, it, vi } from 'vitest';
import { computed, createApp, defineComponent, effectScope, h, nextTick, ref } from 'vue';
import { clearMocks, mockEvents, mockIPC, type MockCallContext, type MockChannel } from '@sash/api/mocks';
import { useChannel, useEvent, useInvoke, type UseInvoke } from '@sash/vue';

afterEach(() => {
  clearMocks();
  vi.useRealTimers();
});

// A mock command whose calls the test answers by hand, in any order.
function deferredIPC() {
  const pending: { args: { q?: string } | null; ctx: MockCallContext; resolve(v: unknown): void; reject(e: unknown): void }[] = [];
  const ipc = mockIPC((_cmd, args, ctx) => new Promise((resolve, reject) => {
    pending.push({ args, ctx, resolve, reject });
  }));
  return { ipc, pending };
}

function mount(setup: () => unknown) {
  const el = document.createElement('div');
  const app = createApp(defineComponent({ setup() { setup(); return () => h('div'); } }));
  app.mount(el);
  return app;
}

describe('useInvoke', () => {
  it('runs at once and exposes data and loading', async () => {
    mockIPC({ greet: ({ name }: { name: string }) => `Hello, ${name}` });
    const scope = effectScope();
    const r = scope.run(() => useInvoke<string>('greet', { name: 'Ada' }))!;
    expect(r.loading.value).toBe(true);
    await vi.waitFor(() => expect(r.data.value).toBe('Hello, Ada'));
    expect(r.loading.value).toBe(false);
    expect(r.error.value).toBeNull();
    scope.stop();
  });

  it('rejections land in error with their code; data keeps the last success', async () => {
    let fail = false;
    mockIPC({ get: () => { if (fail) throw { code: 'forbidden', message: 'no' }; return 1; } });
    const scope = effectScope();
    const r = scope.run(() => useInvoke<number>('get'))!;
    await vi.waitFor(() => expect(r.data.value).toBe(1));
    fail = true;
    expect(await r.run()).toBeUndefined();
    expect(r.error.value).toMatchObject({ name: 'SashError', code: 'forbidden' });
    expect(r.data.value).toBe(1);
    expect(r.loading.value).toBe(false);
    fail = false;
    expect(await r.run()).toBe(1);
    expect(r.error.value).toBeNull();
    scope.stop();
  });

  it('outside Sash the error is not_sash, nothing throws', async () => {
    const scope = effectScope();
    const r = scope.run(() => useInvoke('x'))!;
    await vi.waitFor(() => expect(r.error.value?.code).toBe('not_sash'));
    scope.stop();
  });

  it('drops a stale response: only the latest run sets data, the older call is aborted', async () => {
    const { ipc, pending } = deferredIPC();
    const q = ref('a');
    const scope = effectScope();
    const r = scope.run(() => useInvoke<string>('search', () => ({ q: q.value })))!;
    await vi.waitFor(() => expect(pending).toHaveLength(1));
    q.value = 'ab';
    await vi.waitFor(() => expect(pending).toHaveLength(2));
    expect(pending[0]!.ctx.signal.aborted).toBe(true);
    expect(pending[1]!.args).toEqual({ q: 'ab' });
    pending[1]!.resolve('result ab');
    await vi.waitFor(() => expect(r.data.value).toBe('result ab'));
    pending[0]!.resolve('result a'); // late answer of the first call
    await new Promise((res) => setTimeout(res, 10));
    expect(r.data.value).toBe('result ab');
    expect(r.error.value).toBeNull();
    expect(ipc.calls.map((c) => c.args)).toEqual([{ q: 'a' }, { q: 'ab' }]);
    scope.stop();
  });

  it('drops a stale response even from a bridge that ignores the abort (a race)', async () => {
    const resolvers: ((v: unknown) => void)[] = [];
    Object.defineProperty(globalThis, '__SASH__', {
      configurable: true,
      value: { invoke: () => new Promise((r) => resolvers.push(r)), listen: () => () => {} },
    });
    try {
      const q = ref(1);
      const scope = effectScope();
      const r = scope.run(() => useInvoke<number>('x', () => ({ q: q.value })))!;
      q.value = 2;
      await vi.waitFor(() => expect(resolvers).toHaveLength(2));
      resolvers[1]!(2);
      await vi.waitFor(() => expect(r.data.value).toBe(2));
      resolvers[0]!(1);
      await new Promise((res) => setTimeout(res, 5));
      expect(r.data.value).toBe(2);
      expect(r.loading.value).toBe(false);
      scope.stop();
    } finally {
      delete (globalThis as { __SASH__?: unknown }).__SASH__;
    }
  });

  it('an equal fresh args object does not re-run; a changed one does', async () => {
    const ipc = mockIPC(() => 1);
    const n = ref(1), other = ref(0);
    const scope = effectScope();
    scope.run(() => useInvoke('x', () => { void other.value; return { n: n.value }; }));
    await vi.waitFor(() => expect(ipc.calls).toHaveLength(1));
    other.value++;
    await nextTick();
    await new Promise((res) => setTimeout(res, 5));
    expect(ipc.calls).toHaveLength(1);
    n.value = 2;
    await vi.waitFor(() => expect(ipc.calls).toHaveLength(2));
    scope.stop();
  });

  it('debounces reactive re-runs and aborts the call in flight at once', async () => {
    vi.useFakeTimers();
    const { ipc, pending } = deferredIPC();
    const q = ref('');
    const scope = effectScope();
    const r = scope.run(() => useInvoke<string>('search', () => ({ q: q.value }), { debounce: 300 }))!;
    await vi.advanceTimersByTimeAsync(1);
    expect(pending).toHaveLength(1); // the immediate run is not debounced
    for (const s of ['s', 'sa', 'sas']) {
      q.value = s;
      await nextTick();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(pending[0]!.ctx.signal.aborted).toBe(true);
    expect(ipc.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(250);
    expect(ipc.calls.map((c) => c.args)).toEqual([{ q: '' }, { q: 'sas' }]);
    pending[1]!.resolve('hit');
    await vi.advanceTimersByTimeAsync(1);
    expect(r.data.value).toBe('hit');
    scope.stop();
  });

  it('aborts the call in flight on unmount and never sets data afterwards', async () => {
    const { pending } = deferredIPC();
    let r!: UseInvoke<string>;
    const app = mount(() => { r = useInvoke<string>('slow'); });
    await vi.waitFor(() => expect(pending).toHaveLength(1));
    app.unmount();
    expect(pending[0]!.ctx.signal.aborted).toBe(true);
    pending[0]!.resolve('late');
    await new Promise((res) => setTimeout(res, 10));
    expect(r.data.value).toBeUndefined();
    expect(r.loading.value).toBe(false);
    expect(await r.run()).toBeUndefined(); // a disposed composable stays quiet
  });

  it('cancel() aborts; run(args) overrides the args once', async () => {
    const { ipc, pending } = deferredIPC();
    const scope = effectScope();
    const r = scope.run(() => useInvoke('x', { q: 'base' }, { immediate: false }))!;
    await new Promise((res) => setTimeout(res, 5));
    expect(ipc.calls).toHaveLength(0);
    void r.run({ q: 'other' });
    await vi.waitFor(() => expect(pending).toHaveLength(1));
    expect(pending[0]!.args).toEqual({ q: 'other' });
    r.cancel();
    expect(r.loading.value).toBe(false);
    expect(pending[0]!.ctx.signal.aborted).toBe(true);
    expect(r.error.value).toBeNull();
    scope.stop();
  });

  it('enabled: false holds it; turning it on runs', async () => {
    const ipc = mockIPC(() => 5);
    const on = ref(false);
    const scope = effectScope();
    const r = scope.run(() => useInvoke('x', null, { enabled: on }))!;
    await new Promise((res) => setTimeout(res, 5));
    expect(ipc.calls).toHaveLength(0);
    on.value = true;
    await vi.waitFor(() => expect(r.data.value).toBe(5));
    scope.stop();
  });
});

describe('useEvent', () => {
  it('listens while mounted and unlistens on unmount', async () => {
    const events = mockEvents();
    const got: number[] = [];
    const app = mount(() => useEvent<number>('tick', (e) => got.push(e.payload)));
    expect(events.listenerCount('tick')).toBe(1);
    events.emit('tick', 1);
    events.emit('tick', 2);
    expect(got).toEqual([1, 2]);
    app.unmount();
    expect(events.listenerCount()).toBe(0);
  });

  it('a reactive name re-listens, leaving one listener', async () => {
    const events = mockEvents();
    const name = ref('a');
    const f = vi.fn();
    const scope = effectScope();
    scope.run(() => useEvent(name, f));
    name.value = 'b';
    await nextTick();
    expect(events.listenerCount('a')).toBe(0);
    expect(events.listenerCount('b')).toBe(1);
    events.emit('b', 1);
    expect(f).toHaveBeenCalledTimes(1);
    scope.stop();
    expect(events.listenerCount()).toBe(0);
  });

  it('outside Sash it warns instead of throwing', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const scope = effectScope();
    expect(() => scope.run(() => useEvent('zzz', () => {}))).not.toThrow();
    expect(warn).toHaveBeenCalled();
    scope.stop();
    warn.mockRestore();
  });
});

describe('useChannel', () => {
  it('makes a progress stream reactive, and closes with the scope', async () => {
    let handle!: MockChannel<number>;
    mockIPC({
      import: async ({ progress }: { progress: MockChannel<number> }) => {
        handle = progress;
        for (let i = 1; i <= 4; i++) progress.send(i / 4);
        return 'started';
      },
    });
    const scope = effectScope();
    const { p, job } = scope.run(() => {
      const p = useChannel<number>({ keep: 2 });
      const job = useInvoke('import', () => ({ progress: p.channel }), { immediate: false });
      return { p, job };
    })!;
    const kept = computed(() => p.messages.value.join(','));
    expect(kept.value).toBe('');
    expect(p.closed.value).toBe(true);
    await job.run();
    expect(p.closed.value).toBe(false);
    await vi.waitFor(() => expect(p.latest.value).toBe(1));
    expect(p.messages.value).toEqual([0.75, 1]);
    expect(p.count.value).toBe(4);
    expect(kept.value).toBe('0.75,1'); // a computed over messages follows it
    handle.send(2);
    await vi.waitFor(() => expect(p.latest.value).toBe(2));
    expect(kept.value).toBe('1,2');
    scope.stop();
    expect(handle.closed).toBe(true);
    expect(p.closed.value).toBe(true);
  });

  it('a second run starts a fresh stream', async () => {
    mockIPC({
      job: ({ ch, n }: { ch: MockChannel<number>; n: number }) => { ch.send(n); ch.close(); return null; },
    });
    const scope = effectScope();
    const { c, r } = scope.run(() => {
      const c = useChannel<number>({ keep: Infinity });
      const r = useInvoke('job', null, { immediate: false });
      return { c, r };
    })!;
    await r.run({ ch: c.channel, n: 1 });
    await vi.waitFor(() => expect(c.closed.value).toBe(true));
    expect(c.messages.value).toEqual([1]);
    await r.run({ ch: c.channel, n: 2 });
    await vi.waitFor(() => expect(c.closed.value).toBe(true));
    expect(c.messages.value).toEqual([2]);
    scope.stop();
  });
});
