import { afterEach, describe, expect, it, vi } from 'vitest';
import { StrictMode, createElement, useEffect } from 'react';
import { act, cleanup, render, renderHook, screen } from '@testing-library/react';
import { clearMocks, mockEvents, mockIPC, type MockCallContext, type MockChannel } from '@sash/api/mocks';
import { useChannel, useEvent, useInvoke } from '@sash/react';

afterEach(() => {
  cleanup();
  clearMocks();
  vi.useRealTimers();
});


function deferredIPC() {
  const pending: { args: { q?: string } | null; ctx: MockCallContext; resolve(v: unknown): void }[] = [];
  const ipc = mockIPC((_cmd, args, ctx) => new Promise((resolve) => {
    pending.push({ args, ctx, resolve });
  }));
  return { ipc, pending };
}

describe('StrictMode', () => {
  it('(the harness really double-invokes effects, or these tests would prove nothing)', () => {
    let n = 0;
    renderHook(() => useEffect(() => { n++; }, []), { reactStrictMode: true });
    expect(n).toBe(2);
  });

  it('a mounting useInvoke calls the command once and shows one result', async () => {
    const handler = vi.fn(({ name }: { name: string }) => `Hello, ${name}`);
    const ipc = mockIPC({ greet: handler });
    function Greeting() {
      const { data, loading } = useInvoke<string>('greet', { name: 'Ada' });
      return createElement('p', null, loading ? 'loading' : data ?? 'none');
    }
    render(createElement(StrictMode, null, createElement(Greeting)));
    expect(await screen.findByText('Hello, Ada')).toBeTruthy();
    expect(handler).toHaveBeenCalledTimes(1);
    expect(ipc.calls).toHaveLength(1);
  });

  it('useEvent leaves exactly one live listener, and none after unmount', async () => {
    const events = mockEvents();
    const seen: number[] = [];
    function Clock() {
      useEvent<number>('tick', (e) => seen.push(e.payload));
      return null;
    }
    const view = render(createElement(StrictMode, null, createElement(Clock)));
    expect(events.listenerCount('tick')).toBe(1);
    act(() => events.emit('tick', 7));
    expect(seen).toEqual([7]);
    view.unmount();
    expect(events.listenerCount()).toBe(0);
  });

  it('useChannel and useInvoke together: one call, one stream, closed on unmount', async () => {
    let handle!: MockChannel<number>;
    const ipc = mockIPC({
      work: ({ progress }: { progress: MockChannel<number> }) => {
        handle = progress;
        progress.send(0.5);
        progress.send(1);
        return 'ok';
      },
    });
    const { result, unmount } = renderHook(() => {
      const p = useChannel<number>({ keep: 10 });
      const job = useInvoke<string>('work', { progress: p.channel });
      return { p, job };
    }, { reactStrictMode: true });
    await vi.waitFor(() => expect(result.current.p.latest).toBe(1));
    expect(result.current.p.messages).toEqual([0.5, 1]);
    expect(result.current.p.closed).toBe(false);
    expect(result.current.job.data).toBe('ok');
    expect(ipc.calls).toHaveLength(1);
    unmount();
    expect(handle.closed).toBe(true);
  });

  it('immediate: false makes no call on a StrictMode mount; a change of args does', async () => {
    const ipc = mockIPC(() => 1);
    const { rerender } = renderHook(({ q }) => useInvoke('x', { q }, { immediate: false }),
      { reactStrictMode: true, initialProps: { q: 'a' } });
    await new Promise((r) => setTimeout(r, 5));
    expect(ipc.calls).toHaveLength(0);
    rerender({ q: 'b' });
    await vi.waitFor(() => expect(ipc.calls).toHaveLength(1));
    expect(ipc.calls[0]!.args).toEqual({ q: 'b' });
  });
});

