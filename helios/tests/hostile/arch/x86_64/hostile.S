/*
 * The hostile suite's x86_64 instructions (hostile_arch.h, cpu_state_test.c): attacks that
 * only an instruction can make, each a function a test runs in a thread of its own.
 */
#include <helios/abi.h>

	.text

/* void hostile_clobber_tls(void): FS = the user data selector, so FS's base becomes 0. */
	.globl hostile_clobber_tls
	.type hostile_clobber_tls, @function
hostile_clobber_tls:
	movl	$0x23, %eax
	movl	%eax, %fs
	ret
	.size hostile_clobber_tls, . - hostile_clobber_tls

/* hostile_landing (hostile_arch.h), after two bytes that fault if run (ud2). */
	.p2align 4
	ud2
	.globl hostile_landing
	.type hostile_landing, @function
hostile_landing:
	movq	%rax, hostile_landing_result(%rip)
	movl	$HELIOS_SYS_SIGNAL, %eax
	movq	hostile_landing_signal(%rip), %rdi
	syscall
1:	movl	$HELIOS_SYS_YIELD, %eax	/* forever: the test deletes the task */
	syscall
	jmp	1b
	.size hostile_landing, . - hostile_landing

/* int hostile_jump(void *target) */
	.globl hostile_jump
	.type hostile_jump, @function
hostile_jump:
	jmp	*%rdi
	.size hostile_jump, . - hostile_jump

/* int hostile_load_fs(void *selector): loads FS with the selector, then reads %fs:0. */
	.globl hostile_load_fs
	.type hostile_load_fs, @function
hostile_load_fs:
	movl	%edi, %eax
	movl	%eax, %fs
	movq	%fs:0, %rax
	xorl	%eax, %eax
	ret
	.size hostile_load_fs, . - hostile_load_fs

/* int hostile_far_jump(void *far_pointer): ljmp through a 32-bit offset and a selector. */
	.globl hostile_far_jump
	.type hostile_far_jump, @function
hostile_far_jump:
	ljmpl	*(%rdi)
	ud2
	.size hostile_far_jump, . - hostile_far_jump

/* int hostile_far_call(void *far_pointer): lcall through a 32-bit offset and a selector. */
	.globl hostile_far_call
	.type hostile_far_call, @function
hostile_far_call:
	lcalll	*(%rdi)
	xorl	%eax, %eax
	ret
	.size hostile_far_call, . - hostile_far_call

/*
 * hostile_compat_syscall: 32-bit code, for a far jump into a 32-bit code segment: a
 * `syscall` from compatibility mode, then an undefined instruction.
 */
	.code32
	.globl hostile_compat_syscall
	.type hostile_compat_syscall, @function
hostile_compat_syscall:
	syscall
	ud2
	.size hostile_compat_syscall, . - hostile_compat_syscall
	.code64

/*
 * int hostile_step_into_syscall(void *arg): sets the trap flag, reloads SS and makes a
 * `syscall` (yield) in the shadow of the MOV SS, where a pending single-step or data
 * breakpoint trap is held until after the next instruction: on hardware that delivers it in
 * ring 0 at the syscall entry (CVE-2018-8897), with the user's rsp still loaded.
 */
	.globl hostile_step_into_syscall
	.type hostile_step_into_syscall, @function
hostile_step_into_syscall:
	pushfq
	orq	$0x100, (%rsp)		/* TF */
	movl	%ss, %ecx
	popfq
	movl	%ecx, %ss
	movl	$HELIOS_SYS_YIELD, %eax
	syscall
	pushfq
	andq	$~0x100, (%rsp)
	popfq
	xorl	%eax, %eax
	ret
	.size hostile_step_into_syscall, . - hostile_step_into_syscall

/* The descriptor-table instructions UMIP takes from user mode: each stores into *arg. */
	.globl hostile_sgdt
hostile_sgdt:
	sgdt	(%rdi)
	xorl	%eax, %eax
	ret
	.globl hostile_sidt
hostile_sidt:
	sidt	(%rdi)
	xorl	%eax, %eax
	ret
	.globl hostile_sldt
hostile_sldt:
	sldt	(%rdi)
	xorl	%eax, %eax
	ret
	.globl hostile_str
hostile_str:
	str	(%rdi)
	xorl	%eax, %eax
	ret
	.globl hostile_smsw
hostile_smsw:
	smsw	(%rdi)
	xorl	%eax, %eax
	ret
