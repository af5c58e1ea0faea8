/*
 * FP/SIMD state, switched lazily: the registers hold the state of one task, the owner. Any
 * other task runs with FP/SIMD trapped (CPACR_EL1.FPEN); its first use traps into fpu_trap,
 * which saves the owner's registers into the owner's context and loads the task's own.
 */
#ifndef HELIOS_ARCH_AARCH64_FPU_H
#define HELIOS_ARCH_AARCH64_FPU_H

#include <stdint.h>

#include "helios/arch/aarch64/cpu.h"
#include "helios/kernel/arch.h"

extern struct arch_context *fpu_owner; /* whose state the registers hold (NULL: nobody's) */
extern uint64_t fpu_cpacr;             /* CPACR_EL1 as last written */

/* Writes CPACR_EL1 when it changes. */
static inline void fpu_set_cpacr(uint64_t value)
{
	if (value == fpu_cpacr)
		return;
	write_sysreg(cpacr_el1, value);
	isb();
	fpu_cpacr = value;
}

/* c is about to run: FP/SIMD on if it owns the registers, else trapped (inline: every return
 * to EL0, the IPC fastpath's included, passes here). */
static inline void fpu_prepare(struct arch_context *c)
{
	fpu_set_cpacr(c == fpu_owner ? CPACR_FPEN_ON : CPACR_FPEN_TRAP);
}
/* c used FP/SIMD while trapped: make it the owner. */
void fpu_trap(struct arch_context *c);
/* c is going away: it owns nothing any more. */
void fpu_forget(struct arch_context *c);

/* fpu_regs.S: v0-v31, FPCR and FPSR to or from a context (FP/SIMD must be enabled). */
void fpu_save(struct arch_context *c);
void fpu_load(const struct arch_context *c);

#endif
