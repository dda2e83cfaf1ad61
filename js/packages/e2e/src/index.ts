/**
 * @sash/e2e - drive a real Sash app through WebDriver.
 *
 *     import { launch } from '@sash/e2e';
 *     const app = await launch({ app: process.env.SASH_E2E_APP! });
 *     await app.browser.$('#greet').click();
 *     await app.close();
 *
 * `launch` starts WebKitWebDriver (Debian: webkit2gtk-driver) on a free
 * port of 127.0.0.1, with SASH_AUTOMATION=1 in the environment the app
 * inherits, and opens a WebdriverIO session whose browser is the app's
 * main window.  It needs a display (DISPLAY or WAYLAND_DISPLAY); `sash test
 * e2e` starts Xvfb when there is none.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { remote } from 'webdriverio';

import {
  alive,
  appEnvironment,
  capabilities,
  childPids,
  findDriver,
  freePort,
  hasDisplay,
} from './driver.js';

export {
  alive,
  appEnvironment,
  capabilities,
  childPids,
  DRIVER_NAME,
  findDriver,
  freePort,
  hasDisplay,
} from './driver.js';
export type { DriverSearch, SashCapabilities } from './driver.js';

export interface LaunchOptions {
  /** The app's binary (absolute, or relative to `cwd`). */
  app: string;
  /** Arguments for the app (after the `--automation` the driver adds). */
  args?: string[];
  /** Environment for the app, on top of this process's. */
  env?: Record<string, string>;
  /** Working folder of the driver and so of the app (default: this one). */
  cwd?: string;
  /** How long starting the driver and the session may take (default 30 s). */
  timeoutMs?: number;
}

export interface SashApp {
  /** The WebdriverIO browser; its window is the app's main window. */
  browser: WebdriverIO.Browser;
  /** Saves a PNG of the main window's page to `path` (folders made). */
  screenshot(path: string): Promise<void>;
  /** Ends the session, stops the driver and makes sure the app is gone. */
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const OUTPUT_KEPT = 16 * 1024;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `ok` every `everyMs` until it is true or `deadline` passes. */
async function until(ok: () => boolean | Promise<boolean>, deadline: number,
                     everyMs = 50): Promise<boolean> {
  for (;;) {
    if (await ok()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(everyMs);
  }
}

/* Drivers still running, stopped if this process ends first (a spec that
 * failed before close(), Ctrl-C): their groups hold the apps. */
const running = new Set<number>();
let exitHooked = false;

function killRunning(): void {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  running.clear();
}

function onSignal(sig: NodeJS.Signals): void {
  killRunning();
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  process.kill(process.pid, sig); // the default action, now that they are gone
}

function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', killRunning);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/** The driver process, its output (which holds the app's too) and exit. */
class Driver {
  readonly proc: ChildProcess;
  readonly port: number;
  output = '';
  exited: string | null = null;

  constructor(path: string, port: number, env: Record<string, string>, cwd: string) {
    this.port = port;
    this.proc = spawn(path, [`--port=${port}`, '--host=127.0.0.1'], {
      cwd,
      env,
      detached: true, // its own process group: the app and its helpers are in it
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (this.proc.pid !== undefined) {
      const pid = this.proc.pid;
      hookExit();
      running.add(pid); // until stop(): the group outlives the driver
    }
    const keep = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      if (process.env['SASH_E2E_VERBOSE'] === '1') process.stderr.write(text);
      this.output = (this.output + text).slice(-OUTPUT_KEPT);
    };
    this.proc.stdout?.on('data', keep);
    this.proc.stderr?.on('data', keep);
    this.proc.on('exit', (code, signal) => {
      this.exited = signal ? `signal ${signal}` : `exit ${code}`;
    });
    this.proc.on('error', (err) => {
      this.exited = err.message;
    });
  }

  /** True once GET /status answers. */
  async answers(): Promise<boolean> {
    try {
      const res = await fetch(`http://127.0.0.1:${this.port}/status`, {
        signal: AbortSignal.timeout(1000),
      });
      return res.ok;
    } catch {
      return false;
    }
  }

  /** Stops the whole group: SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs: number): Promise<void> {
    const pid = this.proc.pid;
    if (pid === undefined) return;
    const signalGroup = (sig: NodeJS.Signals) => {
      try {
        process.kill(-pid, sig);
      } catch {
        /* gone already */
      }
    };
    if (this.exited === null) signalGroup('SIGTERM');
    if (!(await until(() => this.exited !== null, Date.now() + graceMs))) {
      signalGroup('SIGKILL');
      await until(() => this.exited !== null, Date.now() + 5000);
    }
    running.delete(pid);
  }

  /** The last lines of what the driver and the app printed. */
  tail(lines = 30): string {
    const t = this.output.trimEnd().split('\n').slice(-lines).join('\n');
    return t ? `\n--- driver and app output (last lines) ---\n${t}` : '';
  }
}

