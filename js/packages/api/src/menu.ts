/**
 * @sash/api/menu - native menus from the page: a window's menu bar and
 * context menus (Tauri v2's `@tauri-apps/api/menu` is the naming model).
 *
 * Items are descriptions until a {@link Menu} is made of them; the menu is
 * then one native object in C (`sash_menu`), changed at run time through
 * its items.  Picks arrive as `sash:menu` events ({@link onMenuEvent}) and
 * call the item's `action`.  Every call needs its `menu:*` permission
 * (`menu:default` grants them all); C must have called `sash_menu_enable()`.
 *
 * @example
 * const menu = await Menu.new({ items: [
 *   await Submenu.new({ text: 'File', items: [
 *     await MenuItem.new({ id: 'save', text: 'Save', accelerator: 'CmdOrCtrl+S',
 *                          action: () => save() }),
 *     await PredefinedMenuItem.new({ item: 'Separator' }),
 *     await PredefinedMenuItem.new({ item: 'Quit' })] })] });
 * await menu.setAsWindowMenu();
 * addEventListener('contextmenu', (e) => { e.preventDefault(); ctx.popup({ x: e.clientX, y: e.clientY }); });
 */
import { SashError, invoke, listen, type SashEvent, type UnlistenFn } from './index.js';

/** What a `sash:menu` event carries. */
export interface MenuEvent {
  /** The item's id. */
  id: string;
  /** The menu's resource id (`Menu.rid`). */
  menu: string;
  /** The window whose bar or context menu it was; null for a tray menu. */
  window: string | null;
  /** The new state of a check or radio item. */
  checked?: boolean;
  /** A predefined item's kind (`copy`, `quit`...), which Sash already did. */
  predefined?: string;
}

export type MenuAction = (id: string, event: MenuEvent) => void;

interface Wire {
  id?: string | undefined;
  text?: string | undefined;
  kind?: string;
  enabled?: boolean | undefined;
  checked?: boolean;
  group?: string;
  accelerator?: string | undefined;
  item?: string;
  items?: Wire[];
}

/** An item, a submenu or a predefined item: anything a menu holds. */
export type MenuEntry = MenuItem | CheckMenuItem | RadioMenuItem | PredefinedMenuItem | Submenu;

const actions = new Map<string, MenuAction>(); // "rid\0id" -> action
let autoIds = 0;

/** The options every item shares. */
export interface MenuItemOptions {
  /** Unique in its menu; generated when absent. */
  id?: string | undefined;
  text: string;
  /** Default true. */
  enabled?: boolean | undefined;
  /** e.g. `CmdOrCtrl+Shift+S`: modifiers CmdOrCtrl, Ctrl, Shift, Alt, Super. */
  accelerator?: string | undefined;
  /** Called when the user picks the item. */
  action?: MenuAction | undefined;
}

abstract class Base {
  readonly id: string;
  /** The menu this item belongs to, once one was made of it. */
  protected owner: Menu | null = null;
  protected constructor(id: string | undefined, protected readonly action?: MenuAction) {
    this.id = id ?? `js-item-${++autoIds}`;
  }
  /** @internal */
  abstract wire(): Wire;
  /** @internal */
  adopt(menu: Menu): void {
    if (this.owner && this.owner !== menu)
      throw new SashError('bad_args', `item "${this.id}" already belongs to another menu`);
    this.owner = menu;
    if (this.action) actions.set(menu.rid + '\0' + this.id, this.action);
  }
  protected menu(): Menu {
    if (!this.owner)
      throw new SashError('bad_args', `item "${this.id}" is in no menu yet: make a Menu of it first`);
    return this.owner;
  }
}

abstract class TextItem extends Base {
  protected constructor(protected opts: MenuItemOptions & { checked?: boolean | undefined }) {
    super(opts.id, opts.action);
  }
  /** Changes the label. */
  async setText(text: string): Promise<void> {
    await invoke('menu:set_text', { rid: this.menu().rid, id: this.id, text });
    this.opts.text = text;
  }
  async setEnabled(enabled: boolean): Promise<void> {
    await invoke('menu:set_enabled', { rid: this.menu().rid, id: this.id, enabled });
    this.opts.enabled = enabled;
  }
  text(): string {
    return this.opts.text;
  }
}

/** A plain item. */
export class MenuItem extends TextItem {
  private constructor(o: MenuItemOptions) {
    super(o);
  }
  static async new(opts: MenuItemOptions): Promise<MenuItem> {
    return new MenuItem({ ...opts });
  }
  /** @internal */
  wire(): Wire {
    const { text, enabled, accelerator } = this.opts;
    return { id: this.id, text, enabled, accelerator };
  }
}

