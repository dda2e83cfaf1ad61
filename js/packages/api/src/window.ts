/**
 * @sash/api/window - the page's side of Sash windows: create, close, read
 * and change windows by label, monitors, the desktop theme, and window
 * events (resized, moved, focused, close requested with veto, ...).
 *
 * Names follow Tauri's `@tauri-apps/api/window`.  Every call is a built-in
 * `window:*` command, denied until a capability grants it (docs/windows.md):
 * `window:default` for the getters and `onCloseRequested`,
 * `window:allow-<verb>` for each change (`window:allow-set-size`,
 * `window:allow-create`, ...), and `window:allow-other-windows` to aim a
 * call at a window other than the page's own.
 */
import { SashError, invoke, listen, type UnlistenFn } from './index.js';

/** Size of the content area, in desktop (logical) pixels. */
export interface Size {
  width: number;
  height: number;
}

/** Position of the window frame on the desktop. */
export interface Position {
  x: number;
  y: number;
}

/** Everything `window:state` reports about a window. */
export interface WindowState extends Size, Position {
  label: string;
  title: string;
  minWidth: number;
  minHeight: number;
  maxWidth: number;
  maxHeight: number;
  scale: number;
  resizable: boolean;
  decorated: boolean;
  alwaysOnTop: boolean;
  fullscreen: boolean;
  maximized: boolean;
  minimized: boolean;
  visible: boolean;
  focused: boolean;
  skipTaskbar: boolean;
}

export interface Monitor {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** What panels and docks leave free. */
  workArea: Position & Size;
  scale: number;
  primary: boolean;
}

export type Theme = 'light' | 'dark';

/** Options of {@link SashWindow.create} (the keys of sash.json `app.windows`). */
export interface WindowOptions {
  title?: string;
  /** A path inside the app ("/settings.html") or a URL of the app's origin. */
  url?: string;
  width?: number;
  height?: number;
  /** Give both or neither. */
  x?: number;
  y?: number;
  minWidth?: number;
  minHeight?: number;
  maxWidth?: number;
  maxHeight?: number;
  resizable?: boolean;
  decorations?: boolean;
  alwaysOnTop?: boolean;
  fullscreen?: boolean;
  maximized?: boolean;
  minimized?: boolean;
  visible?: boolean;
  focus?: boolean;
  skipTaskbar?: boolean;
  center?: boolean;
  /** Label of the owner window; with `modal` it blocks the owner's input. */
  parent?: string;
  modal?: boolean;
  /** false: file drops go to the page's own HTML5 handlers (no paths);
   *  default true: {@link SashWindow.onDragDrop}. */
  dragDrop?: boolean;
}

/** The event names Sash emits to a window's page (and to C listeners). */
export const WindowEvent = {
  RESIZED: 'sash:window:resized',
  MOVED: 'sash:window:moved',
  FOCUSED: 'sash:window:focused',
  BLURRED: 'sash:window:blurred',
  SCALE_CHANGED: 'sash:window:scale-changed',
  THEME_CHANGED: 'sash:window:theme-changed',
  CLOSE_REQUESTED: 'sash:window:close-requested',
  DESTROYED: 'sash:window:destroyed',
} as const;

/* -- File drag-and-drop (docs/drag-drop.md) -------------------------------- */

/** The event Sash sends a window's page for files dragged onto it from the
 *  desktop (needs `window:allow-drag-drop`). */
export const DRAG_DROP_EVENT = 'sash:window:drag-drop';

/** What an {@link SashWindow.onDragDrop} handler receives.  `paths` are
 *  absolute and canonical, existing files and folders only; `position` is
 *  in the window's content, in logical pixels.  On `drop` each path is
 *  granted to the window's `fs` scope (as a file picked in the open
 *  dialog is). */
export type DragDropEvent =
  | { type: 'enter'; paths: string[]; position: Position }
  | { type: 'over'; position: Position }
  | { type: 'drop'; paths: string[]; position: Position }
  | { type: 'leave' };

function isDragDropEvent(v: unknown): v is DragDropEvent {
  if (typeof v !== 'object' || v === null) return false;
  const t = (v as { type?: unknown }).type;
  const paths = (v as { paths?: unknown }).paths;
  if (t === 'leave' || t === 'over') return true;
  return (t === 'enter' || t === 'drop') && Array.isArray(paths) &&
    paths.every((p) => typeof p === 'string');
}

/** What an {@link SashWindow.onCloseRequested} handler receives. */
export interface CloseRequestedEvent {
  /** Keeps the window open. */
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}

/* The page's close-request handlers: one listener and one watch per page. */
const closeHandlers = new Set<(e: CloseRequestedEvent) => unknown>();
let closeUnlisten: UnlistenFn | null = null;

