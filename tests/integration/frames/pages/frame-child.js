// A same-origin frame (srcdoc or the app's own page): what IPC it gets.
(async () => {
  const S = window.__SASH__;
  const r = { bridge: !!S, token: typeof window.__sash_frame, shm: typeof window.__sash_shm };
  async function code(p) {
    try {
      const v = await p;
      return 'ok ' + (v instanceof ArrayBuffer ? 'bytes ' + v.byteLength : JSON.stringify(v));
    } catch (e) {
      return e.code + ': ' + e.message;
    }
  }
  if (S) {
    r.frame_echo = await code(S.invoke('frame_echo', { x: 1 }));
    r.echo = await code(S.invoke('echo', { x: 1 }));
    r.bytes = await code(S.invoke('frame_echo', new Uint8Array([1, 2, 3])));
    r.emit = await code(S.emit('from-frame', 1));
    // The frame's own token, taken from a message of its bridge, cannot
    // pull the window's deliveries (the top frame's parked pull stays).
    const h = window.webkit.messageHandlers.sash;
    const orig = h.postMessage;
    let tok = '';
    h.postMessage = function (t) {
      if (typeof t === 'string' && t.includes('#')) tok = t.slice(t.lastIndexOf('#') + 1);
      return orig.call(this, t);
    };
    await code(S.invoke('frame_echo', {}));
    h.postMessage = orig;
    r.pull = tok ? String(await h.postMessage('{"pull":true}#' + tok)) : 'no token seen';
  }
  parent.postMessage({ child: r, where: location.href }, '*');
})();