/** An item with a check mark, toggled when picked. */
export class CheckMenuItem extends TextItem {
  protected constructor(o: MenuItemOptions & { checked?: boolean | undefined }) {
    super(o);
  }
  static async new(opts: MenuItemOptions & { checked?: boolean | undefined }): Promise<CheckMenuItem> {
    return new CheckMenuItem({ ...opts });
  }
  /** Asks C (the state changes when the user picks the item). */
  async isChecked(): Promise<boolean> {
    return invoke<boolean>('menu:is_checked', { rid: this.menu().rid, id: this.id });
  }
  async setChecked(checked: boolean): Promise<void> {
    await invoke('menu:set_checked', { rid: this.menu().rid, id: this.id, checked });
    this.opts.checked = checked;
  }
  /** @internal */
  wire(): Wire {
    const { text, enabled, accelerator, checked } = this.opts;
    return { kind: 'check', id: this.id, text, enabled, accelerator, checked: !!checked };
  }
}

/** One of a group in a submenu: checking one unchecks the others. */
export class RadioMenuItem extends CheckMenuItem {
  private readonly group: string;
  private constructor(o: MenuItemOptions & { checked?: boolean | undefined; group?: string | undefined }) {
    super(o);
    this.group = o.group ?? '';
  }
  static override async new(
    opts: MenuItemOptions & { checked?: boolean | undefined; group?: string | undefined },
  ): Promise<RadioMenuItem> {
    return new RadioMenuItem({ ...opts });
  }
  /** @internal */
  override wire(): Wire {
    return { ...super.wire(), kind: 'radio', group: this.group };
  }
}

/** What a predefined item does; Sash does it natively, then reports it. */
export type PredefinedKind =
  | 'Separator' | 'Copy' | 'Cut' | 'Paste' | 'SelectAll' | 'Undo' | 'Redo'
  | 'Quit' | 'About' | 'CloseWindow' | 'Minimize';

const predefined: Record<Exclude<PredefinedKind, 'Separator'>, string> = {
  Copy: 'copy', Cut: 'cut', Paste: 'paste', SelectAll: 'select_all', Undo: 'undo',
  Redo: 'redo', Quit: 'quit', About: 'about', CloseWindow: 'close_window', Minimize: 'minimize',
};

export class PredefinedMenuItem extends Base {
  private constructor(private readonly kind: PredefinedKind, private readonly label?: string,
                      id?: string) {
    super(id);
  }
  static async new(opts: { item: PredefinedKind; text?: string | undefined; id?: string | undefined }): Promise<PredefinedMenuItem> {
    if (opts.item !== 'Separator' && !(opts.item in predefined))
      throw new SashError('bad_args', `unknown predefined item "${String(opts.item)}"`);
    return new PredefinedMenuItem(opts.item, opts.text, opts.id);
  }
  /** @internal */
  wire(): Wire {
    if (this.kind === 'Separator') return { kind: 'separator' };
    return { kind: 'predefined', id: this.id, item: predefined[this.kind], text: this.label };
  }
}

export interface SubmenuOptions {
  id?: string | undefined;
  text: string;
  enabled?: boolean | undefined;
  items?: MenuEntry[] | undefined;
}

/** A labelled menu inside a menu (a bar's "File"). */
export class Submenu extends TextItem {
  private readonly children: MenuEntry[];
  private constructor(o: SubmenuOptions) {
    super({ id: o.id, text: o.text, enabled: o.enabled });
    this.children = [...(o.items ?? [])];
  }
  static async new(opts: SubmenuOptions): Promise<Submenu> {
    return new Submenu(opts);
  }
  /** @internal */
  override adopt(menu: Menu): void {
    super.adopt(menu);
    for (const c of this.children) c.adopt(menu);
  }
  /** @internal */
  wire(): Wire {
    return { kind: 'submenu', id: this.id, text: this.opts.text, enabled: this.opts.enabled,
             items: this.children.map((c) => c.wire()) };
  }
  /** Appends items at the end of this submenu. */
  async append(items: MenuEntry | MenuEntry[]): Promise<void> {
    await this.insert(items, -1);
  }
  /** Inserts items before `position` (-1: at the end). */
  async insert(items: MenuEntry | MenuEntry[], position: number): Promise<void> {
    const list = Array.isArray(items) ? items : [items];
    const m = this.menu();
    await invoke('menu:insert', { rid: m.rid, parent: this.id, index: position,
                                  items: list.map((i) => i.wire()) });
    for (const i of list) i.adopt(m);
    this.children.splice(position < 0 ? this.children.length : position, 0, ...list);
  }
  items(): MenuEntry[] {
    return [...this.children];
  }
}