async function answerClose(id: number): Promise<void> {
  let prevented = false;
  const ev: CloseRequestedEvent = {
    preventDefault() { prevented = true; },
    get defaultPrevented() { return prevented; },
  };
  for (const h of [...closeHandlers]) {
    try {
      await h(ev);
    } catch (e) {
      console.error('sash: onCloseRequested handler threw', e);
    }
  }
  await invoke('window:close_answer', { id, close: !prevented });
}

/**
 * A window, named by its label.  The object is only a name: creating one
 * does not create a window (use {@link SashWindow.create}), and it stays
 * valid (calls reject `not_found`) after the window closed.
 */
export class SashWindow {
  /** The label, or null for "the page's own window". */
  readonly label: string | null;

  constructor(label: string | null) {
    if (label !== null && (typeof label !== 'string' || label === ''))
      throw new SashError('bad_args', 'SashWindow(label: non-empty string | null)');
    this.label = label;
  }

  /**
   * Creates a window from the page (permission `window:allow-create`).  The
   * new window's page gets no IPC beyond what a capability grants its label.
   */
  static async create(label: string, options: WindowOptions = {}): Promise<SashWindow> {
    if (typeof label !== 'string' || label === '')
      throw new SashError('bad_args', 'create(label: non-empty string, options)');
    await invoke('window:create', { ...options, label });
    return new SashWindow(label);
  }

  private call<T = void>(cmd: string, args: Record<string, unknown> = {}): Promise<T> {
    const a = this.label === null ? args : { ...args, label: this.label };
    return invoke(`window:${cmd}`, a) as Promise<T>;
  }

  /* -- Getters (window:default) ----------------------------------------- */

  /** Everything at once: one round trip. */
  state(): Promise<WindowState> { return this.call<WindowState>('state'); }
  async innerSize(): Promise<Size> {
    const s = await this.state();
    return { width: s.width, height: s.height };
  }
  async outerPosition(): Promise<Position> {
    const s = await this.state();
    return { x: s.x, y: s.y };
  }
  async title(): Promise<string> { return (await this.state()).title; }
  async scaleFactor(): Promise<number> { return (await this.state()).scale; }
  async isMaximized(): Promise<boolean> { return (await this.state()).maximized; }
  async isMinimized(): Promise<boolean> { return (await this.state()).minimized; }
  async isFullscreen(): Promise<boolean> { return (await this.state()).fullscreen; }
  async isFocused(): Promise<boolean> { return (await this.state()).focused; }
  async isVisible(): Promise<boolean> { return (await this.state()).visible; }
  async isDecorated(): Promise<boolean> { return (await this.state()).decorated; }
  async isResizable(): Promise<boolean> { return (await this.state()).resizable; }
  async isAlwaysOnTop(): Promise<boolean> { return (await this.state()).alwaysOnTop; }
  currentMonitor(): Promise<Monitor | null> { return this.call<Monitor | null>('current_monitor'); }
  theme(): Promise<Theme> { return invoke('window:theme') as Promise<Theme>; }

  /* -- Setters (window:allow-<verb>) --------------------------------------- */

  setSize(size: Size): Promise<void> { return this.call('set_size', { ...size }); }
  setPosition(pos: Position): Promise<void> { return this.call('set_position', { ...pos }); }
  /** null removes the limit. */
  setMinSize(size: Size | null): Promise<void> { return this.call('set_min_size', { ...size }); }
  setMaxSize(size: Size | null): Promise<void> { return this.call('set_max_size', { ...size }); }
  setResizable(value: boolean): Promise<void> { return this.call('set_resizable', { value }); }
  setDecorations(value: boolean): Promise<void> { return this.call('set_decorations', { value }); }
  setAlwaysOnTop(value: boolean): Promise<void> { return this.call('set_always_on_top', { value }); }
  setFullscreen(value: boolean): Promise<void> { return this.call('set_fullscreen', { value }); }
  setSkipTaskbar(value: boolean): Promise<void> { return this.call('set_skip_taskbar', { value }); }
  setTitle(title: string): Promise<void> { return this.call('set_title', { title }); }
  maximize(): Promise<void> { return this.call('maximize'); }
  unmaximize(): Promise<void> { return this.call('unmaximize'); }
  async toggleMaximize(): Promise<void> {
    return (await this.isMaximized()) ? this.unmaximize() : this.maximize();
  }
  minimize(): Promise<void> { return this.call('minimize'); }
  unminimize(): Promise<void> { return this.call('unminimize'); }
  show(): Promise<void> { return this.call('show'); }
  hide(): Promise<void> { return this.call('hide'); }
  setFocus(): Promise<void> { return this.call('set_focus'); }
  center(): Promise<void> { return this.call('center'); }
  /** Asks to close: the app's C hook and the page may veto (`window:allow-close`). */
  close(): Promise<void> { return this.call('close'); }
  /** Closes at once, no veto (`window:allow-destroy`). */
  destroy(): Promise<void> { return this.call('destroy'); }

  /* -- Events --------------------------------------------------------------- */

