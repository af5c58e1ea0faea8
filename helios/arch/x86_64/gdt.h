/*
 * The kernel's global descriptor table and task state segment. Also included by entry.S for
 * the selectors (__ASSEMBLER__).
 *
 * Layout, fixed by SYSCALL/SYSRET (STAR): SYSCALL loads CS = STAR[47:32] and SS = CS + 8, so
 * kernel data follows kernel code; 64-bit SYSRET loads SS = STAR[63:48] + 8 and
 * CS = STAR[63:48] + 16, so STAR[63:48] names an (unused) 32-bit user code slot followed by user
 * data, then user code.
 */
#ifndef HELIOS_ARCH_X86_64_GDT_H
#define HELIOS_ARCH_X86_64_GDT_H

/* Segment selectors: GDT index * 8. */
#define GDT_KERNEL_CODE 0x08
#define GDT_KERNEL_DATA 0x10
#define GDT_USER_CODE32 0x18 /* SYSRET's base: never used, left not present */
#define GDT_USER_DATA 0x20
#define GDT_USER_CODE 0x28
#define GDT_TSS 0x30 /* a 16-byte descriptor: takes indices 6 and 7 */
#define GDT_ENTRIES 8

/* What user mode runs with: the selectors with requested privilege level 3. */
#define USER_CS (GDT_USER_CODE | 3)
#define USER_SS (GDT_USER_DATA | 3)

/* Interrupt stack table slot (1-7) of the stack the fatal-exception handlers run on. */
#define IST_FATAL 1

/* Offset of rsp0 in the TSS: the stack the CPU switches to on an entry from user mode. */
#define TSS_RSP0 4

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3]; /* stacks for entering rings 0-2 from a less privileged ring */
	uint64_t reserved1;
	uint64_t ist[7]; /* interrupt stack table, slots 1-7 */
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base; /* offset of the I/O permission bitmap: none, it is past the end */
} __attribute__((packed));

_Static_assert(sizeof(struct tss) == 104, "TSS layout");
_Static_assert(offsetof(struct tss, rsp) == TSS_RSP0, "entry.S reads rsp0 at TSS_RSP0");

extern struct tss kernel_tss;

/* Installs the GDT and TSS, reloads every segment register and the task register. */
void gdt_init(void);

/* Makes GDT_USER_CODE32 a present 32-bit user code segment: only for selftest=compat_segment
 * (arch.c); no kernel otherwise lets user mode reach compatibility mode. */
void gdt_open_compat_segment(void);

/* Sets where the CPU puts the frame of the next interrupt or exception from user mode. */
static inline void tss_set_rsp0(uint64_t rsp0)
{
	kernel_tss.rsp[0] = rsp0;
}
#endif

#endif
