"""procs.py - starting, watching, measuring and stopping process trees.

Every process the suite starts is stopped here, by pid, with its whole
tree.  The harness makes itself a child subreaper, so a WebKit or Chromium
helper orphaned by its parent is re-parented to us instead of to init and
can still be found, stopped and reaped.
"""
import ctypes
import os
import selectors
import signal
import subprocess
import time

PR_SET_CHILD_SUBREAPER = 36


def become_subreaper():
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except OSError:
        return False


def _parent_map():
    parents = {}
    for name in os.listdir('/proc'):
        if not name.isdigit():
            continue
        try:
            with open(f'/proc/{name}/stat', 'rb') as f:
                stat = f.read().decode('utf-8', 'replace')
        except OSError:
            continue
        # The command name may hold spaces and ')': split after the last ')'.
        fields = stat[stat.rfind(')') + 2:].split()
        if len(fields) > 1 and fields[0] != 'Z':
            parents[int(name)] = int(fields[1])
    return parents


def tree(root):
    """root and all its living descendants, root first."""
    parents = _parent_map()
    children = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    out, queue = [], [root]
    while queue:
        pid = queue.pop(0)
        if pid in parents or pid == root:
            out.append(pid)
        queue.extend(children.get(pid, []))
    return out


def tree_memory(root):
    """(pss_kb, rss_kb, process count) summed over the tree of root."""
    pss = rss = procs = 0
    for pid in tree(root):
        try:
            with open(f'/proc/{pid}/smaps_rollup') as f:
                for line in f:
                    if line.startswith('Pss:'):
                        pss += int(line.split()[1])
                    elif line.startswith('Rss:'):
                        rss += int(line.split()[1])
            procs += 1
        except OSError:
            pass  # exited meanwhile
    return pss, rss, procs


def _alive(pid):
    try:
        with open(f'/proc/{pid}/stat', 'rb') as f:
            stat = f.read()
        return stat[stat.rfind(b')') + 2:][:1] != b'Z'
    except OSError:
        return False


def stop(popen, grace=3.0):
    """Stops popen's process and every descendant, by pid: SIGTERM, then
    SIGKILL for whatever is still alive after `grace` seconds."""
    me = os.getpid()
    pids = tree(popen.pid) if popen.poll() is None else []
    # Orphans re-parented to us (we are their subreaper) belong to it too.
    pids += [p for p, pp in _parent_map().items()
             if pp == me and p != popen.pid and p not in pids]
    for pid in pids:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.05)
    for pid in pids:
        if _alive(pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    try:
        popen.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        pass  # SIGKILLed above; the kernel finishes it, reap() collects it
    reap()


def reap():
    """Collects exit statuses of re-parented orphans so none stays a
    zombie.  Popen children are left to Popen."""
    me = os.getpid()
    for name in os.listdir('/proc'):
        if not name.isdigit():
            continue
        try:
            with open(f'/proc/{name}/stat', 'rb') as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b')') + 2:].split()
        if len(fields) > 1 and int(fields[1]) == me and fields[0] == b'Z':
            try:
                os.waitpid(int(name), os.WNOHANG)
            except ChildProcessError:
                pass


def leftovers(exclude=()):
    """Living processes re-parented to the harness: should be none."""
    me = os.getpid()
    return [p for p, pp in _parent_map().items() if pp == me and p not in exclude]


class LineReader:
    """Reads whole lines from a pipe with a deadline."""

    def __init__(self, pipe):
        self.fd = pipe.fileno()
        self.buf = b''
        self.sel = selectors.DefaultSelector()
        self.sel.register(self.fd, selectors.EVENT_READ)
        self.eof = False

    def lines(self, deadline):
        """Yields lines until EOF or the monotonic deadline."""
        while True:
            while b'\n' in self.buf:
                line, self.buf = self.buf.split(b'\n', 1)
                yield line.decode('utf-8', 'replace')
            if self.eof:
                return
            left = deadline - time.monotonic()
            if left <= 0 or not self.sel.select(left):
                return
            chunk = os.read(self.fd, 65536)
            self.buf += chunk
            if not chunk:
                self.eof = True
                if self.buf:
                    self.buf += b'\n'

    def close(self):
        self.sel.close()
