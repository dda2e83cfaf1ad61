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

/*
 * WebKit takes a WebDriver screenshot at the page's next presentation
 * update, and an idle page drawn without GPU compositing (what Sash
 * chooses on Xvfb, CI and virtual machines) makes none: the screenshot
 * would wait forever.  While one is taken, a 1-pixel, nearly transparent
 * element in the bottom-right corner changes every 16 ms, so there is an
 * update to take it at.  It removes itself after 30 s if never stopped.
 */
export const NUDGE_START = `if (!window.__sashE2eNudge) {
  const d = document.createElement('div');
  d.setAttribute('aria-hidden', 'true');
  d.style.cssText = 'position:fixed;right:0;bottom:0;width:1px;height:1px;' +
    'pointer-events:none;z-index:2147483647;background:rgba(0,0,0,0.004)';
  (document.body || document.documentElement).appendChild(d);
  let i = 0;
  const tick = setInterval(() => {
    d.style.background = (i++ & 1) ? 'rgba(0,0,0,0.004)' : 'rgba(0,0,0,0.008)';
  }, 16);
  const stop = () => { clearInterval(tick); clearTimeout(limit); d.remove(); delete window.__sashE2eNudge; };
  const limit = setTimeout(stop, 30000);
  window.__sashE2eNudge = stop;
}`;
export const NUDGE_STOP = 'if (window.__sashE2eNudge) window.__sashE2eNudge();';

/*
 * Input where WebKit cannot synthesize it: WebKitGTK 6.0 (GTK4) answers
 * "unsupported operation" to element click, send keys and clear, as GTK4
 * has no way to inject native input events.  There @sash/e2e does the
 * same through the DOM: scripts run with the element as arguments[0].
 * The events are synthetic (isTrusted false); what a page does on a
 * click, input or change event works.  Enter (U+E007/U+E006) submits the
 * element's form; other WebDriver key codes are dropped.
 */
export const SYNTH_CLICK = `const el = arguments[0];
if (typeof el.scrollIntoView === 'function') el.scrollIntoView({ block: 'center', inline: 'center' });
if (typeof el.focus === 'function') el.focus();
el.click();`;

export const SYNTH_CLEAR = `const el = arguments[0];
if (typeof el.focus === 'function') el.focus();
const set = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value')?.set;
if (set) set.call(el, ''); else if ('value' in el) el.value = ''; else if (el.isContentEditable) el.textContent = '';
el.dispatchEvent(new Event('input', { bubbles: true }));
el.dispatchEvent(new Event('change', { bubbles: true }));`;

export const SYNTH_TYPE = `const el = arguments[0];
const raw = String(arguments[1]);
const enter = /[\\uE006\\uE007]/.test(raw);
const text = raw.replace(/[\\uE000-\\uF8FF]/g, '');
if (typeof el.focus === 'function') el.focus();
if (text) {
  if ('value' in el) {
    // The prototype's setter: frameworks (React) watch the instance's.
    const set = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value')?.set;
    const next = el.value + text;
    if (set) set.call(el, next); else el.value = next;
    el.dispatchEvent(new InputEvent('input', { bubbles: true, data: text, inputType: 'insertText' }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  } else if (el.isContentEditable) {
    document.execCommand('insertText', false, text);
  }
}
if (enter) {
  const init = { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true };
  const go = el.dispatchEvent(new KeyboardEvent('keydown', init));
  el.dispatchEvent(new KeyboardEvent('keyup', init));
  if (go && el.form) el.form.requestSubmit();
}`;

/** True for the error a driver gives for input it cannot synthesize. */
export function isUnsupportedInput(err: unknown): boolean {
  return err instanceof Error && /unsupported operation/i.test(err.message);
}
