// harness.js - a tiny test runner for integration pages.  Each page calls
// test(name, asyncFn); after load, every test runs in order and the results
// go to C with invoke('__report'), which prints them and ends the process.
const tests = [];
window.test = (name, fn) => tests.push([name, fn]);
window.assert = (cond, msg) => {
  if (!cond) throw new Error(msg || 'assertion failed');
};
window.assertEq = (got, want, msg) => {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error((msg ? msg + ': ' : '') + 'got ' + g + ', want ' + w);
};
window.rejects = async (promise, code) => {
  try {
    await promise;
  } catch (e) {
    if (!(e instanceof Error)) throw new Error('rejection is not an Error: ' + e);
    assertEq(e.code, code, 'error code (message: ' + e.message + ')');
    assert(typeof e.message === 'string' && e.message.length > 0, 'message is empty');
    return e;
  }
  throw new Error('expected a rejection with ' + code);
};
window.sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// Figures worth seeing in the test log (never asserted on).
const notes = [];
window.note = (msg) => notes.push('NOTE ' + msg);

async function runAll() {
  if (window.__noReport) return; // a page that navigates away first
  const lines = [];
  let passed = 0, failed = 0;
  for (const [name, fn] of tests) {
    try {
      await fn();
      passed++;
      lines.push('PASS ' + name);
    } catch (e) {
      failed++;
      lines.push('FAIL ' + name + ': ' + ((e && e.message) || e));
    }
  }
  await window.__SASH__.invoke('__report', { passed, failed, lines: lines.concat(notes) });
}
// Start after two frames, as a user would: the page has painted by then.
window.addEventListener('load', () =>
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(runAll, 0))));
