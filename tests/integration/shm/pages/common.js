// common.js - helpers of the shared-memory pages.
const { invoke, listen, Channel } = window.__SASH__;
window.invoke = invoke;
window.listen = listen;
window.Channel = Channel;
window.T = window.__SASH__.shm;
window.pattern = (n, seed = 0) => {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 7 + seed) & 255;
  return b;
};
window.same = (a, b) => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};
window.fnv = (b) => {
  // FNV-1a 64, as stest.c computes it.
  let h = 0xcbf29ce484222325n;
  const p = 0x100000001b3n, m = (1n << 64n) - 1n;
  for (let i = 0; i < b.length; i++) h = ((h ^ BigInt(b[i])) * p) & m;
  return h.toString(16).padStart(16, '0');
};
window.checkPattern = (buf, n, seed = 0) => {
  assert(buf instanceof ArrayBuffer, 'not an ArrayBuffer: ' + Object.prototype.toString.call(buf));
  const v = new Uint8Array(buf);
  assertEq(v.length, n, 'length');
  for (let i = 0; i < n; i++) if (v[i] !== ((i * 7 + seed) & 255)) throw new Error('byte ' + i + ' differs');
};
