/* The 8254 programmable interval timer: the scheduler's tick. */
#ifndef HELIOS_ARCH_X86_64_PIT_H
#define HELIOS_ARCH_X86_64_PIT_H

#define PIT_HZ 100 /* timer interrupts per second */

/* Starts channel 0 at PIT_HZ and unmasks its line (IRQ 0). */
void pit_start(void);

#endif
