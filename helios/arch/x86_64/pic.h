/* The legacy 8259 interrupt controllers (master and slave): ISA lines 0-15. */
#ifndef HELIOS_ARCH_X86_64_PIC_H
#define HELIOS_ARCH_X86_64_PIC_H

#include <stdint.h>

#define PIC_VECTOR_BASE 32 /* line n arrives at vector 32 + n */
#define PIC_IRQ_TIMER 0    /* PIT channel 0 */
#define PIC_IRQ_CASCADE 2  /* the slave's output, on the master */

/* Moves the lines to vectors 32-47 and masks all of them except the cascade. */
void pic_init(void);

/*
 * An interrupt arrived at `vector` (32-255): acknowledges it and hands it on, the timer to
 * kernel_timer_tick, any other line masked to kernel_interrupt. Spurious IRQs 7 and 15 and
 * vectors no PIC line uses are dropped.
 */
void pic_handle(uint64_t vector);

#endif
