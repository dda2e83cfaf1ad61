import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { LEVELS, LEVEL_COLOR, fmtInt, fmtTime } from './levels';

/** What the `histogram` command returns: counts[bin * levels + level]. */
export interface Bins {
  t0: number;
  step: number;
  bins: number;
  levels: number;
  counts: number[];
}

interface Props {
  data: Bins | null;
  onPick(t: number): void;
  onWidth(bins: number): void;
}

const H = 84, AXIS = 16, BAR = 5; // px: height, axis labels, bar pitch

function stepLabel(s: number): string {
  if (s % 86400 === 0) return `${s / 86400} d`;
  if (s % 3600 === 0) return `${s / 3600} h`;
  if (s % 60 === 0) return `${s / 60} min`;
  return `${s} s`;
}

/** Lines over time, stacked by level (bins computed in C); click a bar to jump there. */
export function Histogram({ data, onPick, onWidth }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(800);
  const [hover, setHover] = useState<number | null>(null);

  useLayoutEffect(() => {
    const el = canvas.current!.parentElement!;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => ro.disconnect();
  }, []);
  useEffect(() => { onWidth(Math.max(10, Math.min(1000, Math.floor(width / BAR)))); }, [width, onWidth]);

  useEffect(() => {
    const c = canvas.current!;
    const dpr = window.devicePixelRatio || 1;
    c.width = Math.round(width * dpr);
    c.height = Math.round(H * dpr);
    const g = c.getContext('2d')!;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, width, H);
    if (!data || !data.step) return;
    const { bins, levels, counts } = data;
    let max = 1;
    for (let b = 0; b < bins; b++) {
      let s = 0;
      for (let l = 0; l < levels; l++) s += counts[b * levels + l];
      max = Math.max(max, s);
    }
    const plotH = H - AXIS - 4, w = width / bins;
    // faint grid
    g.fillStyle = '#27272a';
    for (const f of [0.5, 1]) g.fillRect(0, H - AXIS - Math.round(plotH * f), width, 1);
    for (let b = 0; b < bins; b++) {
      let y = H - AXIS;
      // errors on top, where the eye looks: stack from TRACE up to FATAL
      for (let l = 0; l < levels; l++) {
        const n = counts[b * levels + l];
        if (!n) continue;
        const h = Math.max(1, (n / max) * plotH);
        g.fillStyle = LEVEL_COLOR[l];
        g.globalAlpha = hover === b ? 1 : 0.85;
        g.fillRect(b * w + 0.5, y - h, Math.max(1, w - 1), h);
        y -= h;
      }
    }
    g.globalAlpha = 1;
    // time axis: a label every ~140 px
    g.fillStyle = '#71717a';
    g.font = '10.5px system-ui, sans-serif';
    g.textBaseline = 'bottom';
    const every = Math.max(1, Math.round(140 / w));
    for (let b = 0; b < bins && b * w < width - 150; b += every) {
      const t = data.t0 + b * data.step;
      const label = data.step >= 3600 || b === 0 ? fmtTime(t).slice(5, 16) : fmtTime(t, false).slice(0, 5);
      g.fillRect(b * w, H - AXIS, 1, 3);
      g.fillText(label, b * w + 3, H);
    }
  }, [data, width, hover]);

  const binAt = (e: React.MouseEvent) => {
    if (!data || !data.step) return null;
    const r = canvas.current!.getBoundingClientRect();
    const b = Math.floor(((e.clientX - r.left) / r.width) * data.bins);
    return b >= 0 && b < data.bins ? b : null;
  };
  const tip = hover !== null && data ? (() => {
    const per = LEVELS.map((_, l) => data.counts[hover * data.levels + l]);
    const sum = per.reduce((a, b) => a + b, 0);
    return { sum, per, t: data.t0 + hover * data.step };
  })() : null;

  return (
    <div className="relative h-[84px] w-full" data-testid="histogram">
      <canvas ref={canvas} style={{ width: '100%', height: H }} className="block cursor-pointer"
        data-testid="histogram-canvas" data-bins={data?.bins ?? 0}
        onMouseMove={(e) => setHover(binAt(e))} onMouseLeave={() => setHover(null)}
        onClick={(e) => { const b = binAt(e); if (b !== null && data) onPick(data.t0 + b * data.step); }} />
      {data && data.step > 0 && (
        <div className="pointer-events-none absolute right-0 bottom-0 bg-zinc-950 pl-2 text-[10.5px] text-zinc-500" data-testid="histogram-step">{stepLabel(data.step)} per bar</div>
      )}
      {tip && (
        <div style={{ left: Math.min(Math.max(0, (((hover ?? 0) + 0.5) / (data?.bins || 1)) * width - 110), width - 240) }}
          className="pointer-events-none absolute top-1 w-max rounded-md border border-zinc-700 bg-zinc-900/95 px-2 py-1 text-[11px] shadow-lg">
          <div className="text-zinc-300">{fmtTime(tip.t)} · {fmtInt(tip.sum)} lines</div>
          <div className="flex gap-2">
            {tip.per.map((n, l) => n ? <span key={l} style={{ color: LEVEL_COLOR[l] }}>{LEVELS[l]} {fmtInt(n)}</span> : null)}
          </div>
        </div>
      )}
    </div>
  );
}
