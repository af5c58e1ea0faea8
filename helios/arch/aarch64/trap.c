/*
 * Reporting exceptions taken at EL1 (those from EL0 go to switch.c). The kernel expects none,
 * so every one is a kernel bug: print what happened and every register, then stop the machine
 * (kernel_stop: halt, or leave QEMU with KERNEL_EXIT_FAULT when the command line asks for
 * qemu_exit).
 */
#include <stddef.h>
#include <stdint.h>

#include <base/fmt.h>

#include "helios/arch/aarch64/aarch64.h"
#include "helios/kernel/arch.h"
#include "helios/kernel/kernel.h"

/* Saved by vectors.S, which knows these offsets. */
struct trap_frame {
	uint64_t x[31];
	uint64_t sp; /* before the exception */
	uint64_t elr, spsr, esr, far;
	uint64_t vector; /* 0..15: index in the vector table */
	uint64_t unused;
};

_Static_assert(sizeof(struct trap_frame) == 304, "FRAME_SIZE in vectors.S");
_Static_assert(offsetof(struct trap_frame, sp) == 248, "FRAME_SP in vectors.S");
_Static_assert(offsetof(struct trap_frame, elr) == 256, "FRAME_ELR in vectors.S");
_Static_assert(offsetof(struct trap_frame, esr) == 272, "FRAME_ESR in vectors.S");
_Static_assert(offsetof(struct trap_frame, vector) == 288, "FRAME_VECTOR in vectors.S");

void trap_handler(struct trap_frame *tf);

#define ESR_EC(esr) (((esr) >> 26) & 0x3f)

/* Exception classes (ESR_ELx.EC, Arm ARM D17.2.37). */
static const char *exception_class_name(unsigned ec)
{
	switch (ec) {
	case 0x00: return "unknown reason (undefined instruction)";
	case 0x01: return "trapped WFI or WFE";
	case 0x07: return "trapped SIMD or floating-point access";
	case 0x0e: return "illegal execution state";
	case 0x15: return "SVC instruction";
	case 0x16: return "HVC instruction";
	case 0x17: return "SMC instruction";
	case 0x18: return "trapped MSR, MRS or system instruction";
	case 0x20: return "instruction abort from a lower exception level";
	case 0x21: return "instruction abort";
	case 0x22: return "PC alignment fault";
	case 0x24: return "data abort from a lower exception level";
	case 0x25: return "data abort";
	case 0x26: return "SP alignment fault";
	case 0x2f: return "SError interrupt";
	case 0x30: case 0x31: return "breakpoint";
	case 0x32: case 0x33: return "software step";
	case 0x34: case 0x35: return "watchpoint";
	case 0x3c: return "BRK instruction";
	default: return "reserved exception class";
	}
}

/* What an entry of the vector table is for: synchronous exceptions have an exception class. */
static const char *vector_name(uint64_t vector)
{
	static const char *const kinds[4] = {"synchronous", "IRQ", "FIQ", "SError"};
	static const char *const origins[4] = {
		"current EL with SP_EL0", "current EL with SP_ELx", "lower EL, AArch64",
		"lower EL, AArch32",
	};
	static char text[64];
	fmt_snprintf(text, sizeof(text), "%s from %s", kinds[vector & 3],
		     origins[(vector >> 2) & 3]);
	return text;
}

/* Data and instruction aborts: which access, and what the fault status code says. */
static void print_abort(uint64_t esr, uint64_t far)
{
	unsigned ec = ESR_EC(esr);
	unsigned fsc = esr & 0x3f;
	const char *kind = "fault";
	if ((fsc & 0x3c) == 0x04)
		kind = "translation fault (unmapped)";
	else if ((fsc & 0x3c) == 0x08)
		kind = "access flag fault";
	else if ((fsc & 0x3c) == 0x0c)
		kind = "permission fault";
	else if (fsc == 0x21)
		kind = "alignment fault";
	const char *access = "instruction fetch";
	if (ec == 0x24 || ec == 0x25)
		access = (esr & (1u << 6)) ? "write" : "read";
	kprintf("%s at %016llx: %s, level %u\n", access, (unsigned long long)far, kind,
		fsc & 3);
}

static void print_registers(const struct trap_frame *tf)
{
	kprintf("  ESR  %016llx  FAR  %016llx\n", (unsigned long long)tf->esr,
		(unsigned long long)tf->far);
	kprintf("  ELR  %016llx  SPSR %016llx  SP   %016llx\n", (unsigned long long)tf->elr,
		(unsigned long long)tf->spsr, (unsigned long long)tf->sp);
	for (unsigned i = 0; i < 31; i += 3) {
		for (unsigned j = i; j < i + 3 && j < 31; j++)
			kprintf("  x%-2u  %016llx", j, (unsigned long long)tf->x[j]);
		kprintf("\n");
	}
}

void trap_handler(struct trap_frame *tf)
{
	static int depth; /* faults being reported, this one included */
	unsigned ec = ESR_EC(tf->esr);
	int synchronous = (tf->vector & 3) == 0;

	depth++;
	if (depth > 2)
		arch_halt(); /* faulted even while stopping after a fault: just stop */
	if (depth == 2) {
		kprintf("\nKERNEL FAULT: %s while reporting a fault\n",
			synchronous ? exception_class_name(ec) : vector_name(tf->vector));
		kernel_stop();
	}

	arch_console_reclaim(); /* a serial driver may have the UART */
	if (synchronous)
		kprintf("KERNEL FAULT: %s (%s)\n", exception_class_name(ec),
			vector_name(tf->vector));
	else
		kprintf("KERNEL FAULT: unexpected %s\n", vector_name(tf->vector));
	if (synchronous && (ec == 0x20 || ec == 0x21 || ec == 0x24 || ec == 0x25))
		print_abort(tf->esr, tf->far);
	print_registers(tf);
	kernel_stop();
}
