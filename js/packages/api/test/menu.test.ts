import { afterEach, describe, expect, it, vi } from 'vitest';
import { SashError } from '@sash/api';
import { clearMocks, mockEvents, mockIPC } from '@sash/api/mocks';
import {
  CheckMenuItem, Menu, MenuItem, PredefinedMenuItem, RadioMenuItem, Submenu, onMenuEvent,
  removeWindowMenu,
} from '../src/menu.js';
import { TrayIcon, onTrayEvent } from '../src/tray.js';

afterEach(() => clearMocks());

/* A fake C side: keeps menus as their wire description, like menu.c. */
function fakeMenus() {
  const menus = new Map<string, { items: unknown[] }>();
  let n = 0;
  const ipc = mockIPC({
    'menu:new': (a: { items: unknown[] }) => {
      if (!Array.isArray(a.items)) throw new SashError('bad_args', 'items');
      const rid = `menu-${++n}`;
      menus.set(rid, { items: a.items });
      return { rid };
    },
    'menu:set_text': () => null,
    'menu:set_enabled': () => null,
    'menu:set_checked': () => null,
    'menu:is_checked': () => true,
    'menu:insert': () => null,
    'menu:remove': () => null,
    'menu:popup': () => null,
    'menu:set_window_menu': () => null,
    'menu:set_app_menu': () => null,
    'menu:close': (a: { rid: string }) => {
      menus.delete(a.rid);
      return null;
    },
  });
  return { ipc, menus };
}

describe('@sash/api/menu', () => {
  it('sends one JSON description of the whole tree', async () => {
    const { ipc, menus } = fakeMenus();
    const menu = await Menu.new({ items: [
      await Submenu.new({ text: 'File', items: [
        await MenuItem.new({ id: 'save', text: 'Save', accelerator: 'CmdOrCtrl+S' }),
        await PredefinedMenuItem.new({ item: 'Separator' }),
        await CheckMenuItem.new({ id: 'wrap', text: 'Wrap', checked: true }),
        await RadioMenuItem.new({ id: 'dark', text: 'Dark', group: 'theme' }),
        await PredefinedMenuItem.new({ item: 'Quit' }),
      ] }),
    ] });
    expect(menu.rid).toBe('menu-1');
    expect(ipc.calls[0]!.cmd).toBe('menu:new');
    const file = (menus.get('menu-1')!.items[0]) as { kind: string; text: string; items: unknown[] };
    expect(file.kind).toBe('submenu');
    expect(file.text).toBe('File');
    expect(file.items).toEqual([
      { id: 'save', text: 'Save', accelerator: 'CmdOrCtrl+S' },
      { kind: 'separator' },
      { kind: 'check', id: 'wrap', text: 'Wrap', checked: true },
      { kind: 'radio', id: 'dark', text: 'Dark', checked: false, group: 'theme' },
      { kind: 'predefined', id: expect.stringMatching(/^js-item-/), item: 'quit' },
    ]);
    expect(menu.get('wrap')).toBeInstanceOf(CheckMenuItem);
  });

  it('items change their native menu by rid and id', async () => {
    const { ipc } = fakeMenus();
    const save = await MenuItem.new({ id: 'save', text: 'Save' });
    const wrap = await CheckMenuItem.new({ id: 'wrap', text: 'Wrap' });
    await expect(save.setText('x')).rejects.toMatchObject({ code: 'bad_args' });
    const menu = await Menu.new({ items: [save, wrap] });
    await save.setText('Save All');
    await save.setEnabled(false);
    await wrap.setChecked(true);
    expect(await wrap.isChecked()).toBe(true);
    await menu.append(await MenuItem.new({ id: 'n', text: 'New' }));
    await menu.remove('n');
    await menu.popup({ x: 3, y: 4 });
    await menu.popup();
    await menu.setAsWindowMenu();
    await removeWindowMenu();
    await menu.setAsAppMenu();
    expect(ipc.calls.slice(1).map((c) => [c.cmd, c.args])).toEqual([
      ['menu:set_text', { rid: 'menu-1', id: 'save', text: 'Save All' }],
      ['menu:set_enabled', { rid: 'menu-1', id: 'save', enabled: false }],
      ['menu:set_checked', { rid: 'menu-1', id: 'wrap', checked: true }],
      ['menu:is_checked', { rid: 'menu-1', id: 'wrap' }],
      ['menu:insert', { rid: 'menu-1', index: -1, items: [{ id: 'n', text: 'New' }] }],
      ['menu:remove', { rid: 'menu-1', id: 'n' }],
      ['menu:popup', { rid: 'menu-1', x: 3, y: 4 }],
      ['menu:popup', { rid: 'menu-1' }],
      ['menu:set_window_menu', { rid: 'menu-1' }],
      ['menu:set_window_menu', { rid: null }],
      ['menu:set_app_menu', { rid: 'menu-1' }],
    ]);
    expect(save.text()).toBe('Save All');
  });

  it('a pick calls the item action; other menus and items do not fire', async () => {
    fakeMenus();
    const events = mockEvents();
    const onSave = vi.fn();
    const onOther = vi.fn();
    await Menu.new({ items: [await MenuItem.new({ id: 'save', text: 'Save', action: onSave })] });
    await Menu.new({ items: [await MenuItem.new({ id: 'save', text: 'Save', action: onOther })] });
    const all = vi.fn();
    const off = onMenuEvent(all);
    events.emit('sash:menu', { id: 'save', menu: 'menu-1', window: 'main' });
    await vi.waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave).toHaveBeenCalledWith('save', { id: 'save', menu: 'menu-1', window: 'main' });
    expect(onOther).not.toHaveBeenCalled();
    expect(all).toHaveBeenCalledTimes(1);
    off();
  });

  it('C rejections reach the caller as SashErrors', async () => {
    mockIPC({
      'menu:new': () => { throw new SashError('bad_args', 'items[0]: accelerator "Ctrl+Nope": unknown key'); },
    });
    await expect(Menu.new({ items: [await MenuItem.new({ text: 'a', accelerator: 'Ctrl+Nope' })] }))
      .rejects.toMatchObject({ code: 'bad_args', message: expect.stringContaining('Ctrl+Nope') });
    await expect(PredefinedMenuItem.new({ item: 'Fly' as 'Copy' })).rejects.toBeInstanceOf(SashError);
  });

  it('an item belongs to one menu', async () => {
    fakeMenus();
    const item = await MenuItem.new({ text: 'x' });
    await Menu.new({ items: [item] });
    await expect(Menu.new({ items: [item] })).rejects.toMatchObject({ code: 'bad_args' });
  });
});

