/*
 * proctree.h - memory of a whole process tree, the way the harness counts it.
 *
 * A webview app is several processes (UI, WebKit web and network
 * processes, maybe a bubblewrap sandbox in between); counting only the app
 * would hide most of the cost.  PSS splits shared pages fairly between
 * processes; RSS counts them in each one.
 */
#ifndef BENCH_PROCTREE_H
#define BENCH_PROCTREE_H

#include <sys/types.h>

typedef struct bench_tree_mem {
    long pss_kb;
    long rss_kb;
    int procs;
    long maps; /* mappings (lines of /proc/PID/maps) of the whole tree */
} bench_tree_mem;

/* Sums smaps_rollup of `root` and every descendant.  Returns 0, or -1 if
 * /proc could not be read. */
int bench_tree_memory(pid_t root, bench_tree_mem *out);

#endif
