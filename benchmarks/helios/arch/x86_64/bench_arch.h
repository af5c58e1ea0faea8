/*
 * The x86_64 side of the benchmarks: the time stamp, and the instruction a fault benchmark
 * faults on.
 */
#ifndef BENCH_ARCH_H
#define BENCH_ARCH_H

/* The architecture, as the JSON report names it. */
#define BENCH_ARCH_NAME "x86_64"

#include <stdint.h>

#include <bench/tsc.h>

/* rdtsc (bench/tsc.h). */
#define BENCH_COUNTER BENCH_TSC_COUNTER

static inline uint64_t bench_stamp(void)
{
	return bench_tsc();
}

/* ud2: an invalid-opcode fault; the supervisor moves the thread past it. */
#define BENCH_FAULT_LENGTH 2
static inline void bench_fault(void)
{
	__asm__ volatile("ud2" : : : "memory");
}

#endif
