// Asset URLs that try to leave the app's folder: none may serve anything
// but an embedded file, and none may crash the app.
const { invoke } = window.__SASH__;

async function status(url) {
  try {
    const r = await fetch(url);
    const body = await r.text();
    assert(!body.includes('root:' + 'x:0:0'), url + ' served /etc/passwd');
    return r.status;
  } catch (e) {
    return 'blocked';
  }
}

test('encoded traversal, NUL, backslash and absolute paths are refused', async () => {
  const refused = ['/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/%2E%2E%2Fetc/passwd',
                   '/sub/%2e%2e%2f%2e%2e%2fetc/passwd', '/index.html%00.png', '/%00', '/a%00/../x',
                   '/..%5c..%5cetc%5cpasswd', '/%5cetc/passwd', '/%2fetc/passwd', '/%2F%2Fetc/passwd',
                   '/%', '/%zz', '/%2', '/%c0%ae%c0%ae/etc/passwd'];
  for (const p of refused) {
    const s = await status(p);
    assert(s === 400 || s === 404, p + ' -> ' + s);
  }
});
test('literal dot segments are resolved inside the root', async () => {
  for (const p of ['/../../../../etc/passwd', '/./../etc/shadow', '/sub/../../../etc/hostname'])
    assertEq(await status(p), 404, p);
  assertEq(await status('//etc/passwd'), 'blocked'); // host "etc": another origin
});
test('other schemes and hosts are out of reach', async () => {
  for (const url of ['file:///etc/passwd', 'sash://evil/hostile-traversal.html',
                     'sash://app@evil/x', 'http://127.0.0.1:1/'])
    assert((await status(url)) !== 200, url);
});
test('the app still serves and answers', async () => {
  assertEq(await status('/hostile-traversal.js'), 200);
  assertEq(await invoke('echo', { after: 'traversal' }), { after: 'traversal' });
});
