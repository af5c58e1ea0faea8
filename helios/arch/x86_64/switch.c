/*
 * Into the kernel from user mode and back out: the C side of entry.S. Every entry ends in
 * exit_to_user, which asks the portable kernel which task runs next (kernel_exit) and enters
 * it (a CALL or REPLYRECV the IPC fastpath took enters the task it chose, skipping both):
 * its vspace, its FPU state (only when the owner changes), its FS/GS bases (only those that
 * differ from the loaded ones), TSS.rsp0 = its frame, then SYSRETQ when the frame came
 * from `syscall` and was not rewritten, IRETQ otherwise. No task: wait with interrupts on.
 * The kernel never uses FS or GS itself, so the user's bases stay loaded while it runs.
 */
#include <stdint.h>

#include "helios/arch/x86_64/cpu.h"
#include "helios/arch/x86_64/fpu.h"
#include "helios/arch/x86_64/gdt.h"
#include "helios/arch/x86_64/pic.h"
#include "helios/arch/x86_64/pit.h"
#include "helios/arch/x86_64/trap.h"
#include "helios/kernel/arch.h"
#include "helios/kernel/compiler.h"

/* entry.S */
_Noreturn void context_iret(struct arch_context *c);
_Noreturn void context_sysret(struct arch_context *c);
_Noreturn void idle_wait(void);
_Noreturn void exit_on_fresh_stack(void);

/* Called from entry.S only. */
_Noreturn void enter_user(struct arch_context *c);
_Noreturn void exit_to_user(void);
_Noreturn void trap_from_user(struct arch_context *c);
_Noreturn void interrupt_from_idle(uint64_t vector);

/*
 * The FS and GS bases in the MSRs, as long as FS and GS hold the null selector (so from boot:
 * gdt.c). User mode cannot write the MSRs (CR4.FSGSBASE is off), but it can load a selector
 * into FS or GS, which also loads that segment's base (0).
 */
static uint64_t loaded_fs_base, loaded_gs_base;

/* FS's and GS's selectors ORed: nonzero when user mode loaded one. */
static inline uint32_t base_selectors(void)
{
	uint32_t fs, gs;
	__asm__ volatile("movl %%fs, %0\n\t"
			 "movl %%gs, %1"
			 : "=r"(fs), "=r"(gs));
	return fs | gs;
}

/*
 * A task loaded FS or GS: their bases may no longer be the recorded ones, and the next task
 * would see its selectors. A task's segment state is its two bases alone, so every task runs
 * with null FS and GS selectors: they (and DS, ES) are reset here, and both bases reloaded
 * from the context. (The null loads go first: on Intel they zero the base, on AMD they keep
 * it.) DS and ES alone are not checked: long mode ignores them, so what a task leaves there
 * changes nothing for the next (at most a covert channel, out of scope in docs/security.md),
 * and checking them costs 4 instructions on every return to user mode.
 */
static void reset_selectors(void)
{
	__asm__ volatile("movl %0, %%ds\n\t"
			 "movl %0, %%es\n\t"
			 "movl %0, %%fs\n\t"
			 "movl %0, %%gs"
			 :
			 : "r"(0));
	loaded_fs_base = ~0ull; /* no user base: both MSRs are written below */
	loaded_gs_base = ~0ull;
}

/* Writes only the MSRs whose value changes: tasks mostly share bases (zero, or one TLS). */
static void load_bases(const struct arch_context *c)
{
	if (unlikely(base_selectors()))
		reset_selectors();
	if (c->fs_base != loaded_fs_base) {
		wrmsr(MSR_FS_BASE, c->fs_base);
		loaded_fs_base = c->fs_base;
	}
	if (c->gs_base != loaded_gs_base) {
		wrmsr(MSR_GS_BASE, c->gs_base);
		loaded_gs_base = c->gs_base;
	}
}

/*
 * A return to user mode at rip would fault in kernel mode: IRETQ and SYSRETQ raise #GP in
 * ring 0 for a non-canonical rip, on the kernel's stack and with user rsp (compare
 * CVE-2012-0217). WRITE_REGISTERS refuses such a rip, and `syscall` cannot leave one, but a
 * fault frame can hold one (QEMU reports a jump to a non-canonical address with the target as
 * rip). The task instead takes the fault the instruction fetch at rip would raise (a page
 * fault on a fetch from user mode), then whatever runs next is entered.
 */
static _Noreturn __attribute__((noinline, cold)) void refuse_rip(struct arch_context *c)
{
	kernel_user_fault(HELIOS_FAULT_PAGE, c->frame.rip, PF_USER | PF_FETCH,
			  VECTOR_PAGE_FAULT);
	exit_to_user();
}

/*
 * The context user mode was last entered with is the one TSS.rsp0 points just past: its FPU
 * state, FS and GS bases and kernel entry stack are the loaded ones, so entering it again after
 * a syscall (sysret_ok: nothing rewrote its registers or bases, TASK_WRITE_REGISTERS clears
 * it) loads none of them (entry.S). A task that loaded a segment selector meanwhile keeps
 * what it did until it is next entered by IRETQ or after another task (load_bases resets it
 * then).
 */
/* FPU state, bases and kernel entry stack. */
static void load_context_state(struct arch_context *c)
{
	fpu_switch(c);
	load_bases(c);
	tss_set_rsp0((uint64_t)c + FRAME_SIZE);
}

/* arch_enter_user (entry.S) for any context but the last entered back from a syscall: its
 * state, then its registers, by SYSRETQ or, after the rip check, IRETQ. */
_Noreturn void enter_user(struct arch_context *c)
{
	load_context_state(c);
	/* A sysret_ok frame's rip follows a `syscall` the task ran: below HELIOS_USER_TOP
	 * (context.h), so only the IRETQ path needs the check. */
	if (c->sysret_ok)
		context_sysret(c); /* takes the user selectors from STAR */
	if (unlikely(c->frame.rip >= HELIOS_USER_TOP))
		refuse_rip(c);
	c->frame.cs = USER_CS;
	c->frame.ss = USER_SS;
	context_iret(c);
}

_Noreturn void exit_to_user(void)
{
	struct arch_context *c = kernel_exit();
	if (!c)
		idle_wait();
	arch_enter_user(c);
}

_Noreturn void trap_from_user(struct arch_context *c)
{
	uint64_t vector = c->frame.vector;
	c->sysret_ok = 0; /* rcx and r11 hold the task's values */
	if (vector >= TRAP_EXCEPTIONS)
		pic_handle(vector);
	else
		kernel_user_fault(trap_fault_type(vector),
				  vector == VECTOR_PAGE_FAULT ? read_cr2() : 0,
				  c->frame.error_code, vector);
	exit_to_user();
}

_Noreturn void interrupt_from_idle(uint64_t vector)
{
	pic_handle(vector);
	exit_to_user();
}

_Noreturn void arch_start_scheduling(void)
{
	pit_start();
	exit_on_fresh_stack();
}

void arch_context_destroyed(struct arch_context *c)
{
	fpu_forget(c);
	/* A new context may be made at the same address: it is not loaded. (Entering user mode
	 * sets rsp0 again, and entries from kernel mode do not use it.) */
	if (kernel_tss.rsp[0] == (uint64_t)c + FRAME_SIZE)
		tss_set_rsp0(0);
}
