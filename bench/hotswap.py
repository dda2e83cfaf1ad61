#!/usr/bin/env python3
"""hotswap.py PREFIX WORK [EDITS] - save -> new code answering under `sash dev`.

Two copies of the hot-swap test app (tests/hotswap/app: the template's
layout, a page that calls a command ~10 times a second and reports what it
got): "swap", with src-c/main.c + src-c/commands.c (sash dev builds a host
and a module and swaps the module on save), and "relaunch", the same code
in src-c/main.c alone (sash dev rebuilds and relaunches).  For each, EDITS
times (default 10): change the command's version in the source, and time
from the file's write to the first page report of the new answer.  Prints
median / min / max per mode.  Run under Xvfb (bench/hotswap.sh does).
"""
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time

prefix, work = sys.argv[1], sys.argv[2]
edits = int(sys.argv[3]) if len(sys.argv) > 3 else 10
here = os.path.dirname(os.path.abspath(__file__))
app_src = os.path.join(os.path.dirname(here), "tests", "hotswap", "app")
sash = os.path.join(prefix, "bin", "sash")

CMAKE = """cmake_minimum_required(VERSION 3.16)
project(%(name)s LANGUAGES C)
find_package(Sash 0.1 REQUIRED)
sash_app(%(name)s)
sash_embed_config(%(name)s ${CMAKE_CURRENT_SOURCE_DIR}/sash.json hs_config)
sash_embed_assets(%(name)s ${CMAKE_CURRENT_SOURCE_DIR}/dist hs_assets)
"""


def make_app(name, split):
    root = os.path.join(work, name)
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(os.path.join(root, "src-c"))
    shutil.copytree(os.path.join(app_src, "dist"), os.path.join(root, "dist"))
    shutil.copy(os.path.join(app_src, "sash.json"), root)
    main = open(os.path.join(app_src, "main.c")).read()
    cmds = open(os.path.join(app_src, "commands.c")).read()
    if split:
        open(os.path.join(root, "src-c", "main.c"), "w").write(main)
        open(os.path.join(root, "src-c", "commands.c"), "w").write(cmds)
        edited = os.path.join(root, "src-c", "commands.c")
    else:
        open(os.path.join(root, "src-c", "main.c"), "w").write(cmds + "\n" + main)
        edited = os.path.join(root, "src-c", "main.c")
    open(os.path.join(root, "CMakeLists.txt"), "w").write(CMAKE % {"name": name})
    return root, edited


def wait_log(path, pattern, timeout, start=0):
    """Offset just past the first match of pattern after `start`, or None."""
    rx = re.compile(pattern)
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        with open(path, errors="replace") as f:
            f.seek(start)
            text = f.read()
        m = rx.search(text)
        if m:
            return start + m.end()
        time.sleep(0.005)
    return None


def run(name, split):
    root, edited = make_app(name, split)
    log = os.path.join(work, name + ".log")
    env = dict(os.environ, HS_ACTION_FILE=os.path.join(work, name + ".action"))
    with open(log, "w") as out:
        dev = subprocess.Popen([sash, "dev"], cwd=root, env=env, stdout=out,
                               stderr=subprocess.STDOUT, start_new_session=True)
    times = []
    try:
        pos = wait_log(log, r'"version":"v1 gen=', 300)
        if pos is None:
            raise SystemExit("%s: the app never answered; see %s" % (name, log))
        for k in range(2, edits + 2):
            text = open(edited).read()
            text = re.sub(r"#define HS_VERSION \d+", "#define HS_VERSION %d" % k, text)
            t0 = time.monotonic()
            with open(edited, "w") as f:
                f.write(text)
            pos = wait_log(log, r'"version":"v%d gen=' % k, 120, pos)
            if pos is None:
                raise SystemExit("%s: edit %d never answered; see %s" % (name, k, log))
            times.append((time.monotonic() - t0) * 1000)
            print("  %s edit %d: %.0f ms" % (name, k - 1, times[-1]), flush=True)
    finally:
        dev.send_signal(signal.SIGINT)
        try:
            dev.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(dev.pid, signal.SIGKILL)
            dev.wait()
    return times


os.makedirs(work, exist_ok=True)
results = {}
for name, split in (("swap", True), ("relaunch", False)):
    print("%s: %d edits" % (name, edits), flush=True)
    results[name] = run(name, split)
print()
print("save -> new code answering, %d edits each (ms):" % edits)
print("%-9s %8s %8s %8s" % ("mode", "median", "min", "max"))
for name, t in results.items():
    print("%-9s %8.0f %8.0f %8.0f" % (name, statistics.median(t), min(t), max(t)))
