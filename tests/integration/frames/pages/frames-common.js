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
// A figure for the log (never asserted): the mean JSON round trip.
window.roundTrip = async (invoke) => {
  for (let i = 0; i < 50; i++) await invoke('echo', { i }); // warm
  const n = 500, t = performance.now();
  for (let i = 0; i < n; i++) await invoke('echo', { i });
  return ((performance.now() - t) * 1000 / n).toFixed(1) + ' us per echo round trip (' + n + ')';
};
