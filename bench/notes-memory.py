#!/usr/bin/env python3
"""notes-memory.py - idle memory of the Notes example (tree PSS: the app and
its WebKit processes) next to the same built front end in Chromium --app.

    bench/notes-memory.sh            (builds, makes the database, runs this
                                      on its own Xvfb)

Arguments: NOTES_BINARY DIST_DIR XDG_DATA_HOME DUMP_JSON [CHROMIUM] [RUNS]

Chromium gets the very dist/ the app embeds, served over HTTP, with a stand-in
for window.__SASH__ that answers the page's first calls (boot, sidebar, list,
open_note) with what the app's C side returned for the same database
(notes_bench --dump), so both draw the same first screen: the sidebar, 50 list
rows, a note and its Markdown preview.  Each run: start, wait for the window,
let it settle (SETTLE_S), sum Pss over the process tree (/proc/PID/smaps_rollup),
stop the tree by pid.  Prints the median of RUNS runs (default 3).
"""
import functools
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
import procs  # noqa: E402

SETTLE_S = 3.0
FLAGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--disable-quic',
         '--password-store=basic', '--no-default-browser-check', '--window-size=1280,800']

SHIM = """// bench stand-in for Sash's bridge: the first screen's answers, recorded
window.__SASH__ = (() => {
  const canned = %s;
  class Channel { constructor(cb) { this.id = 1; this.onmessage = cb || null; this.onclose = null; this.closed = false; }
    close() { this.closed = true; } toJSON() { return { __sash_channel__: this.id }; } }
  return {
    invoke: (cmd) => cmd in canned ? Promise.resolve(JSON.parse(JSON.stringify(canned[cmd])))
                                   : Promise.reject({ code: 'not_found', message: cmd }),
    listen: () => () => {}, emit: async () => {}, Channel,
  };
})();
"""


def wait_window(name, pid, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        r = subprocess.run(['xdotool', 'search', '--onlyvisible', '--name', name],
                           capture_output=True, text=True)
        if r.returncode == 0 and r.stdout.strip():
            return True
        if not procs._alive(pid):
            return False
        time.sleep(0.1)
    return False


SHOTS = os.environ.get('NOTES_MEMORY_SHOTS')  # a folder: screenshot each contender once


def measure(argv, env, title):
    p = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         stdin=subprocess.DEVNULL)
    try:
        if not wait_window(title, p.pid):
            raise RuntimeError(f'no window "{title}" from {argv[0]}')
        time.sleep(SETTLE_S)
        pss, rss, n = procs.tree_memory(p.pid)
        if SHOTS:
            shot = os.path.join(SHOTS, os.path.basename(argv[0]) + '.png')
            if not os.path.exists(shot):
                subprocess.run(['import', '-window', 'root', shot], check=False)
        return pss, n
    finally:
        procs.stop(p, grace=5.0)


def main():
    notes, dist, data, dump = sys.argv[1:5]
    chromium = sys.argv[5] if len(sys.argv) > 5 else shutil.which('chromium') or ''
    runs = int(sys.argv[6]) if len(sys.argv) > 6 else 3
    procs.become_subreaper()
    env = dict(os.environ, XDG_DATA_HOME=data, GSETTINGS_BACKEND='memory')
    rows = []
    sash = [measure([notes], env, 'Notes') for _ in range(runs)]
    rows.append(('Sash (notes binary + WebKitGTK processes)', sash))

    if chromium:
        tmp = tempfile.mkdtemp(prefix='notes-chromium-')
        try:
            site = os.path.join(tmp, 'site')
            shutil.copytree(dist, site)
            with open(dump) as f:
                canned = json.load(f)
            with open(os.path.join(site, 'sash-shim.js'), 'w') as f:
                f.write(SHIM % json.dumps(canned))
            index = os.path.join(site, 'index.html')
            with open(index) as f:
                html = f.read()
            with open(index, 'w') as f:
                f.write(html.replace('<head>', '<head><script src="/sash-shim.js"></script>', 1))
            class Quiet(http.server.SimpleHTTPRequestHandler):
                def log_message(self, *a):
                    pass
            handler = functools.partial(Quiet, directory=site)
            srv = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
            threading.Thread(target=srv.serve_forever, daemon=True).start()
            url = f'http://127.0.0.1:{srv.server_address[1]}/index.html'
            res = []
            for i in range(runs):
                prof = os.path.join(tmp, f'profile{i}')
                res.append(measure([chromium, *FLAGS, f'--user-data-dir={prof}', f'--app={url}'],
                                   env, 'Notes'))
            rows.append((f'Chromium --app, same dist/ ({os.path.basename(chromium)})', res))
            srv.shutdown()
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    print(f'| idle, {SETTLE_S:.0f} s after the window appeared | tree PSS (median of {runs}) | processes |')
    print('|---|---|---|')
    for name, res in rows:
        pss = statistics.median(r[0] for r in res)
        print(f'| {name} | {pss / 1024:.1f} MiB | {res[0][1]} |')
        print(f'<!-- {name}: {[round(r[0] / 1024, 1) for r in res]} MiB -->')


if __name__ == '__main__':
    main()
