// The raw-bytes path under attack: page script POSTs every kind of body
// WebKit accepts (Blob, FormData, URLSearchParams, ReadableStream, text)
// and forged headers to both raw endpoints.  Some of these bodies crash
// WebKit's own body accessor, so the backend must refuse them before it
// touches the body: every one gets an error, the app keeps running, and
// the bridge's own bytes still go through.  htest.json: maxMessageBytes 1 MiB.
const { invoke } = window.__SASH__;
const works = async () => assertEq(await invoke('echo', { still: 'alive' }), { still: 'alive' });
const ENDPOINTS = ['/__sash_ipc/echo_bytes', 'sash-ipc://app/echo_bytes'];

// A fetch that must not reach the command: it either fails or answers an
// error; returns what happened, for the log.
async function refused(url, init) {
  let res;
  try {
    res = await fetch(url, init);
  } catch (e) {
    return 'network error';
  }
  const text = await res.text();
  let r = null;
  try { r = JSON.parse(text); } catch (e) { /* not JSON: still not a success */ }
  assert(!(r && Object.prototype.hasOwnProperty.call(r, 'ok')),
         url + ' answered a success: ' + text.slice(0, 80));
  assert(res.headers.get('X-Sash-Reply') !== 'bytes', url + ' answered bytes');
  return r && r.err ? r.err.code : 'status ' + res.status;
}

function bodies() {
  const fd = new FormData();
  fd.append('a', 'b');
  fd.append('file', new Blob([new Uint8Array(16)]), 'f.bin');
  return {
    blob: new Blob([new Uint8Array(16)]),
    'blob with type': new Blob(['{"x":1}'], { type: 'application/json' }),
    formdata: fd,
    urlsearchparams: new URLSearchParams({ a: 'b' }),
    text: 'hello',
    arraybuffer: new Uint8Array(64).buffer,
    stream: new ReadableStream({ start(c) { c.enqueue(new Uint8Array(8)); c.close(); } }),
  };
}

test('page-built bodies of every kind are refused, unread, on both raw endpoints', async () => {
  const seen = [];
  for (const url of ENDPOINTS) {
    for (const [kind, body] of Object.entries(bodies())) {
      const init = { method: 'POST', body };
      if (kind === 'stream') init.duplex = 'half';
      seen.push(kind + '@' + url.slice(0, 8) + '=' + await refused(url, init));
      await works();
    }
  }
  note('refusals: ' + seen.join(', '));
});

test('forged headers: a guessed key, no key, a lying length', async () => {
  const body = new Uint8Array(32);
  const forged = [
    { 'X-Sash-Key': '0'.repeat(32), 'X-Sash-Length': '32' },
    { 'X-Sash-Length': '32' },
    { 'X-Sash-Key': '', 'X-Sash-Length': '32' },
    { 'X-Sash-Key': 'x'.repeat(4096), 'X-Sash-Length': '32' },
  ];
  for (const url of ENDPOINTS)
    for (const headers of forged) {
      const code = await refused(url, { method: 'POST', body, headers });
      assert(code === 'forbidden' || code === 'network error' || code.startsWith('status'),
             JSON.stringify(headers) + ': ' + code);
    }
  // A GET or another method is not a call either.
  for (const url of ENDPOINTS) {
    await refused(url, { method: 'GET' });
    await refused(url, { method: 'PUT', body: 'x' });
  }
  await works();
});

test('a replaced fetch never sees the bridge key', async () => {
  const real = window.fetch;
  const spied = [];
  window.fetch = (...a) => { spied.push(a); return real(...a); };
  try {
    const out = await invoke('echo_bytes', new Uint8Array([1, 2, 3]));
    assertEq(Array.from(new Uint8Array(out)), [1, 2, 3]);
  } finally {
    window.fetch = real;
  }
  assertEq(spied.length, 0, 'the bridge used the page\'s fetch');
});

test('invoke() with a Blob sends its bytes; the bridge reads it itself', async () => {
  const blob = new Blob([new Uint8Array([7, 8, 9]), 'ab']);
  const out = await invoke('echo_bytes', blob);
  assertEq(Array.from(new Uint8Array(out)), [7, 8, 9, 97, 98]);
  const e = await rejects(invoke('echo_bytes', new Blob([new Uint8Array(2 << 20)])), 'too_large');
  assert(e.message.includes('maxMessageBytes'), e.message);
});

