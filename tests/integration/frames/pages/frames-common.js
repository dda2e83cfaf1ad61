// Messages from frames, awaited on a condition (never a fixed sleep).
window.fromFrames = [];
window.addEventListener('message', (e) => window.fromFrames.push(e.data));
window.waitFor = async (pred, what, ms = 20000) => {
  const end = Date.now() + ms;
  for (;;) {
    const v = pred();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting for ' + what);
    await new Promise((r) => setTimeout(r, 20));
  }
};
window.addFrame = (attrs) => {
  const f = document.createElement('iframe');
  for (const k in attrs) f[k] = attrs[k];
  document.body.appendChild(f);
  return f;
};
