// bench.js - the measuring page, byte-identical for every contender.
//
// The URL says what to do: index.html?mode=MODE&key=value...  The page
// finds its host (sash's bridge, the floor's message handler, or a plain
// browser page served by the harness), does the job and hands its figures
// to C as "key=value key=value", which C prints as BENCH lines.
'use strict';

const params = new URLSearchParams(location.search);
const mode = params.get('mode') || 'startup';
const num = (key, fallback) => (params.has(key) ? Number(params.get(key)) : fallback);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function makeHost() {
  if (window.__SASH__) {
    const sash = window.__SASH__;
    return {
      name: 'sash',
      call: (cmd, args) => sash.invoke(cmd, args || {}),
      listen: (name, fn) => sash.listen(name, fn),
      raw: (bytes) => sash.invoke('echo_bytes', bytes),
      toC: (bytes) => sash.invoke('sink_bytes', bytes),
      fromC: (n) => sash.invoke('make_bytes', { n }),
    };
  }
  const floor = window.webkit && window.webkit.messageHandlers &&
    window.webkit.messageHandlers.floor;
  if (floor) {
    const listeners = new Map();
    // The floor's C side calls this through evaluate_javascript.
    window.__benchEv = (name, payload) => {
      const fn = listeners.get(name);
      if (fn) fn(payload);
    };
    return {
      name: 'floor',
      call: (cmd, args) => floor.postMessage({ cmd, args: args || null }),
      listen: (name, fn) => listeners.set(name, fn),
      raw: async (bytes) => {
        const response = await fetch('floor://app/echo', { method: 'POST', body: bytes });
        return response.arrayBuffer();
      },
      toC: async (bytes) => Number(await (await fetch('floor://app/sink',
        { method: 'POST', body: bytes })).text()),
      fromC: async (n) => (await fetch('floor://app/make?n=' + n)).arrayBuffer(),
    };
  }
  // A browser (Chromium --app): only startup, idle and scroll apply; first
  // paint is reported to the harness's loopback server, which stamps its
  // arrival, and the scroll figures go to it too.
  return {
    name: 'http',
    call: async (cmd, args) => {
      const run = encodeURIComponent(params.get('run') || '');
      if (cmd === 'report') { // the scroll row: figures to the harness
        await fetch(`/report?run=${run}&line=${encodeURIComponent(args.line)}`, { cache: 'no-store' });
        return;
      }
      if (cmd !== 'paint') throw new Error(`${cmd} is not measured in a browser`);
      await fetch(`/paint?run=${run}`, { cache: 'no-store' });
    },
  };
}

const host = makeHost();

// The second rAF callback runs after the frame of the first was produced:
// the page has painted once.
const firstPaint = () =>
  new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

async function ipc() {
  const n = num('n', 5000);
  const inflight = num('inflight', 64);
  const warm = num('warm', 200);
  // cmd=ping10|ping10_typed&args=10: the same calls with 10 fields each.
  const cmd = params.get('cmd') || 'ping';
  const args = params.get('args') === '10'
    ? (i) => ({ i, name: 'Ada', path: '/home/ada/docs', limit: 100, tags: ['a', 'b', 'c'],
                mode: 'fast', deep: true, weight: 0.5, owner: { id: 7, name: 'ada' },
                flags: [1, 2, 3] })
    : (i) => ({ i });
  for (let i = 0; i < warm; i++) await host.call('warm', { i });
  // n + 1 sequential calls: C stamps arrivals, n gaps are n round trips.
  for (let i = 0; i <= n; i++) await host.call(cmd, args(i));
  let sent = 0;
  const t0 = performance.now();
  const lane = async () => {
    while (sent < n) {
      sent++;
      await host.call('tput', { i: sent });
    }
  };
  await Promise.all(Array.from({ length: inflight }, lane));
  const ms = performance.now() - t0;
  return { ipc_js_tput_per_s: Math.round((n / ms) * 1000) };
}

async function rate(mb, reps, once) {
  await once(); // warm-up, also checks the answer
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) await once();
  return ((mb * reps) / ((performance.now() - t0) / 1000)).toFixed(1);
}

async function bytes() {
  const sizes = (params.get('mb') || '1,10').split(',').map(Number);
  const reps = num('reps', 5);
  const out = {};
  const errors = [];
  // One path failing must not hide the other's figures.
  const path = async (key, once, mb) => {
    try {
      out[key] = await rate(mb, reps, once);
    } catch (e) {
      errors.push(`${key}:${(e && (e.code || e.message)) || e}`);
    }
  };
  for (const mb of sizes) {
    const n = Math.round(mb * 1048576);
    const bin = new Uint8Array(n);
    for (let i = 0; i < n; i++) bin[i] = (i * 31) & 255;
    const text = 'abcdefghijklmnop'.repeat(Math.ceil(n / 16)).slice(0, n);
    await path(`bytes_raw_${mb}mb_mbps`, async () => {
      const back = new Uint8Array(await host.raw(bin));
      if (back.length !== n || back[n - 1] !== bin[n - 1]) throw new Error('raw echo mismatch');
    }, mb);
    await path(`bytes_json_${mb}mb_mbps`, async () => {
      const back = await host.call('echo', { data: text });
      if (typeof back !== 'string' || back.length !== n) throw new Error('json echo mismatch');
    }, mb);
  }
  if (errors.length) out.error = errors.join(';');
  return out;
}

