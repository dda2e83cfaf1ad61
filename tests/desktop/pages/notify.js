// Notifications through a test org.freedesktop.Notifications service on a
// private session bus (desktop_services.py), which records each Notify and
// "clicks" the first action; the opener through a fake xdg-open and a test
// org.freedesktop.FileManager1.  Nothing real is launched.
const { invoke, listen } = window.__SASH__;
let D;

async function record(name, want) {
  // The fake programs write their record asynchronously: poll for it.
  for (let i = 0; i < 400; i++) {
    const r = await invoke('read_record', { name });
    if (r !== null && (!want || r.includes(want))) return r;
    await sleep(25);
  }
  throw new Error('no record ' + name + (want ? ' containing ' + want : ''));
}

test('permission is the capability', async () => {
  D = (await invoke('test_env')).dir;
  assertEq(await invoke('notification:is_permission_granted'), true);
  assertEq(await invoke('notification:request_permission'), 'granted');
});

test('a notification reaches the server, and its action reaches C and JS', async () => {
  const seen = new Promise((resolve) => listen('notification:action', (e) => resolve(e.payload)));
  const id = await invoke('notification:notify', {
    title: 'Build done', body: '3 warnings', icon: 'dialog-information',
    actions: [{ id: 'open', title: 'Open log' }],
  });
  assert(Number.isInteger(id) && id > 0, 'an id: ' + id);
  const rec = JSON.parse(await record('notify.json'));
  assertEq(rec.summary, 'Build done');
  assertEq(rec.body, '3 warnings');
  assertEq(rec.app_icon, 'dialog-information');
  assertEq(rec.actions, ['default', '', 'open', 'Open log']);
  assertEq(rec.app_name, 'org.sash.dtest');
  const got = await seen;
  assertEq(got, { id, action: 'open' });
  const c = await invoke('c_actions_seen');
  assertEq(c, [{ id, action: 'open' }]);
});

test('bad notifications are refused', async () => {
  await rejects(invoke('notification:notify', {}), 'bad_args');
  await rejects(invoke('notification:notify', { title: '' }), 'bad_args');
  await rejects(invoke('notification:notify', { title: 'x', actions: [{ id: 'a' }] }), 'bad_args');
  const many = Array.from({ length: 17 }, (_, i) => ({ id: 'a' + i, title: 't' }));
  await rejects(invoke('notification:notify', { title: 'x', actions: many }), 'bad_args');
  await rejects(invoke('notification:notify', { title: 'a\u0000b' }), 'bad_args');
});

test('open_url hands an allowed URL to the default app', async () => {
  await invoke('opener:open_url', { url: 'https://example.test/page?q=1' });
  await record('xdg-open.log', 'https://example.test/page?q=1');
});

test('schemes outside security.opener.schemes are forbidden', async () => {
  const e = await rejects(invoke('opener:open_url', { url: 'http://example.test/' }), 'forbidden');
  assert(e.message.includes('security.opener.schemes'), e.message);
  await rejects(invoke('opener:open_url', { url: 'file:///etc/passwd' }), 'forbidden');
  await rejects(invoke('opener:open_url', { url: 'javascript:alert(1)' }), 'forbidden');
  await rejects(invoke('opener:open_url', { url: 'not a url' }), 'bad_args');
  await rejects(invoke('opener:open_url', { url: 'https://x.test/\n' }), 'bad_args');
  await rejects(invoke('opener:open_url', {}), 'bad_args');
});

test('paths: only a picked one may be opened or revealed', async () => {
  await rejects(invoke('opener:open_path', { path: D + '/picked.txt' }), 'forbidden');
  await rejects(invoke('opener:reveal_item_in_dir', { path: D + '/picked.txt' }), 'forbidden');
  await rejects(invoke('opener:open_path', { path: 'relative.txt' }), 'bad_args');
  await rejects(invoke('opener:open_path', { path: D + '/picked.txt\u0000.sh' }), 'bad_args');
  await rejects(invoke('opener:reveal_item_in_dir', { path: 42 }), 'bad_args');
  const p = await invoke('dialog:open', {});
  assertEq(p, D + '/picked.txt');
  await invoke('opener:open_path', { path: p });
  await record('xdg-open.log', p);
  await invoke('opener:reveal_item_in_dir', { path: p });
  const shown = JSON.parse(await record('show-items.json'));
  assertEq(shown.uris, ['file://' + p]);
});
