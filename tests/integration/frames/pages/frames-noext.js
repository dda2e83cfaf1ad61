// Without Sash's web extension (ftest noext, SASH_SHM=0) messages cannot
// name their frame: a listed foreign origin stays blocked, one line says
// why, and same-origin frames get no bridge.
const { invoke } = window.__SASH__;
test('a listed foreign origin stays blocked, and the log says why', async () => {
  const info = await invoke('server_info');
  addFrame({ src: info.foreign + '/foreign-frame.html' });
  // The line is written when the navigation is refused: wait for it.
  let logs;
  const end = Date.now() + 20000;
  for (;;) {
    logs = (await invoke('server_info')).logs;
    if (logs.some((l) => l.includes('cross-origin frames stay blocked'))) break;
    if (Date.now() > end) throw new Error('no log line: ' + JSON.stringify(logs));
    await new Promise((r) => setTimeout(r, 20));
  }
  const after = await invoke('server_info');
  assertEq(after.hits['/foreign-frame.html'], undefined, 'the foreign server was reached');
  assertEq(logs.filter((l) => l.includes('frameOrigins')).length, 1, 'one line');
  note(logs.find((l) => l.includes('frameOrigins')));
});
test('a same-origin frame gets no bridge (as before frames)', async () => {
  addFrame({ srcdoc: '<script src="frame-child.js"></script>' });
  const m = await waitFor(() => fromFrames.find((d) => d && d.child), 'the child');
  assertEq(m.child.bridge, false);
});
test('the top page works', async () => {
  assertEq(await invoke('echo', { ok: 1 }), { ok: 1 });
  note('without the extension (no frame tokens): ' + await roundTrip(invoke));
});
