#include "ipc_record.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

#include "bench_clock.h"
#include "bench_out.h"

static int64_t *stamps;
static size_t capacity;
static atomic_size_t pings;
static atomic_size_t bursts;
static _Atomic int64_t burst_first, burst_last;

int bench_ipc_init(size_t n)
{
    stamps = calloc(n ? n : 1, sizeof *stamps);
    capacity = stamps ? n : 0;
    return stamps ? 0 : -1;
}

void bench_ipc_ping(void)
{
    int64_t now = bench_now_ns();
    size_t i = atomic_fetch_add(&pings, 1);
    if (i < capacity)
        stamps[i] = now;
}

void bench_ipc_tput(void)
{
    int64_t now = bench_now_ns();
    if (atomic_fetch_add(&bursts, 1) == 0)
        atomic_store(&burst_first, now);
    /* Arrivals race on a pool: keep the latest stamp, not the last writer. */
    int64_t seen = atomic_load(&burst_last);
    while (now > seen && !atomic_compare_exchange_weak(&burst_last, &seen, now))
        ;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Nearest-rank percentile of sorted values. */
static int64_t percentile(const int64_t *v, size_t n, double p)
{
    size_t rank = (size_t)(p / 100.0 * (double)n + 0.999999);
    if (rank < 1)
        rank = 1;
    return v[(rank > n ? n : rank) - 1];
}

void bench_ipc_print(void)
{
    size_t n = atomic_load(&pings);
    if (n > capacity)
        n = capacity;
    if (n >= 2) {
        size_t gaps = n - 1;
        for (size_t i = 0; i < gaps; i++)
            stamps[i] = stamps[i + 1] - stamps[i];
        qsort(stamps, gaps, sizeof *stamps, cmp_i64);
        bench_out_f64("ipc_p50_us", (double)percentile(stamps, gaps, 50) / 1e3);
        bench_out_f64("ipc_p99_us", (double)percentile(stamps, gaps, 99) / 1e3);
        bench_out_f64("ipc_max_us", (double)stamps[gaps - 1] / 1e3);
        bench_out_i64("ipc_samples", (int64_t)gaps);
    }
    size_t b = atomic_load(&bursts);
    int64_t span = atomic_load(&burst_last) - atomic_load(&burst_first);
    /* b arrivals span b-1 intervals. */
    if (b >= 2 && span > 0)
        bench_out_f64("ipc_tput_per_s", (double)(b - 1) * 1e9 / (double)span);
    free(stamps);
    stamps = NULL;
    capacity = 0;
}
