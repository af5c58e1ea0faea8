/* The kernel's global descriptor table and task state segment. */
#ifndef HELIOS_ARCH_X86_64_GDT_H
#define HELIOS_ARCH_X86_64_GDT_H

/* Segment selectors: GDT index * 8 (requested privilege level 0). */
#define GDT_KERNEL_CODE 0x08
#define GDT_KERNEL_DATA 0x10
#define GDT_TSS 0x18 /* a 16-byte descriptor: takes indices 3 and 4 */

/* Interrupt stack table slot (1-7) of the stack the double fault handler runs on. */
#define IST_DOUBLE_FAULT 1

/* Installs the GDT and TSS, reloads every segment register and the task register. */
void gdt_init(void);

#endif
