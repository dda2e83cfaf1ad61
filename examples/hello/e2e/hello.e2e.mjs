// End-to-end spec of the hello example, driven through WebDriver:
//   sash test e2e                 (in examples/hello, with @sash/e2e installed)
//   SASH_E2E_APP=path/to/hello node --test e2e/   (under a display)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';

import { launch } from '@sash/e2e';

const shots = process.env.SASH_E2E_SCREENSHOTS ?? 'e2e/screenshots';
let app;

before(async () => {
  assert.ok(process.env.SASH_E2E_APP, 'SASH_E2E_APP names the app binary');
  app = await launch({ app: process.env.SASH_E2E_APP });
});

after(async () => {
  await app?.close();
});

test('the page is the app\'s own', async () => {
  const { browser } = app;
  assert.equal(await browser.getTitle(), 'Hello from Sash');
  assert.match(await browser.getUrl(), /^sash:\/\/app\//);
  await browser.$('h1').waitForDisplayed({ timeout: 15000 });
  assert.equal(await browser.$('h1').getText(), 'Hello from Sash');
});

test('typing a name and clicking Greet shows the answer from C', async () => {
  const { browser } = app;
  const name = await browser.$('#name');
  await name.setValue('Grace Hopper');
  await browser.$('#greet button').click();
  const reply = await browser.$('#reply');
  await browser.waitUntil(async () => (await reply.getText()).startsWith('Hello'), {
    timeout: 15000,
    timeoutMsg: 'no reply from the greet command',
  });
  assert.equal(await reply.getText(), 'Hello, Grace Hopper! (from C)');
});

test('an empty name is rejected with the command\'s error code', async () => {
  const { browser } = app;
  await browser.$('#name').clearValue();
  await browser.$('#greet button').click();
  const reply = await browser.$('#reply');
  await browser.waitUntil(async () => (await reply.getText()).startsWith('empty_name'), {
    timeout: 15000,
  });
  assert.equal(await reply.getText(), 'empty_name: tell me your name first');
  assert.match(await reply.getAttribute('class'), /\berror\b/);
});

test('events from a C thread reach the page', async () => {
  const { browser } = app;
  const ticks = await browser.$('#ticks');
  await browser.waitUntil(async () => Number(await ticks.getText()) >= 2, {
    timeout: 15000,
    timeoutMsg: 'the tick counter did not move',
  });
});

test('a screenshot is a PNG', async () => {
  const path = `${shots}/hello.png`;
  await app.browser.$('#name').setValue('Ada');
  await app.screenshot(path);
  const png = readFileSync(path);
  assert.ok(png.length > 1000, `${path} has ${png.length} bytes`);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
});
