// The hot-swap test page: JS state (`counter`, `load`) that a swap must
// keep, the module's answer, whether the dev overlay is in the DOM, and
// what the actions the test asks for (through the host's `tick`) gave.
const { invoke, listen, emit } = window.__SASH__;
const state = {
  load: Math.random().toString(36).slice(2), // a reload would change it
  counter: 0, // +1 per sash:reloaded
  version: '?',
  overlay: false,
  slow: [], // every settlement of the 'slow' calls
  pongs: 0,
  reloaded: null, // the last sash:reloaded payload's ok
};
listen('sash:reloaded', (e) => {
  state.counter++;
  state.reloaded = e && e.payload ? e.payload.ok : e;
  document.getElementById('counter').textContent = String(state.counter);
});
listen('pong', () => { state.pongs++; });

async function act(action) {
  if (action === 'slow') {
    invoke('slow', { ms: 1500 }).then((r) => state.slow.push(r),
                                      (e) => state.slow.push('ERR:' + e.code));
  } else if (action === 'ping') {
    state.pongs = 0;
    state.pinged = false;
    await emit('ping', null);
    // Replies come after the events emitted before them: two round trips
    // and every pong the ping caused has arrived.
    await invoke('version');
    await invoke('version');
    state.pinged = true;
  }
}

async function loop() {
  for (;;) {
    try {
      state.version = await invoke('version');
    } catch (e) {
      state.version = 'ERR:' + e.code + ':' + e.message;
    }
    document.getElementById('version').textContent = state.version;
    state.overlay = !!document.getElementById('__sash_dev_overlay');
    let action = null;
    try {
      action = await invoke('tick', state);
    } catch (e) {
      state.tickError = String(e && e.message);
    }
    if (action) {
      try {
        await act(action);
      } catch (e) {
        state.actError = String(e && e.code) + ': ' + String(e && e.message);
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
loop();
