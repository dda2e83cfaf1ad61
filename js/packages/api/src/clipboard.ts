/**
 * @sash/api/clipboard - the system clipboard: text, HTML and PNG images,
 * read and write.  Reading what other programs copied is the sensitive
 * half: `clipboard:read` (or `clipboard:allow-read-text` ...) is granted
 * apart from `clipboard:write`; `clipboard:default` writes only.
 *
 * @example
 * await writeText(url);
 * const png = await readImage(); // null when the clipboard holds no image
 */
import { invoke } from './index.js';

/** Replaces the clipboard with text (UTF-8, no NUL). */
export async function writeText(text: string): Promise<void> {
  await invoke('clipboard:write_text', { text });
}

/** The clipboard's text, or `null` when it holds none. */
export function readText(): Promise<string | null> {
  return invoke<string | null>('clipboard:read_text');
}

/** Replaces the clipboard with HTML markup (offered as `text/html`). */
export async function writeHtml(html: string): Promise<void> {
  await invoke('clipboard:write_html', { html });
}

/** The clipboard's HTML, or `null` when it holds none. */
export function readHtml(): Promise<string | null> {
  return invoke<string | null>('clipboard:read_html');
}

/**
 * Replaces the clipboard with a PNG image (the file's bytes, sent raw; at
 * most 32 MB and 64 megapixels).  Other programs may paste it in any
 * image format.
 */
export async function writeImage(png: ArrayBuffer | ArrayBufferView | Blob): Promise<void> {
  const bytes = typeof Blob !== 'undefined' && png instanceof Blob
    ? new Uint8Array(await png.arrayBuffer()) : (png as ArrayBuffer | ArrayBufferView);
  await invoke('clipboard:write_image', bytes);
}

/** The clipboard's image encoded as PNG, or `null` when it holds none. */
export async function readImage(): Promise<ArrayBuffer | null> {
  return invoke<ArrayBuffer | null>('clipboard:read_image');
}
