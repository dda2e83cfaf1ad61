/*
 * bench - times Logscope's engine on a file: indexing, then each filter
 * pattern with PCRE2 (JIT) and with POSIX regex.h, on every core.
 *
 *   cc -O2 -Isrc-c tools/bench.c src-c/logindex.c -lpcre2-8 -lpthread -o bench
 *   ./bench FILE [PATTERN...]
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "logindex.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench FILE [PATTERN...]\n");
        return 2;
    }
    char err[512];
    li_index *ix;
    double t0 = now();
    if (li_index_open(argv[1], NULL, &ix, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    double s = now() - t0;
    printf("index: %.0f MB, %llu lines, %.3f s, %.0f MB/s, %d threads\n",
           li_size(ix) / 1048576.0, (unsigned long long)li_count(ix), s,
           li_size(ix) / 1048576.0 / s, li_threads_used(ix));
    static const char *def[] = {"timeout|declined", "req=[0-9a-f]{4}00", "payment [0-9]+ declined",
                                "SocketTimeout", "(?i)stripe", NULL};
    const char **pats = argc > 2 ? (const char **)argv + 2 : def;
    for (int i = 0; pats[i]; i++)
        for (int posix = 0; posix < 2; posix++) {
            uint32_t *hits;
            uint64_t n;
            t0 = now();
            int rc = li_filter(ix, pats[i], posix ? LI_POSIX : 0, 0x7f, NULL, &hits, &n, err, sizeof err);
            s = now() - t0;
            if (rc)
                printf("%-26s %-6s %s\n", pats[i], posix ? "posix" : "pcre2", err);
            else
                printf("%-26s %-6s %8llu matches %7.3f s %6.0f MB/s\n", pats[i],
                       posix ? "posix" : "pcre2", (unsigned long long)n, s,
                       li_size(ix) / 1048576.0 / s);
            free(hits);
        }
    li_index_free(ix);
    return 0;
}
