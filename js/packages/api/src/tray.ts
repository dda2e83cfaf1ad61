/**
 * @sash/api/tray - a tray (status area) icon from the page: a PNG icon sent
 * as raw bytes (no base64), a tooltip and a {@link Menu}.  On Linux it is a
 * StatusNotifierItem (libayatana-appindicator3): a click on the icon opens
 * its menu, whose picks arrive as `sash:menu` events (window null); a
 * scroll on the icon is a `sash:tray` event.  Every call needs its `tray:*`
 * permission (`tray:default` grants them all); C must have called
 * `sash_tray_enable()`.
 *
 * @example
 * const png = await (await fetch('/tray.png')).arrayBuffer();
 * const tray = await TrayIcon.new({ id: 'main', icon: png, tooltip: 'My app', menu });
 */
import { SashError, invoke, listen, type Bytes, type UnlistenFn } from './index.js';
import type { Menu } from './menu.js';

/** What a `sash:tray` event carries. */
export interface TrayEvent {
  /** The tray's id (TrayIconOptions.id). */
  id: string;
  /** Its resource id (`TrayIcon.rid`). */
  tray: string;
  /** What happened: "scroll" (hosts open the menu on a click). */
  button: string;
}

export interface TrayIconOptions {
  /** The app's name for it, sent with its events.  Default "tray". */
  id?: string;
  /** A PNG, at most 4 MB and 1024 x 1024 pixels. */
  icon: Bytes;
  tooltip?: string;
  menu?: Menu;
  /** Called with this tray's events. */
  action?: (e: TrayEvent) => void;
}

function isBytes(v: unknown): v is Bytes {
  return v !== null && typeof v === 'object' &&
    (Object.prototype.toString.call(v) === '[object ArrayBuffer]' || ArrayBuffer.isView(v));
}

export class TrayIcon {
  private off: UnlistenFn | null = null;
  private constructor(readonly rid: string, readonly id: string) {}

  /**
   * Shows the icon.  Rejects with `bad_args` for an icon that is not a PNG
   * or is too big, and `internal` when the system has no tray (the message
   * names the missing library).
   */
  static async new(opts: TrayIconOptions): Promise<TrayIcon> {
    if (!isBytes(opts.icon))
      throw new SashError('bad_args', 'TrayIcon.new: icon must be PNG bytes (ArrayBuffer or Uint8Array)');
    const id = opts.id ?? 'tray';
    const { rid } = await invoke<{ rid: string }>('tray:new', opts.icon, {
      id, tooltip: opts.tooltip ?? null, menu: opts.menu ? opts.menu.rid : null,
    });
    const t = new TrayIcon(rid, id);
    if (opts.action) {
      const action = opts.action;
      t.off = listen<TrayEvent>('sash:tray', (e) => {
        if (e.payload.tray === rid) action(e.payload);
      });
    }
    return t;
  }

  async setIcon(icon: Bytes): Promise<void> {
    if (!isBytes(icon))
      throw new SashError('bad_args', 'setIcon: icon must be PNG bytes');
    await invoke('tray:set_icon', icon, { rid: this.rid });
  }

  async setTooltip(tooltip: string | null): Promise<void> {
    await invoke('tray:set_tooltip', { rid: this.rid, tooltip });
  }

  async setMenu(menu: Menu | null): Promise<void> {
    await invoke('tray:set_menu', { rid: this.rid, menu: menu ? menu.rid : null });
  }

  /** Removes the icon. */
  async close(): Promise<void> {
    this.off?.();
    this.off = null;
    await invoke('tray:close', { rid: this.rid });
  }
}

/** Every tray event (what `sash_listen(app, "sash:tray")` gets in C). */
export function onTrayEvent(cb: (e: TrayEvent) => void): UnlistenFn {
  return listen<TrayEvent>('sash:tray', (e) => cb(e.payload));
}