describe('@sash/api/tray', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

  it('sends the icon as raw bytes with JSON args beside', async () => {
    const ipc = mockIPC((cmd, args, ctx) => {
      if (cmd === 'menu:new') return { rid: 'menu-1' };
      if (cmd === 'tray:new') return { rid: 'tray-1', bytes: ctx.bytes?.length, args };
      return null;
    });
    const menu = await Menu.new({ items: [] });
    const tray = await TrayIcon.new({ id: 'main', icon: png, tooltip: 'Hi', menu });
    expect(tray.rid).toBe('tray-1');
    const call = ipc.calls[1]!;
    expect(call.cmd).toBe('tray:new');
    expect(call.bytes).toEqual(png);
    expect(call.args).toEqual({ id: 'main', tooltip: 'Hi', menu: 'menu-1' });
    await tray.setIcon(png.buffer);
    await tray.setTooltip(null);
    await tray.setMenu(null);
    await tray.close();
    expect(ipc.calls.slice(2).map((c) => [c.cmd, c.args, c.bytes?.length])).toEqual([
      ['tray:set_icon', { rid: 'tray-1' }, 7],
      ['tray:set_tooltip', { rid: 'tray-1', tooltip: null }, undefined],
      ['tray:set_menu', { rid: 'tray-1', menu: null }, undefined],
      ['tray:close', { rid: 'tray-1' }, undefined],
    ]);
  });

  it('refuses a non-bytes icon before calling C', async () => {
    const ipc = mockIPC(() => null);
    await expect(TrayIcon.new({ icon: 'icon.png' as unknown as Uint8Array }))
      .rejects.toMatchObject({ code: 'bad_args' });
    expect(ipc.calls).toHaveLength(0);
  });

  it('its action gets its own events only', async () => {
    mockIPC(() => ({ rid: 'tray-7' }));
    const events = mockEvents();
    const action = vi.fn();
    const all = vi.fn();
    const tray = await TrayIcon.new({ icon: png, action });
    onTrayEvent(all);
    events.emit('sash:tray', { id: 'x', tray: 'tray-8', button: 'scroll' });
    events.emit('sash:tray', { id: 'tray', tray: 'tray-7', button: 'scroll' });
    await vi.waitFor(() => expect(all).toHaveBeenCalledTimes(2));
    expect(action).toHaveBeenCalledTimes(1);
    expect(action).toHaveBeenCalledWith({ id: 'tray', tray: 'tray-7', button: 'scroll' });
    await tray.close();
  });
});
