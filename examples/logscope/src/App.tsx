import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Channel, invoke, listen } from '@sash/api';
import { open as openDialog } from '@sash/api/dialog';
import { getCurrentWindow } from '@sash/api/window';
import { LogList, type LogListHandle } from './LogList';
import { Histogram, type Bins } from './Histogram';
import { ALL_LEVELS, LEVELS, LEVEL_COLOR, fmtBytes, fmtInt, fmtMs, fmtTime } from './levels';

interface FileInfo {
  path: string; lines: number; bytes: number; ms: number; mbps: number;
  threads: number; levels: number[]; first: number; last: number;
}
interface IndexProgress { bytes: number; total: number; lines: number; mbps: number }
interface FilterProgress { done: number; total: number; matches: number }
interface SashError { code: string; message: string }
/** C's "logscope:follow" event: the followed file grew, or was indexed
 *  again after a truncation or rotation (then `notice` says which). */
interface FollowEvent {
  lines: number; bytes: number; added: number; levels: number[];
  first: number; last: number; reindexed: boolean; notice?: string;
}

/** The longest gap between two animation frames, measured while `active`. */
function useFrameGap() {
  const active = useRef(false);
  const worst = useRef(0);
  const [gap, setGap] = useState<number | null>(null);
  useEffect(() => {
    let last = performance.now(), id = 0, shown = 0;
    const tick = (now: number) => {
      if (active.current) {
        worst.current = Math.max(worst.current, now - last);
        if (now - shown > 250) { shown = now; setGap(worst.current); }
      }
      last = now;
      id = requestAnimationFrame(tick);
    };
    id = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(id);
  }, []);
  const start = useCallback(() => { worst.current = 0; active.current = true; setGap(0); }, []);
  const stop = useCallback(() => { active.current = false; setGap(worst.current); }, []);
  return { gap, start, stop };
}

