/*
 * The kernel's own GDT: the loader's may be anywhere, even in memory the kernel will reuse.
 * Long mode ignores base and limit of code and data segments; what matters is the L bit of
 * the code segment, the privilege level and the present/type bits. The TSS holds rsp0 (where
 * an entry from user mode saves the task's registers: entry.S) and the interrupt stack table:
 * the fatal-exception handlers get a stack of their own, so a kernel stack overflow still
 * produces a report instead of a triple fault. gdt.h explains the order of the segments.
 *
 * The LDTR is loaded with the null selector. Whatever the firmware left there (QEMU's BIOS
 * leaves an LDT at base 0, limit 0xffff) would otherwise stay in force, and a task that mapped
 * virtual address 0 could write descriptors the CPU uses: a call gate into ring 0, a 32-bit
 * code segment. With a null LDTR every LDT selector (bit 2 set) raises #GP.
 */
#include <stddef.h>
#include <stdint.h>

#include "helios/arch/x86_64/gdt.h"

/* Access byte (bits 40-47) and flags (bits 52-55) of a code or data descriptor. */
#define SEG_PRESENT (1ull << 47)
#define SEG_CODE_OR_DATA (1ull << 44)
#define SEG_EXECUTABLE (1ull << 43)
#define SEG_READ_WRITE (1ull << 41) /* readable code, writable data */
#define SEG_LONG_MODE (1ull << 53)
#define SEG_32_BIT (1ull << 54)    /* D: 32-bit default operand size */
#define SEG_4K_LIMIT (0xfull << 48 | 0xffffull | 1ull << 55) /* limit 4 GiB (G, limit 0xfffff) */
#define SEG_USER (3ull << 45) /* descriptor privilege level 3 */

#define TSS_AVAILABLE_64 0x9ull /* system descriptor type: available 64-bit TSS */

#define FATAL_STACK_SIZE 8192

/* The 64-bit task state segment (Intel SDM vol. 3, 8.7). */

struct descriptor_pointer {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

static uint64_t gdt[GDT_ENTRIES];
/* Not static: the syscall stub in entry.S reads rsp0 (kernel_tss + TSS_RSP0), and every
 * return to user mode sets it (tss_set_rsp0). */
struct tss kernel_tss;
static uint8_t fatal_stack[FATAL_STACK_SIZE] __attribute__((aligned(16)));

/* The two GDT words of a TSS descriptor for `base` (limit is its size minus one). */
static void tss_descriptor(uint64_t base, uint64_t limit, uint64_t out[2])
{
	out[0] = (limit & 0xffff) | (base & 0xffffff) << 16 | TSS_AVAILABLE_64 << 40 |
		 SEG_PRESENT | ((limit >> 16) & 0xf) << 48 | ((base >> 24) & 0xff) << 56;
	out[1] = base >> 32;
}

/*
 * Loads the GDT, then reloads CS with a far return, SS with kernel data and DS, ES, FS, GS
 * with the null selector (long mode ignores DS and ES; user mode starts with all four null:
 * switch.c), then the task register and a null LDTR.
 */
static void gdt_load(void)
{
	struct descriptor_pointer ptr = { sizeof(gdt) - 1, (uint64_t)gdt };
	__asm__ volatile("lgdt %0" : : "m"(ptr));
	__asm__ volatile("pushq %[cs]\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "movw %w[null], %%ds\n\t"
			 "movw %w[null], %%es\n\t"
			 "movw %w[ds], %%ss\n\t"
			 "movw %w[null], %%fs\n\t"
			 "movw %w[null], %%gs"
			 :
			 : [cs] "i"(GDT_KERNEL_CODE), [ds] "r"(GDT_KERNEL_DATA), [null] "r"(0)
			 : "rax", "memory");
	__asm__ volatile("ltr %w0" : : "r"(GDT_TSS));
	__asm__ volatile("lldt %w0" : : "r"(0));
}

void gdt_init(void)
{
	gdt[0] = 0;
	gdt[GDT_KERNEL_CODE / 8] =
		SEG_PRESENT | SEG_CODE_OR_DATA | SEG_EXECUTABLE | SEG_READ_WRITE | SEG_LONG_MODE;
	gdt[GDT_KERNEL_DATA / 8] = SEG_PRESENT | SEG_CODE_OR_DATA | SEG_READ_WRITE;
	gdt[GDT_USER_CODE32 / 8] = 0;
	gdt[GDT_USER_DATA / 8] = SEG_PRESENT | SEG_CODE_OR_DATA | SEG_READ_WRITE | SEG_USER;
	gdt[GDT_USER_CODE / 8] = SEG_PRESENT | SEG_CODE_OR_DATA | SEG_EXECUTABLE | SEG_READ_WRITE |
				 SEG_LONG_MODE | SEG_USER;

	kernel_tss.ist[IST_FATAL - 1] = (uint64_t)(fatal_stack + FATAL_STACK_SIZE);
	kernel_tss.iomap_base = sizeof(kernel_tss);
	tss_descriptor((uint64_t)&kernel_tss, sizeof(kernel_tss) - 1, &gdt[GDT_TSS / 8]);

	gdt_load();
}

void gdt_open_compat_segment(void)
{
	gdt[GDT_USER_CODE32 / 8] = SEG_PRESENT | SEG_CODE_OR_DATA | SEG_EXECUTABLE | SEG_READ_WRITE |
				   SEG_32_BIT | SEG_4K_LIMIT | SEG_USER;
}
