/*
 * Entry stubs for the 32 CPU exception vectors. Each stub makes the stack look the same
 * (pushing 0 where the CPU pushes no error code), pushes its vector number and jumps to
 * trap_common, which saves the general registers and calls trap_handler with a pointer to the
 * resulting struct trap_frame (trap.h). The CPU aligns the stack to 16 bytes before pushing
 * its frame, and 22 words keep it aligned for the call.
 */

/* A vector for which the CPU pushes no error code. */
.macro TRAP_NO_ERROR vec
trap_vector_\vec:
	pushq $0
	pushq $\vec
	jmp trap_common
.endm

/* A vector for which the CPU pushes an error code. */
.macro TRAP_ERROR vec
trap_vector_\vec:
	pushq $\vec
	jmp trap_common
.endm

	.text
TRAP_NO_ERROR 0		/* divide error */
TRAP_NO_ERROR 1		/* debug */
TRAP_NO_ERROR 2		/* non-maskable interrupt */
TRAP_NO_ERROR 3		/* breakpoint */
TRAP_NO_ERROR 4		/* overflow */
TRAP_NO_ERROR 5		/* bound range exceeded */
TRAP_NO_ERROR 6		/* invalid opcode */
TRAP_NO_ERROR 7		/* device not available */
TRAP_ERROR 8		/* double fault (always 0) */
TRAP_NO_ERROR 9		/* coprocessor segment overrun */
TRAP_ERROR 10		/* invalid TSS */
TRAP_ERROR 11		/* segment not present */
TRAP_ERROR 12		/* stack-segment fault */
TRAP_ERROR 13		/* general protection */
TRAP_ERROR 14		/* page fault */
TRAP_NO_ERROR 15	/* reserved */
TRAP_NO_ERROR 16	/* x87 floating-point */
TRAP_ERROR 17		/* alignment check */
TRAP_NO_ERROR 18	/* machine check */
TRAP_NO_ERROR 19	/* SIMD floating-point */
TRAP_NO_ERROR 20	/* virtualization */
TRAP_ERROR 21		/* control protection */
TRAP_NO_ERROR 22
TRAP_NO_ERROR 23
TRAP_NO_ERROR 24
TRAP_NO_ERROR 25
TRAP_NO_ERROR 26
TRAP_NO_ERROR 27
TRAP_NO_ERROR 28	/* hypervisor injection */
TRAP_ERROR 29		/* VMM communication */
TRAP_ERROR 30		/* security */
TRAP_NO_ERROR 31

/* Saves the general registers in struct trap_frame order and hands the frame to C. */
trap_common:
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
	cld
	movq %rsp, %rdi
	call trap_handler
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
	addq $16, %rsp		/* vector and error code */
	iretq

	.section .rodata
	.p2align 3
	.globl trap_vectors
trap_vectors:
	.quad trap_vector_0, trap_vector_1, trap_vector_2, trap_vector_3
	.quad trap_vector_4, trap_vector_5, trap_vector_6, trap_vector_7
	.quad trap_vector_8, trap_vector_9, trap_vector_10, trap_vector_11
	.quad trap_vector_12, trap_vector_13, trap_vector_14, trap_vector_15
	.quad trap_vector_16, trap_vector_17, trap_vector_18, trap_vector_19
	.quad trap_vector_20, trap_vector_21, trap_vector_22, trap_vector_23
	.quad trap_vector_24, trap_vector_25, trap_vector_26, trap_vector_27
	.quad trap_vector_28, trap_vector_29, trap_vector_30, trap_vector_31
