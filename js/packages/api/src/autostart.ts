/**
 * @sash/api/autostart - start the app when the user logs in, through an XDG
 * autostart entry (`sash_plugin_autostart`).  Grant `autostart:default`.
 */
import { invoke } from './index.js';

export async function enable(): Promise<void> {
  await invoke('autostart:enable');
}

export async function disable(): Promise<void> {
  await invoke('autostart:disable');
}

export function isEnabled(): Promise<boolean> {
  return invoke<boolean>('autostart:is_enabled');
}
