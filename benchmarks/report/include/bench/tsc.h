/*
 * The x86_64 time stamp every benchmark program uses (Helios and the Linux baseline): rdtsc,
 * fenced so it is neither taken early nor late on hardware that runs ahead. Under QEMU's
 * -icount shift=0 the guest TSC advances once per instruction.
 */
#ifndef BENCH_TSC_H
#define BENCH_TSC_H

#include <stdint.h>

#define BENCH_TSC_COUNTER "rdtsc (time-stamp counter; one tick per instruction under -icount shift=0)"

static inline uint64_t bench_tsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("lfence\n\trdtsc\n\tlfence" : "=a"(lo), "=d"(hi) : : "memory");
	return (uint64_t)hi << 32 | lo;
}

#endif