export interface MenuOptions {
  items?: MenuEntry[];
}

/** A native menu: a window's bar, a context menu or a tray's menu. */
export class Menu {
  private readonly entries: MenuEntry[];
  private off: UnlistenFn | null;
  private constructor(readonly rid: string, items: MenuEntry[]) {
    this.entries = items;
    // This menu's picks call its items' actions.
    this.off = listen<MenuEvent>('sash:menu', (e: SashEvent<MenuEvent>) => {
      const p = e.payload;
      const a = p.menu === rid ? actions.get(rid + '\0' + p.id) : undefined;
      if (a) a(p.id, p);
    });
  }

  /**
   * Makes the native menu.  Rejects with `bad_args` and C's reason for a
   * bad tree (bad accelerator, duplicate id, deeper than 16 levels, more
   * than 5,000 items).
   */
  static async new(opts: MenuOptions = {}): Promise<Menu> {
    const items = opts.items ?? [];
    const { rid } = await invoke<{ rid: string }>('menu:new', { items: items.map((i) => i.wire()) });
    const m = new Menu(rid, [...items]);
    for (const i of items) i.adopt(m);
    return m;
  }

  items(): MenuEntry[] {
    return [...this.entries];
  }

  /** The item (at any depth) with this id. */
  get(id: string): MenuEntry | null {
    const walk = (list: MenuEntry[]): MenuEntry | null => {
      for (const e of list) {
        if (e.id === id) return e;
        if (e instanceof Submenu) {
          const f = walk(e.items());
          if (f) return f;
        }
      }
      return null;
    };
    return walk(this.entries);
  }

  async append(items: MenuEntry | MenuEntry[]): Promise<void> {
    await this.insert(items, -1);
  }

  async prepend(items: MenuEntry | MenuEntry[]): Promise<void> {
    await this.insert(items, 0);
  }

  /** Inserts at the top level before `position` (-1: at the end). */
  async insert(items: MenuEntry | MenuEntry[], position: number): Promise<void> {
    const list = Array.isArray(items) ? items : [items];
    await invoke('menu:insert', { rid: this.rid, index: position, items: list.map((i) => i.wire()) });
    for (const i of list) i.adopt(this);
    this.entries.splice(position < 0 ? this.entries.length : position, 0, ...list);
  }

  /** Removes an item (at any depth) and what it holds. */
  async remove(item: MenuEntry | string): Promise<void> {
    const id = typeof item === 'string' ? item : item.id;
    await invoke('menu:remove', { rid: this.rid, id });
    actions.delete(this.rid + '\0' + id);
    const drop = (list: MenuEntry[]): void => {
      const i = list.findIndex((e) => e.id === id);
      if (i >= 0) list.splice(i, 1);
    };
    drop(this.entries);
  }

  /**
   * Opens it as a context menu of this window: at `at` (page coordinates,
   * e.g. a contextmenu event's clientX/clientY) or at the pointer.
   */
  async popup(at?: { x: number; y: number }): Promise<void> {
    await invoke('menu:popup', at ? { rid: this.rid, x: at.x, y: at.y } : { rid: this.rid });
  }

  /** Makes it this window's menu bar. */
  async setAsWindowMenu(): Promise<void> {
    await invoke('menu:set_window_menu', { rid: this.rid });
  }

  /** Makes it every window's menu bar, windows opened later included. */
  async setAsAppMenu(): Promise<void> {
    await invoke('menu:set_app_menu', { rid: this.rid });
  }

  /** Frees the native menu; it leaves every bar and tray showing it. */
  async close(): Promise<void> {
    await invoke('menu:close', { rid: this.rid });
    this.off?.();
    this.off = null;
    for (const k of [...actions.keys()]) if (k.startsWith(this.rid + '\0')) actions.delete(k);
  }
}

/** Removes this window's menu bar. */
export async function removeWindowMenu(): Promise<void> {
  await invoke('menu:set_window_menu', { rid: null });
}

/** Every pick of any menu item (what `sash_listen(app, "sash:menu")` gets in C). */
export function onMenuEvent(cb: (e: MenuEvent) => void): UnlistenFn {
  return listen<MenuEvent>('sash:menu', (e) => cb(e.payload));
}
