/* Interrupts at boot (arch.c): the GIC and the timer, set up or reasoned away. */
#ifndef HELIOS_ARCH_AARCH64_IRQ_H
#define HELIOS_ARCH_AARCH64_IRQ_H

#include <helios/boot.h>

#include "helios/arch/aarch64/aarch64.h"

/*
 * Brings up the GIC and the timer the platform describes (the tick starts later, with
 * timer_start). Without them the kernel still runs, it just never gets an interrupt.
 */
void irq_init(const struct helios_boot_info *bi, const struct platform *p);
/* The console UART's interrupt is issuable from now on (CONSOLE_HAND_OVER). */
void irq_console_handed_over(void);

/* Prints what irq_init found, one line for the GIC and one for the timer, or why not. */
void irq_describe(void);

#endif
