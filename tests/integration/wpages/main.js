// The main page of wtest: C drives it with sash_window_eval("wtest.X()")
// and it answers with emit() (C listeners), so every step waits on an event.
const S = window.__SASH__;
let veto = true;
S.listen('sash:window:close-requested', async (e) => {
  const v = veto;
  await S.emit('close-seen', { id: e.payload.id, veto: v });
  await S.invoke('window:close_answer', { id: e.payload.id, close: !v });
});
S.listen('sash:window:destroyed', (e) => S.emit('destroyed-seen', e.payload));
S.listen('sash:window:resized', (e) => S.emit('page-resized', e.payload));
S.listen('sash:window:focused', () => S.emit('page-focused', {}));
S.listen('sash:window:blurred', () => S.emit('page-blurred', {}));
S.listen('child-says', (e) => S.emit('main-heard', e.payload));
const code = (p) => p.then(() => 'ok', (e) => e.code);
window.wtest = {
  allowClose() { veto = false; return S.emit('veto-off', {}); },
  async create() {
    const r = await code(S.invoke('window:create', {
      label: 'child', url: '/child.html', title: 'Child window', width: 360,
      height: 240, x: 700, y: 90 }));
    await S.emit('created', { r });
  },
  async alive() {
    const s = await S.invoke('window:state');
    await S.emit('alive', s);
  },
  async bad() {
    const r = {
      negative: await code(S.invoke('window:set_size', { width: -1, height: 5 })),
      nan: await code(S.invoke('window:set_position', { x: NaN, y: 0 })),
      inf: await code(S.invoke('window:set_position', { x: Infinity, y: 0 })),
      huge: await code(S.invoke('window:set_size', { width: 1e12, height: 5 })),
      str: await code(S.invoke('window:set_size', { width: '5', height: 5 })),
      minmax: await code(S.invoke('window:create', { label: 'mm', minWidth: 900, maxWidth: 10 })),
      ghost: await code(S.invoke('window:state', { label: 'ghost' })),
      dup: await code(S.invoke('window:create', { label: 'main' })),
      remote: await code(S.invoke('window:create', { label: 'r', url: 'https://example.com/' })),
    };
    await S.emit('bad-done', r);
  },
  async closeChild() {
    await S.emit('child-close', { r: await code(S.invoke('window:close', { label: 'child' })) });
  },
  async tellChild() {
    await S.emit('told', { r: await code(S.invoke('window:emit_to', {
      label: 'child', event: 'hello-child', payload: { n: 42 } })) });
  },
};
S.invoke('window:watch_close', { on: true }).then(() => S.emit('main-ready', {}),
  (e) => S.emit('main-ready', { err: e.code }));
