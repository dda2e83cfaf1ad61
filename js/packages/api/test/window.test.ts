import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearMocks, mockEvents, mockIPC } from '@sash/api/mocks';
import {
  SashWindow, WindowEvent, availableMonitors, emitTo, getAllWindows, getCurrentWindow,
  getWindow, primaryMonitor,
} from '@sash/api/window';

afterEach(() => clearMocks());

const state = {
  label: 'main', title: 'T', x: 10, y: 20, width: 800, height: 600, minWidth: 0,
  minHeight: 0, maxWidth: 0, maxHeight: 0, scale: 2, resizable: true, decorated: true,
  alwaysOnTop: false, fullscreen: false, maximized: true, minimized: false, visible: true,
  focused: true, skipTaskbar: false,
};

describe('SashWindow commands', () => {
  it('the current window sends no label; getWindow(label) sends it', async () => {
    const ipc = mockIPC(() => null);
    await getCurrentWindow().setSize({ width: 300, height: 200 });
    await getWindow('settings').setPosition({ x: -5, y: 7 });
    await getWindow('settings').setAlwaysOnTop(true);
    await getCurrentWindow().maximize();
    expect(ipc.calls).toEqual([
      { cmd: 'window:set_size', args: { width: 300, height: 200 } },
      { cmd: 'window:set_position', args: { x: -5, y: 7, label: 'settings' } },
      { cmd: 'window:set_always_on_top', args: { value: true, label: 'settings' } },
      { cmd: 'window:maximize', args: {} },
    ]);
  });

  it('getters read window:state', async () => {
    mockIPC({ 'window:state': () => state });
    const w = getCurrentWindow();
    expect(await w.innerSize()).toEqual({ width: 800, height: 600 });
    expect(await w.outerPosition()).toEqual({ x: 10, y: 20 });
    expect(await w.scaleFactor()).toBe(2);
    expect(await w.isMaximized()).toBe(true);
    expect(await w.title()).toBe('T');
  });

  it('toggleMaximize unmaximizes a maximized window', async () => {
    const ipc = mockIPC({ 'window:state': () => state, 'window:unmaximize': () => null });
    await getCurrentWindow().toggleMaximize();
    expect(ipc.calls.map((c) => c.cmd)).toEqual(['window:state', 'window:unmaximize']);
  });

  it('create sends the options with the label and returns the window', async () => {
    const ipc = mockIPC({ 'window:create': (a: { label: string }) => ({ label: a.label }) });
    const w = await SashWindow.create('child', { url: '/child.html', width: 320, x: 1, y: 2 });
    expect(w.label).toBe('child');
    expect(ipc.calls[0]).toEqual({
      cmd: 'window:create', args: { url: '/child.html', width: 320, x: 1, y: 2, label: 'child' },
    });
    await expect(SashWindow.create('')).rejects.toMatchObject({ code: 'bad_args' });
  });

  it('errors from C arrive as SashErrors with their code', async () => {
    mockIPC({
      'window:set_size': () => {
        throw { code: 'bad_args', message: "window:set_size: 'width' = -5 is out of range" };
      },
      'window:state': () => {
        throw { code: 'not_found', message: "no window labelled 'ghost'" };
      },
    });
    await expect(getCurrentWindow().setSize({ width: -5, height: 1 }))
      .rejects.toMatchObject({ name: 'SashError', code: 'bad_args' });
    await expect(getWindow('ghost').isVisible()).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lists windows and monitors; emitTo targets a label', async () => {
    const mon = { name: 'A', x: 0, y: 0, width: 1, height: 1, scale: 1, primary: false,
      workArea: { x: 0, y: 0, width: 1, height: 1 } };
    const ipc = mockIPC({
      'window:list': () => ['main', 'settings'],
      'window:monitors': () => [mon, { ...mon, name: 'B', primary: true }],
      'window:emit_to': () => null,
    });
    expect((await getAllWindows()).map((w) => w.label)).toEqual(['main', 'settings']);
    expect((await availableMonitors()).length).toBe(2);
    expect((await primaryMonitor())?.name).toBe('B');
    await emitTo('settings', 'saved', { n: 1 });
    expect(ipc.calls.at(-1)).toEqual({
      cmd: 'window:emit_to', args: { label: 'settings', event: 'saved', payload: { n: 1 } },
    });
  });

  it('an empty label is refused', () => {
    expect(() => new SashWindow('')).toThrow(expect.objectContaining({ code: 'bad_args' }));
  });
});

