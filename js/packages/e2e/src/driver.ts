/**
 * The pieces of `launch()` that need no display: finding WebKitWebDriver,
 * a free port, the session's capabilities, the app's environment, and the
 * processes a driver started.  Exported for tests and for runners that
 * want to do their own launching.
 */
import { accessSync, constants, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';

/** The driver's program name, as Debian's `webkit2gtk-driver` installs it. */
export const DRIVER_NAME = 'WebKitWebDriver';

/** What `findDriver` looks at; tests pass their own. */
export interface DriverSearch {
  /** Environment: SASH_WEBDRIVER (an explicit path) and PATH. */
  env?: Record<string, string | undefined>;
  /** True if `path` is an executable file. */
  isExecutable?: (path: string) => boolean;
  /** Lists a folder's entries ([] if it does not exist). */
  listDir?: (path: string) => string[];
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function list(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

/**
 * The path of WebKitWebDriver, or null: $SASH_WEBDRIVER if set (and it must
 * then be executable), then each PATH folder, then /usr/bin, then the
 * multiarch library folders of WebKitGTK 4.1 and 6.0
 * (/usr/lib/<triplet>/webkit2gtk-4.1/, /usr/lib/<triplet>/webkitgtk-6.0/)
 * and /usr/libexec.
 */
export function findDriver(search: DriverSearch = {}): string | null {
  const env = search.env ?? process.env;
  const isExec = search.isExecutable ?? executable;
  const ls = search.listDir ?? list;
  const explicit = env['SASH_WEBDRIVER'];
  if (explicit) return isExec(explicit) ? explicit : null;
  const candidates: string[] = [];
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir) candidates.push(join(dir, DRIVER_NAME));
  }
  candidates.push(`/usr/bin/${DRIVER_NAME}`, `/usr/local/bin/${DRIVER_NAME}`);
  const libdirs = ['/usr/lib', '/usr/lib64', '/usr/local/lib'];
  for (const lib of libdirs) {
    for (const api of ['webkit2gtk-4.1', 'webkitgtk-6.0']) {
      candidates.push(join(lib, api, DRIVER_NAME));
      for (const sub of ls(lib)) {
        if (sub.includes('-linux-')) candidates.push(join(lib, sub, api, DRIVER_NAME));
      }
    }
  }
  candidates.push(
    `/usr/libexec/webkit2gtk-4.1/${DRIVER_NAME}`,
    `/usr/libexec/webkitgtk-6.0/${DRIVER_NAME}`,
  );
  for (const c of candidates) {
    if (isExec(c)) return c;
  }
  return null;
}

/** A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      if (addr === null || typeof addr === 'string') {
        srv.close();
        reject(new Error('could not read the port of a listening socket'));
        return;
      }
      const { port } = addr;
      srv.close((err) => (err ? reject(err) : resolve(port)));
    });
  });
}

/** The capabilities of a session that runs `binary` with `args`. */
export interface SashCapabilities {
  'webkitgtk:browserOptions': { binary: string; args: string[] };
  'wdio:enforceWebDriverClassic': true;
  [key: string]: unknown;
}

/**
 * W3C capabilities for WebKitWebDriver: the app binary and its arguments
 * (the driver adds `--automation`, which Sash ignores; automation is
 * switched on by SASH_AUTOMATION=1 in the environment).  WebDriver classic
 * only: WebdriverIO 9 asks for BiDi by default, which WebKitGTK's driver
 * does not offer to embedders.  No browserName: the driver compares it
 * with the app's name.
 */
export function capabilities(binary: string, args: readonly string[] = []): SashCapabilities {
  return {
    'webkitgtk:browserOptions': { binary, args: [...args] },
    'wdio:enforceWebDriverClassic': true,
  };
}

/**
 * The environment of the driver, which the app it starts inherits:
 * this process's, then `extra`, then SASH_AUTOMATION=1 (always last: it
 * is what makes the app drivable).
 */
export function appEnvironment(
  base: Record<string, string | undefined>,
  extra: Record<string, string> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) {
    if (v !== undefined) env[k] = v;
  }
  Object.assign(env, extra);
  env['SASH_AUTOMATION'] = '1';
  return env;
}

/** True if the environment names a display WebKitGTK can open. */
export function hasDisplay(env: Record<string, string | undefined>): boolean {
  return Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY']);
}

/**
 * PIDs of the live processes whose parent is `pid` (Linux /proc), e.g. the
 * app a driver started.  [] where /proc is not there.
 */
export function childPids(pid: number): number[] {
  const out: number[] = [];
  for (const name of list('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid ...; comm may hold spaces and ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const state = rest[0];
    if (Number(rest[1]) === pid && state !== 'Z' && state !== 'X') out.push(Number(name));
  }
  return out;
}

/** True while process `pid` exists and is not a zombie. */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}
