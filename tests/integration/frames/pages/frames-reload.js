// A frame token stolen before a reload is refused after it (ftest reload).
// Page script can see its own frame's token by wrapping the handler's
// postMessage (the bridge looks it up per message): the thief here.
const h = window.webkit.messageHandlers.sash;
if (!sessionStorage.getItem('stolen')) {
  window.__noReport = true;
  let stolen = 'none';
  const orig = h.postMessage;
  h.postMessage = function (t) {
    if (typeof t === 'string' && t.length > 33 && t[t.length - 33] === '#') stolen = t.slice(-32);
    return orig.apply(this, arguments);
  };
  window.__SASH__.invoke('echo', { steal: 1 }).then(() => {
    sessionStorage.setItem('stolen', stolen);
    location.reload();
  });
} else {
  const stolen = sessionStorage.getItem('stolen');
  test('the thief got the old page\'s token', async () => {
    assertEq(stolen.length, 32, 'stolen: ' + stolen);
  });
  test('the stolen token replayed after the reload is refused', async () => {
    const r = JSON.parse(await h.postMessage('{"cmd":"echo","args":{"replayed":1}}#' + stolen));
    assert(r.err && r.err.code === 'forbidden', JSON.stringify(r));
    assert(r.err.message.includes('unknown or expired'), r.err.message);
  });
  test('...and on the raw path', async () => {
    const res = await fetch('/__sash_ipc/echo', {
      method: 'POST', body: new Uint8Array([2, 0, 0, 0, 123, 125]),
      headers: { 'X-Sash-Length': '6', 'X-Sash-Frame': stolen },
    });
    assertEq(JSON.parse(await res.text()).err.code, 'forbidden');
  });
  test('the page\'s own calls still work', async () => {
    assertEq(await window.__SASH__.invoke('echo', { fresh: 1 }), { fresh: 1 });
  });
}
