#!/usr/bin/env python3
"""hotswap.py HOST MODULE_V1 MODULE_V2 MODULE_BROKEN RELEASE WORK

Drives sash dev's host (the test app built as host + module) through its
control socket, as `sash dev` does, on the real WebKitGTK (run under
run-xvfb.sh).  The page polls `version` and reports its state through the
host's `tick`, which prints it as "hs-state {...}" lines.  Every wait is on
a condition with a generous bound; nothing asserts timings.
"""
import json
import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import time

host, mod1, mod2, broken, release, work = sys.argv[1:7]
fails = 0


def ok(what):
    print("ok:", what, flush=True)


def fail(what):
    global fails
    fails += 1
    print("FAIL:", what, flush=True)


shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
action_file = os.path.join(work, "action")
# The module as `sash dev` builds it: one path, rewritten before each swap.
built = os.path.join(work, "module.so")
shutil.copy(mod1, built)

parent, child = socket.socketpair()
env = dict(os.environ, SASH_DEV_MODULE=built,
           SASH_DEV_CONTROL_FD=str(child.fileno()), HS_ACTION_FILE=action_file)
proc = subprocess.Popen([host], env=env, pass_fds=[child.fileno()],
                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                        text=True, bufsize=1)
child.close()
lines = queue.Queue()
log = []


def reader():
    for line in proc.stdout:
        log.append(line)
        lines.put(line.rstrip("\n"))
    lines.put(None)


threading.Thread(target=reader, daemon=True).start()
state = {}


def wait_state(pred, what, timeout=30):
    """Until a state line satisfies pred (the latest one counts too)."""
    global state
    if state and pred(state):
        return True
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            line = lines.get(timeout=max(0.05, end - time.monotonic()))
        except queue.Empty:
            break
        if line is None:
            break
        if line.startswith("hs-state "):
            state = json.loads(line[9:])
            if pred(state):
                return True
    fail(what + " (last state: %s)" % json.dumps(state))
    return False


def wait_line(prefix, timeout=30):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            line = lines.get(timeout=max(0.05, end - time.monotonic()))
        except queue.Empty:
            break
        if line is None:
            break
        if line.startswith("hs-state "):
            global state
            state = json.loads(line[9:])
        if line.startswith(prefix):
            return line
    return None


ctl = parent.makefile("rw", buffering=1)


def control(line, answer=True):
    ctl.write(line + "\n")
    ctl.flush()
    return ctl.readline().strip() if answer else None


def swap(path):
    shutil.copy(path, built + ".tmp")
    os.replace(built + ".tmp", built)
    return control("swap " + built)


def act(name):
    with open(action_file + ".tmp", "w") as f:
        f.write(name + "\n")
    os.replace(action_file + ".tmp", action_file)


def proc_status(pid):
    with open("/proc/%d/status" % pid) as f:
        status = dict(l.split(":", 1) for l in f if ":" in l)
    with open("/proc/%d/maps" % pid) as f:
        maps = f.read().splitlines()
    return int(status["Threads"]), len(maps), sum(".swap-" in m for m in maps)


