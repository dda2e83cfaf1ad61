/**
 * @sash/api/os - platform facts and folders (`sash_plugin_os`).  Grant
 * `os:default` in sash.json.  Path helpers: @sash/api/path.
 */
import { invoke } from './index.js';

export interface OsInfo {
  platform: 'linux' | 'windows' | 'macos';
  family: 'unix' | 'windows';
  /** e.g. "x86_64", "aarch64". */
  arch: string;
  /** The distribution's version (VERSION_ID), else the kernel's. */
  version: string;
  kernelVersion?: string;
  /** e.g. "Debian GNU/Linux 12 (bookworm)". */
  name: string;
  distro: string | null;
  /** BCP 47, e.g. "en-US". */
  locale: string;
  hostname: string | null;
  appIdentifier: string;
  eol: string;
  pathSeparator: string;
}

/** Absolute paths; null when the system knows none. */
export interface Folders {
  home: string | null;
  appData: string | null;
  appConfig: string | null;
  appCache: string | null;
  appLog: string | null;
  documents: string | null;
  downloads: string | null;
  desktop: string | null;
  pictures: string | null;
  music: string | null;
  videos: string | null;
  temp: string | null;
}

export function info(): Promise<OsInfo> {
  return invoke<OsInfo>('os:info');
}

export function folders(): Promise<Folders> {
  return invoke<Folders>('os:folders');
}
