// Oversized, deeply nested, malformed payloads and floods: each gets its
// own error code and the app keeps working.  htest.json sets
// maxMessageBytes 1 MiB, maxDepth 64, maxInFlight 100.
const { invoke, emit } = window.__SASH__;
const raw = (text) => window.webkit.messageHandlers.sash.postMessage(text).then(JSON.parse);
const nest = (n) => { let v = 1; for (let i = 0; i < n; i++) v = [v]; return v; };
const works = async () => assertEq(await invoke('echo', { still: 'alive' }), { still: 'alive' });

test('oversized payload is too_large', async () => {
  const e = await rejects(invoke('echo', { s: 'x'.repeat(2 << 20) }), 'too_large');
  assert(e.message.includes('maxMessageBytes'), e.message);
  assertEq((await raw('['.repeat(1 << 21))).err.code, 'too_large');
  await works();
});
test('just under the size limit passes', async () => {
  const s = 'y'.repeat((1 << 20) - 100);
  assertEq((await invoke('echo', { s })).s.length, s.length);
});
test('nesting deeper than maxDepth is too_deep', async () => {
  assertEq(await invoke('echo', { a: nest(63) }), { a: nest(63) }); // args depth 64
  const e = await rejects(invoke('echo', { a: nest(64) }), 'too_deep');
  assert(e.message.includes('maxDepth'), e.message);
  // 100,000 levels: refused by the linear scan, the parser never recurses.
  const deep = '{"cmd":"echo","args":{"a":' + '['.repeat(100000) + ']'.repeat(100000) + '}}';
  assertEq((await raw(deep)).err.code, 'too_deep');
  // The same inside a call long enough to travel as bytes (parsed on a worker).
  const pad = 'p'.repeat(300 << 10);
  await rejects(invoke('echo', { a: nest(64), pad }), 'too_deep');
  assertEq((await invoke('echo', { a: nest(63), pad })).pad.length, pad.length);
  assertEq((await raw('{"event":"x","payload":' + '{"a":'.repeat(70) + '1' + '}'.repeat(70) + '}')).err.code,
           'too_deep');
  await works();
});
test('malformed payloads are bad_args', async () => {
  const bad = ['', ' ', 'garbage', '{', '{"cmd":', '{"cmd":"echo","args":[1]}', '{"cmd":"echo","args":"s"}',
               '{"cmd":null}', '{"cmd":"echo","args":{"a":"\\ud800"}}', '\u0000', 'null', '1e999999',
               '{"cmd":"echo","args":{}}x', '"\\u0000"', '{"cmd":"ec\\u0000ho"}'];
  for (const text of bad) {
    const r = await raw(text);
    assert(r.err && (r.err.code === 'bad_args' || r.err.code === 'forbidden'),
           JSON.stringify(text) + ' -> ' + JSON.stringify(r));
  }
  // Not even a string: the page bypassed the bridge.
  for (const value of [42, null, [1, 2], { cmd: 5 }, true])
    assertEq(JSON.parse(await window.webkit.messageHandlers.sash.postMessage(value)).err.code,
             'bad_args', JSON.stringify(value));
  await works();
});
test('more than maxInFlight calls at once: the extra ones are busy', async () => {
  const held = [];
  for (let i = 0; i < 100; i++) held.push(invoke('hold'));
  const e = await rejects(invoke('echo', {}), 'busy');
  assert(e.message.includes('maxInFlight') && e.message.includes("'main'"), e.message);
  await rejects(invoke('hold'), 'busy');
  await emit('release', {}); // events are not calls: still allowed
  const got = await Promise.all(held);
  assertEq(got.length, 100);
  await works();
});
test('bytes results a page never fetches count as in flight: busy, not growth', async () => {
  // Past the bridge: JSON calls whose bytes answers wait, parked, in C.
  const tokens = [];
  for (let i = 0; i < 100; i++) {
    const r = await raw('{"cmd":"echo_bytes"}');
    assert(typeof r.bytes === 'string', 'call ' + i + ': ' + JSON.stringify(r));
    tokens.push(r.bytes);
  }
  const e = await rejects(invoke('echo', {}), 'busy');
  assert(e.message.includes('maxInFlight'), e.message);
  assertEq((await raw('{"cmd":"echo_bytes"}')).err.code, 'busy');
  // Fetching them (as the bridge does) frees the room; each is fetched once.
  for (const t of tokens) assertEq((await (await fetch('/__sash_ipc/__take/' + t)).arrayBuffer()).byteLength, 0);
  const again = await fetch('/__sash_ipc/__take/' + tokens[0]);
  assert(again.status >= 400 || (await again.text()).includes('not_found'), 'taken twice');
  await works();
});
test('a flood of 10,000 calls: every one answered, ok or busy, app alive', async () => {
  const n = 10000;
  const results = await Promise.allSettled(
    Array.from({ length: n }, (_, i) => invoke('echo', { i })));
  let ok = 0, busy = 0;
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') {
      assertEq(r.value, { i });
      ok++;
    } else {
      assertEq(r.reason.code, 'busy', 'call ' + i + ': ' + r.reason.message);
      busy++;
    }
  });
  assertEq(ok + busy, n);
  assert(ok >= 100, 'only ' + ok + ' succeeded');
  console.log('flood: ' + ok + ' ok, ' + busy + ' busy');
  await works();
  assertEq(await invoke('greet'), 'hello');
});