  /**
   * Listens to an event of this window.  Window events reach only the
   * window's own page, so this works on {@link getCurrentWindow}() (a
   * SashWindow of another label never fires here).
   */
  listen<T>(event: string, cb: (payload: T) => void): UnlistenFn {
    return listen<T>(event, (e) => cb(e.payload));
  }
  onResized(cb: (size: Size) => void): UnlistenFn { return this.listen(WindowEvent.RESIZED, cb); }
  onMoved(cb: (pos: Position) => void): UnlistenFn { return this.listen(WindowEvent.MOVED, cb); }
  onFocusChanged(cb: (focused: boolean) => void): UnlistenFn {
    const a = listen(WindowEvent.FOCUSED, () => cb(true));
    const b = listen(WindowEvent.BLURRED, () => cb(false));
    return () => { a(); b(); };
  }
  onScaleChanged(cb: (e: { scale: number }) => void): UnlistenFn {
    return this.listen(WindowEvent.SCALE_CHANGED, cb);
  }
  onThemeChanged(cb: (theme: Theme) => void): UnlistenFn {
    return listen<{ theme: Theme }>(WindowEvent.THEME_CHANGED, (e) => cb(e.payload.theme));
  }
  /** Another window closed (every window's page hears it). */
  onWindowDestroyed(cb: (e: { label: string }) => void): UnlistenFn {
    return this.listen(WindowEvent.DESTROYED, cb);
  }

  /**
   * Files dragged from the desktop onto this page's window: `enter` (with
   * the paths), `over` as the pointer moves, then `drop` (with the paths)
   * or `leave`.  Needs `window:allow-drag-drop`; the window must take drops
   * (its `dragDrop` is not false).  Returns the unlisten function.
   */
  onDragDrop(handler: (e: DragDropEvent) => void): UnlistenFn {
    if (typeof handler !== 'function')
      throw new SashError('bad_args', 'onDragDrop(handler: function)');
    return listen<unknown>(DRAG_DROP_EVENT, (e) => {
      if (isDragDropEvent(e.payload)) handler(e.payload);
    });
  }
  /** Tauri's name: the handler gets `{ payload }` (resolves at once). */
  async onDragDropEvent(handler: (e: { payload: DragDropEvent }) => void): Promise<UnlistenFn> {
    return this.onDragDrop((payload) => handler({ payload }));
  }

  /**
   * Runs `handler` when the user, the window manager or `close()` asks to
   * close this page's window; `e.preventDefault()` keeps it open.  The page
   * has 3 seconds to answer (a hung page cannot keep a window open).
   * Needs `window:default`.  Resolves with the unlisten function once Sash
   * knows the page listens.
   */
  async onCloseRequested(handler: (e: CloseRequestedEvent) => unknown): Promise<UnlistenFn> {
    if (typeof handler !== 'function')
      throw new SashError('bad_args', 'onCloseRequested(handler: function)');
    closeHandlers.add(handler);
    if (!closeUnlisten) {
      closeUnlisten = listen<{ id: number }>(WindowEvent.CLOSE_REQUESTED, (e) => {
        void answerClose(e.payload.id).catch((err: unknown) =>
          console.error('sash: answering a close request failed', err));
      });
      try {
        await invoke('window:watch_close', { on: true });
      } catch (e) {
        closeHandlers.delete(handler);
        closeUnlisten();
        closeUnlisten = null;
        throw e;
      }
    }
    return () => {
      if (!closeHandlers.delete(handler) || closeHandlers.size > 0 || !closeUnlisten) return;
      closeUnlisten();
      closeUnlisten = null;
      void invoke('window:watch_close', { on: false }).catch(() => {});
    };
  }
}

/** The page's own window. */
export function getCurrentWindow(): SashWindow {
  return new SashWindow(null);
}

/** A window by label (it may or may not exist; calls say `not_found`). */
export function getWindow(label: string): SashWindow {
  return new SashWindow(label);
}

/** The labels of every open window, as SashWindows. */
export async function getAllWindows(): Promise<SashWindow[]> {
  const labels = (await invoke('window:list')) as string[];
  return labels.map((l) => new SashWindow(l));
}

export function availableMonitors(): Promise<Monitor[]> {
  return invoke('window:monitors') as Promise<Monitor[]>;
}

export async function primaryMonitor(): Promise<Monitor | null> {
  return (await availableMonitors()).find((m) => m.primary) ?? null;
}

export function currentMonitor(): Promise<Monitor | null> {
  return getCurrentWindow().currentMonitor();
}

/**
 * Sends an event to the page(s) of window `label` (their `listen(event)`),
 * with permission `window:allow-emit-to`.  Names starting `sash:` are
 * reserved.
 */
export async function emitTo(label: string, event: string, payload?: unknown): Promise<void> {
  await invoke('window:emit_to', { label, event, payload: payload ?? null });
}
