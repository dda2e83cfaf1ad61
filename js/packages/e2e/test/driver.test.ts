// @vitest-environment node
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';

import {
  alive,
  appEnvironment,
  capabilities,
  childPids,
  findDriver,
  freePort,
  hasDisplay,
} from '../src/driver.js';

describe('findDriver', () => {
  const fsOf = (execs: string[], dirs: Record<string, string[]> = {}) => ({
    isExecutable: (p: string) => execs.includes(p),
    listDir: (p: string) => dirs[p] ?? [],
  });

  it('takes the first PATH folder that has it', () => {
    const found = findDriver({
      env: { PATH: '/opt/a:/opt/b:/opt/c' },
      ...fsOf(['/opt/b/WebKitWebDriver', '/opt/c/WebKitWebDriver', '/usr/bin/WebKitWebDriver']),
    });
    expect(found).toBe('/opt/b/WebKitWebDriver');
  });

  it('falls back to /usr/bin, then the multiarch WebKitGTK folders', () => {
    expect(findDriver({ env: { PATH: '/nowhere' }, ...fsOf(['/usr/bin/WebKitWebDriver']) }))
      .toBe('/usr/bin/WebKitWebDriver');
    const lib = '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/WebKitWebDriver';
    expect(findDriver({
      env: { PATH: '' },
      ...fsOf([lib], { '/usr/lib': ['aarch64-linux-gnu', 'python3', 'x86_64-linux-gnu'] }),
    })).toBe(lib);
    const six = '/usr/lib/x86_64-linux-gnu/webkitgtk-6.0/WebKitWebDriver';
    expect(findDriver({ env: {}, ...fsOf([six], { '/usr/lib': ['x86_64-linux-gnu'] }) })).toBe(six);
  });

  it('honours SASH_WEBDRIVER, and says null when it is not executable', () => {
    const execs = ['/custom/driver', '/usr/bin/WebKitWebDriver'];
    expect(findDriver({ env: { SASH_WEBDRIVER: '/custom/driver' }, ...fsOf(execs) })).toBe('/custom/driver');
    expect(findDriver({ env: { SASH_WEBDRIVER: '/missing' }, ...fsOf(execs) })).toBeNull();
  });

  it('returns null when there is none', () => {
    expect(findDriver({ env: { PATH: '/a:/b' }, ...fsOf([], { '/usr/lib': ['x86_64-linux-gnu'] }) })).toBeNull();
  });
});

describe('freePort', () => {
  it('gives a port that can be listened on at once', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    expect(port).toBeLessThan(65536);
    await new Promise<void>((resolve, reject) => {
      const srv = createServer();
      srv.on('error', reject);
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve()));
    });
  });

  it('gives different ports to calls in flight together', async () => {
    // Not a guarantee of the OS, but it picks from a wide range.
    const ports = await Promise.all([freePort(), freePort(), freePort()]);
    expect(new Set(ports).size).toBeGreaterThan(1);
  });
});

describe('capabilities', () => {
  it('points WebKitWebDriver at the binary with its arguments, classic WebDriver', () => {
    const args = ['--flag', 'x'];
    const caps = capabilities('/apps/notes', args);
    expect(caps).toEqual({
      'webkitgtk:browserOptions': { binary: '/apps/notes', args: ['--flag', 'x'] },
      'wdio:enforceWebDriverClassic': true,
    });
    args.push('later'); // a copy, not the caller's array
    expect(caps['webkitgtk:browserOptions'].args).toEqual(['--flag', 'x']);
    expect(capabilities('/a')['webkitgtk:browserOptions'].args).toEqual([]);
    expect('browserName' in caps).toBe(false);
  });
});

describe('appEnvironment', () => {
  it('layers the caller env over the base and always turns automation on', () => {
    const env = appEnvironment(
      { PATH: '/bin', HOME: '/h', GONE: undefined, SASH_AUTOMATION: '0' },
      { HOME: '/other', SASH_DEBUG: '1', SASH_AUTOMATION: 'no' },
    );
    expect(env).toEqual({ PATH: '/bin', HOME: '/other', SASH_DEBUG: '1', SASH_AUTOMATION: '1' });
  });
});

describe('hasDisplay', () => {
  it('accepts X11 or Wayland', () => {
    expect(hasDisplay({ DISPLAY: ':99' })).toBe(true);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(hasDisplay({ DISPLAY: '' })).toBe(false);
    expect(hasDisplay({})).toBe(false);
  });
});

describe('childPids and alive', () => {
  it('finds a child of a process and sees it go', async () => {
    // sh starts sleep as its child; both are reaped at the end.
    const sh = spawn('/bin/sh', ['-c', 'sleep 30 & wait'], { stdio: 'ignore' });
    const pid = sh.pid!;
    let kids: number[] = [];
    for (let i = 0; i < 200 && kids.length === 0; i++) {
      kids = childPids(pid);
      if (kids.length === 0) await new Promise((r) => setTimeout(r, 25));
    }
    expect(kids.length).toBe(1);
    const kid = kids[0]!;
    expect(alive(kid)).toBe(true);
    process.kill(kid, 'SIGKILL');
    await new Promise<void>((r) => sh.on('exit', () => r()));
    for (let i = 0; i < 200 && alive(kid); i++) await new Promise((r) => setTimeout(r, 25));
    expect(alive(kid)).toBe(false);
    expect(childPids(pid)).toEqual([]);
  });
});
