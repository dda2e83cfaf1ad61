// Levels as the C side numbers them (logindex.h): 0 none, 1 TRACE .. 6 FATAL.
export const LEVELS = ['—', 'TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;
/** Bar and badge colours, by level. */
export const LEVEL_COLOR = ['#71717a', '#64748b', '#38bdf8', '#34d399', '#fbbf24', '#f43f5e', '#d946ef'];
/** Row text classes, by level. */
export const LEVEL_TEXT = ['text-zinc-400', 'text-zinc-500', 'text-sky-300/90', 'text-zinc-200',
  'text-amber-200', 'text-rose-300', 'text-fuchsia-300'];
export const ALL_LEVELS = 0x7f;

const int = new Intl.NumberFormat('en-US');
export const fmtInt = (n: number) => int.format(n);
export function fmtBytes(n: number): string {
  if (n >= 1 << 30) return (n / (1 << 30)).toFixed(2) + ' GB';
  if (n >= 1 << 20) return (n / (1 << 20)).toFixed(1) + ' MB';
  if (n >= 1 << 10) return (n / (1 << 10)).toFixed(0) + ' KB';
  return n + ' B';
}
export function fmtTime(t: number, withDate = true): string {
  const d = new Date(t * 1000).toISOString();
  return withDate ? d.slice(0, 10) + ' ' + d.slice(11, 19) : d.slice(11, 19);
}
export function fmtMs(ms: number): string {
  return ms >= 1000 ? (ms / 1000).toFixed(2) + ' s' : Math.round(ms) + ' ms';
}
