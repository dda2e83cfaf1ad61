// A virtual-scrolling grid: only the rows in view cross the bridge.
const { invoke, rows, Channel } = window.__SASH__;
const ROW_H = 28;
const ledger = rows('ledger', 200);
const viewport = document.getElementById('viewport');
const spacer = document.getElementById('spacer');
const list = document.getElementById('rows');
const statusEl = document.getElementById('status');
const progress = document.getElementById('progress');
let total = 0, painting = 0;

const money = new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' });

async function paint() {
  const ticket = ++painting;
  const first = Math.floor(viewport.scrollTop / ROW_H);
  const count = Math.ceil(viewport.clientHeight / ROW_H) + 2;
  const got = await ledger.get(first, Math.min(total, first + count));
  if (ticket !== painting) return; // a newer scroll won
  list.style.transform = `translateY(${first * ROW_H}px)`;
  list.replaceChildren(...got.map((r) => {
    const div = document.createElement('div');
    div.className = 'row';
    for (const [text, cls] of [[r.id, ''], [r.customer, ''], [r.city, ''], [money.format(r.amount), 'num']]) {
      const span = document.createElement('span');
      span.textContent = text;
      if (cls) span.className = cls;
      div.appendChild(span);
    }
    return div;
  }));
}

async function reload() {
  ledger.invalidate();
  total = await ledger.count();
  spacer.style.height = total * ROW_H + 'px';
  await paint();
}

viewport.addEventListener('scroll', () => requestAnimationFrame(paint), { passive: true });
window.addEventListener('resize', () => requestAnimationFrame(paint));

let aborter = null;
document.getElementById('search').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  aborter?.abort();
  aborter = new AbortController();
  const abortButton = document.getElementById('abort');
  abortButton.disabled = false;
  const t0 = performance.now();
  const ch = new Channel((p) => { progress.value = p; });
  const query = document.getElementById('query').value.trim();
  try {
    const r = await invoke('filter', { query, progress: ch }, { signal: aborter.signal });
    progress.value = 1;
    viewport.scrollTop = 0;
    await reload();
    statusEl.textContent = `${r.matches.toLocaleString()} rows match "${query || '*'}" ` +
      `(${(performance.now() - t0).toFixed(0)} ms in C)`;
  } catch (e) {
    statusEl.textContent = e.code === 'cancelled' ? 'Filter aborted.' : `${e.code}: ${e.message}`;
  } finally {
    abortButton.disabled = true;
  }
});
document.getElementById('abort').addEventListener('click', () => aborter?.abort());

document.getElementById('export').addEventListener('click', async () => {
  const t0 = performance.now();
  const bytes = await invoke('export_csv');
  const mb = (bytes.byteLength / 1048576).toFixed(1);
  statusEl.textContent = `Exported ${mb} MB of CSV as raw bytes in ${(performance.now() - t0).toFixed(0)} ms.`;
});

reload().then(() => {
  statusEl.textContent = `${total.toLocaleString()} rows. Scroll: only what you see is fetched.`;
});
