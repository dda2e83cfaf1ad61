/*
 * bench_out.h - the line protocol between a bench app and the harness.
 *
 * Every result is one stdout line "BENCH key=value"; the harness ignores
 * anything else (WebKit and GTK may print warnings of their own).
 */
#ifndef BENCH_OUT_H
#define BENCH_OUT_H

#include <stdint.h>

/* Makes stdout line-buffered: the harness reads it through a pipe and must
 * see the first-paint line the moment it is printed, not at exit. */
void bench_out_init(void);

void bench_out_i64(const char *key, int64_t value);
void bench_out_f64(const char *key, double value);
void bench_out_str(const char *key, const char *value);

#endif
