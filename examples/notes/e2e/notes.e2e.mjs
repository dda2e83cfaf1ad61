// End-to-end spec of the Notes example, driven through WebDriver (the real
// app, its real C side and database):
//   sash test e2e                                    (in examples/notes)
//   SASH_E2E_APP=path/to/notes node --test e2e/      (under a display)
// NOTES_DEMO_COUNT (default here 2000, to keep CI fast; the app's own
// default is 50,000) sizes the demo database made on the first start, in
// $XDG_DATA_HOME (the runner gives each run a fresh one).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';

import { launch } from '@sash/e2e';

const shots = process.env.SASH_E2E_SCREENSHOTS ?? 'e2e/screenshots';
const env = { NOTES_DEMO_COUNT: process.env.NOTES_DEMO_COUNT ?? '2000' };
const stamp = `zeta${Date.now().toString(36)}`; // one word, found by FTS5
const T = { timeout: 20000 };
let app;

const $ = (sel) => app.browser.$(sel);
const $$ = (sel) => app.browser.$$(sel);
const text = async (sel) => (await $(sel)).getText();
const until = (fn, msg) => app.browser.waitUntil(fn, { ...T, timeoutMsg: msg });
// textContent, not getText(): WebKitWebDriver's visible-text reads ""
// for the list's ellipsised (text-overflow) titles.
const content = async (e) => String(await e.getProperty('textContent')).trim();
const texts = async (sel) => { const out = []; for (const e of await $$(sel)) out.push(await content(e)); return out; };
const titles = () => texts('[data-testid=note-title]');

async function search(q) {
  const box = await $('[data-testid=search]');
  await box.setValue(q);
  // data-q: the text the shown result answers
  await until(async () => (await (await $('[data-testid=status]')).getAttribute('data-q')) === q &&
    (await text('[data-testid=status]')).startsWith('search'), `no search result for "${q}"`);
}

async function openHit(i) {
  const items = await $$('[data-testid=note-item]');
  const title = await content(await items[i].$('[data-testid=note-title]'));
  await items[i].click();
  await until(async () => {
    const t = await (await $('[data-testid=note-title-input]')).getValue();
    return t === title || (title === 'Untitled' && t === '');
  }, `note "${title}" did not open`);
  return title;
}

async function saved() {
  await until(async () => (await (await $('[data-testid=save-state]')).getAttribute('data-state')) === 'saved',
    'the edit was not saved');
}

before(async () => {
  assert.ok(process.env.SASH_E2E_APP, 'SASH_E2E_APP names the app binary');
  app = await launch({ app: process.env.SASH_E2E_APP, env });
});

after(async () => {
  await app?.close();
});

test('first start: the demo database is made and the list fills', async () => {
  await (await $('[data-testid=note-item]')).waitForDisplayed({ timeout: 120000 });
  assert.equal(await app.browser.getTitle(), 'Notes');
  const all = await text('[data-testid=notebook-all]');
  assert.match(all, new RegExp(`All notes\\s*${Number(env.NOTES_DEMO_COUNT).toLocaleString('en-US')}`));
  assert.ok((await $$('[data-testid=notebook]')).length === 12);
});

test('search as you type: ranked hits with highlights, the C time in the status line', async () => {
  await search('lentil');
  await until(async () => (await $$('[data-testid=note-item] mark')).length > 0, 'no highlighted hit');
  const status = await text('[data-testid=status]');
  const m = status.match(/^search ([\d.]+) ms · ([\d,]+)\+? hits?/);
  assert.ok(m, `status line: ${status}`);
  assert.ok(Number(m[2].replace(/,/g, '')) > 0);
  const marks = await texts('[data-testid=note-item] mark');
  assert.ok(marks.every((w) => /^lentil/i.test(w)), `highlighted: ${marks.join(', ')}`);
  // one more letter narrows it, as typed
  await search('lentil zzzq');
  await (await $('[data-testid=no-hits]')).waitForDisplayed(T);
});

test('open, edit, switch away and back: the edit is there, and searchable', async () => {
  await search('lentil');
  await until(async () => (await $$('[data-testid=note-item]')).length >= 2, 'fewer than 2 hits');
  const first = await openHit(0);
  const body = await $('[data-testid=note-body]');
  const written = `Edited through WebDriver: ${stamp}\n\n- [x] typed\n- [ ] switched`;
  // WebKitWebDriver drops a typed "\n": newlines go as the Enter key
  await body.setValue(written.replace(/\n/g, '\uE007'));
  await saved();
  assert.match(await text('[data-testid=status]'), /save [\d.]+ ms/);
  // the preview rendered the Markdown
  assert.equal((await $$('[data-testid=preview] input[type=checkbox]')).length, 2);
  await openHit(1);
  assert.notEqual(await (await $('[data-testid=note-body]')).getValue(), written);
  await search(stamp);
  assert.deepEqual(await titles(), [first]);
  await openHit(0);
  assert.equal(await (await $('[data-testid=note-body]')).getValue(), written);
});

test('a new note, then a tag and the tag filter', async () => {
  await (await $('[data-testid=new-note]')).click();
  await until(async () => (await (await $('[data-testid=note-title-input]')).getValue()) === '', 'no new note');
  await (await $('[data-testid=note-title-input]')).setValue(`Made by e2e ${stamp}`);
  await (await $('[data-testid=note-body]')).setValue('Written in the new note.');
  await saved();
  const tag = await $('[data-testid=tag-input]');
  await tag.setValue(`e2e-${stamp}`);
  await app.browser.keys('Enter');
  await until(async () => (await text('[data-testid=tags]')).includes(`#e2e-${stamp}`), 'tag not added');
  // the sidebar lists the new tag; filter by it: exactly the new note
  const filter = await $(`[data-testid=tag-filter][data-tag="e2e-${stamp}"]`);
  await filter.waitForDisplayed(T);
  await app.browser.keys('Escape'); // clears the search (and any tag filter)
  await until(async () => (await (await $('[data-testid=status]')).getAttribute('data-q')) === '',
    'Escape did not clear the search');
  await filter.click();
  await until(async () => (await text('[data-testid=active-tag]')) === `#e2e-${stamp}`, 'filter not shown');
  await until(async () => JSON.stringify(await titles()) === JSON.stringify([`Made by e2e ${stamp}`]),
    'the tag filter does not show exactly the new note');
  await filter.click(); // off again
});

test('a screenshot of the app', async () => {
  await search('lentil');
  await openHit(0);
  const path = `${shots}/notes.png`;
  await app.screenshot(path);
  const png = readFileSync(path);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(png.length > 10000, `${path} has ${png.length} bytes`);
});

test('after a restart the edits are still there', async () => {
  await app.close();
  app = await launch({ app: process.env.SASH_E2E_APP, env });
  await (await $('[data-testid=note-item]')).waitForDisplayed(T);
  await search(stamp);
  const t = await titles();
  assert.equal(t.length, 2, `hits for ${stamp}: ${t.join(' | ')}`);
  assert.ok(t.includes(`Made by e2e ${stamp}`));
});
