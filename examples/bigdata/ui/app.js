// A virtual-scrolling grid: only the rows in view cross the bridge.
// Keyboard: arrows move the current row, Page Up/Down by a screen, Home /
// End to the ends.  Numbers use the user's locale everywhere.
const { invoke, rows, Channel } = window.__SASH__;
const ROW_H = 28;
const ledger = rows('ledger', 200);
const $ = (id) => document.getElementById(id);
const grid = $('grid'), viewport = $('viewport'), spacer = $('spacer'), list = $('rows');
const statusEl = $('status'), progress = $('progress'), emptyEl = $('empty');
let total = 0, painting = 0, current = 0, lastQuery = '', savedPath = null;

// The user's locale: the engine's default (from LANG), with navigator's
// tag as a hint when valid ("C" / "POSIX" environments give none).
const locale = (() => {
  try { return Intl.NumberFormat.supportedLocalesOf([navigator.language]).length ? navigator.language : undefined; } catch { return undefined; }
})();
const int = new Intl.NumberFormat(locale);
const money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
const dec1 = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const ms = (t0) => int.format(Math.round(performance.now() - t0));

function status(text, path) {
  statusEl.textContent = text;
  savedPath = path || null;
  $('reveal').hidden = !savedPath;
}

async function paint() {
  const ticket = ++painting;
  const first = Math.floor(viewport.scrollTop / ROW_H);
  const count = Math.ceil(viewport.clientHeight / ROW_H) + 2;
  const got = total ? await ledger.get(first, Math.min(total, first + count)) : [];
  if (ticket !== painting) return; // a newer scroll won
  emptyEl.hidden = total !== 0;
  list.style.transform = `translateY(${first * ROW_H}px)`;
  list.replaceChildren(...got.map((r, i) => {
    const div = document.createElement('div');
    div.className = first + i === current ? 'row current' : 'row';
    div.setAttribute('role', 'row');
    for (const [text, cls] of [[int.format(r.id), 'num'], [r.customer, ''], [r.city, ''], [money.format(r.amount), 'num']]) {
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
  current = 0;
  spacer.style.height = total * ROW_H + 'px';
  await paint();
}

viewport.addEventListener('scroll', () => requestAnimationFrame(paint), { passive: true });
window.addEventListener('resize', () => requestAnimationFrame(paint));

// Keyboard scrolling: move the current row, then scroll just enough to
// keep it in view (as a list box does).
grid.addEventListener('keydown', (e) => {
  if (!total) return;
  const page = Math.max(1, Math.floor(viewport.clientHeight / ROW_H) - 1);
  const moves = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity };
  if (!(e.key in moves)) return;
  e.preventDefault();
  current = Math.min(total - 1, Math.max(0, current + moves[e.key]));
  const top = current * ROW_H, bottom = top + ROW_H;
  if (top < viewport.scrollTop) viewport.scrollTop = top;
  else if (bottom > viewport.scrollTop + viewport.clientHeight)
    viewport.scrollTop = bottom - viewport.clientHeight;
  requestAnimationFrame(paint);
});
viewport.addEventListener('click', (e) => {
  const y = e.clientY - viewport.getBoundingClientRect().top + viewport.scrollTop;
  const i = Math.floor(y / ROW_H);
  if (i >= 0 && i < total) { current = i; grid.focus(); requestAnimationFrame(paint); }
});

let aborter = null;
async function filter(query) {
  aborter?.abort();
  aborter = new AbortController();
  const abortButton = $('abort');
  abortButton.disabled = false;
  const t0 = performance.now();
  const ch = new Channel((p) => { progress.value = p; });
  try {
    const r = await invoke('filter', { query, progress: ch }, { signal: aborter.signal });
    progress.value = 1;
    viewport.scrollTop = 0;
    lastQuery = query;
    $('empty-query').textContent = query;
    await reload();
    status(query ? `${int.format(r.matches)} rows match “${query}” (${ms(t0)} ms in C)`
      : `${int.format(total)} rows (${ms(t0)} ms in C)`);
  } catch (e) {
    status(e.code === 'cancelled' ? 'Filter aborted.' : `${e.code}: ${e.message}`);
  } finally {
    abortButton.disabled = true;
  }
}
$('search').addEventListener('submit', (ev) => {
  ev.preventDefault();
  filter($('query').value.trim());
});
$('abort').addEventListener('click', () => aborter?.abort());
$('clear').addEventListener('click', () => { $('query').value = ''; filter(''); });

// Export: the native save dialog asks where; the path it returns is the
// one file this window may write (C checks its fs scope).
$('export').addEventListener('click', async () => {
  const name = lastQuery ? `ledger-${lastQuery.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.csv` : 'ledger.csv';
  let path;
  try {
    path = await invoke('dialog:save', { title: 'Export CSV', defaultPath: name,
      filters: [{ name: 'CSV', extensions: ['csv'] }] });
  } catch (e) {
    status(`${e.code}: ${e.message}`);
    return;
  }
  if (path === null) { status('Export cancelled.'); return; }
  const t0 = performance.now();
  status(`Writing ${path}…`);
  try {
    const r = await invoke('export_csv', { path });
    status(`Exported ${int.format(r.rows)} rows (${dec1.format(r.bytes / 1048576)} MB) to ${path} in ${ms(t0)} ms.`, path);
  } catch (e) {
    status(`Export failed: ${e.message}`);
  }
});
$('reveal').addEventListener('click', () =>
  invoke('opener:reveal_item_in_dir', { path: savedPath }).catch((e) => status(`${e.code}: ${e.message}`)));

reload().then(() => {
  $('tagline').textContent = `${int.format(total)} rows kept in C; the page holds only what it shows`;
  status(`${int.format(total)} rows. Scroll, or use the arrow and Page keys: only what you see is fetched.`);
  grid.focus();
});
