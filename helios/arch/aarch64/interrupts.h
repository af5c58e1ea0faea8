/* What the exception and scheduling code (switch.c) calls of the GIC and timer code. */
#ifndef HELIOS_ARCH_AARCH64_INTERRUPTS_H
#define HELIOS_ARCH_AARCH64_INTERRUPTS_H

/*
 * Handles every pending interrupt: acknowledges it, passes it on (kernel_timer_tick, or
 * kernel_interrupt with the line masked) and ends it. Called with IRQs masked, from the IRQ
 * vector or from the idle loop; finding nothing pending is fine.
 */
void irq_handle(void);

/* Starts the periodic scheduler tick. */
void timer_start(void);

#endif
