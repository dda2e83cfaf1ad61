// jsapi.js - @sash/api (the built ES module, imported by relative URL, no
// bundler) against the real bridge: types of errors, bytes, channels,
// cancellation, events and rows as the package presents them.
import {
  Channel, SashError, emit, invoke, isSash, isSashError, listen, once, rows,
} from './sash-api/index.js';

test('isSash() is true in a Sash window', async () => {
  assert(isSash(), 'isSash() is false');
});
test('invoke resolves JSON', async () => {
  assertEq(await invoke('greet', { name: 'Ada' }), 'Hello, Ada!');
  assertEq(await invoke('echo'), null);
});
test('a rejection is a SashError with the command\'s code', async () => {
  const e = await invoke('greet', { name: '' }).catch((x) => x);
  assert(e instanceof SashError, 'not a SashError: ' + e);
  assert(isSashError(e, 'empty_name'), 'code ' + e.code);
  assertEq(e.message, 'tell me your name first');
  const nf = await invoke('no_such_command').catch((x) => x);
  assert(nf instanceof SashError && nf.code === 'not_found', 'not_found: ' + nf.code);
});
test('bad args are refused before crossing', async () => {
  const e = await invoke('echo', [1, 2]).catch((x) => x);
  assert(e instanceof SashError && e.code === 'bad_args', 'bad_args: ' + e.code);
});
test('bytes round trip on the raw path', async () => {
  const sent = new Uint8Array(70000).map((_, i) => (i * 7) & 255);
  const back = await invoke('bytes_echo', sent.subarray(5, 65005));
  assert(back instanceof ArrayBuffer, 'not an ArrayBuffer');
  const v = new Uint8Array(back);
  assertEq(v.length, 65000);
  for (let i = 0; i < v.length; i++) if (v[i] !== sent[i + 5]) throw new Error('byte ' + i);
});
test('a Channel inside args streams in order and closes', async () => {
  const got = [];
  const ch = new Channel((m) => got.push(m));
  assert(ch.closed && ch.id === undefined, 'a new channel is not yet open');
  const closed = new Promise((r) => { ch.onclose = r; });
  const r = await invoke('stream', { ch, n: 300, bytes_every: 100 });
  assertEq(r.sent, 300);
  await closed;
  assertEq(got.length, 300);
  assert(got[99] instanceof ArrayBuffer, 'message 99 should be bytes');
  assertEq(got[100], { i: 100 });
  assert(ch.closed, 'closed flag');
  // Sent again, the same object opens a new stream.
  const again = [];
  ch.onmessage = (m) => again.push(m.i);
  const closed2 = new Promise((r2) => { ch.onclose = r2; });
  await invoke('stream', { ch, n: 3 });
  await closed2;
  assertEq(again, [0, 1, 2]);
});
test('close() in the page stops the C sender', async () => {
  let n = 0;
  const ch = new Channel(() => { if (++n === 20) ch.close(); });
  const r = await invoke('stream', { ch, n: 1000000, capacity: 8 });
  assert(r.closed_at >= 20 && r.closed_at < 1000000, 'closed_at ' + r.closed_at);
});
test('an AbortSignal cancels: cancelled SashError, C sees it', async () => {
  const ctl = new AbortController();
  const p = invoke('cancellable', { ms: 5000 }, { signal: ctl.signal });
  await sleep(50);
  ctl.abort();
  const e = await p.catch((x) => x);
  assert(e instanceof SashError && e.code === 'cancelled', 'cancelled: ' + e);
  for (let i = 0; i < 100 && (await invoke('last_cancel_seen')) !== 1; i++) await sleep(20);
  assertEq(await invoke('last_cancel_seen'), 1);
});
test('listen / once / unlisten / emit', async () => {
  const seen = [];
  const off = listen('seq', (e) => seen.push(e.payload));
  let first = null;
  once('seq', (e) => { first = e.payload; });
  await invoke('emit_burst', { n: 5 });
  for (let i = 0; i < 50 && seen.length < 5; i++) await sleep(20);
  assertEq(seen, [0, 1, 2, 3, 4]);
  assertEq(first, 0);
  off();
  await invoke('emit_burst', { n: 2 });
  await sleep(100);
  assertEq(seen.length, 5);
  const pong = new Promise((r) => once('pong', (e) => r(e.payload)));
  await emit('ping', { n: 41 });
  assertEq(await pong, { n: 42, from: 'main' });
});
test('rows() pages a million rows', async () => {
  const r = rows('big_rows', 100);
  assertEq(await r.count(), 1000000);
  const got = await r.get(999950, 1000100);
  assertEq(got.length, 50);
  assertEq(got[0], { id: 999950, name: 'row 999950' });
  const mid = await r.get(150, 420);
  assertEq(mid.length, 270);
  assert(mid.every((x, i) => x.id === 150 + i), 'ids in order');
});
