/*
 * The x86_64 time stamp of the Linux baseline: rdtsc, which Linux lets user code execute.
 */
#ifndef LINUX_BENCH_COUNTER_H
#define LINUX_BENCH_COUNTER_H

#include <stdint.h>

#include <bench/tsc.h>

#define COUNTER_NAME BENCH_TSC_COUNTER

static inline uint64_t counter_read(void)
{
	return bench_tsc();
}

/* Ticks are the unit reported. */
static inline uint64_t counter_to_units(uint64_t ticks)
{
	return ticks;
}

/* The smallest step of a reported value. */
static inline uint64_t counter_resolution(void)
{
	return 1;
}

#endif
