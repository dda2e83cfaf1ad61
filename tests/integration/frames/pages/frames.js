// Per-frame origin with Sash's web extension (ftest allowed|denied).
const { invoke } = window.__SASH__;
let info;

test('the listed foreign origin is in the policy\'s frame-src', async () => {
  info = await invoke('server_info');
  const csp = (await fetch('/frames.html')).headers.get('content-security-policy');
  assert(csp.includes("frame-src 'self' " + info.foreign + ';'), csp);
});
test('a cross-origin frame loads but every IPC path refuses it', async () => {
  addFrame({ src: info.foreign + '/foreign-frame.html' });
  const m = await waitFor(() => fromFrames.find((d) => d && d.hostile), 'the foreign frame');
  const o = m.hostile;
  assertEq(o.globals, 'undefined,undefined,undefined', 'bridge, shm or token leaked');
  assert(o.handler, 'the handler is exposed to every frame (WebKit): the test must try it');
  for (const k of ['plain', 'forged', 'object', 'event', 'rid'])
    assert(o[k].startsWith('forbidden: IPC refused'), k + ': ' + o[k]);
  assert(o.plain.includes('names no frame'), o.plain);
  assert(o.forged.includes('unknown or expired'), o.forged);
  for (const k of ['raw', 'raw_same', 'take'])
    assert(o[k] === 'forbidden' || o[k] === 'blocked', k + ': ' + o[k]);
  const after = await invoke('server_info');
  assertEq(after.probes, 0, 'a forged message reached a command');
  assert(after.hits['/foreign-frame.html'] >= 1, 'the foreign frame did not load');
  note('foreign frame: ' + JSON.stringify(o));
});
test('the top page\'s next invoke works', async () => {
  assertEq(await invoke('echo', { still: 'alive' }), { still: 'alive' });
});
async function child(attrs, where) {
  const n = fromFrames.length;
  addFrame(attrs);
  const m = await waitFor(() => fromFrames.slice(n).find((d) => d && d.child), where);
  note(where + ': ' + JSON.stringify(m.child));
  return m.child;
}
function expectChild(c, where) {
  assert(c.bridge, where + ': a same-origin frame gets the bridge');
  assertEq(c.token + ',' + c.shm, 'undefined,undefined', where + ': globals left');
  if (info.mode === 'allowed') {
    assertEq(c.frame_echo, 'ok {"args":{"x":1},"bytes":0}', where + ' frame_echo');
    assertEq(c.bytes, 'ok bytes 3', where + ' bytes');
  } else {
    assert(c.frame_echo.startsWith('forbidden: ') && c.frame_echo.includes('subframe'),
      where + ' frame_echo: ' + c.frame_echo);
    assert(c.bytes.startsWith('forbidden: '), where + ' bytes: ' + c.bytes);
  }
  // echo is granted to the top frame only, in both modes.
  assert(c.echo.startsWith('forbidden: ') && c.echo.includes('frames'), where + ' echo: ' + c.echo);
  assert(c.emit.startsWith('forbidden: '), where + ' emit: ' + c.emit);
  assert(c.pull.includes('forbidden') && c.pull.includes('top frame'), where + ' pull: ' + c.pull);
}
test('a same-origin srcdoc frame: IPC only by a "frames" capability', async () => {
  expectChild(await child({ srcdoc: '<script src="frame-child.js"></script>' }, 'srcdoc'), 'srcdoc');
});
test('the app\'s own page in an iframe: the same', async () => {
  expectChild(await child({ src: '/frame-child.html' }, 'own page'), 'own page');
});
test('the top frame itself may call frame_echo (frames widen, never narrow)', async () => {
  assertEq(await invoke('frame_echo', { y: 2 }), { args: { y: 2 }, bytes: 0 });
  assertEq((await invoke('frame_echo', new Uint8Array([7, 8, 9]))).byteLength, 3);
});
test('the top frame is never sent to a frame origin', async () => {
  window.stillHere = 'yes';
  location.href = info.foreign + '/foreign-top.html';
  const end = Date.now() + 20000;
  let logs;
  for (;;) {
    logs = (await invoke('server_info')).logs;
    if (logs.some((l) => l.includes('top frame to ' + info.foreign))) break;
    if (Date.now() > end) throw new Error('not stopped: ' + JSON.stringify(logs));
    await new Promise((r) => setTimeout(r, 20));
  }
  assertEq(window.stillHere, 'yes');
  assertEq(location.origin, 'sash://app');
  assertEq(await invoke('echo', { after: 'stop' }), { after: 'stop' });
});
test('round trips with frame tokens (figure only)', async () => {
  note('with the extension (frame tokens): ' + await roundTrip(invoke));
});
test('no probe got through in all of this', async () => {
  assertEq((await invoke('server_info')).probes, 0);
});
