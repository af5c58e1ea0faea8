/*
 * A task's registers as the rest of the kernel sees them (arch.h "Tasks' user state"). Pure
 * data manipulation, host-tested; loading them into the CPU is switch.c's job.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "helios/arch/x86_64/context_regs.h"
#include "helios/arch/x86_64/cpu.h"
#include "helios/arch/x86_64/gdt.h"
#include "helios/kernel/arch.h"

/* The RFLAGS bits a task may choose: arithmetic flags, trap, direction, alignment check. */
#define RFLAGS_USER                                                                             \
	(RFLAGS_CF | RFLAGS_PF | RFLAGS_AF | RFLAGS_ZF | RFLAGS_SF | RFLAGS_TF | RFLAGS_DF |    \
	 RFLAGS_OF | RFLAGS_AC)

/* FXSAVE area fields (Intel SDM vol. 1, 10.5.1). */
#define FXSAVE_FCW 0   /* x87 control word */
#define FXSAVE_MXCSR 24
#define FCW_INITIAL 0x037f    /* what FNINIT sets: every exception masked, extended precision */
#define MXCSR_INITIAL 0x1f80  /* every SIMD exception masked, round to nearest */

uint64_t context_user_rflags(uint64_t rflags)
{
	return (rflags & RFLAGS_USER) | RFLAGS_IF | RFLAGS_ALWAYS;
}

void arch_context_init(struct arch_context *c)
{
	memset(c, 0, sizeof(*c));
	c->frame.cs = USER_CS;
	c->frame.ss = USER_SS;
	c->frame.rflags = context_user_rflags(0);
	uint16_t fcw = FCW_INITIAL;
	uint32_t mxcsr = MXCSR_INITIAL;
	memcpy(&c->fxsave[FXSAVE_FCW], &fcw, sizeof(fcw));
	memcpy(&c->fxsave[FXSAVE_MXCSR], &mxcsr, sizeof(mxcsr));
}

void arch_context_set_entry(struct arch_context *c, uint64_t ip, uint64_t sp, uint64_t arg0)
{
	c->frame.rip = ip;
	c->frame.rsp = sp;
	c->frame.rdi = arg0;
	c->sysret_ok = 0;
}

void arch_context_get_regs(const struct arch_context *c, struct helios_regs *out)
{
	const struct arch_frame *f = &c->frame;
	*out = (struct helios_regs){
		.rip = f->rip, .rsp = f->rsp, .rflags = f->rflags,
		.rax = f->rax, .rbx = f->rbx, .rcx = f->rcx, .rdx = f->rdx,
		.rsi = f->rsi, .rdi = f->rdi, .rbp = f->rbp,
		.r8 = f->r8, .r9 = f->r9, .r10 = f->r10, .r11 = f->r11,
		.r12 = f->r12, .r13 = f->r13, .r14 = f->r14, .r15 = f->r15,
		.fs_base = c->fs_base, .gs_base = c->gs_base,
	};
}

int arch_context_set_regs(struct arch_context *c, const struct helios_regs *in)
{
	if (in->rip >= HELIOS_USER_TOP || in->rsp >= HELIOS_USER_TOP ||
	    in->fs_base >= HELIOS_USER_TOP || in->gs_base >= HELIOS_USER_TOP)
		return HELIOS_ERR_INVALID_PARAM;
	struct arch_frame *f = &c->frame;
	f->rip = in->rip;
	f->rsp = in->rsp;
	f->rflags = context_user_rflags(in->rflags);
	f->rax = in->rax;
	f->rbx = in->rbx;
	f->rcx = in->rcx;
	f->rdx = in->rdx;
	f->rsi = in->rsi;
	f->rdi = in->rdi;
	f->rbp = in->rbp;
	f->r8 = in->r8;
	f->r9 = in->r9;
	f->r10 = in->r10;
	f->r11 = in->r11;
	f->r12 = in->r12;
	f->r13 = in->r13;
	f->r14 = in->r14;
	f->r15 = in->r15;
	c->fs_base = in->fs_base;
	c->gs_base = in->gs_base;
	c->sysret_ok = 0; /* rcx and r11 matter now */
	return HELIOS_OK;
}

/* `syscall` is 2 bytes (0f 05). A rip below 2 cannot follow one: left alone. */
void arch_context_restart_syscall(struct arch_context *c)
{
	if (c->frame.rip >= 2)
		c->frame.rip -= 2;
}
