"""bench.py - the Sash benchmark suite (run it through bench/run).

Runs every measurement with the contenders alternating (floor, sash,
chromium, floor, ...; the first of each round rotates), discards warm-up
runs, and writes bench/results/<date>-<host>.{md,json,png} and latest.md.
Python 3 standard library only; the chart needs matplotlib.
"""
import argparse
import datetime
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

import chart
import metrics as metrics_mod
import procs
import report
import stats
from contenders import Chromium, Native, PaintServer, RunError

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)

FULL = dict(startup_runs=15, startup_warm=2, idle_runs=5, runs=3, warm=1,
            ipc_n=5000, inflight=64, ipc_warm=200, mb=[1, 10], reps=5,
            spin_ms=2000, events=100000, scroll_frames=600, shm_mb=[10, 100], shm_reps=5,
            shm_soak=1000)
QUICK = dict(startup_runs=3, startup_warm=1, idle_runs=1, runs=1, warm=0,
             ipc_n=200, inflight=64, ipc_warm=20, mb=[1], reps=2,
             spin_ms=500, events=2000, scroll_frames=60, shm_mb=[10], shm_reps=2, shm_soak=20)
TIMEOUT = dict(startup=30, idle=30, ipc=180, bytes=180, respond=60, events=300,
               ipc10=180, ipc10_typed=180, scroll=180, shm=600)
MODES = ('size', 'startup', 'idle', 'ipc', 'ipc10', 'ipc10_typed', 'bytes', 'respond', 'events',
         'scroll', 'shm')


def queries(cfg):
    return {
        'startup': '', 'idle': '',
        'ipc': f'n={cfg["ipc_n"]}&inflight={cfg["inflight"]}&warm={cfg["ipc_warm"]}',
        # Typed commands: 10-field arguments, unchecked vs checked by a schema.
        'ipc10': f'n={cfg["ipc_n"]}&inflight={cfg["inflight"]}&warm={cfg["ipc_warm"]}'
                 '&cmd=ping10&args=10',
        'ipc10_typed': f'n={cfg["ipc_n"]}&inflight={cfg["inflight"]}&warm={cfg["ipc_warm"]}'
                       '&cmd=ping10_typed&args=10',
        'bytes': f'mb={",".join(map(str, cfg["mb"]))}&reps={cfg["reps"]}',
        'respond': f'ms={cfg["spin_ms"]}',
        'events': f'n={cfg["events"]}',
        # 10,000 rows, scrolled 40 px per animation frame.
        'scroll': f'rows=10000&frames={cfg["scroll_frames"]}&step=40',
        'shm': f'mb={",".join(map(str, cfg["shm_mb"]))}&reps={cfg["shm_reps"]}'
               f'&soak={cfg["shm_soak"]}',
    }


def parse_args():
    ap = argparse.ArgumentParser(prog='bench/run', description=__doc__.split('\n')[0])
    ap.add_argument('--quick', action='store_true',
                    help='tiny counts, about a minute: checks the suite works')
    ap.add_argument('--only', default=','.join(MODES),
                    help=f'comma list of measurements (default: all of {",".join(MODES)})')
    ap.add_argument('--startup-runs', type=int, help='measured startups per contender')
    ap.add_argument('--no-chromium', action='store_true', help='leave Chromium out')
    ap.add_argument('--bin', required=True, help='(set by bench/run) folder of the built bench apps')
    ap.add_argument('--example-hello', help='(set by bench/run) the built examples/hello, if any')
    ap.add_argument('--sash-missing', help='(set by bench/run) why sash was not built')
    ap.add_argument('--bin-gtk4', help='(set by bench/run) folder of Sash\'s GTK4 bench apps')
    ap.add_argument('--sash-gtk4-missing',
                    help='(set by bench/run) why sash on GTK4 was not built')
    ap.add_argument('--chromium', default='', help='(set by bench/run) Chromium binary, "" if none')
    ap.add_argument('--webkitgtk', default='?', help='(set by bench/run) WebKitGTK version')
    ap.add_argument('--out', default=os.path.join(BENCH, 'results'))
    ap.add_argument('--logs', default=os.path.join(BENCH, 'build', 'logs'))
    return ap.parse_args()


