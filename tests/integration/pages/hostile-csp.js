// The default Content-Security-Policy: inline script and eval blocked,
// foreign frames blocked, the IPC paths unaffected.
const { invoke } = window.__SASH__;
const violations = [];
document.addEventListener('securitypolicyviolation', (e) =>
  violations.push(e.effectiveDirective + ' ' + e.blockedURI));
const DEFAULT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data: blob:; font-src 'self' data:; media-src 'self' blob:; " +
  "connect-src 'self' sash: sash-ipc:; worker-src 'self' blob:; frame-src 'self'; " +
  "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

test('every served asset carries the default policy', async () => {
  for (const p of ['/hostile-csp.html', '/hostile-csp.js', '/style.css']) {
    const r = await fetch(p);
    assertEq(r.headers.get('content-security-policy'), DEFAULT_CSP, p);
  }
});
test('inline scripts and inline handlers do not run', async () => {
  await sleep(50);
  assertEq(window.inlineRan, undefined);
  assertEq(window.handlerRan, undefined);
  assert(violations.some((v) => v.startsWith('script-src')), JSON.stringify(violations));
});
test('eval and new Function are blocked', async () => {
  let blocked = 0;
  try { eval('1'); } catch (e) { blocked++; }
  try { new Function('return 1')(); } catch (e) { blocked++; }
  assertEq(blocked, 2);
});
test('WebAssembly compiles and runs under the policy', async () => {
  // (module (func (export "f") (result i32) i32.const 42))
  const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1,
    127, 3, 2, 1, 0, 7, 5, 1, 1, 102, 0, 0, 10, 6, 1, 4, 0, 65, 42, 11]);
  const { instance } = await WebAssembly.instantiate(bytes);
  assertEq(instance.exports.f(), 42);
  const mod = await WebAssembly.compile(bytes);
  assertEq(WebAssembly.Module.exports(mod).map((e) => e.name), ['f']);
});
test('a foreign iframe does not load', async () => {
  const info = await invoke('server_info');
  const f = document.createElement('iframe');
  f.src = info.foreign + '/frame-from-csp.html';
  document.body.appendChild(f);
  await sleep(500);
  const after = await invoke('server_info');
  assertEq(after.hits['/frame-from-csp.html'], undefined, 'the foreign server was reached');
  assertEq(after.hits['/report'], undefined, 'a foreign frame ran');
  assert(violations.some((v) => v.startsWith('frame-src')), JSON.stringify(violations));
});
test('IPC works under the policy', async () => {
  assertEq(await invoke('echo', { csp: true }), { csp: true });
});
