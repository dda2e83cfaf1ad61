// Served over HTTP by the test's dev server (dev mode): that origin has
// IPC.  A second loopback server stands for a foreign site and counts its
// requests; every way to take this window or a frame there must fail, and
// a user's click must go to the browser (the app's open-URL handler here).
const { invoke } = window.__SASH__;
let foreign;
const hits = async (path) => (await invoke('server_info')).hits[path] || 0;
const opened = async () => (await invoke('external_log')).map((e) => e.window + ' ' + e.url);

test('the dev origin has IPC', async () => {
  assertEq(location.protocol, 'http:');
  foreign = (await invoke('server_info')).foreign;
  assert(foreign && foreign !== location.origin, foreign);
});
test('script navigation to another origin is blocked, silently', async () => {
  location.href = foreign + '/by-script.html';
  await sleep(400);
  assertEq(await hits('/by-script.html'), 0);
  assertEq(await opened(), []);
  assertEq(location.protocol, 'http:');
});
test('a clicked link goes to the browser, not this window', async () => {
  document.getElementById('out').href = foreign + '/clicked.html';
  await invoke('gesture', { js: "document.getElementById('out').click()" });
  await sleep(400);
  assertEq(await opened(), ['main ' + foreign + '/clicked.html']);
  assertEq(await hits('/clicked.html'), 0);
});
test('target=_blank and window.open: no new window, browser on a click', async () => {
  document.getElementById('blank').href = foreign + '/blank.html';
  await invoke('gesture', { js: "document.getElementById('blank').click()" });
  assertEq(window.open(foreign + '/no-gesture.html'), null);
  await invoke('gesture', { js: "window.open('" + foreign + "/popup.html')" });
  await sleep(400);
  assertEq(await opened(), ['main ' + foreign + '/clicked.html', 'main ' + foreign + '/blank.html',
                            'main ' + foreign + '/popup.html']);
  for (const p of ['/blank.html', '/no-gesture.html', '/popup.html'])
    assertEq(await hits(p), 0, p);
});
test('a form posting to another origin is blocked', async () => {
  document.getElementById('form').action = foreign + '/form.html';
  document.getElementById('form').submit();
  await sleep(400);
  assertEq(await hits('/form.html'), 0);
});
test('a cross-origin iframe never loads (it would see the message handler)', async () => {
  const f = document.createElement('iframe');
  f.src = foreign + '/frame.html';
  document.body.appendChild(f);
  await sleep(600);
  assertEq(await hits('/frame.html'), 0);
  assertEq(await hits('/report'), 0, 'a foreign frame ran and reported');
});
test('a same-origin frame redirected to another origin is stopped', async () => {
  const f = document.createElement('iframe');
  f.src = '/redirect-away';
  document.body.appendChild(f);
  await sleep(600);
  assertEq(await hits('/landing.html'), 0);
});
test('data: frames are blocked; about:blank frames are fine', async () => {
  const f = document.createElement('iframe');
  f.src = "data:text/html,<script>parent.postMessage('data-ran','*')<\/script>";
  let ran = false;
  window.addEventListener('message', (e) => { if (e.data === 'data-ran') ran = true; });
  document.body.appendChild(f);
  const b = document.createElement('iframe');
  document.body.appendChild(b);
  await sleep(400);
  assert(!ran, 'the data: frame ran');
  assertEq(b.contentDocument.location.href, 'about:blank');
});
test('the app still answers', async () => {
  assertEq(await invoke('echo', { after: 'remote' }), { after: 'remote' });
  const s = await invoke('sandbox_status');
  if (s.expected) {
    assert(s.pid > 0, 'no web process found');
    assert(s.theirs > s.ours, 'the web process is not in a PID namespace of its own: ' +
           JSON.stringify(s));
  }
});
