/**
 * @sash/api/fs - files and folders through the fs plugin (C:
 * `sash_plugin_fs`).  Every path is absolute and checked by C against the
 * window's `fs` scope after resolving symbolic links; grant `fs:read`,
 * `fs:write` and/or `fs:watch` in sash.json.  Bytes travel on the raw path
 * (never as JSON arrays); writes are atomic.
 */
import { Channel, invoke, type Bytes } from './index.js';

/** What `stat()` and `readDir()` report. */
export interface FileInfo {
  isFile: boolean;
  isDirectory: boolean;
  /** For readDir(): the entry is a symbolic link (the rest describes its target). */
  isSymlink: boolean;
  size: number;
  /** Modification time, ms since the epoch. */
  mtime: number;
  /** Permission bits, e.g. 0o644. */
  mode: number;
}

export interface DirEntry extends FileInfo {
  name: string;
}

export interface WriteOptions {
  /** Append instead of replacing (not atomic: appends are in place). */
  append?: boolean;
}

/** Reads a UTF-8 text file. Rejects `not_text` if it is not UTF-8. */
export function readTextFile(path: string): Promise<string> {
  return invoke<string>('fs:read_text_file', { path });
}

/** Reads a file's bytes (raw path, no JSON). */
export async function readFile(path: string): Promise<Uint8Array> {
  return new Uint8Array(await invoke<ArrayBuffer>('fs:read_file', { path }));
}

/** Writes text atomically (temp file, fsync, rename), or appends. */
export async function writeTextFile(path: string, contents: string, options: WriteOptions = {}): Promise<void> {
  await invoke('fs:write_text_file', { path, contents, append: options.append === true });
}

/** Writes bytes atomically (raw path), or appends. */
export async function writeFile(path: string, data: Bytes, options: WriteOptions = {}): Promise<void> {
  await invoke('fs:write_file', data, { path, append: options.append === true });
}

/** A folder's entries with metadata, sorted by name. */
export function readDir(path: string): Promise<DirEntry[]> {
  return invoke<DirEntry[]>('fs:read_dir', { path });
}

export function stat(path: string): Promise<FileInfo> {
  return invoke<FileInfo>('fs:stat', { path });
}

export function exists(path: string): Promise<boolean> {
  return invoke<boolean>('fs:exists', { path });
}

/** Creates a folder; with `recursive`, its missing parents too (mkdir -p). */
export async function mkdir(path: string, options: { recursive?: boolean } = {}): Promise<void> {
  await invoke('fs:mkdir', { path, recursive: options.recursive === true });
}

/**
 * Removes a file, or an empty folder.  A folder with contents needs
 * `recursive: true` (rejects `not_empty` otherwise); then nothing is removed
 * if any entry inside is outside the scope.
 */
export async function remove(path: string, options: { recursive?: boolean } = {}): Promise<void> {
  await invoke('fs:remove', { path, recursive: options.recursive === true });
}

export async function rename(from: string, to: string): Promise<void> {
  await invoke('fs:rename', { from, to });
}

/** Copies a file; the copy is written atomically. */
export async function copyFile(from: string, to: string): Promise<void> {
  await invoke('fs:copy_file', { from, to });
}

/** One change seen by `watch()`. */
export interface WatchEvent {
  kind: 'create' | 'modify' | 'remove' | 'rename' | 'rename_from' | 'rename_to' | 'attrib' | 'gone';
  path: string;
}

/** Stops a watch.  Calling it again does nothing. */
export type Unwatch = () => Promise<void>;

/**
 * Watches a file or a folder (its direct entries; not recursive).  The
 * watch ends with the returned function, or when the page goes away.
 */
export async function watch(path: string, onEvent: (event: WatchEvent) => void): Promise<Unwatch> {
  const channel = new Channel<WatchEvent>(onEvent);
  const id = await invoke<number>('fs:watch', { path, channel });
  let stopped = false;
  return async () => {
    if (stopped) return;
    stopped = true;
    await invoke('fs:unwatch', { id });
  };
}
