// Logscope end to end, through WebDriver on the real app: a generated
// ~20 MB log opened by path, indexed, scrolled, jumped, filtered by regex
// and level; what the list shows is checked against the file itself.
//
//   sash test e2e   (in examples/logscope; CTest: e2e.logscope)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '@sash/e2e';

const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'logscope-e2e-'));
const log = join(dir, 'sample.log');
const shots = process.env.SASH_E2E_SCREENSHOTS ?? dir;
// tests/e2e/run.sh runs a copy of this file: LOGSCOPE_GENLOG says where genlog is.
const genlog = process.env.LOGSCOPE_GENLOG ?? join(here, '..', 'tools', 'genlog');
let app, browser;

// The reference: lines, levels (continuations take their entry's), text.
function reference() {
  const text = readFileSync(log, 'utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const levels = [];
  let level = '';
  for (const l of lines) {
    if (/^\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d/.test(l)) {
      const m = /\b(TRACE|DEBUG|INFO|WARN|ERROR|FATAL)\b/.exec(l.slice(19, 83));
      level = m ? m[1] : '';
    }
    levels.push(level);
  }
  return { lines, levels };
}

const $ = (id) => browser.$(`[data-testid="${id}"]`);
async function rows() {
  return browser.execute(() => [...document.querySelectorAll('[data-testid="log-row"]')].map((r) => ({
    line: Number(r.getAttribute('data-line')),
    level: r.getAttribute('data-level'),
    text: r.querySelector('[data-testid="log-text"]').textContent,
    selected: r.className.includes('bg-sky-500'),
  })));
}
async function waitFor(what, fn, timeout = 60000) {
  await browser.waitUntil(fn, { timeout, interval: 100, timeoutMsg: `timed out waiting for ${what}` });
}

let ref;
before(async () => {
  execFileSync('python3', [genlog, '20M', log]);
  ref = reference();
  app = await launch({ app: process.env.SASH_E2E_APP, args: [log] });
  browser = app.browser;
});

after(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('indexes the file given on the command line', async () => {
  await waitFor('the line count', async () => (await $('line-count').isExisting()));
  assert.equal(Number(await $('line-count').getAttribute('data-lines')), ref.lines.length);
  await waitFor('rows', async () => (await rows()).length > 10);
  const shown = await rows();
  assert.equal(shown[0].line, 1);
  for (const r of shown) assert.equal(r.text, ref.lines[r.line - 1].slice(0, 400));
  assert.ok(Number(await $('frame-gap').getAttribute('data-ms')) >= 0);
});

test('jumps to a line, and scrolls to the end with the keyboard', async () => {
  const target = Math.floor(ref.lines.length * 0.7);
  const jump = await $('jump');
  await jump.setValue(String(target));
  await browser.keys('Enter');
  await waitFor(`line ${target}`, async () => (await rows()).some((r) => r.line === target && r.selected));
  for (const r of await rows()) assert.equal(r.text, ref.lines[r.line - 1].slice(0, 400));

  await $('log-list').click();
  await browser.keys('End');
  await waitFor('the last line', async () => (await rows()).some((r) => r.line === ref.lines.length));
});

test('filters by regular expression and by level, in C', async () => {
  const re = /timeout|declined/;
  await $('pattern').setValue('timeout|declined');
  const want = ref.lines.filter((l) => re.test(l)).length;
  await waitFor('the match count', async () =>
    (await $('match-count').isExisting()) && Number(await $('match-count').getAttribute('data-matches')) === want);
  let shown = await rows();
  assert.ok(shown.length > 5);
  for (const r of shown) assert.match(r.text, re);

  // only ERROR: switch the other levels off
  for (const lv of ['TRACE', 'DEBUG', 'INFO', 'WARN', 'FATAL']) await $(`level-${lv}`).click();
  const wantErr = ref.lines.filter((l, i) => re.test(l) && ref.levels[i] === 'ERROR').length;
  await waitFor('the ERROR matches', async () =>
    Number(await $('match-count').getAttribute('data-matches')) === wantErr);
  shown = await rows();
  for (const r of shown) {
    assert.equal(r.level, 'ERROR');
    assert.match(r.text, re);
  }

  // a bad regular expression says why, and keeps the last view
  await $('pattern').setValue('timeout(');
  await waitFor('the regex error', async () => (await $('filter-error').isExisting()));
  assert.match(await $('filter-error').getText(), /bad regular expression/);
});

test('draws the histogram, and a click on it jumps to that time', async () => {
  await $('pattern').click(); // (setValue('') is not valid WebDriver)
  await browser.keys(['Control', 'a']);
  await browser.keys('Backspace');
  for (const lv of ['TRACE', 'DEBUG', 'INFO', 'WARN', 'FATAL']) await $(`level-${lv}`).click();
  await waitFor('every line again', async () => !(await $('match-count').isExisting()));
  const canvas = await $('histogram-canvas');
  await waitFor('bins', async () => Number(await canvas.getAttribute('data-bins')) > 10);
  const before = (await rows())[0].line;
  await canvas.click({ x: 200 }); // right of the centre: later in time
  await waitFor('the jump', async () => (await rows()).some((r) => r.selected && r.line > before + 1000));
});

test('a screenshot of the whole state', async () => {
  await $('pattern').setValue('timeout|declined');
  await waitFor('the matches', async () => (await $('match-count').isExisting()));
  const png = join(shots, 'logscope.png');
  await app.screenshot(png);
  assert.ok(statSync(png).size > 10000);
});

test('follows the file as it grows (filtered, then to the end), and reindexes a truncated one', async () => {
  const lines0 = ref.lines.length;
  const matches0 = Number(await $('match-count').getAttribute('data-matches'));
  await $('follow').click();
  await waitFor('following', async () => (await $('following').isExisting()));
  // three lines, two of them match the filter still in place
  appendFileSync(log, '2026-11-27T07:00:00Z ERROR payment timeout (follow 1)\n' +
    '2026-11-27T07:00:01Z INFO all good (follow 2)\n' +
    '2026-11-27T07:00:02Z WARN card declined (follow 3)\n');
  await waitFor('the appended lines', async () =>
    Number(await $('line-count').getAttribute('data-lines')) === lines0 + 3);
  await waitFor('the appended matches', async () =>
    Number(await $('match-count').getAttribute('data-matches')) === matches0 + 2);
  await waitFor('the last match in view', async () =>
    (await rows()).some((r) => r.text.includes('(follow 3)')));
  // every line again: the list keeps to the end as lines arrive
  await $('pattern').click();
  await browser.keys(['Control', 'a']);
  await browser.keys('Backspace');
  await waitFor('every line again', async () => !(await $('match-count').isExisting()));
  for (let i = 4; i <= 6; i++)
    appendFileSync(log, `2026-11-27T07:00:0${i}Z INFO tick (follow ${i})\n`);
  await waitFor('the newest line at the end of the list', async () => {
    const r = await rows();
    return r.some((x) => x.line === lines0 + 6 && x.text.includes('(follow 6)'));
  });
  await app.screenshot(join(shots, 'logscope-follow.png'));
  // truncated (copytruncate): indexed again from the start, with a notice
  writeFileSync(log, '2026-11-27T08:00:00Z INFO rotated\n2026-11-27T08:00:01Z ERROR again\n');
  await waitFor('the notice', async () => (await $('notice').isExisting()));
  assert.match(await $('notice').getText(), /truncated/);
  await waitFor('the new count', async () =>
    Number(await $('line-count').getAttribute('data-lines')) === 2);
  await $('follow').click();
  await waitFor('not following', async () => !(await $('following').isExisting()));
});

// A drag from another application (xdnd_source: XDND, as a file manager
// does), when the test build has it (CTest passes XDND_SOURCE).
test('opens a log file dropped on the window', { skip: !process.env.XDND_SOURCE && 'no XDND_SOURCE' }, async () => {
  const dropped = join(dir, 'dropped.log');
  writeFileSync(dropped, '2026-11-27T09:00:00Z INFO dropped one\n' +
    '2026-11-27T09:00:01Z WARN dropped two\n2026-11-27T09:00:02Z ERROR dropped three\n');
  const list = join(dir, 'list.txt');
  writeFileSync(list, `file://${dropped}\r\n`);
  const ids = execFileSync('xdotool', ['search', '--name', '^Logscope$']).toString().trim().split('\n');
  let done = false;
  for (const id of ids) {
    try {
      execFileSync(process.env.XDND_SOURCE, [id, '400', '400', 'drop', list], { stdio: 'pipe' });
      done = true;
      break;
    } catch { /* not the toplevel that takes drops */ }
  }
  assert.ok(done, `no window of ${ids.join(', ')} took the drop`);
  await waitFor('the dropped file', async () => (await $('file-name').getText()).includes('dropped.log'));
  await waitFor('its lines', async () => Number(await $('line-count').getAttribute('data-lines')) === 3);
  await waitFor('its rows', async () => (await rows()).some((r) => r.text.includes('dropped three')));
});
