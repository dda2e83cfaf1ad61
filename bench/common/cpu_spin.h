/*
 * cpu_spin.h - the "2 s CPU-bound command" of the responsiveness test.
 */
#ifndef BENCH_CPU_SPIN_H
#define BENCH_CPU_SPIN_H

/* Keeps one core busy for `ms` milliseconds (no sleeping, no syscalls but
 * the clock) and returns a value derived from the work so the compiler
 * cannot drop it. */
unsigned long bench_cpu_spin(long ms);

#endif
