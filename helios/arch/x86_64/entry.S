/*
 * Every way into and out of the kernel: the 256 interrupt vectors, `syscall`, and the two ways
 * back to user mode (IRETQ, SYSRETQ).
 *
 * Register save scheme (README.md): while a task runs, TSS.rsp0 points just past the frame of
 * its struct arch_context (context.h). An interrupt or exception from user mode therefore makes
 * the CPU push ss, rsp, rflags, cs, rip (and an error code) into the context itself; the
 * vector stub pushes the vector and the general registers below, completing the frame in place.
 * The `syscall` stub loads the same address into rsp and pushes the same shape by hand. Then
 * the stub moves to the top of the one kernel stack and calls C, which never returns: the
 * exit path (switch.c) picks the next task and leaves through context_iret or context_sysret.
 * The kernel does not use FS or GS, so there is no SWAPGS anywhere.
 *
 * Entries from kernel mode: the kernel runs with interrupts off except while idle (`sti; hlt`
 * in idle), so an interrupt from ring 0 just ends the idle loop (the stack is reset); an
 * exception from ring 0 is a kernel bug and goes to trap_common and the fault report (trap.c).
 * NMI, double fault and machine check run on their own stack (IST) and are always reported as
 * kernel faults.
 */
#include <arch/context.h>
#include <helios/abi.h>

#include "helios/arch/x86_64/gdt.h"

#define FIRST_IRQ_VECTOR 32
#define VECTOR_INVALID_OPCODE 6 /* #UD */

/* Pushes rax..r15 so that, with the vector and error code above, they form struct arch_frame. */
.macro PUSH_GPRS
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
.endm

.macro POP_GPRS
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
.endm

/* An exception for which the CPU pushes no error code: push 0 in its place. */
.macro EXCEPTION vec
	.p2align 4
exception_\vec:
	pushq $0
	pushq $\vec
	jmp entry_common
.endm

/* An exception for which the CPU pushes an error code. */
.macro EXCEPTION_ERROR vec
	.p2align 4
exception_\vec:
	pushq $\vec
	jmp entry_common
.endm

/* NMI, double fault, machine check: on the IST stack, always a kernel fault report. */
.macro EXCEPTION_FATAL vec, has_error
	.p2align 4
exception_\vec:
	.if \has_error == 0
	pushq $0
	.endif
	pushq $\vec
	jmp trap_common
.endm

	.text
EXCEPTION 0		/* divide error */
EXCEPTION 1		/* debug */
EXCEPTION_FATAL 2, 0	/* non-maskable interrupt */
EXCEPTION 3		/* breakpoint */
EXCEPTION 4		/* overflow */
EXCEPTION 5		/* bound range exceeded */
EXCEPTION 6		/* invalid opcode */
EXCEPTION 7		/* device not available */
EXCEPTION_FATAL 8, 1	/* double fault (error code always 0) */
EXCEPTION 9		/* coprocessor segment overrun */
EXCEPTION_ERROR 10	/* invalid TSS */
EXCEPTION_ERROR 11	/* segment not present */
EXCEPTION_ERROR 12	/* stack-segment fault */
EXCEPTION_ERROR 13	/* general protection */
EXCEPTION_ERROR 14	/* page fault */
EXCEPTION 15		/* reserved */
EXCEPTION 16		/* x87 floating-point */
EXCEPTION_ERROR 17	/* alignment check */
EXCEPTION_FATAL 18, 0	/* machine check */
EXCEPTION 19		/* SIMD floating-point */
EXCEPTION 20		/* virtualization */
EXCEPTION_ERROR 21	/* control protection */
EXCEPTION 22
EXCEPTION 23
EXCEPTION 24
EXCEPTION 25
EXCEPTION 26
EXCEPTION 27
EXCEPTION 28		/* hypervisor injection */
EXCEPTION_ERROR 29	/* VMM communication */
EXCEPTION_ERROR 30	/* security */
EXCEPTION 31

/*
 * Vectors 32-255 (PIC lines at 32-47, anything else is stray): 16-byte stubs in a row, so
 * idt.c finds vector v at irq_stubs + (v - 32) * IRQ_STUB_SIZE.
 */
	.p2align 4
	.globl irq_stubs
irq_stubs:
	.set vec, FIRST_IRQ_VECTOR
	.rept 256 - FIRST_IRQ_VECTOR
	.p2align 4
	pushq $0
	pushq $vec
	jmp entry_common
	.set vec, vec + 1
	.endr
	/* Fails to assemble ("moving .org backwards") if a stub outgrew 16 bytes. */
	.org irq_stubs + (256 - FIRST_IRQ_VECTOR) * 16

