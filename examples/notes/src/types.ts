import type { CommandResult } from '@sash/api';

export type ListResult = CommandResult<'list'>;
export type Item = ListResult['items'][number];
export type Note = CommandResult<'open_note'>;
export type Sidebar = CommandResult<'sidebar'>;

export type SaveState = 'saved' | 'editing' | 'saving' | 'error';

/** "3 min ago", "yesterday", "12 Mar 2025" for a unix time in seconds. */
export function when(sec: number): string {
  const d = new Date(sec * 1000);
  const diff = (Date.now() - d.getTime()) / 1000;
  if (diff < 60) return 'just now';
  if (diff < 3600) return `${Math.floor(diff / 60)} min ago`;
  if (diff < 86400) return `${Math.floor(diff / 3600)} h ago`;
  if (diff < 2 * 86400) return 'yesterday';
  if (diff < 7 * 86400) return d.toLocaleDateString(undefined, { weekday: 'long' });
  return d.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

export const fmt = (n: number) => n.toLocaleString('en-US');
export const ms = (x: number) => (x < 10 ? x.toFixed(1) : x.toFixed(0)) + ' ms';
