/*
 * The aarch64 side of the benchmarks: the time stamp, and the instruction a fault benchmark
 * faults on.
 */
#ifndef BENCH_ARCH_H
#define BENCH_ARCH_H

/* The architecture, as the JSON report names it. */
#define BENCH_ARCH_NAME "aarch64"

#include <stdint.h>

/* The PMU cycle counter, which the kernel lets EL0 read (PMUSERENR_EL0.CR) and counts at EL0
 * and EL1. QEMU runs it at 1 GHz of virtual time, so under -icount shift=0 it advances once
 * per instruction. The ISB keeps the read from being taken before earlier instructions. */
#define BENCH_COUNTER \
	"PMCCNTR_EL0 (PMU cycle counter, EL0 and EL1; one tick per instruction under -icount shift=0)"

static inline uint64_t bench_stamp(void)
{
	uint64_t v;
	__asm__ volatile("isb\n\tmrs %0, pmccntr_el0\n\tisb" : "=r"(v) : : "memory");
	return v;
}

/* udf #0: an undefined-instruction fault; the supervisor moves the thread past it. */
#define BENCH_FAULT_LENGTH 4
static inline void bench_fault(void)
{
	__asm__ volatile("udf #0" : : : "memory");
}

#endif