/*
 * Common part of vectors 0-255 except the fatal ones. The stack holds vector, error code and
 * the CPU's frame: cs is at 24(%rsp).
 */
entry_common:
	testb $3, 24(%rsp)
	jz from_kernel
	/* From user mode: rsp is inside the current task's context. */
	PUSH_GPRS
	/*
	 * RFLAGS = just the always-one bit: DF clear for C, and AC clear, which an interrupt
	 * gate does not do (SYSCALL does, through SFMASK): with SMAP on, a task's AC would
	 * otherwise let the kernel touch user pages. POPF works on every CPU, CLAC only on
	 * those with SMAP.
	 */
	pushq $2
	popfq
	/*
	 * The CPU left SS null. On AMD CPUs SYSRETQ keeps SS's hidden attributes, so a null SS
	 * would reach user mode unusable: reload it here, where it goes null, and every SYSRETQ
	 * leaves with the kernel's (`syscall` loads it too).
	 */
	movl $GDT_KERNEL_DATA, %eax
	movl %eax, %ss
	movq %rsp, %rdi
	leaq kernel_stack_top(%rip), %rsp
	call trap_from_user
	ud2
from_kernel:
	cmpq $FIRST_IRQ_VECTOR, (%rsp)
	jb trap_common
	/* An interrupt that ended the idle loop: nothing to keep. */
	movq (%rsp), %rdi
	leaq kernel_stack_top(%rip), %rsp
	call interrupt_from_idle
	ud2

/* A kernel fault: saves the registers where the fault happened and reports (trap.c). */
trap_common:
	PUSH_GPRS
	cld
	movq %rsp, %rdi
	call trap_handler
	POP_GPRS
	addq $16, %rsp		/* vector and error code */
	iretq

/*
 * What `syscall` leaves: rcx = user rip, r11 = user rflags, rsp still the user's; SFMASK
 * cleared IF, DF, TF and AC. Stores the CPU's part of an interrupt frame in the current task's
 * context (rsp, rflags, rip) and leaves rsp at its rip. The ss and cs slots are not written:
 * SYSRETQ takes the selectors from STAR, and enter_user writes both before any IRETQ.
 */
.macro SYSCALL_FRAME
	movq %rsp, syscall_user_rsp(%rip)
	movq kernel_tss + TSS_RSP0(%rip), %rsp
	subq $8, %rsp		/* ss */
	pushq syscall_user_rsp(%rip)
	movq %r11, -8(%rsp)	/* rflags */
	movq %rcx, -24(%rsp)	/* rip (below cs) */
	subq $24, %rsp
.endm

/* Asks the IPC fastpath function `fn`: the context it returns (another task's, whose state
 * is not loaded) is entered; NULL (declined) goes on to the slow path. */
.macro FASTPATH fn
	call \fn
	movq %rax, %rdi
	testq %rax, %rax
	jnz enter_user
.endm

/*
 * `syscall` from 64-bit mode: the frame, then the IPC fastpath for CALL and REPLYRECV before
 * the slow path: kernel_syscall, then kernel_exit for the task to enter. Both return, so the
 * callee-saved registers (rbx, rbp, r12-r15) still hold the caller's values when the task to
 * enter is the caller itself (TSS.rsp0 still points past its frame: switch.c), with its frame
 * untouched (sysret_ok: nothing rewrote its registers): then only the registers C may have
 * changed are reloaded, the results among them, and SYSRETQ returns. Anything else goes to
 * enter_user (switch.c) with the whole context; no task at all, to idle_wait.
 */
	.p2align 4
	.globl syscall_entry
syscall_entry:
	SYSCALL_FRAME
	subq $16, %rsp		/* error code and vector: only traps read them */
	PUSH_GPRS
	movb $1, CONTEXT_SYSRET_OK(%rsp)
	leaq kernel_stack_top(%rip), %rsp
	cmpq $HELIOS_SYS_CALL, %rax
	je 1f
	cmpq $HELIOS_SYS_REPLYRECV, %rax
	je 2f
syscall_slow_path:
	call kernel_syscall
	call kernel_exit
	testq %rax, %rax
	jz idle_wait
	leaq FRAME_SIZE(%rax), %rcx
	cmpq %rcx, kernel_tss + TSS_RSP0(%rip)
	jne 3f
	cmpb $0, CONTEXT_SYSRET_OK(%rax)
	je 3f
	movq %rax, %rdi
	jmp sysret_scratch
