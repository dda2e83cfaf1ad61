/**
 * @sash/api/path - pure helpers for the absolute POSIX paths the fs plugin
 * takes (no IPC, no permission).
 */

/** Resolves ".", ".." and repeated "/"; "/.." is "/". */
export function normalize(path: string): string {
  const abs = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
    } else out.push(part);
  }
  const s = out.join('/');
  return abs ? '/' + s : s || '.';
}

/** Joins segments with "/" and normalises; an absolute segment restarts. */
export function join(...parts: string[]): string {
  let acc = '';
  for (const p of parts) {
    if (p === '') continue;
    acc = p.startsWith('/') || acc === '' ? p : acc + '/' + p;
  }
  return normalize(acc || '.');
}

export function isAbsolute(path: string): boolean {
  return path.startsWith('/');
}

/** The folder part: dirname("/a/b.txt") is "/a". */
export function dirname(path: string): string {
  const n = normalize(path);
  const i = n.lastIndexOf('/');
  if (i < 0) return '.';
  return i === 0 ? '/' : n.slice(0, i);
}

/** The last name, without `ext` if it ends with it. */
export function basename(path: string, ext?: string): string {
  const n = normalize(path);
  const b = n === '/' ? '' : n.slice(n.lastIndexOf('/') + 1);
  return ext && b.endsWith(ext) && b !== ext ? b.slice(0, -ext.length) : b;
}

/** The extension with its dot (".txt"), or "" (also for ".bashrc"). */
export function extname(path: string): string {
  const b = basename(path);
  const i = b.lastIndexOf('.');
  return i <= 0 ? '' : b.slice(i);
}

export const sep = '/';
