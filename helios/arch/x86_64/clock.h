/* The monotonic clock over the TSC (clock.c; arch_clock_ns is declared in kernel/arch.h). */
#ifndef HELIOS_ARCH_X86_64_CLOCK_H
#define HELIOS_ARCH_X86_64_CLOCK_H

#include <stdint.h>

/* Measures the TSC against the PIT (before the PIT's channel 0 starts its ticks). */
void clock_init(void);
/* The TSC's rate in Hz; 0 when the clock counts ticks instead. */
uint64_t clock_tsc_hz(void);
/* Counts a tick, for the fallback. */
void clock_tick(void);

#endif
