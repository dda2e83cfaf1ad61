import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  Channel, SashError, emit, invoke, isSash, isSashError, listen, once, rows, stats,
} from '@sash/api';
import { clearMocks, mockEvents, mockIPC, type MockChannel } from '@sash/api/mocks';

afterEach(() => clearMocks());

describe('outside Sash', () => {
  it('importing works and isSash() is false', () => {
    expect(isSash()).toBe(false);
  });

  it('invoke rejects with a SashError not_sash, not a TypeError', async () => {
    const e = await invoke('anything').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SashError);
    expect(e).toBeInstanceOf(Error);
    expect((e as SashError).code).toBe('not_sash');
    expect((e as SashError).message).toMatch(/not running in a Sash window/);
  });

  it('listen throws not_sash; emit and stats reject not_sash', async () => {
    expect(() => listen('x', () => {})).toThrow(expect.objectContaining({ code: 'not_sash' }));
    await expect(emit('x', 1)).rejects.toMatchObject({ code: 'not_sash' });
    await expect(stats()).rejects.toMatchObject({ code: 'not_sash' });
  });

  it('a Channel and rows() can be created without the bridge', async () => {
    const ch = new Channel<number>();
    expect(ch.closed).toBe(true);
    expect(ch.id).toBeUndefined();
    const r = rows('ledger');
    await expect(r.count()).rejects.toMatchObject({ code: 'not_sash' });
  });
});

describe('invoke', () => {
  it('sends JSON args and resolves the JSON result', async () => {
    const ipc = mockIPC((cmd, args) => ({ cmd, echo: args, when: new Date(0) }));
    expect(isSash()).toBe(true);
    const r = await invoke<{ cmd: string; echo: unknown; when: string }>('echo', { a: 1, b: [true] });
    // The reply went through JSON, as it does in Sash: the Date is a string.
    expect(r).toEqual({ cmd: 'echo', echo: { a: 1, b: [true] }, when: '1970-01-01T00:00:00.000Z' });
    expect(ipc.calls).toEqual([{ cmd: 'echo', args: { a: 1, b: [true] } }]);
  });

  it('without args, C gets null', async () => {
    const handler = vi.fn(() => 7);
    mockIPC(handler);
    expect(await invoke('seven')).toBe(7);
    expect(handler).toHaveBeenCalledWith('seven', null, expect.anything());
  });

  it('is asynchronous even when the mock answers synchronously', async () => {
    mockIPC(() => 1);
    let done = false;
    const p = invoke('x').then(() => { done = true; });
    await Promise.resolve();
    expect(done).toBe(false);
    await p;
    expect(done).toBe(true);
  });

  it('a command table rejects unknown commands with not_found', async () => {
    mockIPC({ greet: ({ name }: { name: string }) => `Hello, ${name}` });
    expect(await invoke('greet', { name: 'Ada' })).toBe('Hello, Ada');
    await expect(invoke('nope')).rejects.toMatchObject({ name: 'SashError', code: 'not_found' });
  });

  it.each([
    ['forbidden'], ['bad_args'], ['too_large'], ['too_deep'], ['busy'], ['my_own_code'],
  ])('rejects with the code the command chose: %s', async (code) => {
    mockIPC(() => { throw new SashError(code, 'because ' + code); });
    const e = await invoke('x').catch((x: unknown) => x);
    expect(isSashError(e, code)).toBe(true);
    expect((e as SashError).message).toBe('because ' + code);
  });

  it('a plain {code, message} rejection becomes a SashError; other throws are internal', async () => {
    mockIPC((cmd) => {
      if (cmd === 'a') throw { code: 'forbidden', message: 'missing permission: a' };
      throw new TypeError('boom');
    });
    const a = await invoke('a').catch((x: unknown) => x);
    expect(a).toBeInstanceOf(SashError);
    expect(a).toMatchObject({ code: 'forbidden', message: 'missing permission: a' });
    await expect(invoke('b')).rejects.toMatchObject({ code: 'internal', message: 'boom' });
  });

  it('refuses bad args before sending, with bad_args', async () => {
    const ipc = mockIPC(() => 1);
    await expect(invoke('x', [1, 2] as never)).rejects.toMatchObject({ code: 'bad_args' });
    await expect(invoke('x', 5 as never)).rejects.toMatchObject({ code: 'bad_args' });
    await expect(invoke('')).rejects.toMatchObject({ code: 'bad_args' });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(invoke('x', cyclic)).rejects.toMatchObject({ code: 'bad_args' });
    expect(ipc.calls).toHaveLength(0);
  });

  it('sends bytes on the raw path and gets bytes back as an ArrayBuffer', async () => {
    const ipc = mockIPC((_cmd, args: { shift: number }, ctx) => {
      const out = new Uint8Array(ctx.bytes!.length);
      ctx.bytes!.forEach((b, i) => { out[i] = (b + args.shift) & 255; });
      return out;
    });
    const input = new Uint8Array([1, 2, 255]);
    const r = await invoke('shift', input, { shift: 1 });
    expect(Object.prototype.toString.call(r)).toBe('[object ArrayBuffer]');
    expect([...new Uint8Array(r)]).toEqual([2, 3, 0]);
    expect(ipc.calls[0]!.bytes).toEqual(new Uint8Array([1, 2, 255]));
    // A view into a bigger buffer sends only its own bytes.
    const big = new Uint8Array([9, 9, 4, 5, 9]);
    const r2 = await invoke('shift', big.subarray(2, 4), { shift: 0 });
    expect([...new Uint8Array(r2)]).toEqual([4, 5]);
    const r3 = await invoke('shift', new ArrayBuffer(2), { shift: 3 });
    expect([...new Uint8Array(r3)]).toEqual([3, 3]);
  });

  it('an aborted signal rejects with cancelled at once and tells the command', async () => {
    let seen: AbortSignal | null = null;
    let release!: () => void;
    mockIPC((_c, _a, ctx) => {
      seen = ctx.signal;
      return new Promise<void>((r) => { release = r; });
    });
    const ctl = new AbortController();
    const p = invoke('slow', {}, { signal: ctl.signal });
    await vi.waitFor(() => expect(seen).not.toBeNull());
    ctl.abort();
    await expect(p).rejects.toMatchObject({ code: 'cancelled' });
    expect(seen!.aborted).toBe(true);
    release();
  });

  it('a signal aborted before the call rejects without calling', async () => {
    const ipc = mockIPC(() => 1);
    await expect(invoke('x', null, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'cancelled' });
    expect(ipc.calls).toHaveLength(0);
  });

  it('stats() calls the profiler command', async () => {
    const table = { calls: {}, events: {}, channels: { messages: 3, bytes: 9 } };
    mockIPC({ __sash_stats: () => table });
    expect(await stats()).toEqual(table);
  });
});

