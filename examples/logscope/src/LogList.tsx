import { forwardRef, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState } from 'react';
import { invoke, rows } from '@sash/api';
import { LEVELS, LEVEL_COLOR, LEVEL_TEXT, fmtInt } from './levels';

/** One line of the view, as the `lines` rows source sends it. */
export interface Line {
  n: number;      // line number in the file (0-based)
  lv: number;     // level 0..6
  t: number;      // epoch seconds (0: none)
  text: string;   // the first 400 characters
  len: number;    // the full length in bytes
  cont: boolean;  // a continuation (stack trace) line
}

export interface LogListHandle {
  /** Scrolls so that view position `i` is the first visible row and selects it. */
  jumpTo(i: number): void;
  focus(): void;
}

interface Props {
  highlight: RegExp | null; // marks the filter's matches (when JS can read the pattern)
  total: number;        // rows in the view
  generation: number;   // bumps when the view changed in C (new file, filter)
  revision?: number;    // bumps when the same view grew (follow): refetch, keep the place
  stickToEnd?: boolean; // follow: keep the last line in view as lines arrive
  numberWidth: number;  // digits of the largest line number
}

const ROW_H = 20;

/** The text with the matches of `re` (global) wrapped in <mark>. */
function marked(text: string, re: RegExp | null): React.ReactNode {
  if (!re) return text;
  const out: React.ReactNode[] = [];
  let last = 0;
  re.lastIndex = 0;
  for (let m = re.exec(text); m && out.length < 40; m = re.exec(text)) {
    if (m[0] === '') { re.lastIndex++; continue; }
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(<mark key={m.index} className="rounded-sm bg-amber-400/25 text-amber-100">{m[0]}</mark>);
    last = m.index + m[0].length;
  }
  if (!out.length) return text;
  out.push(text.slice(last));
  return out;
}
const source = rows<Line>('lines', 250);

/**
 * A virtual list over `total` rows kept in C: it fetches only the rows in
 * view (plus a little), scrolls by pixels with the wheel, by rows and pages
 * with the keyboard, and has its own scrollbar, so the list can be longer
 * than any element a browser would lay out (10 million rows x 20 px).
 */
