#include "cpu_spin.h"

#include <stdint.h>

#include "bench_clock.h"

unsigned long bench_cpu_spin(long ms)
{
    int64_t until = bench_now_ns() + (int64_t)ms * 1000000;
    unsigned long x = 88172645463325252ul;
    while (bench_now_ns() < until)
        for (int i = 0; i < 10000; i++) { /* xorshift: pure ALU work */
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
        }
    return x;
}
