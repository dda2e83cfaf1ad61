// The child page: it has no capability but `child_report`, so window:*
// and emit() must be refused; it reports through its one command.
const S = window.__SASH__;
const code = (p) => p.then(() => 'ok', (e) => e.code);
S.listen('hello-child', (e) => S.invoke('child_report', { heard: e.payload }));
(async () => {
  await S.invoke('child_report', {
    state: await code(S.invoke('window:state')),
    create: await code(S.invoke('window:create', { label: 'grandchild' })),
    emit: await code(S.emit('x', 1)),
  });
})();
