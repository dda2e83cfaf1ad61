// Runs in the window "untrusted", granted only __report and echo.  Every
// other command of the app, and every event to C, must be forbidden, with
// a message naming the permission and the window, and must never run.
const { invoke, emit } = window.__SASH__;
const raw = (text) => window.webkit.messageHandlers.sash.postMessage(text).then(JSON.parse);

const registered = ['secret', 'delete_everything', 'greet', 'hold', 'server_info',
                    'gesture', 'external_log', 'sandbox_status'];

test('every registered command the window was not granted is forbidden', async () => {
  for (const cmd of registered) {
    const e = await rejects(invoke(cmd, {}), 'forbidden');
    assertEq(e.message, "command '" + cmd + "' is not allowed in window 'untrusted' " +
             "(missing permission '" + cmd + "'; add it to a capability in sash.json)");
  }
});
test('unknown names are forbidden too: no probing for what exists', async () => {
  for (const cmd of ['no_such_command', '__sash_stats', 'fs:read_file', '*', '../secret'])
    await rejects(invoke(cmd, {}), 'forbidden');
});
test('calling the handler directly changes nothing', async () => {
  const r = await raw('{"cmd":"secret","args":{}}');
  assertEq(r.err.code, 'forbidden');
  assert(!JSON.stringify(r).includes('the secret'), 'secret leaked');
  const r2 = await raw('{"cmd":"delete_everything","args":null,"id":7}');
  assertEq(r2.err.code, 'forbidden');
});
test('events to C are forbidden without core:event:emit', async () => {
  const e = await rejects(emit('release', {}), 'forbidden');
  assert(e.message.includes("'core:event:emit'") && e.message.includes("'untrusted'"), e.message);
});
test('a granted command still works afterwards', async () => {
  assertEq(await invoke('echo', { ok: 1 }), { ok: 1 });
});
