/*
 * The x87/SSE registers belong to one task at a time (the owner): they are saved and loaded
 * only when a different task is about to run, and the kernel never uses them in between (it is
 * built with -mgeneral-regs-only). No CR0.TS trap: the switch is done on the way out.
 */
#ifndef HELIOS_ARCH_X86_64_FPU_H
#define HELIOS_ARCH_X86_64_FPU_H

#include "helios/kernel/arch.h"

/* Whose state the registers hold: a task's, or fpu_nobody's, a context no task has, which
 * takes the registers' contents when their owner is gone (so there is always an owner). */
extern struct arch_context *fpu_owner;
extern struct arch_context fpu_nobody;

/* Makes c's FPU state the one in the registers, saving the previous owner's (inline: every
 * return to user mode, the IPC fastpath's included, passes here). */
static inline void fpu_switch(struct arch_context *c)
{
	if (fpu_owner == c)
		return;
	__asm__ volatile("fxsave64 %0" : "=m"(fpu_owner->fxsave));
	/*
	 * AMD CPUs save and restore the x87 last-instruction and last-operand pointers (FIP, FDP,
	 * FOP) only while an exception is pending, so FXRSTOR would leave the previous owner's
	 * there for c to read with FXSAVE: where its code and data are (Linux's
	 * X86_BUG_FXSAVE_LEAK). FNINIT zeroes them, on every CPU, in one instruction.
	 */
	__asm__ volatile("fninit");
	__asm__ volatile("fxrstor64 %0" : : "m"(c->fxsave));
	fpu_owner = c;
}

/* c is going away: its state in the registers is dropped without a save. */
void fpu_forget(struct arch_context *c);

#endif