/** Kills `pids` (SIGTERM, then SIGKILL) and waits until none is alive. */
async function reap(pids: number[], graceMs: number): Promise<void> {
  const live = () => pids.filter(alive);
  for (const pid of live()) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      /* gone */
    }
  }
  if (await until(() => live().length === 0, Date.now() + graceMs)) return;
  for (const pid of live()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  await until(() => live().length === 0, Date.now() + 5000);
}

/** Starts the app under WebKitWebDriver and opens a session on it. */
export async function launch(opts: LaunchOptions): Promise<SashApp> {
  const cwd = resolve(opts.cwd ?? process.cwd());
  const binary = resolve(cwd, opts.app);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  try {
    if (!statSync(binary).isFile()) throw new Error('not a file');
    accessSync(binary, constants.X_OK);
  } catch {
    throw new Error(`@sash/e2e: the app ${binary} is not an executable file ` +
                    `(build it first, e.g. sash build)`);
  }
  const env = appEnvironment(process.env, opts.env ?? {});
  if (!hasDisplay(env)) {
    throw new Error('@sash/e2e: no display (DISPLAY or WAYLAND_DISPLAY): run the ' +
                    'tests with `sash test e2e`, which starts Xvfb, or under xvfb-run -a');
  }
  const driverPath = findDriver({ env });
  if (!driverPath) {
    throw new Error('@sash/e2e: WebKitWebDriver not found (PATH, /usr/bin, ' +
                    '/usr/lib/*/webkit2gtk-4.1/): install it with ' +
                    '`sudo apt-get install webkit2gtk-driver`, or set SASH_WEBDRIVER');
  }
  const deadline = Date.now() + timeoutMs;

  // The port can be taken between freePort() and the driver's bind: then
  // the driver exits at once and another port is tried.
  let driver: Driver | null = null;
  for (let attempt = 0; attempt < 5 && !driver; attempt++) {
    const d = new Driver(driverPath, await freePort(), env, cwd);
    if (await until(async () => d.exited !== null || (await d.answers()), deadline, 50) &&
        d.exited === null) {
      driver = d;
    } else {
      await d.stop(1000);
      if (Date.now() >= deadline || attempt === 4) {
        throw new Error(`@sash/e2e: ${driverPath} did not answer on port ${d.port} ` +
                        `(${d.exited ?? 'timed out'})${d.tail()}`);
      }
    }
  }
  if (!driver) throw new Error('@sash/e2e: the driver did not start');
  const drv = driver;

  let browser: WebdriverIO.Browser;
  try {
    browser = await remote({
      hostname: '127.0.0.1',
      port: drv.port,
      path: '/',
      logLevel: 'error',
      connectionRetryTimeout: Math.max(1000, deadline - Date.now()),
      connectionRetryCount: 0,
      capabilities: capabilities(binary, opts.args ?? []) as WebdriverIO.Capabilities,
    });
  } catch (err) {
    const appPids = drv.proc.pid !== undefined ? childPids(drv.proc.pid) : [];
    await drv.stop(2000);
    await reap(appPids, 2000);
    const msg = err instanceof Error ? err.message : String(err);
    const hint = drv.output.includes('automation: on') ? '' :
      ' (the app never said "automation: on": is it a Sash app, built without ' +
      'SASH_NO_AUTOMATION, that reached sash_app_new?)';
    throw new Error(`@sash/e2e: no WebDriver session on ${binary}: ${msg}${hint}${drv.tail()}`);
  }
  // The app: what the driver started (its children), noted now so that
  // close() can make sure it is gone even if the driver is killed first.
  const appPids = drv.proc.pid !== undefined ? childPids(drv.proc.pid) : [];

  let closed: Promise<void> | null = null;
  return {
    browser,
    async screenshot(path: string) {
      mkdirSync(dirname(resolve(path)), { recursive: true });
      await browser.saveScreenshot(resolve(path));
    },
    close() {
      closed ??= (async () => {
        try {
          await browser.deleteSession();
        } catch {
          /* the app may be gone already */
        }
        await drv.stop(3000);
        await reap(appPids, 3000);
      })();
      return closed;
    },
  };
}
