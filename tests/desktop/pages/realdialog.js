// A real GTK file chooser (no test hook): xdotool waits for it to map,
// types the path and presses Enter, as a user would.
const { invoke } = window.__SASH__;

test('a real open dialog returns what was typed, and grants it', async () => {
  const D = (await invoke('test_env')).dir;
  const want = D + '/picked.txt';
  await rejects(invoke('read_file', { path: want }), 'forbidden');
  const title = 'Sash test pick';
  const drove = invoke('drive_dialog', { title, path: want });
  const p = await invoke('dialog:open', { title, filters: [{ name: 'Text', extensions: ['txt'] }] });
  assertEq(await drove, 0, 'xdotool exit status');
  assertEq(p, want);
  assertEq(await invoke('read_file', { path: p }), 'hello from the picked file\n');
});

test('a real save dialog returns the typed name', async () => {
  const D = (await invoke('test_env')).dir;
  const want = D + '/out/typed.csv';
  const title = 'Sash test save';
  const drove = invoke('drive_dialog', { title, path: want });
  const p = await invoke('dialog:save', { title, defaultPath: D + '/out' });
  assertEq(await drove, 0, 'xdotool exit status');
  assertEq(p, want);
  assertEq(await invoke('write_file', { path: p, text: 'x\n' }), true);
});

test('real message dialogs: Enter takes the safe answer, Tab then Enter the other', async () => {
  let keys = invoke('drive_keys', { title: 'Sash test ask', keys: 'Return' });
  assertEq(await invoke('dialog:ask', { title: 'Sash test ask', message: 'Delete 3 files?', kind: 'warning' }), false);
  assertEq(await keys, 0);
  keys = invoke('drive_keys', { title: 'Sash test confirm', keys: 'Tab Return' });
  assertEq(await invoke('dialog:confirm', { title: 'Sash test confirm', message: 'Overwrite?' }), true);
  assertEq(await keys, 0);
  keys = invoke('drive_keys', { title: 'Sash test message', keys: 'Return' });
  assertEq(await invoke('dialog:message', { title: 'Sash test message', message: 'Saved.' }), null);
  assertEq(await keys, 0);
});
