// The page's side of droptest.c: listens for drag-drop events (as
// onDragDrop() in @sash/api/window does), tells C what it saw, and on a
// drop reads the dropped file and its undropped sibling through fs.
const S = window.__SASH__;
const zone = document.getElementById('zone');
const log = (t) => { document.getElementById('log').textContent += t + '\n'; };

const report = (what, p) => p.then(
  (v) => S.emit('page_result', { what, ok: v === undefined ? null : v }),
  (e) => S.emit('page_result', { what, err: e.code, message: e.message }));

S.listen('sash:window:drag-drop', (e) => {
  const p = e.payload;
  log(p.type + ' ' + JSON.stringify(p.paths || p.position || ''));
  zone.classList.toggle('over', p.type === 'enter' || p.type === 'over');
  S.emit('page_saw', p);
  if (p.type !== 'drop') return;
  const first = p.paths[0];
  report('read_dropped', S.invoke('fs:read_text_file', { path: first }));
  const sibling = first.replace(/[^/]*$/, 'sibling.log');
  report('read_sibling', S.invoke('fs:read_text_file', { path: sibling }));
});
S.emit('page_ready', {});
// C asks a page to read a path (to show what its fs scope allows).
window.tryRead = (what, path) =>
  report(what, S.invoke('fs:read_text_file', { path }));
