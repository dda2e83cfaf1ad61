// End-to-end spec: the real app, driven through WebDriver.
//   sash test e2e      builds the app, starts Xvfb if there is no display,
//                      and runs every e2e/*.e2e.mjs with node --test.
// Needs WebKitWebDriver (sudo apt-get install webkit2gtk-driver).
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { after, before, test } from 'node:test';

import { launch } from '@sash/e2e';

let app;

before(async () => {
  app = await launch({ app: process.env.SASH_E2E_APP });
});

after(async () => {
  await app?.close();
});

test('greet: the page calls C and shows the answer', async () => {
  const { browser } = app;
  await browser.$('#name').setValue('Ada');
  await browser.$('#greet button').click();
  const greeting = await browser.$('#greeting');
  await browser.waitUntil(async () => (await greeting.getText()).includes('Ada'), {
    timeout: 15000,
    timeoutMsg: 'no answer from the greet command',
  });
  assert.equal(await greeting.getText(), 'Hello, Ada! (from C)');
});

test('screenshot', async () => {
  const path = 'e2e/screenshots/app.png';
  await app.screenshot(path);
  assert.ok(statSync(path).size > 0);
});
