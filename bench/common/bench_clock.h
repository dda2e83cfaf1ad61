/*
 * bench_clock.h - the one clock every contender and the harness share.
 *
 * CLOCK_MONOTONIC is what Python's time.monotonic_ns() reads on Linux, so a
 * timestamp printed by an app can be subtracted from the harness's launch
 * timestamp without any clock conversion.
 */
#ifndef BENCH_CLOCK_H
#define BENCH_CLOCK_H

#include <stdint.h>
#include <time.h>

static inline int64_t bench_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

#endif
