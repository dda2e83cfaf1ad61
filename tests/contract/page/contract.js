// The page's side of the backend contract suite (driver_gtk.c): it keeps
// what its listeners saw and answers the driver through emit().
const S = window.__SASH__;
const seen = {};
const listening = S.listen('contract_seq', (e) => {
  const s = seen['contract_seq'] || (seen['contract_seq'] = { n: 0, last: null });
  s.n++;
  s.last = e.payload;
});
// Menu activations (contract_menu.c).
const listeningMenu = S.listen('sash:menu', (e) => {
  const s = seen['sash:menu'] || (seen['sash:menu'] = { n: 0, last: null });
  s.n++;
  s.last = e.payload;
});
// File drag-and-drop (contract_drop.c).
const listeningDrop = S.listen('sash:window:drag-drop', (e) => {
  const s = seen['sash:window:drag-drop'] || (seen['sash:window:drag-drop'] = { n: 0, last: null });
  s.n++;
  s.last = e.payload;
});
window.contractInvoke = (id, cmd, args) =>
  S.invoke(cmd, args).then(
    (v) => S.emit('contract_out', { id, ok: v === undefined ? null : v }),
    (e) => S.emit('contract_out', { id, err: e.code }));
// How many `name` events the listener had seen when cmd's reply arrived.
window.contractSeenAtReply = (id, cmd, name) =>
  S.invoke(cmd).then(() => {
    const s = seen[name] || { n: 0, last: null };
    return S.emit('contract_count', { id, n: s.n, last: s.last });
  }, () => S.emit('contract_count', { id, n: -1, last: null }));
window.contractCount = (id, name) => {
  const s = seen[name] || { n: 0, last: null };
  return S.emit('contract_count', { id, n: s.n, last: s.last });
};
// Says when this page (a first load or a reload) can answer the driver.
Promise.all([listening, listeningMenu, listeningDrop]).then(() => S.emit('contract_ready', {}));
