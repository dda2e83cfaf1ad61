/*
 * ipc_record.h - IPC timing taken in C, identically for floor and sash.
 *
 * WebKit clamps performance.now() to 1 ms on pages that are not
 * cross-origin isolated, far too coarse for a ~100 us round trip.  So the
 * page calls sequentially and C stamps each arrival: the gap between two
 * arrivals is one full round trip (reply to JS, promise resumption, next
 * call back to C).  Throughput is the arrival span of a burst kept 64 deep.
 *
 * Every function is thread-safe: sash runs commands on a worker pool.
 */
#ifndef BENCH_IPC_RECORD_H
#define BENCH_IPC_RECORD_H

#include <stddef.h>

/* Reserves room for `pings` stamps; call before the page starts.
 * Returns 0 or -1 when out of memory. */
int bench_ipc_init(size_t pings);

/* One sequential latency call arrived. */
void bench_ipc_ping(void);

/* One call of the in-flight burst arrived. */
void bench_ipc_tput(void);

/* Prints ipc_p50_us, ipc_p99_us, ipc_max_us, ipc_samples and
 * ipc_tput_per_s. */
void bench_ipc_print(void);

#endif