test('bytes over the limit are refused before any request (app memory stays flat)', async () => {
  const before = await invoke('app_memory');
  const big = new Uint8Array(1 << 30); // 1 GiB in the web process
  const e = await rejects(invoke('echo_bytes', big), 'too_large');
  assert(e.message.includes('maxMessageBytes'), e.message);
  await rejects(invoke('echo', { s: 'x'.repeat(3 << 20) }), 'too_large');
  const after = await invoke('app_memory');
  const grownMB = (after.hwm_kb - before.hwm_kb) / 1024;
  note('app peak RSS grew ' + grownMB.toFixed(1) + ' MB around a 1 GiB invoke');
  assert(grownMB < 64, 'app peak RSS grew ' + grownMB + ' MB');
  await works();
});

test('bytes up to the limit still go through', async () => {
  const n = (1 << 20) - 200;
  const data = new Uint8Array(n);
  for (let i = 0; i < n; i += 4096) data[i] = i & 255;
  const out = new Uint8Array(await invoke('echo_bytes', data));
  assertEq(out.length, n);
  assertEq(out[4096], 4096 & 255);
});

// fetch() reads every RequestInit member it knows (referrer, mode, signal,
// duplex...) and looks for Symbol.iterator on the headers, up the prototype
// chain: page script that hooks Object.prototype is called with the
// bridge's own init and headers objects as `this`.  A key read there would
// let the page forge any body (a Blob crashes WebKit's body accessor).
test('Object.prototype hooks never see the bridge key', async () => {
  const seen = [];
  const look = (o) => {
    try {
      for (const x of [o, o && o.headers])
        if (x && typeof x === 'object')
          for (const k of Object.keys(x))
            if (typeof x[k] === 'string') seen.push(k + '=' + x[k]);
    } catch (e) { /* a hostile getter must not break the call */ }
  };
  const names = ['referrer', 'referrerPolicy', 'mode', 'credentials', 'cache',
                 'redirect', 'integrity', 'keepalive', 'signal', 'duplex',
                 'priority', 'window', 'targetAddressSpace', Symbol.iterator];
  const saved = names.map((n) => Object.getOwnPropertyDescriptor(Object.prototype, n));
  for (const n of names)
    Object.defineProperty(Object.prototype, n, {
      configurable: true, get() { look(this); return undefined; },
    });
  let out;
  try {
    out = await invoke('echo_bytes', new Uint8Array([4, 5, 6]), { tag: 1 });
  } finally {
    names.forEach((n, i) => {
      if (saved[i]) Object.defineProperty(Object.prototype, n, saved[i]);
      else delete Object.prototype[n];
    });
  }
  assertEq(Array.from(new Uint8Array(out)), [4, 5, 6]);
  const leaked = seen.filter((s) => /^x-sash-key=/i.test(s));
  assertEq(leaked.length, 0, 'the key leaked to a prototype getter: ' + leaked[0]);
  note('prototype getters saw: ' + (seen.length ? seen.slice(0, 6).join(', ') : 'nothing'));
});

// The bridge builds its body with Uint8Array and DataView: a page that
// replaces them could hand it a Blob to send with the real key.
test('replaced Uint8Array/DataView cannot smuggle a page-made body into the bridge\'s request', async () => {
  const RealU8 = Uint8Array, RealDV = DataView;
  let made = 0;
  window.Uint8Array = function (a, b, c) {
    if (typeof a !== 'number') return new RealU8(a, b, c);
    made++;
    const blob = new Blob([new RealU8(a)]);
    Object.defineProperties(blob, {
      buffer: { value: new ArrayBuffer(8) },
      byteLength: { value: a },
      set: { value() {} },
    });
    return blob;
  };
  window.DataView = function () { return { setUint32() {} }; };
  let out;
  try {
    out = await invoke('echo_bytes', new RealU8([1, 2, 3]));
  } finally {
    window.Uint8Array = RealU8;
    window.DataView = RealDV;
  }
  assertEq(Array.from(new Uint8Array(out)), [1, 2, 3]);
  assertEq(made, 0, 'the bridge built its body with the page\'s Uint8Array');
  await works();
});
