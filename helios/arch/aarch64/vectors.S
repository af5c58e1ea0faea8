/*
 * The exception vector table (VBAR_EL1): 16 entries of 128 bytes, four groups of four
 * (synchronous, IRQ, FIQ, SError) for: current EL with SP_EL0, current EL with SP_ELx,
 * lower EL in AArch64, lower EL in AArch32.
 *
 * From EL0 (the third group): SP_EL1 points at the running task's struct arch_context
 * (include/arch/context.h), so the general registers, SP_EL0, ELR, SPSR and TPIDR_EL0 are
 * stored straight into it; then the kernel stack is loaded and the C handler (switch.c) runs,
 * never to return: it leaves through context_restore. The kernel runs with interrupts masked.
 *
 * From EL1 (and AArch32 EL0, which never runs): the kernel took an exception it did not
 * expect. Every register goes into a struct trap_frame (trap.c) on the current stack, and
 * trap_handler reports it and stops.
 */
#include <arch/context.h>
#include <helios/abi.h>

#define FRAME_SIZE 304 /* sizeof(struct trap_frame), a multiple of 16 */
#define FRAME_ELR 256
#define FRAME_ESR 272
#define FRAME_VECTOR 288

/* ESR_EL1's exception class, and the class of an SVC from AArch64. */
#define ESR_EC_SHIFT 26
#define ESR_EC_SVC64 0x15

/* The kind of exception from EL0, the second argument of el0_exception (switch.c). */
#define EL0_SYNC 0
#define EL0_IRQ 1
#define EL0_FIQ 2
#define EL0_SERROR 3

/* x2-x29 to [sp + 8 * n]: the same place in a task's context and in a struct trap_frame. */
.macro save_x2_to_x29
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
.endm

.macro kernel_entry index
	.balign 128
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #0]
	mov	x0, #\index
	b	kernel_exception
.endm

.macro user_entry kind
	.balign 128
	stp	x0, x1, [sp, #CTX_X0]
	mov	x1, #\kind
	b	user_exception
.endm

	.text
	.balign 2048
	.global exception_vectors
exception_vectors:
	kernel_entry 0
	kernel_entry 1
	kernel_entry 2
	kernel_entry 3
	kernel_entry 4
	kernel_entry 5
	kernel_entry 6
	kernel_entry 7
	user_entry EL0_SYNC
	user_entry EL0_IRQ
	user_entry EL0_FIQ
	user_entry EL0_SERROR
	kernel_entry 12
	kernel_entry 13
	kernel_entry 14
	kernel_entry 15

/*
 * sp = the task's context, x0 and x1 of the task already saved there; x1 = the kind, x0 still
 * the task's (a syscall's number). Everything but a syscall goes to el0_exception. A CALL or
 * REPLYRECV goes to the IPC fastpath first, whose answer is the context to enter, or NULL
 * when it declined (having done nothing). Then the slow path: kernel_syscall, and
 * kernel_exit for the task to enter. Both return, so x19-x29 still hold the caller's values
 * when that task is the caller itself, the context EL0 last entered (switch.c:
 * entered_context), and nothing rewrote its registers (rewritten, cleared here): then only
 * the registers C may have changed are reloaded, the results among them, before ERET (ELR,
 * SPSR, SP_EL0 and TPIDR_EL0 are as the exception left them). Anything else goes to
 * arch_enter_user with the whole context; no task at all, to exit_to_user's idle loop.
 */
user_exception:
	save_x2_to_x29
	mrs	x2, sp_el0
	stp	x30, x2, [sp, #CTX_X30]
	mrs	x2, elr_el1
	mrs	x3, spsr_el1
	stp	x2, x3, [sp, #CTX_PC]
	mrs	x2, tpidr_el0
	stp	x2, xzr, [sp, #CTX_TPIDR]	/* and rewritten = 0 */
	mov	x2, sp
	adrp	x3, kernel_stack_top
	add	x3, x3, :lo12:kernel_stack_top
	mov	sp, x3
	cbnz	x1, 1f			/* not synchronous */
	mrs	x3, esr_el1
	ubfx	x3, x3, #ESR_EC_SHIFT, #6
	cmp	x3, #ESR_EC_SVC64
	b.ne	1f
	cmp	x0, #HELIOS_SYS_CALL
	b.eq	2f
	cmp	x0, #HELIOS_SYS_REPLYRECV
	b.ne	4f
	bl	kernel_fastpath_replyrecv
3:	cbnz	x0, arch_enter_user	/* the context it returned; NULL: declined */
4:	bl	kernel_syscall
	bl	kernel_exit
	cbz	x0, exit_to_user
	adrp	x1, entered_context
	ldr	x1, [x1, :lo12:entered_context]
	cmp	x0, x1
	b.ne	arch_enter_user
	ldr	x1, [x0, #CTX_REWRITTEN]
	cbnz	x1, arch_enter_user
	mov	sp, x0
	ldr	x18, [sp, #144]
	ldr	x30, [sp, #CTX_X30]
	b	restore_scratch
2:	bl	kernel_fastpath_call
	cbnz	x0, arch_enter_user
	b	4b
1:	mov	x0, x2
	bl	el0_exception		/* (context, kind): does not return */
	b	.

/*
 * context_restore(struct arch_context *c): to EL0 with c's registers. SP_EL1 is left at c, so
 * the next exception from EL0 saves into c.
 */
	.global context_restore
	.type context_restore, %function
context_restore:
	mov	sp, x0
	ldp	x2, x3, [sp, #CTX_PC]
	msr	elr_el1, x2
	msr	spsr_el1, x3
	ldr	x2, [sp, #CTX_TPIDR]
	msr	tpidr_el0, x2
	ldp	x30, x2, [sp, #CTX_X30]
	msr	sp_el0, x2
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
/* x0-x17 (the syscall stub's way back to its caller enters here, sp at the context). */
restore_scratch:
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x0, x1, [sp, #CTX_X0]
	eret				/* also clears the local exclusive monitor */
	dsb	nsh			/* never reached: no straight-line speculation past ERET */
	isb
	.size context_restore, . - context_restore

/* on_kernel_stack(fn): calls fn (which does not return) at the top of the kernel stack. */
	.global on_kernel_stack
	.type on_kernel_stack, %function
on_kernel_stack:
	adrp	x1, kernel_stack_top
	add	x1, x1, :lo12:kernel_stack_top
	mov	sp, x1
	mov	x29, xzr
	mov	x30, xzr
	br	x0
	.size on_kernel_stack, . - on_kernel_stack

/* x0 = vector index; x0 and x1 of the interrupted code are already at [sp]. */
kernel_exception:
	save_x2_to_x29
	add	x1, sp, #FRAME_SIZE	/* the stack pointer before the exception */
	stp	x30, x1, [sp, #240]
	mrs	x1, elr_el1
	mrs	x2, spsr_el1
	stp	x1, x2, [sp, #FRAME_ELR]
	mrs	x1, esr_el1
	mrs	x2, far_el1
	stp	x1, x2, [sp, #FRAME_ESR]
	str	x0, [sp, #FRAME_VECTOR]
	mov	x29, xzr		/* a new frame-pointer chain */
	mov	x0, sp
	bl	trap_handler
1:	msr	daifset, #0xf
	wfi
	b	1b
