// bridge.js - window.__SASH__, injected at document start into every page
// of a Sash window.  Wrapped by bridge.c in a function that defines
// `post(text) -> Promise<text>`, the platform's message transport,
// RAW_KEY (the raw path's key, which page script never sees) and
// MAX_MESSAGE (security.limits.maxMessageBytes).
//
// Wire formats: see src/core/ipc.c.  Replies are JSON texts, parsed here so
// the UI process never builds JS objects for large results.

if (window.__SASH__) return;

// Per-frame origin (docs/security.md "Frames"; Linux: Sash's web-process
// extension): each frame that may use IPC gets its own token before any
// script runs, taken here and removed.  Every message carries it, so the
// app knows which frame sent it.  The bridge is injected into every frame;
// a subframe without a token (another origin, or no extension) gets none.
const FRAME = typeof window.__sash_frame === 'string' ? window.__sash_frame : '';
if (FRAME) delete window.__sash_frame;
if (!FRAME && window !== window.top) return;
// JSON texts end with '#' and the token (the backend cuts it off).
const send0 = post;
const tpost = FRAME ? (t) => send0(t + '#' + FRAME) : send0;

// The shared-memory path (Linux: Sash's web-process extension, see
// docs/ipc.md): installed before any script in the top frame of a page
// allowed IPC, taken here and removed, so page script never sees it.
// Every bytes call and every parked result then goes through it (big
// bytes as a sealed memfd, copied once); without it, the raw scheme.
const SHM = window.__sash_shm || null;
if (SHM) delete window.__sash_shm;

// The raw-bytes path (the backend's): same-origin for the app's own pages
// (fast), a URL of its own for pages of another origin (a dev server).
const RAW = location.protocol + '//' + location.host === APP_ORIGIN ? RAW_SAME : RAW_OTHER;
const encoder = new TextEncoder();
// Captured before any page script runs: a page that replaces fetch later
// cannot see the key the raw path sends, and one that replaces Uint8Array
// cannot make the bridge send the key with a body of the page's making
// (a Blob body crashes WebKit's body accessor in the app process).
const nativeFetch = window.fetch.bind(window);
const BlobType = window.Blob;
const U8 = Uint8Array;
const ArrayBufferType = ArrayBuffer;
const isView = ArrayBuffer.isView;
const DataViewType = DataView;
const encodeName = encodeURIComponent;

function tooLarge(n) {
  return sashError('too_large', 'message of ' + n + ' bytes exceeds the limit of ' +
    MAX_MESSAGE + ' bytes (security.limits.maxMessageBytes)');
}

function sashError(code, message) {
  const e = new Error(message);
  e.name = 'SashError';
  e.code = code;
  return e;
}

// A JSON call that C resolved with bytes answers {ok:null, bytes:token}:
// the bytes wait in C until fetched from the raw scheme.
function takeBytes(token) {
  if (SHM) return viaShm((cb) => SHM.take(token, cb));
  const init = FRAME ? { __proto__: null, headers: { __proto__: null, 'X-Sash-Frame': FRAME } } : undefined;
  return nativeFetch(RAW + '__take/' + token, init).then((r) => r.arrayBuffer());
}

// The extension answers cb(kind, value): 'bytes' an ArrayBuffer, 'json' a
// reply text, 'error' a message.
function viaShm(start) {
  return new Promise((resolve, reject) => {
    start((kind, value) => {
      if (kind === 'bytes') return resolve(value);
      if (kind !== 'json') return reject(sashError('internal', 'IPC failed: ' + value));
      try {
        resolve(decodeReply(value));
      } catch (e) {
        reject(e);
      }
    });
  });
}

// One-way transports (a postMessage that answers nothing, like WebView2's):
// each message carries a reply id first, and the core answers among the
// deliveries as [0, rid, reply], in order with events.  A backend's
// transport_js wraps its post with it: oneWay((t) => ...postMessage(t)).
function oneWay(send) {
  let next = 1;
  const pending = new Map();
  oneWay.settle = (rid, reply) => {
    const resolve = pending.get(rid);
    pending.delete(rid);
    if (resolve) resolve(reply);
  };
  return (text) => new Promise((resolve) => {
    const rid = next++;
    pending.set(rid, resolve);
    send('{"rid":' + rid + (text.length > 2 ? ',' + text.slice(1) : '}'));
  });
}

// A reply is a JSON text (message with reply) or, on a one-way transport,
// the value itself (it came inside a delivery batch).
function decodeReply(text) {
  let r = text;
  if (typeof text === 'string') {
    try {
      r = JSON.parse(text);
    } catch (e) {
      throw sashError('internal', 'unreadable reply: ' + e.message);
    }
  }
  if (r && typeof r.bytes === 'string') return takeBytes(r.bytes);
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
  // UTF-8 takes at least one byte per UTF-16 unit: refused here, the text
  // never reaches the engine's IPC.
  if (text.length > MAX_MESSAGE) return Promise.reject(tooLarge(text.length));
  if (text.length >= BIG_TEXT) return sendText(envelope, text);
  return tpost(text).then(decodeReply, transportError);
}

