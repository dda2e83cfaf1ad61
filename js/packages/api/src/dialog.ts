/**
 * @sash/api/dialog - native file and message dialogs (Tauri's
 * plugin-dialog names).  Each call needs its permission granted to the
 * window (`dialog:default`, or `dialog:allow-open` ...).  A path the user
 * picks is added to the window's `fs` scope until it closes, so a
 * filesystem command may then use that file and no other.
 *
 * @example
 * const file = await open({ filters: [{ name: 'CSV', extensions: ['csv'] }] });
 * if (file !== null) await invoke('import_csv', { path: file });
 */
import { invoke } from './index.js';

/** A file-type filter: `extensions` without the dot, e.g. `['png', 'jpg']`. */
export interface DialogFilter {
  name: string;
  extensions: string[];
}

interface FileDialogOptions {
  /** The dialog's title. */
  title?: string;
  /** The folder to start in (open), or a folder / file name to propose (save). */
  defaultPath?: string;
  /** At most 256 filters. */
  filters?: DialogFilter[];
  /** The label of the window the dialog belongs to; the caller's by default. */
  window?: string;
}

export interface OpenDialogOptions extends FileDialogOptions {
  /** Several items may be picked: the result is then an array. */
  multiple?: boolean;
  /** Pick folders instead of files (a picked folder grants what is below it). */
  directory?: boolean;
}

export type SaveDialogOptions = FileDialogOptions;

export type MessageKind = 'info' | 'warning' | 'error';

export interface MessageDialogOptions {
  title?: string;
  /** The dialog's icon and tone; `info` by default. */
  kind?: MessageKind;
  /** The label of the window the dialog belongs to; the caller's by default. */
  window?: string;
  /** The accepting button's label (OK / Yes by default). */
  okLabel?: string;
  /** The refusing button's label (Cancel / No by default; ask and confirm). */
  cancelLabel?: string;
}

/**
 * Lets the user pick a file (or folders, or several): resolves to its
 * absolute path, an array of them with `multiple: true`, or `null` when
 * the user cancelled.
 */
export function open(options: OpenDialogOptions & { multiple: true }): Promise<string[] | null>;
export function open(options?: OpenDialogOptions): Promise<string | null>;
export function open(options: OpenDialogOptions = {}): Promise<string | string[] | null> {
  return invoke<string | string[] | null>('dialog:open', { ...options });
}

/** Lets the user choose where to save: the path, or `null` when cancelled. */
export function save(options: SaveDialogOptions = {}): Promise<string | null> {
  return invoke<string | null>('dialog:save', { ...options });
}

function opts(options?: string | MessageDialogOptions): MessageDialogOptions {
  return typeof options === 'string' ? { title: options } : { ...(options ?? {}) };
}

/** Shows a message with one button; resolves when it is closed. */
export async function message(text: string, options?: string | MessageDialogOptions): Promise<void> {
  await invoke('dialog:message', { ...opts(options), message: text });
}

/** Asks a Yes / No question: `true` for Yes. */
export function ask(text: string, options?: string | MessageDialogOptions): Promise<boolean> {
  return invoke<boolean>('dialog:ask', { ...opts(options), message: text });
}

/** Asks for an OK / Cancel confirmation: `true` for OK. */
export function confirm(text: string, options?: string | MessageDialogOptions): Promise<boolean> {
  return invoke<boolean>('dialog:confirm', { ...opts(options), message: text });
}
