/*
 * The scheduler tick from the generic timer: the EL1 virtual timer (CNTV_*), re-armed on every
 * tick at TIMER_HZ, its PPI at the GIC. timer_start is in interrupts.h.
 */
#ifndef HELIOS_ARCH_AARCH64_TIMER_H
#define HELIOS_ARCH_AARCH64_TIMER_H

#include <stdbool.h>
#include <stdint.h>

#include "helios/arch/aarch64/aarch64.h"
#include "helios/kernel/arch.h"

#define TIMER_HZ ARCH_TICK_HZ /* as x86_64's PIT */

/*
 * Lets EL0 read the virtual counter and its frequency (CNTVCT_EL0, CNTFRQ_EL0): time without a
 * syscall. The timers themselves stay the kernel's.
 */
void timer_allow_user_counter(void);

/* Reads the frequency and parks the timer (masked) until timer_start; NULL, or why not. */
const char *timer_init(const struct platform *p);

/* The timer's interrupt ID (0 without a usable timer) and its counter's frequency in Hz. */
unsigned timer_id(void);
uint64_t timer_frequency(void);

/*
 * On its interrupt: true (and the next deadline set, which lowers the line) if the timer
 * really expired; false for a stale interrupt from a deadline already moved.
 */
bool timer_tick(void);

#endif
