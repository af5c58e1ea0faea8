/*
 * Into the kernel from EL0 and back out: the C side of vectors.S. Every entry ends in
 * exit_to_user, which asks the portable kernel which task runs next (kernel_exit, which loads
 * its vspace) and enters it: its FP/SIMD access (fpu.c), then its registers and ERET
 * (context_restore). vectors.S hands CALL and REPLYRECV to the IPC fastpath first, which
 * enters the task it chose the same way when it takes the syscall. No task: wait for an
 * interrupt with interrupts still masked (WFI wakes up anyway), handle it and ask again.
 */
#include <stdint.h>

#include <helios/abi.h>

#include "helios/arch/aarch64/cpu.h"
#include "helios/arch/aarch64/fpu.h"
#include "helios/arch/aarch64/interrupts.h"
#include "helios/kernel/arch.h"

/* vectors.S */
_Noreturn void context_restore(struct arch_context *c);
_Noreturn void on_kernel_stack(void (*fn)(void));

/* Called from vectors.S only. */
_Noreturn void el0_exception(struct arch_context *c, uint64_t kind);
_Noreturn void exit_to_user(void);

enum el0_kind { EL0_SYNC, EL0_IRQ, EL0_FIQ, EL0_SERROR };

/* Exception classes (ESR_EL1.EC) of synchronous exceptions from EL0. */
#define EC_UNKNOWN 0x00
#define EC_WFX 0x01
#define EC_FP_ACCESS 0x07
#define EC_ILLEGAL_STATE 0x0e
#define EC_SYSREG 0x18
#define EC_SVE 0x19
#define EC_SME 0x1d
#define EC_INSTRUCTION_ABORT 0x20
#define EC_PC_ALIGNMENT 0x22
#define EC_DATA_ABORT 0x24
#define EC_SP_ALIGNMENT 0x26
#define EC_FP_EXCEPTION 0x2c
#define EC_SERROR 0x2f
#define EC_BREAKPOINT 0x30
#define EC_STEP 0x32
#define EC_WATCHPOINT 0x34
#define EC_BRK 0x3c

#define ESR_EC(esr) ((unsigned)((esr) >> 26) & 0x3f)
#define ESR_FSC(esr) ((unsigned)(esr)&0x3f)
#define FSC_ALIGNMENT 0x21

/* The context EL0 was last entered with: its FP/SIMD access is set, so entering it again
 * (a syscall that returns to its caller: vectors.S) sets nothing. Dropped when it is
 * destroyed. */
struct arch_context *entered_context;

/* FP/SIMD access (unless set for c already), then the registers. */
_Noreturn void arch_enter_user(struct arch_context *c)
{
	if (c != entered_context) {
		fpu_prepare(c);
		entered_context = c;
	}
	context_restore(c);
}

_Noreturn void exit_to_user(void)
{
	for (;;) {
		struct arch_context *c = kernel_exit();
		if (c)
			arch_enter_user(c);
		__asm__ volatile("wfi" : : : "memory");
		irq_handle();
	}
}

/* The fault type of a synchronous exception that is not a syscall (abi.h). */
static unsigned fault_type(uint64_t esr)
{
	switch (ESR_EC(esr)) {
	case EC_INSTRUCTION_ABORT:
	case EC_DATA_ABORT:
		return ESR_FSC(esr) == FSC_ALIGNMENT ? HELIOS_FAULT_ALIGNMENT : HELIOS_FAULT_PAGE;
	case EC_PC_ALIGNMENT:
	case EC_SP_ALIGNMENT:
		return HELIOS_FAULT_ALIGNMENT;
	case EC_UNKNOWN:
	case EC_SVE: /* trapped by CPACR_EL1: a task sees the same fault with or without SVE */
	case EC_SME:
		return HELIOS_FAULT_INVALID_OPCODE;
	case EC_BRK:
	case EC_BREAKPOINT:
	case EC_STEP:
	case EC_WATCHPOINT:
		return HELIOS_FAULT_DEBUG;
	case EC_WFX:
	case EC_ILLEGAL_STATE:
	case EC_SYSREG:
		return HELIOS_FAULT_GENERAL_PROTECTION;
	case EC_FP_EXCEPTION:
		return HELIOS_FAULT_FPU;
	default:
		return HELIOS_FAULT_OTHER;
	}
}

static void synchronous(struct arch_context *c)
{
	uint64_t esr = read_sysreg(esr_el1);
	unsigned ec = ESR_EC(esr); /* not EC_SVC64: vectors.S handles syscalls */
	if (ec == EC_FP_ACCESS) {
		fpu_trap(c);
		return;
	}
	unsigned type = fault_type(esr);
	/* FAR_EL1 is valid for aborts and PC alignment faults; the rest have no data address. */
	uint64_t addr = type == HELIOS_FAULT_PAGE || ec == EC_PC_ALIGNMENT ||
					(type == HELIOS_FAULT_ALIGNMENT && ec != EC_SP_ALIGNMENT)
				? read_sysreg(far_el1)
				: 0;
	kernel_user_fault(type, addr, esr, ec);
}

_Noreturn void el0_exception(struct arch_context *c, uint64_t kind)
{
	switch (kind) {
	case EL0_SYNC:
		synchronous(c);
		break;
	case EL0_IRQ:
		irq_handle();
		break;
	case EL0_SERROR: /* an asynchronous abort the task caused: its fault */
		kernel_user_fault(HELIOS_FAULT_OTHER, 0, read_sysreg(esr_el1), EC_SERROR);
		break;
	default: /* FIQs are not used (every interrupt is group 1, an IRQ) */
		break;
	}
	exit_to_user();
}

static void start_first_task(void)
{
	exit_to_user();
}

_Noreturn void arch_start_scheduling(void)
{
	timer_start();
	on_kernel_stack(start_first_task);
}

void arch_context_destroyed(struct arch_context *c)
{
	fpu_forget(c);
	if (entered_context == c)
		entered_context = NULL; /* a new context may be made at the same address */
}
