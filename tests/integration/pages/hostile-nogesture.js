// What the app sends by itself (an app event, a channel message) reaches
// the page as the answer to the bridge's parked pull, not as a script the
// engine runs with a user gesture: a listener that tries to leave the app
// (window.open, location.href, form.submit(), a synthetic link click) gets
// nowhere, neither in this window nor in the browser (the app's open-URL
// handler here).  The same actions inside a real click (XTEST input through
// xdotool) behave as documented in docs/security.md.  Every check that
// nothing happened waits first for a later real click to arrive (the
// control), so it never rests on a fixed sleep.
const { invoke, listen, Channel } = window.__SASH__;
let foreign;
const origin = location.origin;
const hits = async (path) => (await invoke('server_info')).hits[path] || 0;
const opened = async () =>
  (await invoke('external_log')).map((e) => e.window + ' ' + e.url.replace(foreign, ''));
const KINDS = ['open', 'href', 'form', 'link', 'blank'];
const ran = [];

// Each way out of the app a page script has, to foreign + path.
function leave(kind, path) {
  const url = foreign + path;
  if (kind === 'open') {
    window.open(url);
  } else if (kind === 'href') {
    location.href = url;
  } else if (kind === 'form') {
    const f = document.getElementById('form');
    f.action = url;
    f.submit();
  } else {
    const a = document.createElement('a');
    a.href = url;
    if (kind === 'blank') a.target = '_blank';
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
}

listen('attack', (ev) => {
  ran.push('event ' + ev.payload.kind);
  leave(ev.payload.kind, '/event-' + ev.payload.kind + '.html');
});

async function waitFor(cond, what, ms = 15000) {
  const end = Date.now() + ms;
  for (;;) {
    if (await cond()) return;
    if (Date.now() > end) throw new Error('timed out waiting for ' + what);
    await sleep(50);
  }
}

// A real click at the centre of element `id`.
async function click(id) {
  const r = document.getElementById(id).getBoundingClientRect();
  await invoke('real_click', { title: 'hostile-nogesture',
    x: Math.round(r.left + r.width / 2), y: Math.round(r.top + r.height / 2) });
}

// The control: a real click on a link to `path` reaches the open-URL
// handler; anything the page started before it has been decided by then.
let controls = 0;
async function control() {
  const path = '/control-' + ++controls + '.html';
  document.getElementById('control').href = foreign + path;
  await click('control');
  await waitFor(async () => (await opened()).includes('main ' + path), 'the control click');
  return 'main ' + path;
}

test('setup', async () => {
  foreign = (await invoke('server_info')).foreign;
  assert(foreign && foreign !== origin, foreign);
});

test('an app event listener cannot leave the app', async () => {
  for (const kind of KINDS)
    await invoke('attack_event', { kind }); // its reply follows the event
  assertEq(ran, KINDS.map((k) => 'event ' + k), 'the listener ran for each, in order');
  const c = await control();
  assertEq(await opened(), [c], 'what reached the open-URL handler');
  for (const kind of KINDS)
    assertEq(await hits('/event-' + kind + '.html'), 0, kind + ' reached the foreign server');
  assertEq(location.origin, origin);
});

test('a channel message handler cannot leave the app', async () => {
  const before = await opened();
  for (const kind of KINDS) {
    let handled;
    const done = new Promise((r) => (handled = r));
    const ch = new Channel((m) => {
      ran.push('channel ' + m.kind);
      leave(m.kind, '/channel-' + m.kind + '.html');
      handled();
    });
    await invoke('attack_channel', { ch, kind });
    await done;
  }
  assertEq(ran.slice(KINDS.length), KINDS.map((k) => 'channel ' + k));
  const c = await control();
  assertEq(await opened(), before.concat([c]), 'what reached the open-URL handler');
  for (const kind of KINDS)
    assertEq(await hits('/channel-' + kind + '.html'), 0, kind + ' reached the foreign server');
  assertEq(location.origin, origin);
});

// Inside a real click: a link and window.open go to the browser (never a
// window of the app), and so does location.href now that no delivery is
// a gesture; a form submission to another origin stays dropped.
test('a real click: link, window.open and location.href go to the browser', async () => {
  const before = await opened();
  document.getElementById('link').href = foreign + '/click-link.html';
  document.getElementById('open').onclick = () => leave('open', '/click-open.html');
  document.getElementById('href').onclick = () => leave('href', '/click-href.html');
  for (const id of ['link', 'open', 'href']) await click(id);
  const want = before.concat(['main /click-link.html', 'main /click-open.html',
    'main /click-href.html']);
  await waitFor(async () => (await opened()).length >= want.length, 'three clicks');
  assertEq(await opened(), want);
  for (const p of ['/click-link.html', '/click-open.html', '/click-href.html'])
    assertEq(await hits(p), 0, p + ' loaded in the app');
  assertEq(location.origin, origin);
});

test('a real click: a form submission to another origin is dropped', async () => {
  const before = await opened();
  document.getElementById('form-btn').onclick = () => leave('form', '/click-form.html');
  await click('form-btn');
  const c = await control();
  assertEq(await opened(), before.concat([c]));
  assertEq(await hits('/click-form.html'), 0);
  assertEq(location.origin, origin);
});

test('the app still answers', async () => {
  assertEq(await invoke('echo', { after: 'nogesture' }), { after: 'nogesture' });
});