3:	movq %rax, %rdi
	jmp enter_user
1:	FASTPATH kernel_fastpath_call
	jmp syscall_slow_path
2:	FASTPATH kernel_fastpath_replyrecv
	jmp syscall_slow_path

/*
 * `syscall` from compatibility mode (MSR_CSTAR). No task can get there (no 32-bit code
 * segment exists: gdt.c), but should one, its syscall is an invalid instruction: a #UD fault
 * at the `syscall` (2 bytes before rcx), delivered like any other. rcx holds a 32-bit rip, so
 * the frame is canonical; the return is by IRETQ (trap_from_user clears sysret_ok) to 64-bit
 * code.
 */
	.p2align 4
	.globl syscall_compat_entry
syscall_compat_entry:
	subq $2, %rcx
	SYSCALL_FRAME
	pushq $0		/* error code */
	pushq $VECTOR_INVALID_OPCODE
	PUSH_GPRS
	movq %rsp, %rdi
	leaq kernel_stack_top(%rip), %rsp
	call trap_from_user
	ud2

/*
 * arch_enter_user(ctx) (arch.h): the context user mode was last entered with (TSS.rsp0
 * points past its frame: switch.c), back from a syscall with its frame untouched (sysret_ok),
 * leaves by SYSRETQ at once: its FPU state, bases and entry stack are loaded. Anything else
 * goes to enter_user (switch.c), which loads them first.
 */
	.globl arch_enter_user
arch_enter_user:
	leaq FRAME_SIZE(%rdi), %rax
	cmpq %rax, kernel_tss + TSS_RSP0(%rip)
	jne enter_user
	cmpb $0, CONTEXT_SYSRET_OK(%rdi)
	jne context_sysret
	jmp enter_user

/* context_iret(ctx): returns to user mode with every register of the context. */
	.globl context_iret
context_iret:
	movq %rdi, %rsp
	POP_GPRS
	addq $16, %rsp		/* vector and error code */
	iretq

/*
 * context_sysret(ctx): the fast way back after a syscall (ctx->sysret_ok). SYSRETQ takes rip
 * from rcx and rflags from r11, which `syscall` destroyed anyway. SS holds the kernel's
 * selector (see entry_common).
 */
	.globl context_sysret
context_sysret:
	movq FRAME_R15(%rdi), %r15
	movq FRAME_R14(%rdi), %r14
	movq FRAME_R13(%rdi), %r13
	movq FRAME_R12(%rdi), %r12
	movq FRAME_RBP(%rdi), %rbp
	movq FRAME_RBX(%rdi), %rbx
/* The registers C may change (the syscall stub's way back to its caller enters here). */
sysret_scratch:
	movq FRAME_RIP(%rdi), %rcx
	movq FRAME_RFLAGS(%rdi), %r11
	movq FRAME_R10(%rdi), %r10
	movq FRAME_R9(%rdi), %r9
	movq FRAME_R8(%rdi), %r8
	movq FRAME_RSI(%rdi), %rsi
	movq FRAME_RDX(%rdi), %rdx
	movq FRAME_RAX(%rdi), %rax
	movq FRAME_RSP(%rdi), %rsp
	movq FRAME_RDI(%rdi), %rdi
	sysretq

/* Waits for an interrupt with interrupts on; the interrupt resets the stack (from_kernel). */
	.globl idle_wait
idle_wait:
	sti
	hlt
	jmp idle_wait

/* Calls exit_to_user (switch.c) at the top of the kernel stack, dropping every frame below. */
	.globl exit_on_fresh_stack
exit_on_fresh_stack:
	leaq kernel_stack_top(%rip), %rsp
	call exit_to_user
	ud2

	.section .rodata
	.p2align 3
	.globl exception_stubs
exception_stubs:
	.quad exception_0, exception_1, exception_2, exception_3
	.quad exception_4, exception_5, exception_6, exception_7
	.quad exception_8, exception_9, exception_10, exception_11
	.quad exception_12, exception_13, exception_14, exception_15
	.quad exception_16, exception_17, exception_18, exception_19
	.quad exception_20, exception_21, exception_22, exception_23
	.quad exception_24, exception_25, exception_26, exception_27
	.quad exception_28, exception_29, exception_30, exception_31

	.bss
	.p2align 3
/* The user rsp between `syscall` and the first push: single CPU, interrupts off. */
syscall_user_rsp:
	.quad 0
