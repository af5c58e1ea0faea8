/* The 8254 programmable interval timer: the scheduler's tick. */
#ifndef HELIOS_ARCH_X86_64_PIT_H
#define HELIOS_ARCH_X86_64_PIT_H

#include <stdint.h>

#include "helios/kernel/arch.h"

#define PIT_HZ ARCH_TICK_HZ /* timer interrupts per second */
#define PIT_INPUT_HZ 1193182u

/* Starts channel 0 at PIT_HZ and unmasks its line (IRQ 0). */
void pit_start(void);

/*
 * Measures how many TSC ticks `pit_counts` counts of the PIT's input clock take, through
 * channel 2 (the speaker's, gated through port 0x61, never wired to an interrupt): 0 when the
 * channel's output never rises within a bounded number of reads.
 */
uint64_t pit_measure_tsc(uint16_t pit_counts);

#endif