describe('Channel', () => {
  it('streams ordered messages passed inside args, then closes', async () => {
    mockIPC(async (_cmd, args: { job: { progress: MockChannel<number> } }) => {
      const ch = args.job.progress;
      for (let i = 1; i <= 5; i++) ch.send(i / 5);
      ch.send(new Uint8Array([7]) as never);
      ch.close();
      return 'ok';
    });
    const got: unknown[] = [];
    const ch = new Channel<number>((m) => got.push(m));
    const opened = vi.fn();
    const closed = new Promise<void>((r) => { ch.onclose = r; });
    ch.onopen = opened;
    expect(await invoke('work', { job: { progress: ch } })).toBe('ok');
    await closed;
    expect(got.slice(0, 5)).toEqual([0.2, 0.4, 0.6, 0.8, 1]);
    expect(new Uint8Array(got[5] as ArrayBuffer)).toEqual(new Uint8Array([7]));
    expect(ch.closed).toBe(true);
    expect(opened).toHaveBeenCalledTimes(1);
  });

  it('close() from the page stops the sender and runs onclose once', async () => {
    let handle!: MockChannel<number>;
    mockIPC((_c, args: { ch: MockChannel<number> }) => { handle = args.ch; return null; });
    const got: number[] = [];
    const onclose = vi.fn();
    const ch = new Channel<number>((m) => got.push(m));
    ch.onclose = onclose;
    await invoke('start', { ch });
    expect(ch.closed).toBe(false);
    expect(handle.send(1)).toBe(true);
    await vi.waitFor(() => expect(got).toEqual([1]));
    ch.close();
    ch.close();
    expect(onclose).toHaveBeenCalledTimes(1);
    expect(handle.closed).toBe(true);
    expect(handle.send(2)).toBe(false);
    await new Promise((r) => setTimeout(r, 5));
    expect(got).toEqual([1]);
  });

  it('a closed channel sent again opens a new stream', async () => {
    const ids: number[] = [];
    mockIPC((_c, args: { ch: MockChannel }) => { ids.push(args.ch.id); args.ch.close(); return null; });
    const ch = new Channel();
    const opened = vi.fn();
    ch.onopen = opened;
    await invoke('a', { ch });
    await vi.waitFor(() => expect(ch.closed).toBe(true));
    await invoke('b', { ch });
    expect(ids).toHaveLength(2);
    expect(ids[0]).not.toBe(ids[1]);
    expect(opened).toHaveBeenCalledTimes(2);
  });
});

