#include "events_record.h"

#include <stdint.h>
#include <unistd.h>

#include "bench_clock.h"
#include "bench_out.h"
#include "proctree.h"

static long events;
static int64_t started_ns;
static bench_tree_mem before;

void bench_events_begin(long count)
{
    bench_tree_memory(getpid(), &before);
    events = count;
    started_ns = bench_now_ns();
}

void bench_events_done(void)
{
    int64_t elapsed = bench_now_ns() - started_ns;
    bench_tree_mem after;
    bench_tree_memory(getpid(), &after);
    if (elapsed > 0)
        bench_out_f64("events_rate_per_s", (double)events * 1e9 / (double)elapsed);
    bench_out_i64("events_pss_before_kb", before.pss_kb);
    bench_out_i64("events_pss_after_kb", after.pss_kb);
    bench_out_i64("events_pss_delta_kb", after.pss_kb - before.pss_kb);
}
