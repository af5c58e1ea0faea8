/* Interrupt and exception entry: the stubs in entry.S and the C code they call. */
#ifndef HELIOS_ARCH_X86_64_TRAP_H
#define HELIOS_ARCH_X86_64_TRAP_H

#include <stdint.h>

#include "helios/kernel/arch.h" /* struct arch_frame (arch/context.h) */

#define TRAP_EXCEPTIONS 32 /* vectors 0-31 are reserved for CPU exceptions */
#define IRQ_STUB_SIZE 16   /* bytes per stub of vectors 32-255 */

#define VECTOR_DEBUG 1
#define VECTOR_NMI 2
#define VECTOR_BREAKPOINT 3
#define VECTOR_DOUBLE_FAULT 8
#define VECTOR_PAGE_FAULT 14
#define VECTOR_MACHINE_CHECK 18

/* Page fault error code bits (Intel SDM vol. 3, 4.7). */
#define PF_PRESENT (1u << 0)  /* 0: page not present; 1: protection violation */
#define PF_WRITE (1u << 1)    /* the access was a write */
#define PF_USER (1u << 2)     /* the access came from user mode */
#define PF_RESERVED (1u << 3) /* a reserved bit was set in a paging entry */
#define PF_FETCH (1u << 4)    /* instruction fetch */
#define PF_PKEY (1u << 5)     /* protection key violation */

/* Entry points of the exception stubs in entry.S, indexed by vector. */
extern const uint64_t exception_stubs[TRAP_EXCEPTIONS];
/* The stubs of vectors 32-255, IRQ_STUB_SIZE bytes apart. */
extern char irq_stubs[];

/*
 * Called by trap_common with the frame of an exception in kernel mode (struct arch_frame is
 * the same shape on the kernel stack): reports it and stops the machine.
 */
void trap_handler(struct arch_frame *tf);

/* The enum helios_fault_type of an exception vector taken in user mode. */
unsigned trap_fault_type(uint64_t vector);

#endif