// A long call travels as its UTF-8 text by the bytes path (shared memory or
// the raw scheme) instead of as a string: the engine copies bytes at memory
// speed but converts a string between UTF-16 and UTF-8 on the app's UI
// thread; C parses it on a worker (header {text: true}, dispatch.c).
const BIG_TEXT = 256 * 1024;
function sendText(envelope, text) {
  return sendRaw(envelope.cmd, encoder.encode(text), { id: envelope.id, text: true });
}

// Raw bytes travel by fetch() to the raw scheme: the body is the bytes
// themselves behind a small JSON header, never base64.  Sizes are checked
// before anything is copied: WebKit buffers a whole request body in the
// app process before Sash sees it.
// The body is always a Uint8Array made here by the captured constructor,
// whatever the page did to the globals; its length is the number it was
// made with (a getter the page replaced could lie; the backend refuses a
// body whose length is not the declared one).
function rawBody(header, bytes) {
  const head = encoder.encode(JSON.stringify(header));
  const view = bytes instanceof ArrayBufferType ? new U8(bytes)
    : new U8(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const total = 4 + head.length + view.length;
  if (total > MAX_MESSAGE) throw tooLarge(total);
  const body = new U8(total);
  new DataViewType(body.buffer).setUint32(0, head.length, true);
  body.set(head, 4);
  body.set(view, 4 + head.length);
  return { body, length: total };
}

async function rawReply(res) {
  if (res.headers.get('X-Sash-Reply') === 'bytes') return res.arrayBuffer();
  return decodeReply(await res.text());
}

function sendShm(cmd, bytes, header) {
  let head;
  try {
    head = JSON.stringify(header);
  } catch (e) {
    return Promise.reject(sashError('bad_args', 'arguments are not JSON: ' + e.message));
  }
  const view = bytes instanceof ArrayBufferType ? new U8(bytes)
    : new U8(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const total = 4 + encoder.encode(head).length + view.length;
  if (total > MAX_MESSAGE) return Promise.reject(tooLarge(total));
  return viaShm((cb) => SHM.call(cmd, head, view, cb));
}

// header: {args, id}, or {id, text: true} when bytes are a call's JSON text.
function sendRaw(cmd, bytes, header) {
  if (SHM) return sendShm(cmd, bytes, header);
  let raw;
  try {
    raw = rawBody(header, bytes);
  } catch (e) {
    if (e && e.code === 'too_large') return Promise.reject(e);
    return Promise.reject(sashError('bad_args', 'arguments are not JSON: ' + e.message));
  }
  // The backend reads a body only with the key, and only as long as said.
  // fetch() looks up every RequestInit member it knows (referrer, signal,
  // ...) and Symbol.iterator on the headers through the prototype chain:
  // with Object.prototype in it, a getter the page put there would be
  // called with these very objects and read the key.  No prototype, no
  // lookup outside them.
  const headers = { __proto__: null, 'X-Sash-Key': RAW_KEY, 'X-Sash-Length': '' + raw.length };
  if (FRAME) headers['X-Sash-Frame'] = FRAME;
  const init = { __proto__: null, method: 'POST', body: raw.body, headers };
  return nativeFetch(RAW + encodeName(cmd), init).then(rawReply, transportError);
}

// A Blob (or File) is read into bytes here: the engine is never handed a
// Blob body, and a Blob over the limit is refused unread.
function sendBlob(cmd, blob, header) {
  if (blob.size > MAX_MESSAGE) return Promise.reject(tooLarge(blob.size));
  return blob.arrayBuffer().then((buf) => sendRaw(cmd, buf, header),
    (e) => { throw sashError('bad_args', 'the Blob could not be read: ' + ((e && e.message) || e)); });
}

let nextCallId = 1;

// invoke(cmd, args?, options?) or invoke(cmd, bytes, args?, options?),
// bytes: ArrayBuffer, a typed array or DataView, or a Blob / File.
// options.signal: an AbortSignal; aborting rejects with code 'cancelled'
// at once and tells C (sash_call_cancelled()).
function invoke(cmd, a, b, c) {
  if (typeof cmd !== 'string' || cmd === '')
    return Promise.reject(sashError('bad_args', 'the command name must be a non-empty string'));
  const isBlob = BlobType !== undefined && a instanceof BlobType;
  const isBytes = isBlob || a instanceof ArrayBufferType || isView(a);
  const args = isBytes ? b : a;
  const options = (isBytes ? c : b) || {};
  if (args !== undefined && args !== null && (typeof args !== 'object' || Array.isArray(args)))
    return Promise.reject(sashError('bad_args', 'arguments must be an object'));
  const signal = options.signal;
  if (signal && signal.aborted)
    return Promise.reject(sashError('cancelled', 'aborted before it was sent'));
  const id = signal ? nextCallId++ : undefined;
  const header = { args: args === undefined ? null : args, id };
  const sent = isBlob ? sendBlob(cmd, a, header)
    : isBytes ? sendRaw(cmd, a, header)
    // cmd and id first: a large message's head is read without parsing
    // it, and the rest is parsed off the UI thread (envelope_head.c).
    : send({ cmd, id, args: args === undefined ? null : args });
  if (!signal) return sent;
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      tpost(JSON.stringify({ cancel: id })).catch(() => {});
      reject(sashError('cancelled', 'the call was aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    sent.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

// Events.
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

function fireEvent(name, payload) {
  const set = listeners.get(name);
  if (!set) return;
  for (const cb of Array.from(set)) {
    // Removed by an earlier listener of this same event: unlisten is
    // immediate, so it must not run.
    if (!set.has(cb)) continue;
    try {
      cb({ event: name, payload });
    } catch (e) {
      console.error('sash: listener for "' + name + '" threw', e);
    }
  }
}

// Channels: C streams ordered messages to onmessage; acknowledgements are
// C's backpressure.  Bytes messages are fetched, in order.
const channels = new Map();
let nextChannelId = 1;

class Channel {
  constructor(onmessage) {
    this.id = nextChannelId++;
    this.onmessage = onmessage || null;
    this.onclose = null;
    this.closed = false;
    // Messages wait here behind a bytes fetch or an async handler: one
    // handler runs at a time, in order.
    this._tail = Promise.resolve();
    this._queued = 0;
    channels.set(this.id, this);
  }
  toJSON() { return { __sash_channel__: this.id }; }
  close() {
    if (this.closed) return;
    this._end();
    tpost(JSON.stringify({ channel_close: this.id })).catch(() => {});
  }
  _end() {
    this.closed = true;
    channels.delete(this.id);
  }
  // Runs the handler; returns a promise when it returned one (an async
  // handler), so the message counts as consumed only once that settles.
  _deliver(value) {
    if (this.closed || !this.onmessage) return undefined;
    let r;
    try {
      r = this.onmessage(value);
    } catch (e) {
      console.error('sash: channel ' + this.id + ' handler threw', e);
      return undefined;
    }
    if (!r || typeof r.then !== 'function') return undefined;
    return Promise.resolve(r).then(() => {},
      (e) => console.error('sash: channel ' + this.id + ' handler rejected', e));
  }
}

function ack(id, n) {
  tpost(JSON.stringify({ channel_ack: id, n })).catch(() => {});
}

// A message is acknowledged (C's backpressure) when its handler is done:
// at once for a plain handler, when its promise settles for an async one.
function queue(ch, step) {
  ch._queued++;
  ch._tail = ch._tail.then(step).then(() => { ch._queued--; ack(ch.id, 1); });
}

// [id, "msg", value] a message; [id, "bytes", token] bytes to fetch;
// [id, "end"] C released the channel.
function channelEntry(entry, acks) {
  const ch = channels.get(entry[0]);
  if (!ch) return;
  const kind = entry[1];
  if (kind === 'msg' && !ch._queued) {
    const pending = ch._deliver(entry[2]);
    if (pending) queue(ch, () => pending);
    else acks.set(ch.id, (acks.get(ch.id) || 0) + 1);
  } else if (kind === 'msg') {
    queue(ch, () => ch._deliver(entry[2]));
  } else if (kind === 'bytes') {
    const data = takeBytes(entry[2]);
    queue(ch, () => data.then((buf) => ch._deliver(buf), () => {}));
  } else {
    ch._tail = ch._tail.then(() => {
      ch._end();
      if (ch.onclose) ch.onclose();
    });
  }
}

// Runs one batch (the answer to a pull, or a window_deliver script), at
// most one a frame, in order: [name, payload] for
// events, [channelId, ...] for channel messages, [0, rid, reply] for replies
// on a one-way transport.
function deliver(batch) {
  const acks = new Map();
  for (let i = 0; i < batch.length; i++) {
    if (batch[i][0] === 0) { if (oneWay.settle) oneWay.settle(batch[i][1], batch[i][2]); }
    else if (typeof batch[i][0] === 'number') channelEntry(batch[i], acks);
    else fireEvent(batch[i][0], batch[i][1]);
  }
  for (const [id, n] of acks) ack(id, n);
}

// Deliveries by pull (PULL, a backend whose transport replies): one pull is
// always parked in C, and C answers it with the next batch.  The next pull
// is parked before the batch runs, so what a listener does cannot delay
// the following batch's way in.  No script runs in the page on the app's
// behalf, so nothing a listener does counts as a user gesture.  Anything
// but a batch ends the loop: a refusal (a page of another origin), null
// (C got a newer pull), a pull dropped because the page went away.  A
// page being left stops pulling at pagehide (it may still run while the
// next page commits, and must not pull in that page's name); one restored
// from the back-forward cache starts a new loop (C dropped the old pull);
// a loop of an earlier generation ends at its answer.
let pullGen = 0;
function pull(gen) {
  tpost('{"pull":true}').then((text) => {
    if (gen !== pullGen) return;
    let batch;
    try {
      batch = JSON.parse(text);
    } catch (e) {
      return;
    }
    if (!Array.isArray(batch)) return; // C ended this loop (or refused it)
    pull(gen);
    deliver(batch);
  }, () => {});
}
// Deliveries are the top frame's (a subframe's pull would end its loop).
if (PULL && window === window.top) {
  pull(pullGen);
  // Leaving: this page's loop ends before the next page commits, so no
  // answer that reaches it later parks a pull in the next page's name.
  window.addEventListener('pagehide', (e) => { if (e.isTrusted) pullGen++; }, true);
  window.addEventListener('pageshow', (e) => {
    if (e.isTrusted && e.persisted) pull(++pullGen);
  }, true);
}

// Windowed data: the page asks only for the rows it renders.  A small cache
// of pages keeps scrolling back and forth off the bridge.
function rows(name, pageSize = 200) {
  const pages = new Map();
  let total = null;
  function page(n) {
    if (!pages.has(n)) {
      const p = invoke(name, { from: n * pageSize, to: (n + 1) * pageSize }).then((r) => {
        total = r.total;
        return r.rows;
      });
      p.catch(() => pages.delete(n));
      pages.set(n, p);
      if (pages.size > 64) pages.delete(pages.keys().next().value);
    }
    return pages.get(n);
  }
  return {
    async count() {
      if (total === null) total = (await invoke(name, { from: 0, to: 0 })).total;
      return total;
    },
    async get(from, to) {
      const out = [];
      for (let p = Math.floor(from / pageSize); p * pageSize < to; p++) {
        const got = await page(p);
        const base = p * pageSize;
        for (let i = Math.max(from, base); i < Math.min(to, base + got.length); i++)
          out.push(got[i - base]);
        if (got.length < pageSize) break;
      }
      return out;
    },
    invalidate() { pages.clear(); total = null; },
  };
}

function stats() {
  return invoke('__sash_stats');
}

// An always-on-top table of the profiler's numbers (dev builds).
let overlayTimer = null;
function overlay(on = true) {
  let box = document.getElementById('__sash_overlay');
  clearInterval(overlayTimer);
  if (!on) {
    if (box) box.remove();
    return;
  }
  if (!box) {
    box = document.createElement('pre');
    box.id = '__sash_overlay';
    box.style.cssText = 'position:fixed;right:8px;bottom:8px;z-index:2147483647;margin:0;' +
      'padding:6px 8px;font:11px/1.35 monospace;background:rgba(20,20,20,.85);color:#cfc;' +
      'border-radius:6px;pointer-events:none;max-height:40vh;overflow:hidden';
    document.documentElement.appendChild(box);
  }
  const paint = async () => {
    try {
      const s = await stats();
      const lines = ['command            calls   p50 ms   p99 ms     out'];
      for (const [n, v] of Object.entries(s.calls))
        lines.push(n.slice(0, 18).padEnd(18) + String(v.count).padStart(6) +
          v.p50_ms.toFixed(2).padStart(9) + v.p99_ms.toFixed(2).padStart(9) +
          ((v.bytes_out / 1024).toFixed(0) + 'K').padStart(8));
      let events = 0;
      for (const v of Object.values(s.events)) events += v.count;
      lines.push('events ' + events + '   channel messages ' + s.channels.messages);
      box.textContent = lines.join('\n');
    } catch (e) {
      box.textContent = 'sash: stats unavailable (' + e.message + ')';
    }
  };
  paint();
  overlayTimer = setInterval(paint, 500);
}

Object.defineProperty(window, '__SASH__', {
  // shm: the size from which bytes travel in shared memory, 0 without it.
  value: Object.freeze({ invoke, listen, emit, Channel, rows, stats, overlay, _ev: deliver,
    shm: SHM ? SHM.threshold : 0 }),
  enumerable: false,
  configurable: false,
  writable: false,
});

// Show the window only once the page has painted: the second frame callback
// runs after the first frame was produced.
function painted() {
  requestAnimationFrame(() => requestAnimationFrame(() => {
    tpost('{"ready":true}').catch(() => {});
  }));
}
if (window !== window.top) {
  // a frame's paint says nothing about the window
} else if (document.readyState === 'loading')
  document.addEventListener('DOMContentLoaded', painted, { once: true });
else painted();
