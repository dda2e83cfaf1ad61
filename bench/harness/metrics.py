"""metrics.py - what the suite reports, and how each figure is read.

One entry per row of the report: the mode that produces it, the key the
run returns, a label, the unit, which direction is better, and a scale
from the raw value to the unit shown.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    mode: str
    key: str
    label: str
    unit: str
    better: str  # 'lower' | 'higher' | ''
    scale: float = 1.0


def metrics_for(cfg):
    """The rows, labelled with this run's actual counts and sizes."""
    rows = [
        Metric('size', 'size_hello_kb', 'hello app, stripped binary', 'KB', 'lower'),
        Metric('size', 'size_example_hello_kb', 'examples/hello, stripped', 'KB', 'lower'),
        Metric('startup', 'startup_ms', 'startup: process start → first paint', 'ms', 'lower'),
        Metric('idle', 'idle_pss_mb', 'idle memory, PSS of process tree', 'MB', 'lower'),
        Metric('idle', 'idle_rss_mb', 'idle memory, RSS of process tree', 'MB', 'lower'),
        Metric('idle', 'idle_procs', 'processes in the tree', '', ''),
        Metric('ipc', 'ipc_p50_us', f'IPC latency p50 ({cfg["ipc_n"]:,} sequential)', 'µs', 'lower'),
        Metric('ipc', 'ipc_p99_us', f'IPC latency p99 ({cfg["ipc_n"]:,} sequential)', 'µs', 'lower'),
        Metric('ipc', 'ipc_tput_per_s', f'IPC throughput, {cfg["inflight"]} in flight', 'calls/s', 'higher'),
        Metric('ipc10', 'ipc10_p50_us', 'IPC p50, 10-field args, unchecked command', 'µs', 'lower'),
        Metric('ipc10_typed', 'ipc10_typed_p50_us', 'IPC p50, 10-field args, typed command',
               'µs', 'lower'),
        Metric('ipc10_typed', 'schema_check_ns', 'schema check of 10-field args, per call',
               'ns', 'lower'),
    ]
    for mb in cfg['mb']:
        for path in ('raw', 'json'):
            rows.append(Metric('bytes', f'bytes_{path}_{mb}mb_mbps',
                               f'bytes: {mb} MB round trip, {path} path', 'MB/s', 'higher'))
    for mb in cfg['shm_mb']:
        rows.append(Metric('shm', f'shm_to_page_{mb}mb_mbps',
                           f'bytes C → page, {mb} MB (Sash: shared memory)', 'MB/s', 'higher'))
        rows.append(Metric('shm', f'shm_to_c_{mb}mb_mbps',
                           f'bytes page → C, {mb} MB (Sash: shared memory)', 'MB/s', 'higher'))
    rows += [
        Metric('shm', 'shm_soak_pss_delta_mb',
               f'memory after − before {cfg["shm_soak"]:,} round trips of 10 MB (PSS)', 'MB',
               'lower'),
        Metric('shm', 'shm_soak_maps_delta',
               f'mappings after − before {cfg["shm_soak"]:,} round trips of 10 MB', '', 'lower'),
    ]
    rows += [
        Metric('respond', 'respond_max_gap_ms',
               f'longest frame gap, {cfg["spin_ms"] / 1000:g} s command running', 'ms', 'lower'),
        Metric('events', 'events_rate_per_s', f'events C → JS ({cfg["events"]:,})', 'events/s', 'higher'),
        Metric('events', 'events_pss_delta_kb', 'memory after − before the events (PSS)', 'MB',
               'lower', 1 / 1024),
        Metric('scroll', 'scroll_p50_ms', 'scroll 10,000 rows: frame gap p50', 'ms', 'lower'),
        Metric('scroll', 'scroll_p99_ms', 'scroll 10,000 rows: frame gap p99', 'ms', 'lower'),
        Metric('scroll', 'scroll_max_ms', 'scroll 10,000 rows: longest frame gap', 'ms', 'lower'),
        Metric('scroll', 'scroll_over16_pct', 'scroll: gaps over 16.7 ms', '%', 'lower'),
        Metric('scroll', 'scroll_over33_pct', 'scroll: gaps over 33.4 ms', '%', 'lower'),
    ]
    return rows