export const LogList = forwardRef<LogListHandle, Props>(function LogList({ highlight, total, generation, revision, stickToEnd, numberWidth }, ref) {
  const box = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(600);
  const [top, setTop] = useState(0);                 // px from the first row
  const [selected, setSelected] = useState(-1);      // view position
  const [shown, setShown] = useState<{ first: number; lines: Line[] }>({ first: 0, lines: [] });
  const [expanded, setExpanded] = useState<{ n: number; text: string; len: number; cut: boolean } | null>(null);
  const ticket = useRef(0);

  const visible = Math.ceil(height / ROW_H) + 1;
  const maxTop = Math.max(0, total * ROW_H - height);
  const clamp = useCallback((px: number) => Math.min(Math.max(0, px), Math.max(0, total * ROW_H - height)), [total, height]);

  useLayoutEffect(() => {
    const el = box.current!;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    setHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  // A new view: forget cached pages, go to the top.
  useEffect(() => {
    source.invalidate();
    setTop(0);
    setSelected(-1);
    setExpanded(null);
    setShown({ first: 0, lines: [] });
  }, [generation]);

  // The view grew (follow): the cached last page may be short; keep the
  // place, or keep to the end while following.
  useEffect(() => {
    source.invalidate();
    if (stickToEnd) setTop(Math.max(0, total * ROW_H - height));
  }, [revision, stickToEnd]); // eslint-disable-line react-hooks/exhaustive-deps

  // Fetch what is in view; a newer request wins.
  const first = Math.floor(top / ROW_H);
  useEffect(() => {
    if (!total) return;
    const t = ++ticket.current;
    const to = Math.min(total, first + visible);
    source.get(first, to).then((lines) => {
      if (t === ticket.current) setShown({ first, lines });
    }, () => { /* a newer view replaced this one */ });
  }, [first, visible, total, generation, revision]);

  const select = useCallback((i: number) => {
    const s = Math.min(Math.max(0, i), total - 1);
    setSelected(s);
    setTop((tp) => {
      if (s * ROW_H < tp) return clamp(s * ROW_H);
      if ((s + 1) * ROW_H > tp + height) return clamp((s + 1) * ROW_H - height);
      return tp;
    });
  }, [total, height, clamp]);

  useImperativeHandle(ref, () => ({
    jumpTo(i: number) {
      const s = Math.min(Math.max(0, i), total - 1);
      setSelected(s);
      setTop(clamp(s * ROW_H - ROW_H * 3));
      box.current?.focus();
    },
    focus() { box.current?.focus(); },
  }), [total, clamp]);

  const onWheel = (e: React.WheelEvent) => {
    const dy = e.deltaMode === 1 ? e.deltaY * ROW_H : e.deltaMode === 2 ? e.deltaY * height : e.deltaY;
    setTop((tp) => clamp(tp + dy));
  };

  const onKey = (e: React.KeyboardEvent) => {
    const page = Math.max(1, Math.floor(height / ROW_H) - 1);
    const cur = selected < 0 ? first : selected;
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, j: 1, k: -1 };
    if (e.key in moves) select(cur + moves[e.key]);
    else if (e.key === 'Home') select(0);
    else if (e.key === 'End') select(total - 1);
    else if (e.key === 'Enter' && selected >= 0) void expand(selected);
    else if (e.key === 'Escape') setExpanded(null);
    else return;
    e.preventDefault();
  };

  const expand = async (i: number) => {
    const line = shown.lines[i - shown.first];
    if (!line) return;
    try {
      const r = await invoke('line_text', { n: line.n });
      setExpanded({ n: line.n, ...r });
    } catch (err) {
      setExpanded({ n: line.n, text: String((err as Error).message), len: 0, cut: false });
    }
  };

  // The scrollbar: a track and a thumb at least 28 px high.
  const track = useRef<HTMLDivElement>(null);
  const thumbH = total ? Math.max(28, (height / (total * ROW_H)) * height) : height;
  const thumbY = maxTop ? (top / maxTop) * (height - thumbH) : 0;
  const drag = (e: React.PointerEvent) => {
    e.preventDefault();
    const el = track.current!;
    el.setPointerCapture(e.pointerId);
    const rect = el.getBoundingClientRect();
    const onThumb = e.target !== el;
    const grab = onThumb ? e.clientY - rect.top - thumbY : thumbH / 2;
    const move = (y: number) => {
      const f = Math.min(1, Math.max(0, (y - rect.top - grab) / Math.max(1, height - thumbH)));
      setTop(clamp(f * maxTop));
    };
    move(e.clientY);
    const onMove = (ev: PointerEvent) => move(ev.clientY);
    const onUp = () => { el.removeEventListener('pointermove', onMove); el.removeEventListener('pointerup', onUp); };
    el.addEventListener('pointermove', onMove);
    el.addEventListener('pointerup', onUp);
  };

  const offset = top - first * ROW_H;
  const rowsInView = shown.lines.slice(Math.max(0, first - shown.first), Math.max(0, first - shown.first) + visible);
  const base = Math.max(first, shown.first);
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="relative flex min-h-0 flex-1">
        <div ref={box} tabIndex={0} onWheel={onWheel} onKeyDown={onKey} data-testid="log-list"
          data-first={first} data-total={total}
          className="relative min-w-0 flex-1 overflow-hidden font-mono text-[12.5px] leading-5 outline-none">
          <div style={{ transform: `translateY(${(base - first) * ROW_H - offset}px)` }}>
            {rowsInView.map((l, k) => {
              const i = base + k;
              return (
                <div key={i} data-testid="log-row" data-line={l.n + 1} data-level={LEVELS[l.lv]}
                  onClick={() => { setSelected(i); if (l.len > l.text.length || expanded) void expand(i); }}
                  className={`flex h-5 cursor-default items-center whitespace-pre pr-3 ${i === selected ? 'bg-sky-500/20' : i % 2 ? 'bg-white/[0.015]' : ''} hover:bg-white/5`}>
                  <span className="shrink-0 pr-3 text-right tabular-nums text-zinc-600" style={{ width: `${numberWidth + 3}ch` }}>{l.n + 1}</span>
                  <span className="mr-2 h-3.5 w-[3px] shrink-0 rounded-full" style={{ background: l.cont ? 'transparent' : LEVEL_COLOR[l.lv] }} />
                  <span data-testid="log-text" className={`min-w-0 flex-1 overflow-hidden text-ellipsis ${l.cont ? 'text-zinc-500' : LEVEL_TEXT[l.lv]}`}>{marked(l.text, highlight)}</span>
                  {l.len > l.text.length && <span className="ml-2 shrink-0 rounded bg-zinc-800 px-1.5 text-[10.5px] text-zinc-400">+{fmtInt(l.len - l.text.length)} B</span>}
                </div>
              );
            })}
          </div>
          {!total && <div className="absolute inset-0 grid place-items-center font-sans text-zinc-500" data-testid="empty">No lines to show.</div>}
        </div>
        <div ref={track} onPointerDown={drag} data-testid="scrollbar"
          className="relative w-3 shrink-0 border-l border-zinc-800/80 bg-zinc-900/60">
          {total > 0 && <div className="absolute inset-x-[2px] rounded-full bg-zinc-600 hover:bg-zinc-500" style={{ top: thumbY, height: thumbH }} />}
        </div>
      </div>
      {expanded && (
        <div className="max-h-[40%] shrink-0 overflow-auto border-t border-zinc-800 bg-zinc-900 px-4 py-3" data-testid="line-detail">
          <div className="mb-2 flex items-center justify-between font-sans text-xs text-zinc-400">
            <span>Line {fmtInt(expanded.n + 1)} · {fmtInt(expanded.len)} bytes{expanded.cut ? ' (first 1 MB shown)' : ''}</span>
            <button className="rounded px-2 py-0.5 hover:bg-zinc-800" onClick={() => setExpanded(null)}>Close (Esc)</button>
          </div>
          <pre className="select-text whitespace-pre-wrap break-all font-mono text-[12.5px] text-zinc-200">{expanded.text}</pre>
        </div>
      )}
    </div>
  );
});
