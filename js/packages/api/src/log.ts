/**
 * @sash/api/log - log lines to the app's log (`sash_plugin_log`): stderr
 * and a rotating file in the XDG state folder, the same sink as C's
 * `sash_log()`.  Grant `log:default` in sash.json.
 */
import { invoke } from './index.js';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug' | 'trace';

function text(parts: unknown[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : safeJson(p))).join(' ');
}

function safeJson(v: unknown): string {
  if (v instanceof Error) return v.stack ?? String(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** Writes one line at `level` (control characters become spaces). */
export async function write(level: LogLevel, ...message: unknown[]): Promise<void> {
  await invoke('log:write', { level, message: text(message) });
}

export const error = (...m: unknown[]): Promise<void> => write('error', ...m);
export const warn = (...m: unknown[]): Promise<void> => write('warn', ...m);
export const info = (...m: unknown[]): Promise<void> => write('info', ...m);
export const debug = (...m: unknown[]): Promise<void> => write('debug', ...m);
export const trace = (...m: unknown[]): Promise<void> => write('trace', ...m);

/** The current log file's path (null if it could not be opened). */
export function filePath(): Promise<string | null> {
  return invoke<string | null>('log:file_path');
}
