// Dialogs answered by the test hook (run-desktop.sh sets SASH_TEST_DIALOG;
// the answers are consumed in the order of the dialogs below).  What the
// user picked becomes readable, and only that.
const { invoke } = window.__SASH__;
let D;
const read = (path) => invoke('read_file', { path });

test('before any pick, files are outside the fs scope', async () => {
  D = (await invoke('test_env')).dir;
  await rejects(read(D + '/picked.txt'), 'forbidden');
});

test('open: the picked file is returned and becomes readable, nothing else', async () => {
  const p = await invoke('dialog:open', { title: 'Pick', filters: [{ name: 'Text', extensions: ['txt'] }] });
  assertEq(p, D + '/picked.txt');
  assertEq(await read(p), 'hello from the picked file\n');
  await rejects(read(D + '/other.txt'), 'forbidden');
  await rejects(read(D + '/picked.txt/../other.txt'), 'forbidden');
});

test('with the fs plugin: fs:read_text_file reads the pick, and only it', async () => {
  const env = await invoke('test_env');
  if (!env.fs_plugin) { note('fs plugin not built: skipped'); return; }
  assertEq(await invoke('fs:read_text_file', { path: D + '/picked.txt' }), 'hello from the picked file\n');
  const e = await rejects(invoke('fs:read_text_file', { path: D + '/other.txt' }), 'forbidden');
  assert(e.message.includes('other.txt'), e.message);
});

test('open cancelled resolves null', async () => {
  assertEq(await invoke('dialog:open', {}), null);
});

test('open multiple resolves an array, each readable', async () => {
  const ps = await invoke('dialog:open', { multiple: true });
  assertEq(ps, [D + '/m1.txt', D + '/m2.txt']);
  assertEq(await read(ps[0]), 'm1\n');
  assertEq(await read(ps[1]), 'm2\n');
});

test('a picked folder grants what is below it', async () => {
  const p = await invoke('dialog:open', { directory: true });
  assertEq(p, D + '/sub');
  assertEq(await read(D + '/sub/deeper/a.txt'), 'a\n');
  await rejects(read(D + '/other.txt'), 'forbidden');
});

test('a deny pattern wins over a pick', async () => {
  const p = await invoke('dialog:open', {});
  assertEq(p, D + '/secret.txt');
  await rejects(read(p), 'forbidden');
});

test('save: the chosen path may be written, and read back', async () => {
  const p = await invoke('dialog:save', { defaultPath: 'export.csv', filters: [{ name: 'CSV', extensions: ['csv'] }] });
  assertEq(p, D + '/out/export.csv');
  assertEq(await invoke('write_file', { path: p, text: 'a,b\n1,2\n' }), true);
  assertEq(await read(p), 'a,b\n1,2\n');
  if ((await invoke('test_env')).fs_plugin) {
    await invoke('fs:write_text_file', { path: p, contents: 'via fs\n' });
    assertEq(await invoke('fs:read_text_file', { path: p }), 'via fs\n');
    await rejects(invoke('fs:write_text_file', { path: D + '/out/other.csv', contents: 'x' }), 'forbidden');
  }
});

test('ask, confirm and message answer', async () => {
  assertEq(await invoke('dialog:ask', { message: 'Delete?', kind: 'warning' }), true);
  assertEq(await invoke('dialog:confirm', { message: 'Sure?' }), false);
  assertEq(await invoke('dialog:message', { message: 'Done', kind: 'info' }), null);
});

test('bad input is refused with clear codes', async () => {
  const many = Array.from({ length: 1000 }, (_, i) => ({ name: 'f' + i, extensions: ['x'] }));
  await rejects(invoke('dialog:open', { filters: many }), 'bad_args');
  await rejects(invoke('dialog:open', { filters: 'txt' }), 'bad_args');
  await rejects(invoke('dialog:open', { filters: [{ name: 'x', extensions: ['a/b'] }] }), 'bad_args');
  await rejects(invoke('dialog:open', { filters: [{ name: 'x', extensions: [] }] }), 'bad_args');
  await rejects(invoke('dialog:open', { defaultPath: '/tmp/a\u0000b' }), 'bad_args');
  await rejects(invoke('dialog:open', { title: 'x'.repeat(70000) }), 'bad_args');
  await rejects(invoke('dialog:open', { multiple: 'yes' }), 'bad_args');
  await rejects(invoke('dialog:open', { window: 'no-such-window' }), 'not_found');
  await rejects(invoke('dialog:ask', {}), 'bad_args');
  await rejects(invoke('dialog:message', { message: 'x', kind: 'bogus' }), 'bad_args');
  // An unknown command is not granted by dialog:default either.
  const e = await rejects(invoke('dialog:nope', {}), 'forbidden');
  assert(e.message.includes('dialog:nope'), e.message);
});

test('the C API refuses bad arguments', async () => {
  const r = await invoke('c_api_checks');
  for (const [k, v] of Object.entries(r)) assertEq(v, -1, k);
});
