// The page's side of mtest.c: builds menus through menu:* commands, reports
// what it saw (sash:menu events, errors) to C through emit().
const S = window.__SASH__;
const log = (t) => { document.getElementById('log').textContent += t + '\n'; };
let jsMenu = null;

S.listen('sash:menu', (e) => {
  log('sash:menu ' + JSON.stringify(e.payload));
  S.emit('page_saw', e.payload);
});

const report = (what, p) => p.then(
  (v) => S.emit('page_result', { what, ok: v === undefined ? null : v }),
  (e) => S.emit('page_result', { what, err: e.code, message: e.message }));

// Builds a menu bar from JS and makes it this window's.
window.jsBar = () => report('jsBar', (async () => {
  const { rid } = await S.invoke('menu:new', { items: [
    { text: 'Edit', items: [
      { kind: 'predefined', item: 'copy' },
      { kind: 'predefined', item: 'paste' },
      { kind: 'predefined', item: 'select_all' },
      { kind: 'separator' },
      { id: 'js-hello', text: 'Hello from JS', accelerator: 'CmdOrCtrl+H' },
      { kind: 'check', id: 'js-check', text: 'JS check' }]},
    { text: 'Help', items: [{ kind: 'predefined', item: 'about' }] }] });
  jsMenu = rid;
  await S.invoke('menu:set_window_menu', { rid });
  await S.invoke('menu:set_text', { rid, id: 'js-hello', text: 'Hello again' });
  return rid;
})());

window.jsPopup = (x, y) => report('jsPopup', (async () => {
  const { rid } = await S.invoke('menu:new', { items: [
    { id: 'ctx-open', text: 'Open' },
    { id: 'ctx-rename', text: 'Rename…', enabled: false },
    { kind: 'separator' },
    { text: 'Sort by', items: [
      { kind: 'radio', group: 's', id: 'by-name', text: 'Name', checked: true },
      { kind: 'radio', group: 's', id: 'by-date', text: 'Date' }]},
    { id: 'ctx-delete', text: 'Delete', accelerator: 'Delete' }] });
  await S.invoke('menu:popup', x === undefined ? { rid } : { rid, x, y });
  return rid;
})());

// Hostile input: each must be refused with a clear error, the app alive.
window.hostile = () => report('hostile', (async () => {
  const out = {};
  let deep = { text: 'x' };
  for (let i = 0; i < 1000; i++) deep = { text: 'x', items: [deep] };
  const huge = [];
  for (let i = 0; i < 100000; i++) huge.push({ text: 'x' + i });
  const tries = {
    deep: ['menu:new', { items: [deep] }],
    huge: ['menu:new', { items: huge }],
    accel: ['menu:new', { items: [{ text: 'a', accelerator: 'Ctrl+Nope' }] }],
    dup: ['menu:new', { items: [{ id: 'a' }, { id: 'a' }] }],
    kind: ['menu:new', { items: [{ kind: 'rocket' }] }],
    norid: ['menu:popup', { rid: 'menu-99999' }],
    nan: ['menu:popup', { rid: jsMenu, x: 'NaN', y: 3 }],
    tray: ['tray:new', { id: 't' }],
  };
  for (const [k, [cmd, args]] of Object.entries(tries)) {
    try { await S.invoke(cmd, args); out[k] = 'accepted'; }
    catch (e) { out[k] = e.code + ': ' + String(e.message).slice(0, 120); }
  }
  return out;
})());

window.inputValue = () =>
  S.emit('page_result', { what: 'value', ok: document.getElementById('text').value });

// The page's own context menu instead of WebKit's.
document.addEventListener('contextmenu', (e) => {
  e.preventDefault();
  window.jsPopup(e.clientX, e.clientY);
});

S.emit('page_ready', {});
