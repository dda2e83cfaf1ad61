/**
 * @sash/api/opener - hand a URL or a file to the desktop (Tauri's
 * plugin-opener names).  `openUrl` needs `opener:allow-open-url` and a
 * scheme listed in sash.json `security.opener.schemes` (default: http,
 * https, mailto); `openPath` / `revealItemInDir` need the path in the
 * window's `opener` or `fs` scope (a file the user picked in a dialog is).
 *
 * @example
 * await openUrl('https://example.org/help');
 * await revealItemInDir(savedPath);
 */
import { invoke } from './index.js';

/** Opens a URL with the user's default app for its scheme. */
export async function openUrl(url: string | URL): Promise<void> {
  await invoke('opener:open_url', { url: String(url) });
}

/** Opens a file or folder (an absolute path) with its default app. */
export async function openPath(path: string): Promise<void> {
  await invoke('opener:open_path', { path });
}

/** Shows the file selected in the file manager. */
export async function revealItemInDir(path: string): Promise<void> {
  await invoke('opener:reveal_item_in_dir', { path });
}
