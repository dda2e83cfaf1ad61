"""contenders.py - how each contender is launched and read.

Native contenders (floor, sash) are run as `APP MODE QUERY`, print
"BENCH key=value" lines, and stamp first paint with CLOCK_MONOTONIC, the
clock time.monotonic_ns() reads.  Chromium loads the same page from a
loopback server of ours; the page's fetch('/paint') is stamped on arrival.
"""
import http.server
import os
import subprocess
import threading
import time
import urllib.parse

import procs

IDLE_SETTLE_S = 2.0  # "idle memory, 2 s after load"


class RunError(Exception):
    """A run that produced no figures.  `early`: the process died before
    its first paint (no display, a crash at start), which one retry may
    get past; a run that hangs or fails later is not retried."""

    def __init__(self, message, early=False):
        super().__init__(message)
        self.early = early


class Native:
    """floor or sash: a bench app binary of ours."""

    measures = ('startup', 'idle', 'ipc', 'bytes', 'respond', 'events', 'scroll')

    def __init__(self, name, binary, env, logdir, missing=None, measures=None):
        self.name = name
        self.binary = binary
        self.env = env
        self.logdir = logdir
        self.missing = missing  # why it cannot run, or None
        if measures:
            self.measures = measures

    def run(self, mode, query, timeout, tag):
        log = os.path.join(self.logdir, f'{self.name}-{mode}-{tag}.log')
        values = {}
        with open(log, 'wb') as err:
            t0 = time.monotonic_ns()
            p = subprocess.Popen([self.binary, mode, query], stdout=subprocess.PIPE,
                                 stderr=err, stdin=subprocess.DEVNULL, env=self.env)
            reader = procs.LineReader(p.stdout)
            try:
                deadline = time.monotonic() + timeout
                for line in reader.lines(deadline):
                    if not line.startswith('BENCH '):
                        continue
                    key, _, value = line[6:].partition('=')
                    values[key] = value
                    if key == 'paint_ns':
                        values['startup_ms'] = (int(value) - t0) / 1e6
                        if mode == 'idle':
                            time.sleep(IDLE_SETTLE_S)
                            _store_memory(values, p.pid)
                            break
                    if key == 'done' or (mode == 'startup' and key == 'paint_ns'):
                        break
            finally:
                reader.close()
                procs.stop(p)
                p.stdout.close()
        if 'error' in values:  # the page's own failure; its other figures stand
            values['error'] += f' (log: {log})'
        if 'startup_ms' not in values and p.returncode is not None and reader.eof:
            raise RunError(f'exited ({p.returncode}) before its first paint (log: {log})',
                           early=True)
        if 'startup_ms' not in values or (mode not in ('startup', 'idle')
                                          and 'done' not in values):
            raise RunError(f'no result within {timeout:.0f} s (log: {log})')
        return values


def _store_memory(values, pid):
    pss, rss, count = procs.tree_memory(pid)
    values['idle_pss_mb'] = pss / 1024
    values['idle_rss_mb'] = rss / 1024
    values['idle_procs'] = count


class PaintServer:
    """Serves web/bench on 127.0.0.1 and stamps GET /paint?run=ID."""

    def __init__(self, webdir):
        stamps = self.stamps = {}
        reports = self.reports = {}
        arrived = self.arrived = threading.Condition()

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *a, **kw):
                super().__init__(*a, directory=webdir, **kw)

            def do_GET(self):
                url = urllib.parse.urlsplit(self.path)
                if url.path == '/paint':
                    now = time.monotonic_ns()
                    run = urllib.parse.parse_qs(url.query).get('run', [''])[0]
                    with arrived:
                        stamps[run] = now
                        arrived.notify_all()
                    self.send_response(204)
                    self.end_headers()
                    return
                if url.path == '/report':  # the scroll row's figures
                    q = urllib.parse.parse_qs(url.query)
                    run = q.get('run', [''])[0]
                    with arrived:
                        reports[run] = q.get('line', [''])[0]
                        arrived.notify_all()
                    self.send_response(204)
                    self.end_headers()
                    return
                super().do_GET()

            def end_headers(self):
                # An app loads its page from disk; no HTTP cache either way.
                self.send_header('Cache-Control', 'no-store')
                super().end_headers()

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def wait(self, run, deadline):
        with self.arrived:
            while run not in self.stamps:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.arrived.wait(left)
            return self.stamps.pop(run)

    def wait_report(self, run, deadline):
        """The page's "key=value ..." line for `run`, or None."""
        with self.arrived:
            while run not in self.reports:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.arrived.wait(left)
            return self.reports.pop(run)

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


CHROMIUM_FLAGS = [
    '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--disable-quic',
    # Without these Chromium may wait on a keyring or ask to be the default.
    '--password-store=basic', '--no-default-browser-check',
    '--window-size=800,600',
]


class Chromium:
    """Chromium --app, standing in for Electron: startup, memory and the
    scroll row (the page reports its figures to the server)."""

    measures = ('startup', 'idle', 'scroll')

    def __init__(self, binary, env, logdir, profile, server, missing=None):
        self.name = 'chromium'
        self.binary = binary
        self.env = env
        self.logdir = logdir
        self.profile = profile
        self.server = server
        self.missing = missing
        self.count = 0

    def run(self, mode, query, timeout, tag):
        self.count += 1
        run_id = f'{mode}-{tag}-{self.count}'
        url = (f'http://127.0.0.1:{self.server.port}/index.html?mode={mode}'
               f'&run={run_id}&{query}')
        argv = [self.binary, *CHROMIUM_FLAGS, f'--user-data-dir={self.profile}',
                f'--app={url}']
        log = os.path.join(self.logdir, f'chromium-{mode}-{tag}.log')
        values = {}
        with open(log, 'wb') as out:
            t0 = time.monotonic_ns()
            p = subprocess.Popen(argv, stdout=out, stderr=out, stdin=subprocess.DEVNULL,
                                 env=self.env)
            try:
                stamp = self.server.wait(run_id, time.monotonic() + timeout)
                if stamp is not None:
                    values['startup_ms'] = (stamp - t0) / 1e6
                    if mode == 'idle':
                        time.sleep(IDLE_SETTLE_S)
                        _store_memory(values, p.pid)
                    elif mode not in ('startup', 'idle'):
                        line = self.server.wait_report(run_id, time.monotonic() + timeout)
                        for pair in (line or '').split(' '):
                            key, _, value = pair.partition('=')
                            if key and value:
                                values[key] = value
                        if line is not None:
                            values['done'] = '1'
            finally:
                procs.stop(p, grace=5.0)
        if 'startup_ms' not in values:
            raise RunError(f'no first paint within {timeout:.0f} s (log: {log})')
        if mode not in ('startup', 'idle') and 'done' not in values:
            raise RunError(f'no result within {timeout:.0f} s (log: {log})')
        return values