describe('events', () => {
  it('listen receives events; unlisten removes exactly that listener', () => {
    const events = mockEvents();
    const a = vi.fn(), b = vi.fn();
    const offA = listen<number>('tick', a);
    const offB = listen('tick', b);
    events.emit('tick', 1);
    expect(a).toHaveBeenCalledWith({ event: 'tick', payload: 1 });
    expect(events.listenerCount('tick')).toBe(2);
    offA();
    offA(); // twice is harmless and does not remove b
    events.emit('tick', 2);
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledTimes(2);
    offB();
    expect(events.listenerCount()).toBe(0);
  });

  it('the same function may listen twice and unlisten once each', () => {
    const events = mockEvents();
    const f = vi.fn();
    const off1 = listen('e', f);
    listen('e', f);
    off1();
    events.emit('e');
    expect(f).toHaveBeenCalledTimes(1);
  });

  it('once fires once and cleans up', () => {
    const events = mockEvents();
    const f = vi.fn();
    once('ready', f);
    events.emit('ready', 'a');
    events.emit('ready', 'b');
    expect(f).toHaveBeenCalledTimes(1);
    expect(f).toHaveBeenCalledWith({ event: 'ready', payload: 'a' });
    expect(events.listenerCount('ready')).toBe(0);
  });

  it('listen refuses a bad name or callback with bad_args', () => {
    mockEvents();
    expect(() => listen('', () => {})).toThrow(expect.objectContaining({ code: 'bad_args' }));
    expect(() => listen('x', 5 as never)).toThrow(expect.objectContaining({ code: 'bad_args' }));
  });

  it('emit sends to C (captured), not back to the page', async () => {
    const events = mockEvents();
    const f = vi.fn();
    listen('saved', f);
    await emit('saved', { id: 3 });
    await emit('ping');
    expect(events.emitted).toEqual([
      { event: 'saved', payload: { id: 3 } }, { event: 'ping', payload: null },
    ]);
    expect(f).not.toHaveBeenCalled();
    await expect(emit('')).rejects.toMatchObject({ code: 'bad_args' });
  });

  it('clearMocks drops every listener', () => {
    const events = mockEvents();
    listen('a', () => {});
    clearMocks();
    expect(events.listenerCount()).toBe(0);
    expect(isSash()).toBe(false);
  });
});

describe('rows', () => {
  const data = Array.from({ length: 1050 }, (_, i) => ({ id: i }));

  function mockLedger() {
    return mockIPC({
      ledger: ({ from, to }: { from: number; to: number }) =>
        ({ total: data.length, from, rows: data.slice(from, Math.min(to, data.length)) }),
    });
  }

  it('count() and get() across pages, fetched once and cached', async () => {
    const ipc = mockLedger();
    const r = rows<{ id: number }>('ledger', 100);
    expect(await r.count()).toBe(1050);
    const got = await r.get(95, 305);
    expect(got.map((x) => x.id)).toEqual(Array.from({ length: 210 }, (_, i) => 95 + i));
    const pagesFetched = ipc.calls.filter((c) => c.args!.to !== 0).map((c) => c.args!.from);
    expect(pagesFetched.sort((a, b) => (a as number) - (b as number))).toEqual([0, 100, 200, 300]);
    await r.get(100, 200);
    expect(ipc.calls.filter((c) => c.args!.to !== 0)).toHaveLength(4);
  });

  it('the last page is short; past the end gives nothing', async () => {
    mockLedger();
    const r = rows<{ id: number }>('ledger', 200);
    expect((await r.get(1040, 1100)).map((x) => x.id)).toEqual(Array.from({ length: 10 }, (_, i) => 1040 + i));
    expect(await r.get(2000, 2010)).toEqual([]);
    expect(await r.get(5, 5)).toEqual([]);
  });

  it('invalidate() refetches', async () => {
    const ipc = mockLedger();
    const r = rows('ledger', 100);
    await r.get(0, 10);
    r.invalidate();
    await r.get(0, 10);
    expect(ipc.calls).toHaveLength(2);
  });

  it('a failed page is not cached', async () => {
    let fail = true;
    mockIPC({
      ledger: ({ from, to }: { from: number; to: number }) => {
        if (fail) throw new SashError('busy', 'try later');
        return { total: 10, from, rows: data.slice(from, Math.min(to, 10)) };
      },
    });
    const r = rows('ledger', 100);
    await expect(r.get(0, 5)).rejects.toMatchObject({ code: 'busy' });
    fail = false;
    expect(await r.get(0, 5)).toHaveLength(5);
  });

  it('a signal abandons one caller, not the shared page fetch', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const ipc = mockIPC({
      ledger: async ({ from, to }: { from: number; to: number }) => {
        await gate;
        return { total: data.length, from, rows: data.slice(from, to) };
      },
    });
    const r = rows<{ id: number }>('ledger', 100);
    const ctl = new AbortController();
    const a = r.get(0, 10, { signal: ctl.signal });
    const b = r.get(5, 15);
    ctl.abort();
    await expect(a).rejects.toMatchObject({ code: 'cancelled' });
    release();
    expect((await b).map((x) => x.id)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(ipc.calls).toHaveLength(1);
    await expect(r.get(0, 1, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('refuses a bad page size or range', async () => {
    mockLedger();
    expect(() => rows('ledger', 0)).toThrow(expect.objectContaining({ code: 'bad_args' }));
    expect(() => rows('ledger', 1001)).toThrow(expect.objectContaining({ code: 'bad_args' }));
    await expect(rows('ledger').get(-1, 3)).rejects.toMatchObject({ code: 'bad_args' });
  });
});
