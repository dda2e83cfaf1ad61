/*
 * events_record.h - the C side of the C -> JS event benchmark.
 *
 * Rate = events / (first emit .. the page's "all received" call), so it
 * includes delivery, not just queueing.  Memory is the PSS of this
 * process's whole tree just before emitting and right after the page saw
 * the last event: what a burst leaves behind.
 */
#ifndef BENCH_EVENTS_RECORD_H
#define BENCH_EVENTS_RECORD_H

/* Measures memory and starts the clock; any thread. */
void bench_events_begin(long count);

/* Stops the clock, measures memory again and prints events_rate_per_s,
 * events_pss_before_kb, events_pss_after_kb, events_pss_delta_kb. */
void bench_events_done(void);

#endif