describe('events', () => {
  it('onResized / onFocusChanged / onThemeChanged get their payloads', () => {
    mockIPC(() => null);
    const ev = mockEvents();
    const w = getCurrentWindow();
    const sizes: unknown[] = [];
    const focus: boolean[] = [];
    const themes: string[] = [];
    const offs = [
      w.onResized((s) => sizes.push(s)),
      w.onFocusChanged((f) => focus.push(f)),
      w.onThemeChanged((t) => themes.push(t)),
    ];
    ev.emit(WindowEvent.RESIZED, { width: 5, height: 6 });
    ev.emit(WindowEvent.FOCUSED, {});
    ev.emit(WindowEvent.BLURRED, {});
    ev.emit(WindowEvent.THEME_CHANGED, { theme: 'dark' });
    expect(sizes).toEqual([{ width: 5, height: 6 }]);
    expect(focus).toEqual([true, false]);
    expect(themes).toEqual(['dark']);
    offs.forEach((off) => off());
    expect(ev.listenerCount()).toBe(0);
  });
});

describe('onCloseRequested', () => {
  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('watches once, answers close:false when prevented, true otherwise', async () => {
    const ipc = mockIPC(() => null);
    const ev = mockEvents();
    let veto = true;
    const off = await getCurrentWindow().onCloseRequested((e) => {
      if (veto) e.preventDefault();
    });
    expect(ipc.calls[0]).toEqual({ cmd: 'window:watch_close', args: { on: true } });
    ev.emit(WindowEvent.CLOSE_REQUESTED, { id: 4 });
    await settle();
    expect(ipc.calls.at(-1)).toEqual({ cmd: 'window:close_answer', args: { id: 4, close: false } });
    veto = false;
    ev.emit(WindowEvent.CLOSE_REQUESTED, { id: 5 });
    await settle();
    expect(ipc.calls.at(-1)).toEqual({ cmd: 'window:close_answer', args: { id: 5, close: true } });
    off();
    await settle();
    expect(ipc.calls.at(-1)).toEqual({ cmd: 'window:watch_close', args: { on: false } });
    expect(ev.listenerCount(WindowEvent.CLOSE_REQUESTED)).toBe(0);
  });

  it('an async handler is awaited; a throwing one does not block the close', async () => {
    const ipc = mockIPC(() => null);
    const ev = mockEvents();
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const off1 = await getCurrentWindow().onCloseRequested(async (e) => {
      await settle();
      e.preventDefault();
    });
    const off2 = await getCurrentWindow().onCloseRequested(() => { throw new Error('x'); });
    expect(ipc.calls.filter((c) => c.cmd === 'window:watch_close').length).toBe(1);
    ev.emit(WindowEvent.CLOSE_REQUESTED, { id: 9 });
    for (let i = 0; i < 5; i++) await settle();
    expect(ipc.calls.at(-1)).toEqual({ cmd: 'window:close_answer', args: { id: 9, close: false } });
    expect(err).toHaveBeenCalled();
    off1();
    off2();
    err.mockRestore();
  });

  it('a forbidden watch rejects and leaves no listener', async () => {
    mockIPC({
      'window:watch_close': () => {
        throw { code: 'forbidden', message: "missing permission 'window:default'" };
      },
    });
    const ev = mockEvents();
    await expect(getCurrentWindow().onCloseRequested(() => {}))
      .rejects.toMatchObject({ code: 'forbidden' });
    expect(ev.listenerCount()).toBe(0);
  });
});