def meta_for(args, chromium_version):
    cpu = platform.processor() or '?'
    try:
        with open('/proc/cpuinfo') as f:
            cpu = next(l.split(':', 1)[1].strip() for l in f if l.startswith('model name'))
    except (OSError, StopIteration):
        pass
    try:
        commit = subprocess.run(['git', '-C', BENCH, 'describe', '--always', '--dirty'],
                                capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ''
    return {
        'date': datetime.datetime.now(datetime.timezone.utc).isoformat(timespec='seconds'),
        'host': socket.gethostname(), 'kernel': os.uname().release, 'cpu': cpu,
        'cores': os.cpu_count(), 'webkitgtk': args.webkitgtk,
        'chromium': chromium_version or
        ('Chromium left out' if args.no_chromium else 'Chromium not installed'),
        'commit': commit or 'uncommitted', 'quick': args.quick,
        'load_at_start': round(os.getloadavg()[0], 2),
    }


def stripped_kb(path, tmp):
    out = os.path.join(tmp, 'stripped-' + os.path.basename(path))
    subprocess.run(['strip', '-o', out, path], check=True, capture_output=True)
    size = os.path.getsize(out) / 1024
    os.remove(out)
    return size


def measure_sizes(args, contenders, record, tmp):
    files = {'floor': {'size_hello_kb': os.path.join(args.bin, 'bench_floor_hello')},
             'sash': {'size_hello_kb': os.path.join(args.bin, 'bench_sash_hello')},
             'chromium': {'size_hello_kb': args.chromium},
             'floor-gtk4': {'size_hello_kb': os.path.join(args.bin, 'bench_floor4_hello')},
             'sash-gtk4': {'size_hello_kb': os.path.join(args.bin_gtk4 or '', 'bench_sash_hello')}}
    if args.example_hello:
        files['sash']['size_example_hello_kb'] = args.example_hello
    for c in contenders:
        if c.missing or c.name not in files:  # sash-untuned: the same binary
            continue
        values = {k: stripped_kb(p, tmp) for k, p in files[c.name].items()
                  if p and os.path.exists(p)}
        record('size', c, 0, False, values, None)
        print(f'  size      {c.name:9} ' +
              ', '.join(f'{k}={v:,.1f}' for k, v in values.items()), flush=True)


def measure(mode, query, contenders, runs, warm, record):
    active = [c for c in contenders if not c.missing and mode in c.measures]
    for r in range(warm + runs):
        k = r % len(active) if active else 0
        for c in active[k:] + active[:k]:
            tag = f'warm{r}' if r < warm else f'run{r - warm}'
            values, error, retried = run_once(c, mode, query, tag)
            if retried:
                print(f'  {mode:9} {c.name:9} {tag:6} retrying: {retried}', flush=True)
            record(mode, c, r - warm, r < warm, values, error, retried)
            shown = {k: v for k, v in values.items()
                     if k not in ('paint_ns', 'done', 'host') and
                     (mode == 'startup' or k != 'startup_ms')}
            text = ' '.join(f'{k}={_short(v)}' for k, v in shown.items())
            if error:
                text += f' FAILED: {error}'
            print(f'  {mode:9} {c.name:9} {tag:6} {text}', flush=True)
            procs.reap()


def run_once(c, mode, query, tag):
    """(values, error, why it was retried) of one run; one retry for a
    process that died before its first paint."""
    retried = None
    for attempt in (0, 1):
        try:
            values = c.run(mode, query, TIMEOUT[mode], tag)
            if mode in ('ipc10', 'ipc10_typed'):  # ipc_p50_us -> ipc10_typed_p50_us
                values = {mode + k[3:] if k.startswith('ipc_') else k: v
                          for k, v in values.items()}
            return values, values.pop('error', None), retried
        except RunError as e:
            if e.early and attempt == 0:
                retried = str(e)
                continue
            return {}, str(e), retried


def _short(v):
    try:
        return f'{float(v):.4g}'
    except (TypeError, ValueError):
        return str(v)


def main():
    args = parse_args()
    # SIGTERM unwinds like Ctrl-C, so the app being measured is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    cfg = dict(QUICK if args.quick else FULL)
    if args.startup_runs:
        cfg['startup_runs'] = args.startup_runs
    only = [m for m in args.only.split(',') if m]
    unknown = set(only) - set(MODES)
    if unknown:
        sys.exit(f'bench/run: unknown measurement(s): {", ".join(sorted(unknown))}')
    if not procs.become_subreaper():
        print('bench: could not become a subreaper; orphans go to init', file=sys.stderr)

    shutil.rmtree(args.logs, ignore_errors=True)
    os.makedirs(args.logs)
    tmp = tempfile.mkdtemp(prefix='sash-bench-')
    # A private home for every contender's caches and profiles: runs start
    # from the same state, and the user's own files are never touched.
    env = dict(os.environ)
    for var in ('XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_DATA_HOME', 'XDG_STATE_HOME'):
        env[var] = os.path.join(tmp, var.lower())
        os.makedirs(env[var])
    env['NO_AT_BRIDGE'] = '1'  # no accessibility bus under Xvfb: it only adds waits
    # A desktop session has a runtime folder (Sash writes its web extension
    # there); a bare shell may not: give every contender a private one.
    env['XDG_RUNTIME_DIR'] = os.path.join(tmp, 'xdg_runtime_dir')
    os.makedirs(env['XDG_RUNTIME_DIR'], mode=0o700)
    env.pop('SASH_DEBUG', None)

    server = PaintServer(os.path.join(BENCH, 'web', 'bench'))
    chromium_version = ''
    if args.chromium and not args.no_chromium:
        chromium_version = subprocess.run([args.chromium, '--version'], capture_output=True,
                                          text=True, timeout=60).stdout.strip()
    floor = Native('floor', os.path.join(args.bin, 'bench_floor'), env, args.logs,
                   measures=Native.measures + ('shm',))
    # (every Native contender runs the scroll row: Native.measures)
    sash = Native('sash', os.path.join(args.bin, 'bench_sash'), env, args.logs,
                  missing=args.sash_missing and 'not built',
                  measures=Native.measures + ('ipc10', 'ipc10_typed', 'shm'))
    if not args.sash_missing and not os.path.exists(sash.binary):
        sash.missing = 'not built'
    # The same sash binary with Sash's WebKit tuning off: the before/after
    # of the defaults in src/platform/gtk/gtk_tuning.c.
    untuned = Native('sash-untuned', sash.binary, dict(env, SASH_WEBKIT_TUNING='0'),
                     args.logs, missing=sash.missing, measures=('startup', 'idle'))
    chromium = Chromium(args.chromium, env, args.logs, os.path.join(tmp, 'chromium-profile'),
                        server)
    if args.no_chromium:
        chromium.missing = 'left out'
    elif not args.chromium:
        chromium.missing = 'not installed'
    # GTK4 + WebKitGTK 6.0: the raw floor and Sash's gtk4 backend.
    floor4 = Native('floor-gtk4', os.path.join(args.bin, 'bench_floor4'), env, args.logs)
    if not os.path.exists(floor4.binary):
        floor4.missing = 'not built'
    # (shared memory too: the web-process extension is built for 6.0)
    sash4 = Native('sash-gtk4', os.path.join(args.bin_gtk4 or '', 'bench_sash'), env,
                   args.logs, missing=args.sash_gtk4_missing and 'not built',
                   measures=Native.measures + ('shm',))
    if not sash4.missing and not (args.bin_gtk4 and os.path.exists(sash4.binary)):
        sash4.missing = 'not built'
    # The same sash binary with shared memory off: its custom-scheme path.
    scheme = Native('sash-scheme', sash.binary, dict(env, SASH_SHM='0'), args.logs,
                    missing=sash.missing, measures=('shm',))
    contenders = [floor, sash, untuned, scheme, floor4, sash4, chromium]

    runs = []

    def record(mode, c, rnd, warmup, values, error, retried=None):
        runs.append({'mode': mode, 'contender': c.name, 'round': rnd, 'warmup': warmup,
                     'values': values, 'error': error, 'retried': retried})

    meta = meta_for(args, chromium_version)
    started = time.monotonic()
    print(f'bench: {"quick" if args.quick else "full"} run; contenders: ' +
          ', '.join(f'{c.name} ({c.missing})' if c.missing else c.name for c in contenders),
          flush=True)
    try:
        q = queries(cfg)
        for mode in MODES:
            if mode not in only:
                continue
            if mode == 'size':
                measure_sizes(args, contenders, record, tmp)
            elif mode == 'startup':
                measure(mode, q[mode], contenders, cfg['startup_runs'], cfg['startup_warm'], record)
            elif mode == 'idle':
                measure(mode, q[mode], contenders, cfg['idle_runs'], cfg['warm'], record)
            else:
                measure(mode, q[mode], contenders, cfg['runs'], cfg['warm'], record)
    finally:
        server.close()
        stray = procs.leftovers()
        shutil.rmtree(tmp, ignore_errors=True)
    elapsed = time.monotonic() - started

    meta['seconds'] = round(elapsed, 1)
    rows = metrics_mod.metrics_for(cfg)
    summary = stats.summarise(runs, rows)
    write_outputs(args, meta, cfg, rows, runs, summary, contenders)

    failed = [r for r in runs if r['error']]
    if stray:
        print(f'bench: {len(stray)} stray process(es) left: {stray}', file=sys.stderr)
    print(f'bench: {len(runs)} runs in {elapsed:.0f} s, {len(failed)} failed', flush=True)
    # Quick mode checks the suite works: every run must have produced figures.
    return 1 if failed or stray else 0


def status_fn(contenders, runs):
    by_name = {c.name: c for c in contenders}

    def status(metric, name):
        c = by_name[name]
        if c.missing:
            return c.missing
        if metric.mode not in c.measures and metric.mode != 'size':
            return 'n/a'
        if any(r['error'] for r in runs if r['contender'] == name and r['mode'] == metric.mode):
            return 'failed'
        return 'n/a'
    return status


def notes_for(cfg, meta):
    n = cfg
    return [
        f'{meta["seconds"]:.0f} s in all. Runs per contender: startup {n["startup_runs"]} '
        f'(+{n["startup_warm"]} warm-up), idle {n["idle_runs"]}, others {n["runs"]} '
        f'(+{n["warm"]} warm-up each). Everything under Xvfb (software rendering), '
        'each contender with a private XDG home made for this run.',
        '**floor**: bench/floor, raw GTK 3 + WebKitGTK (webkit2gtk-4.1): custom scheme for the '
        'page, a script message handler with reply for calls, a POST to the custom scheme for '
        'raw bytes, one evaluate_javascript per event. **sash**: bench/apps, the same jobs '
        'with Sash, its defaults kept: capabilities from apps/sash_bench.json, and WebKit\'s '
        'web-process sandbox (bubblewrap) on, where the floor keeps WebKitGTK\'s default (off). '
        'Both serve byte-identical pages (bench/web). **floor-gtk4**: the same floor on '
        'GTK 4 + WebKitGTK 6.0 (bench/floor/floor4_*.c), whose web-process sandbox is always '
        'on. **sash-gtk4**: the same sash app linked against Sash built with '
        '-DSASH_BACKEND=gtk4. **chromium**: '
        '`chromium --app` on the same page from a loopback server, standing in for Electron '
        '(size, startup, memory and scrolling only); one fresh profile per suite run, first used by '
        'the warm-up runs, as an installed app has its profile from its first launch on.',
        'size: `strip` of the hello app (bench/web/hello: a page, one call). For Chromium, the '
        'browser executable alone; an Electron app ships that plus its resources.',
        'startup: from just before fork/exec to the second requestAnimationFrame callback '
        '(the first frame has been produced), stamped with CLOCK_MONOTONIC in C on arrival of '
        'the page\'s message (Chromium: on arrival of its fetch at the harness).',
        'idle memory: PSS and RSS from /proc/PID/smaps_rollup summed over the app and all its '
        'descendants (WebKit web and network processes; Chromium zygotes, renderers, GPU and '
        'utility processes), 2 s after first paint. PSS shares each library page among all '
        'processes mapping it, other WebKit or Chromium programs running meanwhile included, '
        'so compare PSS within one run (RSS does not depend on them).',
        f'IPC: {n["ipc_n"]:,} sequential calls after {n["ipc_warm"]} warm-up calls; C stamps '
        'each arrival (CLOCK_MONOTONIC), a gap between arrivals is one full round trip. '
        '(`performance.now()` is clamped to 1 ms on a page that is not cross-origin '
        f'isolated.) Throughput: {n["ipc_n"]:,} calls kept {n["inflight"]} in flight, '
        'arrival span in C.',
        f'bytes: payload MB (2^20 bytes) per second, {n["reps"]} echo round trips after one '
        'warm-up, timed in JS. raw: fetch POST of an ArrayBuffer, answered as bytes; json: '
        'a string of that length as a call argument, echoed back as the result.',
        f'responsiveness: longest gap between requestAnimationFrame callbacks from the start '
        f'of a {n["spin_ms"]} ms CPU-bound call until the first frame after it returned '
        '(a display frame is ~16.7 ms).',
        f'events: {n["events"]:,} events C → JS, from the first emit until the page has seen '
        'the last one (its call back to C); memory is the tree PSS just before and just after.',
        f'scroll: a page of 10,000 rows (built by the page before its first paint), scrolled '
        f'by `window.scrollBy(0, 40)` in each of {n["scroll_frames"]} requestAnimationFrame '
        'callbacks after 10 unmeasured ones; the figures are the gaps between callbacks (p50, p99, longest) and the '
        'share of gaps over one (16.7 ms) and two (33.4 ms) display frames. Under Xvfb every '
        'contender paints in software, so this compares the engines\' main-thread work per '
        'frame, not GPU compositing.',
        f'shared memory: bytes one way at a time, {n["shm_reps"]} calls after one warm-up, '
        'timed in JS. C → page: a JSON call answering bytes from sash_bytes_alloc() (floor: '
        'a GET of its custom scheme answering a buffer made once); page → C: invoke(cmd, '
        'bytes) answered by the length (floor: a POST to its custom scheme). **sash, shared '
        'memory off**: the same sash binary with SASH_SHM=0 (its custom-scheme path). Memory: '
        f'tree PSS and mappings (lines of /proc/PID/maps) before and after {n["shm_soak"]:,} '
        '10 MB echo round trips, Sash with shared memory only.',
    ]


def write_outputs(args, meta, cfg, rows, runs, summary, contenders):
    out = os.path.join(args.out, 'quick') if args.quick else args.out
    os.makedirs(out, exist_ok=True)
    stem = f'{meta["date"][:10]}-{meta["host"]}'
    names = [c.name for c in contenders]
    chart_name = None
    if chart.available():
        chart_name = stem + '.png'
        chart.draw(os.path.join(out, chart_name),
                   f'Sash benchmarks {meta["date"][:10]}, {meta["host"]} '
                   f'(median, whiskers min–max){" — QUICK MODE" if meta["quick"] else ""}',
                   rows, summary, names, status_fn(contenders, runs))
    else:
        print('bench: chart skipped: matplotlib missing '
              '(apt-get install -y python3-matplotlib)', file=sys.stderr)
    incidents = []
    for r in runs:
        where = f'{r["mode"]} {r["contender"]} {"warm-up" if r["warmup"] else "run"} {r["round"]}'
        if r.get('retried'):
            incidents.append(f'{where}: retried once after: {r["retried"]}')
        if r['error']:
            incidents.append(f'{where}: failed: {r["error"]}')
    md = report.markdown(meta, rows, summary, status_fn(contenders, runs),
                         notes_for(cfg, meta), chart_name, incidents)
    with open(os.path.join(out, stem + '.md'), 'w') as f:
        f.write(md)
    with open(os.path.join(out, 'latest.md'), 'w') as f:
        f.write(md)
    report.write_json(os.path.join(out, stem + '.json'), meta, cfg, runs, summary)
    print(md)
    print(f'bench: wrote {out}/{stem}.md, .json' + (', .png' if chart_name else ''), flush=True)


if __name__ == '__main__':
    sys.exit(main())
