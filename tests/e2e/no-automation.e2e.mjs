// Without SASH_AUTOMATION=1 a Sash app cannot be driven: WebKitWebDriver
// starts it, but no session is ever created on it.  The app is the binary
// in SASH_E2E_APP (the hello example in CTest).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';

import { alive, capabilities, childPids, findDriver, freePort } from '@sash/e2e';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(ok, ms, what) {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

for (const value of [undefined, '0']) {
  test(`SASH_AUTOMATION=${value ?? '(unset)'}: no session`, async () => {
    const app = process.env.SASH_E2E_APP;
    assert.ok(app, 'SASH_E2E_APP names the app binary');
    const driverPath = findDriver();
    assert.ok(driverPath, 'WebKitWebDriver is installed');
    const env = { ...process.env };
    delete env.SASH_AUTOMATION;
    if (value !== undefined) env.SASH_AUTOMATION = value;
    const port = await freePort();
    const driver = spawn(driverPath, [`--port=${port}`, '--host=127.0.0.1'], {
      env, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    driver.stdout.on('data', (c) => (output += c));
    driver.stderr.on('data', (c) => (output += c));
    const aborter = new AbortController();
    let appPids = [];
    try {
      await until(async () => {
        try {
          return (await fetch(`http://127.0.0.1:${port}/status`)).ok;
        } catch {
          return false;
        }
      }, 20000, 'the driver');
      const caps = capabilities(app);
      delete caps['wdio:enforceWebDriverClassic'];
      let answer = null;
      const post = fetch(`http://127.0.0.1:${port}/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ capabilities: { alwaysMatch: caps } }),
        signal: aborter.signal,
      }).then(async (r) => (answer = { status: r.status, body: await r.json() }),
              (e) => (answer = { error: String(e) }));
      // The app starts and loads its page (it has a web process)...
      await until(() => {
        appPids = childPids(driver.pid);
        return appPids.some((p) => childPids(p).length > 0);
      }, 20000, 'the app and its web process');
      // ...and, given time a drivable app needs many times over, still
      // takes no session (the driver waits, or reports a failure).
      await Promise.race([post, sleep(5000)]);
      if (answer?.body) {
        assert.ok(answer.status >= 400 && !answer.body.value?.sessionId,
                  `a session was created: ${JSON.stringify(answer)}`);
      }
      assert.ok(!output.includes('automation: on'), `the app turned automation on:\n${output}`);
      assert.ok(appPids.every(alive), 'the app is still running (not drivable, not crashed)');
    } finally {
      aborter.abort();
      try {
        process.kill(-driver.pid, 'SIGKILL');
      } catch { /* gone */ }
      for (const p of appPids) {
        try { process.kill(p, 'SIGKILL'); } catch { /* gone */ }
      }
      await until(() => appPids.every((p) => !alive(p)), 10000, 'the app to end');
    }
  });
}
