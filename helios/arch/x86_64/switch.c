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

/* entry.S */
_Noreturn void context_iret(struct arch_context *c);
_Noreturn void context_sysret(struct arch_context *c);
_Noreturn void idle_wait(void);
_Noreturn void exit_on_fresh_stack(void);

/* Called from entry.S only. */
_Noreturn void exit_to_user(void);
_Noreturn void trap_from_user(struct arch_context *c);
_Noreturn void syscall_from_user(void);
_Noreturn void interrupt_from_idle(uint64_t vector);

/* The FS and GS bases in the MSRs: zero from reset, and only load_bases writes them (user
 * mode cannot: CR4.FSGSBASE is off). */
static uint64_t loaded_fs_base, loaded_gs_base;

/* Writes only the MSRs whose value changes: tasks mostly share bases (zero, or one TLS). */
static void load_bases(const struct arch_context *c)
{
	if (c->fs_base != loaded_fs_base) {
		wrmsr(MSR_FS_BASE, c->fs_base);
		loaded_fs_base = c->fs_base;
	}
	if (c->gs_base != loaded_gs_base) {
		wrmsr(MSR_GS_BASE, c->gs_base);
		loaded_gs_base = c->gs_base;
	}
}

/* FPU state, bases, kernel entry stack, registers. */
_Noreturn void arch_enter_user(struct arch_context *c)
{
	fpu_switch(c);
	load_bases(c);
	tss_set_rsp0((uint64_t)c + FRAME_SIZE);
	if (c->sysret_ok)
		context_sysret(c); /* takes the user selectors from STAR */
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

/* The slow path of every syscall (entry.S asked the fastpath first). */
_Noreturn void syscall_from_user(void)
{
	kernel_syscall();
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
}
