#include "bench_out.h"

#include <inttypes.h>
#include <stdio.h>

void bench_out_init(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
}

void bench_out_i64(const char *key, int64_t value)
{
    printf("BENCH %s=%" PRId64 "\n", key, value);
}

void bench_out_f64(const char *key, double value)
{
    printf("BENCH %s=%.6g\n", key, value);
}

void bench_out_str(const char *key, const char *value)
{
    printf("BENCH %s=%s\n", key, value);
}