describe('useInvoke', () => {
  it('drops a stale response and aborts the older call when args change', async () => {
    const { ipc, pending } = deferredIPC();
    const { result, rerender } = renderHook(({ q }) => useInvoke<string>('search', { q }),
      { reactStrictMode: true, initialProps: { q: 'a' } });
    await vi.waitFor(() => expect(pending).toHaveLength(1));
    rerender({ q: 'ab' });
    await vi.waitFor(() => expect(pending).toHaveLength(2));
    expect(pending[0]!.ctx.signal.aborted).toBe(true);
    await act(async () => { pending[1]!.resolve('result ab'); });
    await vi.waitFor(() => expect(result.current.data).toBe('result ab'));
    await act(async () => {
      pending[0]!.resolve('result a');
      await new Promise((r) => setTimeout(r, 5));
    });
    expect(result.current.data).toBe('result ab');
    expect(result.current.loading).toBe(false);
    expect(ipc.calls.map((c) => c.args)).toEqual([{ q: 'a' }, { q: 'ab' }]);
  });

  it('an equal inline args object on re-render does not re-run', async () => {
    const ipc = mockIPC(() => 1);
    const { rerender } = renderHook(({ n }) => useInvoke('x', { n, nested: { list: [1, 2] } }),
      { initialProps: { n: 1 } });
    await vi.waitFor(() => expect(ipc.calls).toHaveLength(1));
    rerender({ n: 1 });
    rerender({ n: 1 });
    await new Promise((r) => setTimeout(r, 5));
    expect(ipc.calls).toHaveLength(1);
    rerender({ n: 2 });
    await vi.waitFor(() => expect(ipc.calls).toHaveLength(2));
  });

  it('aborts the call in flight on unmount', async () => {
    const { pending } = deferredIPC();
    const { result, unmount } = renderHook(() => useInvoke<string>('slow'), { reactStrictMode: true });
    await vi.waitFor(() => expect(pending).toHaveLength(1));
    const run = result.current.run;
    unmount();
    expect(pending[0]!.ctx.signal.aborted).toBe(true);
    pending[0]!.resolve('late');
    expect(await run()).toBeUndefined();
  });

  it('debounces re-runs on args changes and aborts the call in flight at once', async () => {
    vi.useFakeTimers();
    const { ipc, pending } = deferredIPC();
    const { result, rerender } = renderHook(({ q }) => useInvoke<string>('search', { q }, { debounce: 300 }),
      { initialProps: { q: '' } });
    await act(() => vi.advanceTimersByTimeAsync(1));
    expect(pending).toHaveLength(1);
    for (const q of ['s', 'sa', 'sas']) {
      rerender({ q });
      await act(() => vi.advanceTimersByTimeAsync(100));
    }
    expect(pending[0]!.ctx.signal.aborted).toBe(true);
    expect(ipc.calls).toHaveLength(1);
    await act(() => vi.advanceTimersByTimeAsync(250));
    expect(ipc.calls.map((c) => c.args)).toEqual([{ q: '' }, { q: 'sas' }]);
    await act(async () => {
      pending[1]!.resolve('hit');
      await vi.advanceTimersByTimeAsync(1);
    });
    expect(result.current.data).toBe('hit');
  });

  it('errors carry their code; outside Sash it is not_sash', async () => {
    const { result } = renderHook(() => useInvoke('x'));
    await vi.waitFor(() => expect(result.current.error?.code).toBe('not_sash'));
    mockIPC(() => { throw { code: 'forbidden', message: 'not granted' }; });
    await act(async () => { await result.current.run(); });
    expect(result.current.error).toMatchObject({ name: 'SashError', code: 'forbidden', message: 'not granted' });
  });

  it('run(args) and cancel(); enabled: false holds auto-runs', async () => {
    const { ipc, pending } = deferredIPC();
    const { result, rerender } = renderHook(({ on }) => useInvoke('x', { q: 'base' }, { enabled: on }),
      { initialProps: { on: false } });
    await new Promise((r) => setTimeout(r, 5));
    expect(ipc.calls).toHaveLength(0);
    act(() => { void result.current.run({ q: 'manual' }); });
    await vi.waitFor(() => expect(pending).toHaveLength(1));
    expect(result.current.loading).toBe(true);
    act(() => result.current.cancel());
    expect(pending[0]!.ctx.signal.aborted).toBe(true);
    expect(result.current.loading).toBe(false);
    rerender({ on: true });
    await vi.waitFor(() => expect(pending).toHaveLength(2));
    expect(pending[1]!.args).toEqual({ q: 'base' });
  });
});

describe('useEvent', () => {
  it('uses the newest handler without re-listening; a new name re-listens', () => {
    const events = mockEvents();
    const a = vi.fn(), b = vi.fn();
    const { rerender, unmount } = renderHook(({ name, h }) => useEvent(name, h),
      { initialProps: { name: 'x', h: a } });
    rerender({ name: 'x', h: b });
    act(() => events.emit('x', 1));
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledTimes(1);
    rerender({ name: 'y', h: b });
    expect(events.listenerCount('x')).toBe(0);
    expect(events.listenerCount('y')).toBe(1);
    unmount();
    expect(events.listenerCount()).toBe(0);
  });

  it('outside Sash it warns instead of throwing', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(() => renderHook(() => useEvent('nothing-here', () => {}))).not.toThrow();
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
