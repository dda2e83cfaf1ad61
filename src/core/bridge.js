// bridge.js - window.__SASH__, injected at document start into every page
// of a Sash window.  Wrapped by bridge.c in a function that defines
// `post(text) -> Promise<text>`, the platform's message transport.
//
// Wire format: see src/core/ipc.c.  Replies are JSON texts, parsed here so
// the UI process never builds JS objects for large results.

if (window.__SASH__) return;

function sashError(code, message) {
  const e = new Error(message);
  e.name = 'SashError';
  e.code = code;
  return e;
}

function decodeReply(text) {
  let r;
  try {
    r = JSON.parse(text);
  } catch (e) {
    throw sashError('internal', 'unreadable reply: ' + e.message);
  }
  if (r && Object.prototype.hasOwnProperty.call(r, 'ok')) return r.ok;
  const err = (r && r.err) || {};
  throw sashError(err.code || 'internal', err.message || 'unknown error');
}

function transportError(e) {
  throw sashError('internal', 'IPC failed: ' + ((e && e.message) || e));
}

function send(envelope) {
  let text;
  try {
    text = JSON.stringify(envelope);
  } catch (e) {
    return Promise.reject(sashError('bad_args', 'arguments are not JSON: ' + e.message));
  }
  return post(text).then(decodeReply, transportError);
}

function invoke(cmd, args) {
  if (typeof cmd !== 'string' || cmd === '')
    return Promise.reject(sashError('bad_args', 'the command name must be a non-empty string'));
  if (args !== undefined && args !== null && (typeof args !== 'object' || Array.isArray(args)))
    return Promise.reject(sashError('bad_args', 'arguments must be an object'));
  return send({ cmd, args: args === undefined ? null : args });
}

const listeners = new Map(); // name -> Set of callbacks

function listen(name, cb) {
  if (typeof name !== 'string' || typeof cb !== 'function')
    throw sashError('bad_args', 'listen(name: string, callback: function)');
  let set = listeners.get(name);
  if (!set) listeners.set(name, (set = new Set()));
  // Wrap so the same function may listen twice and unlisten once each.
  const entry = (ev) => cb(ev);
  set.add(entry);
  return function unlisten() {
    set.delete(entry);
    if (set.size === 0 && listeners.get(name) === set) listeners.delete(name);
  };
}

function emit(name, payload) {
  if (typeof name !== 'string' || name === '')
    return Promise.reject(sashError('bad_args', 'the event name must be a non-empty string'));
  return send({ event: name, payload: payload === undefined ? null : payload }).then(() => undefined);
}

// Called by the core with a batch [[name, payload], ...] in emit order.
function deliver(batch) {
  for (let i = 0; i < batch.length; i++) {
    const [name, payload] = batch[i];
    const set = listeners.get(name);
    if (!set) continue;
    for (const cb of Array.from(set)) {
      try {
        cb({ event: name, payload });
      } catch (e) {
        console.error('sash: listener for "' + name + '" threw', e);
      }
    }
  }
}

Object.defineProperty(window, '__SASH__', {
  value: Object.freeze({ invoke, listen, emit, _ev: deliver }),
  enumerable: false,
  configurable: false,
  writable: false,
});

// Show the window only once the page has painted: the second frame callback
// runs after the first frame was produced.
function painted() {
  requestAnimationFrame(() => requestAnimationFrame(() => {
    post('{"ready":true}').catch(() => {});
  }));
}
if (document.readyState === 'loading')
  document.addEventListener('DOMContentLoaded', painted, { once: true });
else painted();