// Bytes one way at a time (Sash: shared memory when its extension is on;
// the floor: its custom scheme), then memory after `soak` round trips of
// 10 MB (PSS and mappings of the whole process tree).
async function shm() {
  const sizes = (params.get('mb') || '10,100').split(',').map(Number);
  const reps = num('reps', 5);
  const soak = num('soak', 1000);
  const out = {};
  for (const mb of sizes) {
    const n = Math.round(mb * 1048576);
    const bin = new Uint8Array(n);
    for (let i = 0; i < n; i += 4096) bin[i] = i & 255;
    out[`shm_to_c_${mb}mb_mbps`] = await rate(mb, reps, async () => {
      if ((await host.toC(bin)) !== n) throw new Error('to C: length mismatch');
    });
    out[`shm_to_page_${mb}mb_mbps`] = await rate(mb, reps, async () => {
      if ((await host.fromC(n)).byteLength !== n) throw new Error('to page: length mismatch');
    });
  }
  // Memory after many round trips: Sash's shared-memory path only (the
  // custom scheme would take minutes for the same bytes).
  if (soak > 0 && window.__SASH__ && window.__SASH__.shm > 0) {
    const bin = new Uint8Array(10 << 20);
    await host.raw(bin);
    const before = await host.call('tree_mem', {});
    for (let i = 0; i < soak; i++) await host.raw(bin);
    const after = await host.call('tree_mem', {});
    out.shm_soak_pss_delta_mb = ((after.pss_kb - before.pss_kb) / 1024).toFixed(1);
    out.shm_soak_maps_delta = after.maps - before.maps;
  }
  return out;
}

// Longest gap between animation frames from the start of the CPU-bound
// call to the first frame after it returned; a frozen UI shows as one gap
// as long as the call.
async function respond() {
  const ms = num('ms', 2000);
  let phase = 'base';
  let last = performance.now();
  let baseGap = 0;
  let spinGap = 0;
  let frames = 0;
  let finished;
  const done = new Promise((resolve) => { finished = resolve; });
  const tick = () => {
    const now = performance.now();
    const gap = now - last;
    last = now;
    if (phase === 'base') baseGap = Math.max(baseGap, gap);
    else { spinGap = Math.max(spinGap, gap); frames++; }
    if (phase === 'tail') finished();
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  await sleep(num('base', 500));
  phase = 'spin';
  await host.call('spin', { ms });
  phase = 'tail';
  await done;
  return {
    respond_max_gap_ms: spinGap.toFixed(1),
    respond_base_gap_ms: baseGap.toFixed(1),
    respond_frames: frames,
  };
}

async function events() {
  const n = num('n', 100000);
  let count = 0;
  let all;
  const received = new Promise((resolve) => { all = resolve; });
  host.listen('tick', () => {
    if (++count === n) all();
  });
  await host.call('events', { n });
  await received;
  await host.call('events_done', {});
  return { events_received: count };
}

// Scrolling smoothness: a long page (rows=10,000 lines of a table-like
// list, built before first paint so every host pays the same), scrolled
// by `step` px per animation frame for `frames` frames; the figures are the
// gaps between rAF callbacks while it scrolls.
function buildRows() {
  const rows = num('rows', 10000);
  const list = document.createElement('div');
  list.id = 'rows';
  const parts = [];
  for (let i = 0; i < rows; i++) {
    parts.push(`<div class="row"><span>#${i}</span> <b>item ${i}</b> ` +
      `<i>${(i * 7919) % 100000}</i> some text to lay out and paint</div>`);
  }
  list.innerHTML = parts.join('');
  document.body.appendChild(list);
  return rows;
}

function percentile(sorted, p) {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function scroll() {
  const frames = num('frames', 600);
  const step = num('step', 40);
  const warm = num('warm', 10); // first frames scrolled, not measured
  const gaps = [];
  let last = 0;
  let count = -warm;
  await new Promise((resolve) => {
    const tick = (now) => {
      if (last && count > 0) gaps.push(now - last);
      last = now;
      if (count++ >= frames) {
        resolve();
        return;
      }
      window.scrollBy(0, step);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const sorted = gaps.slice().sort((a, b) => a - b);
  return {
    scroll_p50_ms: percentile(sorted, 50).toFixed(2),
    scroll_p99_ms: percentile(sorted, 99).toFixed(2),
    scroll_max_ms: (sorted[sorted.length - 1] || 0).toFixed(2),
    scroll_over16_pct: ((100 * gaps.filter((g) => g > 16.7).length) / (gaps.length || 1)).toFixed(1),
    scroll_over33_pct: ((100 * gaps.filter((g) => g > 33.4).length) / (gaps.length || 1)).toFixed(1),
    scroll_frames: gaps.length,
    scroll_y: Math.round(window.scrollY),
  };
}

async function main() {
  if (mode === 'scroll') buildRows();
  await firstPaint();
  await host.call('paint', {});
  const job = { ipc, ipc10: ipc, ipc10_typed: ipc, bytes, respond, events, scroll, shm }[mode];
  if (!job) return; // startup, idle: the harness takes it from here
  let figures;
  try {
    figures = await job();
  } catch (e) {
    figures = { error: (e && e.message) || e };
  }
  // "key=value key=value": values may not hold spaces, C splits on them.
  const line = Object.entries({ host: host.name, ...figures })
    .map(([key, value]) => `${key}=${String(value).replace(/\s+/g, '_')}`)
    .join(' ');
  await host.call('report', { line });
}

main();