export default function App() {
  const [file, setFile] = useState<FileInfo | null>(null);
  const [indexing, setIndexing] = useState<{ path: string; p: IndexProgress | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  // generation: a new view (new file, new filter: back to the top);
  // revision: the same view grew (follow: keep the place, refetch).
  const [view, setView] = useState({ total: 0, generation: 0, revision: 0 });
  const [opened, setOpened] = useState(0);      // bumps on every open
  const [refilter, setRefilter] = useState(0);  // follow: filter the grown file again
  const [following, setFollowing] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const filterActive = useRef(false);
  const [pattern, setPattern] = useState('');
  const [icase, setIcase] = useState(false);
  const [levels, setLevels] = useState(ALL_LEVELS);
  const [filterState, setFilterState] = useState<{ running: boolean; p: FilterProgress | null; ms?: number; error?: string }>({ running: false, p: null });
  const [bins, setBins] = useState<Bins | null>(null);
  const [binCount, setBinCount] = useState(200);
  const [jump, setJump] = useState('');
  const list = useRef<LogListHandle>(null);
  const indexAbort = useRef<AbortController | null>(null);
  const filterAbort = useRef<AbortController | null>(null);
  const frames = useFrameGap();

  const openPath = useCallback(async (path: string) => {
    indexAbort.current?.abort();
    filterAbort.current?.abort();
    const ac = new AbortController();
    indexAbort.current = ac;
    setError(null);
    setIndexing({ path, p: null });
    frames.start();
    const progress = new Channel<IndexProgress>((p) => setIndexing((s) => (s ? { ...s, p } : s)));
    try {
      const info = await invoke('open', { path, progress }, { signal: ac.signal });
      setFile(info);
      setPattern('');
      setLevels(ALL_LEVELS);
      setFilterState({ running: false, p: null });
      setView((v) => ({ total: info.lines, generation: v.generation + 1, revision: v.revision + 1 }));
      setOpened((n) => n + 1);
      setNotice(null);
    } catch (e) {
      const err = e as SashError;
      setError(err.code === 'cancelled' ? 'Indexing cancelled.' : `${err.code}: ${err.message}`);
    } finally {
      frames.stop();
      if (indexAbort.current === ac) setIndexing(null);
    }
  }, [frames.start, frames.stop]);

  const chooseFile = useCallback(async () => {
    try {
      const path = await openDialog({ title: 'Open a log file', filters: [
        { name: 'Logs', extensions: ['log', 'txt', 'out', 'gz'] }, { name: 'All files', extensions: ['*'] }] });
      if (path) await openPath(path);
    } catch (e) {
      setError(`${(e as SashError).code}: ${(e as SashError).message}`);
    }
  }, [openPath]);

  // A path on the command line: open it at start.
  useEffect(() => {
    invoke('startup').then((p) => { if (p) void openPath(p); }, () => {});
  }, [openPath]);

  // Files dropped on the window open as the dialog's do (the drop grants
  // the file to this window's fs scope, as a pick in the dialog does).
  useEffect(() => getCurrentWindow().onDragDrop((e) => {
    if (e.type === 'enter' || e.type === 'over') setDragging(true);
    else setDragging(false);
    if (e.type === 'drop' && e.paths.length > 0) void openPath(e.paths[0]);
  }), [openPath]);

  // Follow (tail -f): C polls the file and says what changed.
  const toggleFollow = useCallback(async () => {
    try {
      const r = await invoke('follow', { on: !following });
      setFollowing(r.following);
    } catch (e) {
      setError(`${(e as SashError).code}: ${(e as SashError).message}`);
    }
  }, [following]);
  useEffect(() => listen<FollowEvent>('logscope:follow', (e) => {
    const f = e.payload;
    setFile((old) => old && { ...old, lines: f.lines, bytes: f.bytes, levels: f.levels, first: f.first, last: f.last });
    if (f.reindexed) {
      setNotice(f.notice ?? 'The file was indexed again.');
      setView((v) => ({ total: f.lines, generation: v.generation + 1, revision: v.revision + 1 }));
      if (filterActive.current) setRefilter((n) => n + 1);
    } else if (filterActive.current) {
      setRefilter((n) => n + 1);
    } else {
      setView((v) => ({ ...v, total: f.lines, revision: v.revision + 1 }));
    }
  }), []);

  // Filter in C as you type (debounced); a newer filter aborts the older.
  // A refilter after the followed file grew keeps the list's place.
  const lastFilterKey = useRef('');
  useEffect(() => {
    if (!file) return;
    const key = `${opened}|${pattern}|${levels}|${icase}`;
    const grown = key === lastFilterKey.current;
    lastFilterKey.current = key;
    filterActive.current = !!pattern || levels !== ALL_LEVELS;
    const timer = setTimeout(async () => {
      filterAbort.current?.abort();
      const ac = new AbortController();
      filterAbort.current = ac;
      setFilterState({ running: true, p: null });
      const progress = new Channel<FilterProgress>((p) => setFilterState((s) => (s.running ? { ...s, p } : s)));
      try {
        const r = await invoke('filter',
          { pattern, levels, icase, progress }, { signal: ac.signal });
        setFilterState({ running: false, p: null, ms: r.ms });
        setView((v) => ({ total: r.matches, generation: grown ? v.generation : v.generation + 1, revision: v.revision + 1 }));
      } catch (e) {
        const err = e as SashError;
        if (err.code === 'cancelled') return;
        setFilterState({ running: false, p: null, error: err.code === 'bad_regex' ? err.message : `${err.code}: ${err.message}` });
      }
    }, pattern && !grown ? 250 : 0);
    return () => clearTimeout(timer);
  }, [opened, pattern, levels, icase, refilter]); // eslint-disable-line react-hooks/exhaustive-deps

  // The histogram follows the view.
  useEffect(() => {
    if (!file) { setBins(null); return; }
    let live = true;
    invoke('histogram', { bins: binCount }).then((b) => { if (live) setBins(b); }, () => {});
    return () => { live = false; };
  }, [opened, view.generation, view.revision, binCount]); // eslint-disable-line react-hooks/exhaustive-deps

  // A new file: the keyboard goes to the list.
  useEffect(() => { if (opened) requestAnimationFrame(() => list.current?.focus()); }, [opened]);

  const pickTime = useCallback(async (t: number) => {
    const at = await invoke('seek_time', { t });
    list.current?.jumpTo(at);
  }, []);

  const doJump = async (e: React.FormEvent) => {
    e.preventDefault();
    const n = parseInt(jump.replace(/[^0-9]/g, ''), 10);
    if (!n) return;
    const at = await invoke('seek_line', { n: n - 1 });
    list.current?.jumpTo(at);
  };

  // Ctrl+O opens, Ctrl+F finds, Ctrl+G goes to a line.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.ctrlKey) return;
      const k = e.key.toLowerCase();
      if (k === 'o') { e.preventDefault(); void chooseFile(); }
      else if (k === 'f') { e.preventDefault(); document.getElementById('pattern')?.focus(); }
      else if (k === 'g') { e.preventDefault(); document.getElementById('jump')?.focus(); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [chooseFile]);

  const toggleLevel = (l: number, solo: boolean) =>
    setLevels((m) => (solo ? (m === (1 << l) ? ALL_LEVELS : 1 << l) : m ^ (1 << l)));

  const highlight = useMemo(() => {
    if (!pattern || filterState.error) return null;
    try { return new RegExp(pattern, icase ? 'gi' : 'g'); } catch { return null; }
  }, [pattern, icase, filterState.error]);
  const name = file ? file.path.split('/').pop() : null;
  const digits = file ? String(file.lines).length : 6;
  const ip = indexing?.p;
  const filtered = file && view.total !== file.lines;

  return (
    <div className="flex h-full flex-col">
      {/* toolbar */}
      <header className="flex shrink-0 items-center gap-3 border-b border-zinc-800 bg-zinc-900/80 px-3 py-2">
        <div className="flex items-center gap-2 pr-1">
          <div className="grid size-7 place-items-center rounded-lg bg-gradient-to-br from-sky-400 to-indigo-500 text-[13px] font-bold text-zinc-950">L</div>
          <span className="font-semibold tracking-tight text-zinc-100">Logscope</span>
        </div>
        <button onClick={() => void chooseFile()} data-testid="open"
          className="rounded-md bg-zinc-800 px-3 py-1.5 font-medium text-zinc-100 hover:bg-zinc-700">Open…</button>
        <div className="min-w-0 truncate text-zinc-400" title={file?.path} data-testid="file-name">
          {name ? <><span className="text-zinc-200">{name}</span> · {fmtBytes(file!.bytes)}</> : 'No file open'}
        </div>
        <div className="flex-1" />
        <button onClick={() => void toggleFollow()} disabled={!file} data-testid="follow" aria-pressed={following}
          title="Follow the file as it grows (tail -f): new lines are indexed as they are written, and the list keeps to the end"
          className={`flex items-center gap-1.5 rounded-md border px-2.5 py-1 font-medium disabled:opacity-40 ${following ? 'border-emerald-500/60 bg-emerald-500/15 text-emerald-200' : 'border-zinc-700 bg-zinc-800 text-zinc-300 hover:bg-zinc-700'}`}>
          <span className={`size-2 rounded-full ${following ? 'animate-pulse bg-emerald-400' : 'bg-zinc-500'}`} />
          Follow
        </button>
        <form onSubmit={doJump} className="flex items-center">
          <input id="jump" value={jump} onChange={(e) => setJump(e.target.value)} placeholder="Go to line" data-testid="jump"
            disabled={!file} className="w-28 rounded-md border border-zinc-700 bg-zinc-950 px-2 py-1 text-zinc-200 outline-none placeholder:text-zinc-600 focus:border-sky-500" />
        </form>
      </header>

      {/* filter bar */}
      <div className="flex shrink-0 flex-wrap items-center gap-2 border-b border-zinc-800 bg-zinc-900/40 px-3 py-2">
        <div className={`flex min-w-[280px] flex-1 items-center rounded-md border bg-zinc-950 ${filterState.error ? 'border-rose-500' : 'border-zinc-700 focus-within:border-sky-500'}`}>
          <span className="pl-2 font-mono text-zinc-500">/</span>
          <input id="pattern" value={pattern} onChange={(e) => setPattern(e.target.value)} disabled={!file}
            placeholder="Filter by regular expression (PCRE), e.g.  payment|timeout  or  req=[0-9a-f]{4}00"
            data-testid="pattern" spellCheck={false}
            className="min-w-0 flex-1 bg-transparent px-1.5 py-1 font-mono text-zinc-100 outline-none placeholder:font-sans placeholder:text-zinc-600" />
          <button onClick={() => setIcase((v) => !v)} title="Ignore case" data-testid="icase"
            className={`mr-1 rounded px-1.5 py-0.5 font-mono text-xs ${icase ? 'bg-sky-500/30 text-sky-200' : 'text-zinc-500 hover:text-zinc-300'}`}>Aa</button>
        </div>
        <div className="flex items-center gap-1" data-testid="levels">
          {LEVELS.map((lv, l) => l === 0 ? null : (
            <button key={lv} onClick={(e) => toggleLevel(l, e.shiftKey)} data-testid={`level-${lv}`} data-on={(levels >> l) & 1}
              title={`${file ? fmtInt(file.levels[l]) + ' ' + lv + ' entries (a stack trace counts once). ' : ''}Click: show or hide · Shift+click: only this level`}
              className={`flex items-center gap-1.5 rounded-md border px-2 py-1 text-xs font-medium ${(levels >> l) & 1 ? 'border-zinc-700 bg-zinc-800 text-zinc-100' : 'border-zinc-800 text-zinc-600 line-through'}`}>
              <span className="size-2 rounded-full" style={{ background: LEVEL_COLOR[l], opacity: (levels >> l) & 1 ? 1 : 0.35 }} />
              {lv}
              {file && <span className="tabular-nums text-zinc-500">{fmtInt(file.levels[l])}</span>}
            </button>
          ))}
        </div>
      </div>
      {notice && (
        <div className="flex shrink-0 items-center border-b border-amber-900/60 bg-amber-950/40 px-3 py-1.5 text-amber-200" data-testid="notice">
          <span className="flex-1">{notice}</span>
          <button onClick={() => setNotice(null)} className="px-1 text-amber-300 hover:text-amber-100" title="Dismiss">×</button>
        </div>
      )}
      {filterState.error && (
        <div className="shrink-0 border-b border-rose-900/60 bg-rose-950/40 px-3 py-1.5 text-rose-200" data-testid="filter-error">{filterState.error}</div>
      )}

      {/* histogram */}
      <div className="shrink-0 border-b border-zinc-800 bg-zinc-950 px-3 pt-2 pb-1">
        <Histogram data={bins} onPick={(t) => void pickTime(t)} onWidth={setBinCount} />
      </div>

      {/* the lines */}
      <main className="relative flex min-h-0 flex-1 flex-col">
        {file ? <LogList ref={list} highlight={highlight} total={view.total} generation={view.generation}
            revision={view.revision} stickToEnd={following} numberWidth={digits} />
          : !indexing && (
            <div className="grid flex-1 place-items-center">
              <div className="text-center">
                <p className="mb-1 text-lg text-zinc-300">Open a log file to start</p>
                <p className="mb-4 text-zinc-500">Gigabytes are fine: it is indexed on every core, and only the lines in view are read.<br />Or drop a file on this window.</p>
                <button onClick={() => void chooseFile()} className="rounded-md bg-sky-500 px-4 py-2 font-medium text-zinc-950 hover:bg-sky-400">Open a file… (Ctrl+O)</button>
                {error && <p className="mt-4 text-rose-300" data-testid="error">{error}</p>}
              </div>
            </div>
          )}
        {dragging && (
          <div className="pointer-events-none absolute inset-2 grid place-items-center rounded-xl border-2 border-dashed border-sky-400 bg-sky-500/10" data-testid="drop-zone">
            <div className="rounded-lg bg-zinc-900/90 px-4 py-2 text-sky-200">Drop to open the log file</div>
          </div>
        )}
        {indexing && (
          <div className="absolute inset-0 grid place-items-center bg-zinc-950/70 backdrop-blur-[1px]" data-testid="indexing">
            <div className="w-[460px] rounded-xl border border-zinc-700 bg-zinc-900 p-5 shadow-2xl">
              <div className="mb-1 font-medium text-zinc-100">Indexing {indexing.path.split('/').pop()}</div>
              <div className="mb-3 text-xs text-zinc-500">Line starts, levels and times, found on every core</div>
              <div className="h-2 overflow-hidden rounded-full bg-zinc-800">
                <div className="h-full rounded-full bg-sky-500 transition-[width] duration-100" data-testid="index-progress"
                  style={{ width: `${ip && ip.total ? (100 * ip.bytes) / ip.total : 0}%` }} />
              </div>
              <div className="mt-2 flex justify-between text-xs tabular-nums text-zinc-400">
                <span>{ip ? `${fmtBytes(ip.bytes)} of ${fmtBytes(ip.total)}` : 'Starting…'}</span>
                <span>{ip ? `${fmtInt(ip.lines)} lines · ${Math.round(ip.mbps)} MB/s` : ''}</span>
              </div>
              <div className="mt-4 flex items-center justify-between">
                <span className="text-xs text-zinc-500" data-testid="frame-gap-live">UI frame gap so far: {frames.gap !== null ? fmtMs(frames.gap) : '—'}</span>
                <button onClick={() => indexAbort.current?.abort()} data-testid="cancel"
                  className="rounded-md bg-zinc-800 px-3 py-1.5 hover:bg-zinc-700">Cancel</button>
              </div>
            </div>
          </div>
        )}
      </main>

      {/* status bar */}
      <footer className="flex shrink-0 items-center gap-4 border-t border-zinc-800 bg-zinc-900 px-3 py-1 text-xs tabular-nums text-zinc-400" data-testid="status">
        {file ? (
          <>
            <span data-testid="line-count" data-lines={file.lines}>{fmtInt(file.lines)} lines</span>
            {following && <span className="text-emerald-300" data-testid="following">following</span>}
            {filtered && <span className="text-sky-300" data-testid="match-count" data-matches={view.total}>{fmtInt(view.total)} shown</span>}
            {filterState.running && <span>filtering… {filterState.p ? Math.round((100 * filterState.p.done) / Math.max(1, filterState.p.total)) + '%' : ''}</span>}
            {!filterState.running && filterState.ms !== undefined && filtered && <span>filter {fmtMs(filterState.ms)}</span>}
            <span>indexed in {fmtMs(file.ms)} · {Math.round(file.mbps)} MB/s · {file.threads} threads</span>
            {file.first > 0 && <span className="hidden xl:inline">{fmtTime(file.first)} → {fmtTime(file.last)} UTC</span>}
          </>
        ) : <span>{error ?? 'Ready'}</span>}
        <span className="flex-1" />
        {frames.gap !== null && <span data-testid="frame-gap" data-ms={Math.round(frames.gap)}
          title="The longest time between two frames while the last file was indexed">longest frame gap while indexing: {fmtMs(frames.gap)}</span>}
      </footer>
    </div>
  );
}
