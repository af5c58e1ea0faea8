/*
 * CPU exceptions. In user mode they are the task's faults (switch.c hands them to the portable
 * kernel with the type from trap_fault_type). In kernel mode nothing expects one, so every
 * exception is a kernel bug: print what happened and every register, then stop the machine
 * (kernel_stop: halt, or leave QEMU with KERNEL_EXIT_FAULT when the command line asks for
 * qemu_exit).
 */
#include <stdint.h>

#include "helios/arch/x86_64/cpu.h"
#include "helios/arch/x86_64/trap.h"
#include "helios/kernel/arch.h"
#include "helios/kernel/kernel.h"

static const char *const exception_names[TRAP_EXCEPTIONS] = {
	[0] = "divide error",
	[1] = "debug",
	[2] = "non-maskable interrupt",
	[3] = "breakpoint",
	[4] = "overflow",
	[5] = "bound range exceeded",
	[6] = "invalid opcode",
	[7] = "device not available",
	[8] = "double fault",
	[9] = "coprocessor segment overrun",
	[10] = "invalid TSS",
	[11] = "segment not present",
	[12] = "stack-segment fault",
	[13] = "general protection fault",
	[14] = "page fault",
	[16] = "x87 floating-point exception",
	[17] = "alignment check",
	[18] = "machine check",
	[19] = "SIMD floating-point exception",
	[20] = "virtualization exception",
	[21] = "control protection exception",
	[28] = "hypervisor injection exception",
	[29] = "VMM communication exception",
	[30] = "security exception",
};

static const char *exception_name(uint64_t vector)
{
	if (vector < TRAP_EXCEPTIONS && exception_names[vector])
		return exception_names[vector];
	return "reserved exception";
}

/* Says in words which access faulted at which address. */
static void print_page_fault(uint64_t error, uint64_t address)
{
	kprintf("page fault at %016llx: %s, %s, %s mode", (unsigned long long)address,
		error & PF_PRESENT ? "protection violation" : "page not present",
		error & PF_FETCH ? "instruction fetch" : error & PF_WRITE ? "write" : "read",
		error & PF_USER ? "user" : "kernel");
	if (error & PF_RESERVED)
		kprintf(", reserved bit set in a paging entry");
	if (error & PF_PKEY)
		kprintf(", protection key");
	kprintf("\n");
}

/*
 * Invalid TSS, segment not present, stack-segment and general protection faults push a
 * selector error code: which descriptor table entry was at fault (0 when none).
 */
static void print_selector_error(uint64_t error)
{
	static const char *const tables[4] = { "GDT", "IDT", "LDT", "IDT" };
	if (error == 0)
		return;
	kprintf("selector error: %s entry %llu%s\n", tables[(error >> 1) & 3],
		(unsigned long long)((error >> 3) & 0x1fff),
		error & 1 ? " (external event)" : "");
}

static void print_registers(const struct arch_frame *tf)
{
	kprintf("  rip %04llx:%016llx  rsp %04llx:%016llx  rflags %016llx\n",
		(unsigned long long)tf->cs, (unsigned long long)tf->rip,
		(unsigned long long)tf->ss, (unsigned long long)tf->rsp,
		(unsigned long long)tf->rflags);
	kprintf("  rax %016llx  rbx %016llx  rcx %016llx\n", (unsigned long long)tf->rax,
		(unsigned long long)tf->rbx, (unsigned long long)tf->rcx);
	kprintf("  rdx %016llx  rsi %016llx  rdi %016llx\n", (unsigned long long)tf->rdx,
		(unsigned long long)tf->rsi, (unsigned long long)tf->rdi);
	kprintf("  rbp %016llx  r8  %016llx  r9  %016llx\n", (unsigned long long)tf->rbp,
		(unsigned long long)tf->r8, (unsigned long long)tf->r9);
	kprintf("  r10 %016llx  r11 %016llx  r12 %016llx\n", (unsigned long long)tf->r10,
		(unsigned long long)tf->r11, (unsigned long long)tf->r12);
	kprintf("  r13 %016llx  r14 %016llx  r15 %016llx\n", (unsigned long long)tf->r13,
		(unsigned long long)tf->r14, (unsigned long long)tf->r15);
	kprintf("  cr0 %016llx  cr3 %016llx  cr4 %016llx\n", (unsigned long long)read_cr0(),
		(unsigned long long)read_cr3(), (unsigned long long)read_cr4());
}

void trap_handler(struct arch_frame *tf)
{
	static int depth; /* faults being reported, this one included */
	/* Read CR2 first: a fault while reporting would overwrite it. */
	uint64_t cr2 = read_cr2();

	depth++;
	if (depth > 2)
		arch_halt(); /* faulted even while stopping after a fault: just stop */
	if (depth == 2) {
		kprintf("\nKERNEL FAULT: %s (vector %llu) while reporting a fault\n",
			exception_name(tf->vector), (unsigned long long)tf->vector);
		kernel_stop();
	}

	arch_console_reclaim(); /* a serial driver may have the UART */
	kprintf("KERNEL FAULT: %s (vector %llu) error code %#llx\n", exception_name(tf->vector),
		(unsigned long long)tf->vector, (unsigned long long)tf->error_code);
	if (tf->vector == VECTOR_PAGE_FAULT)
		print_page_fault(tf->error_code, cr2);
	else if (tf->vector >= 10 && tf->vector <= 13)
		print_selector_error(tf->error_code);
	print_registers(tf);
	/* A double fault is mostly a page fault that could not be delivered: show its address. */
	if (tf->vector == VECTOR_PAGE_FAULT || tf->vector == VECTOR_DOUBLE_FAULT)
		kprintf("  cr2 %016llx\n", (unsigned long long)cr2);
	kernel_stop();
}

unsigned trap_fault_type(uint64_t vector)
{
	switch (vector) {
	case 0:
		return HELIOS_FAULT_DIVIDE;
	case VECTOR_DEBUG:
	case VECTOR_BREAKPOINT:
		return HELIOS_FAULT_DEBUG;
	case 6:
		return HELIOS_FAULT_INVALID_OPCODE;
	case 13:
		return HELIOS_FAULT_GENERAL_PROTECTION;
	case VECTOR_PAGE_FAULT:
		return HELIOS_FAULT_PAGE;
	case 16:
	case 19:
		return HELIOS_FAULT_FPU;
	case 17:
		return HELIOS_FAULT_ALIGNMENT;
	default:
		return HELIOS_FAULT_OTHER;
	}
}