try:
    # 1. Loaded at start: v1's init ran, the page answers.
    if wait_state(lambda s: s["version"] == "v1 gen=1", "the page gets v1's answer", 60):
        ok("the host loaded module v1 and the page invokes it")
    load = state.get("load")
    act("ping")
    if wait_state(lambda s: s.get("pinged"), "ping answered before any swap"):
        if state["pongs"] == 1:
            ok("v1's listener answers a ping")
        else:
            fail("%d pongs for one ping before any swap" % state["pongs"])

    # 2. A swap keeps the page (its JS counter and load id) and the new
    #    code answers, with the state restore() got from save().
    r = swap(mod2)
    if r.startswith("swapped"):
        ok("swap to v2 answered '%s'" % r)
    else:
        fail("swap to v2 answered '%s'" % r)
    if wait_state(lambda s: s["version"] == "v2 gen=2" and s["counter"] == 1,
                  "v2 answers after the swap"):
        if state["load"] == load:
            ok("page kept its JS state (same load id, counter 1 after one "
               "sash:reloaded) and v2 answers with the restored state (gen=2)")
        else:
            fail("the page was reloaded by the swap")

    # 3. A compile error (sash dev sends it): overlay in the DOM, old code
    #    answering; then a module that does not load: refused, the previous
    #    one reloaded, overlay shown.
    control('error "commands.c:3:1: error: expected \';\' before \'}\' token"',
            answer=False)
    if wait_state(lambda s: s["overlay"] and s["version"].startswith("v2 "),
                  "overlay shown after a compile error"):
        ok("compile error: overlay in the page's DOM, v2 still answers")
    control("ok", answer=False)
    if wait_state(lambda s: not s["overlay"], "overlay removed by 'ok'"):
        ok("'ok' removed the overlay")
    r = swap(broken)
    if r.startswith("failed") and "hs_no_such_function" in r:
        ok("a module that cannot load is refused: '%s'" % r[:120])
    else:
        fail("swap to a module that cannot load answered '%s'" % r)
    if wait_state(lambda s: s["overlay"] and s["version"] == "v2 gen=3",
                  "previous module back after a failed load"):
        ok("after the failed load the previous module serves again (gen=3), "
           "overlay shown")

    # 4. A long call in flight during a swap finishes on the old code with
    #    exactly one reply; the swap waits for it.
    act("slow")
    started = wait_line("hs-slow-started", 30)
    if not started:
        fail("the slow call did not start")
    else:
        r = swap(mod1)
        if not r.startswith("swapped"):
            fail("swap during a slow call answered '%s'" % r)
        if wait_state(lambda s: len(s["slow"]) >= 1 and s["version"].startswith("v1 ")
                      and s["counter"] == 2,
                      "the slow call settles and v1 answers"):
            if state["slow"] == ["slow-v2"]:
                ok("the call in flight finished on the old code (slow-v2), "
                   "one reply; then v1 answers")
            else:
                fail("slow call settled as %s" % state["slow"])
        if not state.get("overlay"):
            ok("a good swap removed the overlay")
        else:
            fail("overlay still shown after a good swap")

    # 5. 100 swaps in a row while the page keeps calling: no growth in
    #    threads or mapped memory, the page keeps its state throughout.
    counter0 = state["counter"]
    pid = proc.pid
    bad = []
    base = None
    for i in range(100):
        r = swap(mod2 if i % 2 == 0 else mod1)
        if not r.startswith("swapped"):
            bad.append(r)
        if i == 9:
            base = proc_status(pid)
    end = proc_status(pid)
    if bad:
        fail("%d of 100 swaps failed: %s" % (len(bad), bad[:3]))
    else:
        ok("100 swaps in a row answered 'swapped'")
    print("threads, maps lines, module mappings after 10 swaps: %s; after 100: %s"
          % (base, end), flush=True)
    # The module's own mappings must not grow (each swap maps a new copy:
    # an unload that leaves it mapped shows here at once), nor the threads;
    # the whole map is checked too, except under ASan, whose allocator maps
    # memory as it goes.
    slack = 10**6 if os.environ.get("HS_SANITIZE") else 4
    if end[0] <= base[0] and end[1] <= base[1] + slack and end[2] <= base[2]:
        ok("no growth in threads or mappings over 90 swaps")
    else:
        fail("growth over 90 swaps: %s -> %s" % (base, end))
    if wait_state(lambda s: s["counter"] == counter0 + 100 and s["version"].startswith("v1 "),
                  "counter after 100 swaps"):
        if state["load"] == load:
            ok("the page kept its state over 100 swaps (counter %d)" % state["counter"])
        else:
            fail("the page was reloaded during the 100 swaps")

    # Calls that met the closed gate ran the new module's command: none
    # came back not_found or busy while the page kept calling.
    errs = [l for l in log if l.startswith("hs-state ") and '"version":"ERR:' in l]
    if errs:
        fail("calls failed during the swaps: %s" % errs[0].strip())
    else:
        ok("no call failed during 104 swaps while the page kept calling")

    # 6. The listeners of 103 unloaded modules are gone: one pong per ping.
    act("ping")
    if wait_state(lambda s: s.get("pinged"), "ping answered"):
        if state["pongs"] == 1:
            ok("exactly one listener (the current module's) answers a ping")
        else:
            fail("%d pongs for one ping" % state["pongs"])

    # 7. Quit: the module's fini runs.
    act("quit")
    if wait_line("hs-fini v1", 30):
        ok("the module's fini ran at exit")
    else:
        fail("no fini at exit")
    rc = proc.wait(timeout=30)
    if rc == 0:
        ok("the host exited 0")
    else:
        fail("the host exited %d" % rc)
    text = "".join(log)
    if "completed twice" in text:
        fail("a call was completed twice")

    # 8. The release binary: one executable, no dlopen; init/fini run.
    dyn = subprocess.run(["nm", "-D", release], capture_output=True, text=True).stdout
    allsyms = subprocess.run(["nm", release], capture_output=True, text=True).stdout
    if "dlopen" not in dyn and "sash__dl_open" not in allsyms and "hotswap" not in allsyms:
        ok("the release binary imports no dlopen and holds no hot-swap code")
    else:
        fail("the release binary has dlopen or hot-swap code")
    act("quit")
    r = subprocess.run([release], env=dict(os.environ, HS_ACTION_FILE=action_file),
                       capture_output=True, text=True, timeout=60)
    if r.returncode == 0 and "hs-init v1" in r.stdout and "hs-fini v1 gen=1" in r.stdout:
        ok("the release binary runs the module's init and fini itself")
    else:
        fail("release run: exit %d, output %s" % (r.returncode, r.stdout + r.stderr))
finally:
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    if fails:
        print("".join(log[-60:]))

left = [f for f in os.listdir(work) if ".swap-" in f]
if left:
    fail("module copies left behind: %s" % left[:3])
if fails:
    print("%d check(s) failed" % fails)
    sys.exit(1)
print("all passed")
