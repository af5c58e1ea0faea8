/*
 * The aarch64 time stamp of the Linux baseline: the generic timer's virtual count
 * (CNTVCT_EL0), which Linux lets EL0 read, converted to nanoseconds through its frequency
 * (CNTFRQ_EL0). QEMU's virtual clock advances one nanosecond per instruction under
 * -icount shift=0, so the values are instructions, but only in steps of the counter's period
 * (16 ns at QEMU 7.2's 62.5 MHz). The PMU cycle counter would count single instructions, but
 * Linux gives EL0 that only for a perf event bound to one task, which stops counting while the
 * other process of a ping-pong runs.
 */
#ifndef LINUX_BENCH_COUNTER_H
#define LINUX_BENCH_COUNTER_H

#include <stdint.h>

#define COUNTER_NAME                                                                         \
	"CNTVCT_EL0 (generic timer virtual count) in ns via CNTFRQ_EL0; one ns per instruction " \
	"under -icount shift=0, in steps of the counter period (resolution)"

/* Ticks per second; QEMU and real hardware set it before Linux starts. */
static inline uint64_t counter_frequency(void)
{
	uint64_t f;
	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(f));
	return f ? f : 1000000000u;
}

/* The ISBs keep the read from being taken before earlier instructions or after later ones. */
static inline uint64_t counter_read(void)
{
	uint64_t v;
	__asm__ volatile("isb\n\tmrs %0, cntvct_el0\n\tisb" : "=r"(v) : : "memory");
	return v;
}

/* Nanoseconds; differences only (a tick count times 10^9 would overflow for absolute times). */
static inline uint64_t counter_to_units(uint64_t ticks)
{
	return ticks * 1000000000u / counter_frequency();
}

static inline uint64_t counter_resolution(void)
{
	return counter_to_units(1);
}

#endif
