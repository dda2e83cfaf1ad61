// Watches close requests like a page with unsaved work, then hangs (an
// endless loop): it can never answer, so the close must still happen
// after the bound.
const S = window.__SASH__;
S.listen('sash:window:close-requested', () => {});
S.invoke('window:watch_close', { on: true })
  .then(() => S.invoke('hung_ready'))
  .then(() => setTimeout(() => { for (;;) { /* hung */ } }, 0));
