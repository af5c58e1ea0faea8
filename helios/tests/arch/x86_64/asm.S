/*
 * Assembly the tests need on x86_64 (ktest.h): code that controls every register (syscall
 * register preservation, a task entry point that records the registers it starts with, vector
 * register state) and the instructions the fault tests fault on.
 */

	.text

/* The fault triggers: int fn(void *arg) each, faulting at its _ip label. */
	.globl kt_fault_read, kt_fault_read_ip
	.type kt_fault_read, @function
kt_fault_read:
kt_fault_read_ip:
	mov	(%rdi), %rax
	ret
	.size kt_fault_read, . - kt_fault_read

	.globl kt_fault_invalid_opcode, kt_fault_invalid_opcode_ip
	.type kt_fault_invalid_opcode, @function
kt_fault_invalid_opcode:
	xor	%eax, %eax
kt_fault_invalid_opcode_ip:
	ud2
	ret
	.size kt_fault_invalid_opcode, . - kt_fault_invalid_opcode

	.globl kt_fault_breakpoint, kt_fault_breakpoint_ip
	.type kt_fault_breakpoint, @function
kt_fault_breakpoint:
kt_fault_breakpoint_ip:
	int3
	mov	$9, %eax
	ret
	.size kt_fault_breakpoint, . - kt_fault_breakpoint

	.globl kt_fault_privileged, kt_fault_privileged_ip
	.type kt_fault_privileged, @function
kt_fault_privileged:
	xor	%eax, %eax
kt_fault_privileged_ip:
	hlt
	ret
	.size kt_fault_privileged, . - kt_fault_privileged

	.globl kt_fault_system_register
	.type kt_fault_system_register, @function
kt_fault_system_register:
	mov	%cr3, %rax
	ret
	.size kt_fault_system_register, . - kt_fault_system_register

/*
 * uint64_t kt_syscall_preserves(uint64_t number, uint64_t caddr): makes one syscall with
 * known values in rbx, rbp, r12-r15 and returns a mask of those that changed (bit 0 rbx,
 * 1 rbp, 2-5 r12-r15, 6 rsp).
 */
	.globl kt_syscall_preserves
	.type kt_syscall_preserves, @function
kt_syscall_preserves:
	push	%rbx
	push	%rbp
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	mov	%rsp, saved_rsp(%rip)
	mov	%rdi, %rax
	mov	%rsi, %rdi
	xor	%esi, %esi
	xor	%edx, %edx
	xor	%r10d, %r10d
	xor	%r8d, %r8d
	xor	%r9d, %r9d
	movabs	$0x1111111111111111, %rbx
	movabs	$0x2222222222222222, %rbp
	movabs	$0x3333333333333333, %r12
	movabs	$0x4444444444444444, %r13
	movabs	$0x5555555555555555, %r14
	movabs	$0x6666666666666666, %r15
	syscall
	xor	%eax, %eax
	movabs	$0x1111111111111111, %rcx
	cmp	%rcx, %rbx
	je	1f
	or	$1, %eax
1:	movabs	$0x2222222222222222, %rcx
	cmp	%rcx, %rbp
	je	2f
	or	$2, %eax
2:	movabs	$0x3333333333333333, %rcx
	cmp	%rcx, %r12
	je	3f
	or	$4, %eax
3:	movabs	$0x4444444444444444, %rcx
	cmp	%rcx, %r13
	je	4f
	or	$8, %eax
4:	movabs	$0x5555555555555555, %rcx
	cmp	%rcx, %r14
	je	5f
	or	$16, %eax
5:	movabs	$0x6666666666666666, %rcx
	cmp	%rcx, %r15
	je	6f
	or	$32, %eax
6:	cmp	saved_rsp(%rip), %rsp
	je	7f
	or	$64, %eax
	mov	saved_rsp(%rip), %rsp
7:	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbp
	pop	%rbx
	ret
	.size kt_syscall_preserves, . - kt_syscall_preserves

/*
 * kt_regs_entry: where a task started with TASK_WRITE_REGISTERS begins. Stores every general
 * register as it found it into kt_regs_seen (struct helios_regs order; rip and rflags left
 * out, fs_base replaced by the word at %fs:0), signals the notification in kt_regs_signal and
 * then yields forever (the test deletes it). It needs no stack.
 */
	.globl kt_regs_entry
	.type kt_regs_entry, @function
kt_regs_entry:
	mov	%rsp, kt_regs_seen + 8(%rip)
	mov	%rax, kt_regs_seen + 24(%rip)
	mov	%rbx, kt_regs_seen + 32(%rip)
	mov	%rcx, kt_regs_seen + 40(%rip)
	mov	%rdx, kt_regs_seen + 48(%rip)
	mov	%rsi, kt_regs_seen + 56(%rip)
	mov	%rdi, kt_regs_seen + 64(%rip)
	mov	%rbp, kt_regs_seen + 72(%rip)
	mov	%r8, kt_regs_seen + 80(%rip)
	mov	%r9, kt_regs_seen + 88(%rip)
	mov	%r10, kt_regs_seen + 96(%rip)
	mov	%r11, kt_regs_seen + 104(%rip)
	mov	%r12, kt_regs_seen + 112(%rip)
	mov	%r13, kt_regs_seen + 120(%rip)
	mov	%r14, kt_regs_seen + 128(%rip)
	mov	%r15, kt_regs_seen + 136(%rip)
	mov	%fs:0, %rax		/* fs_base points at a word holding itself */
	mov	%rax, kt_regs_seen + 144(%rip)
	mov	$9, %eax		/* HELIOS_SYS_SIGNAL */
	mov	kt_regs_signal(%rip), %edi
	syscall
8:	mov	$13, %eax		/* HELIOS_SYS_YIELD, forever: the test deletes the task */
	syscall
	jmp	8b
	.size kt_regs_entry, . - kt_regs_entry

/*
 * void kt_vector_roundtrip(const uint8_t in[256], uint8_t out[256], uint64_t syscalls,
 *                          uint64_t spins): loads xmm0-xmm15 from in (KT_VECTOR_BYTES), makes
 * `syscalls` yields and spins `spins` times, then stores xmm0-xmm15 to out.
 */
	.globl kt_vector_roundtrip
	.type kt_vector_roundtrip, @function
kt_vector_roundtrip:
	push	%rbx
	push	%r12
	push	%r13
	mov	%rsi, %r12
	mov	%rdx, %rbx
	mov	%rcx, %r13
	movdqu	0(%rdi), %xmm0
	movdqu	16(%rdi), %xmm1
	movdqu	32(%rdi), %xmm2
	movdqu	48(%rdi), %xmm3
	movdqu	64(%rdi), %xmm4
	movdqu	80(%rdi), %xmm5
	movdqu	96(%rdi), %xmm6
	movdqu	112(%rdi), %xmm7
	movdqu	128(%rdi), %xmm8
	movdqu	144(%rdi), %xmm9
	movdqu	160(%rdi), %xmm10
	movdqu	176(%rdi), %xmm11
	movdqu	192(%rdi), %xmm12
	movdqu	208(%rdi), %xmm13
	movdqu	224(%rdi), %xmm14
	movdqu	240(%rdi), %xmm15
1:	test	%rbx, %rbx
	jz	2f
	dec	%rbx
	mov	$13, %eax		/* HELIOS_SYS_YIELD */
	syscall
	jmp	1b
2:	test	%r13, %r13
	jz	3f
	dec	%r13
	pause
	jmp	2b
3:	movdqu	%xmm0, 0(%r12)
	movdqu	%xmm1, 16(%r12)
	movdqu	%xmm2, 32(%r12)
	movdqu	%xmm3, 48(%r12)
	movdqu	%xmm4, 64(%r12)
	movdqu	%xmm5, 80(%r12)
	movdqu	%xmm6, 96(%r12)
	movdqu	%xmm7, 112(%r12)
	movdqu	%xmm8, 128(%r12)
	movdqu	%xmm9, 144(%r12)
	movdqu	%xmm10, 160(%r12)
	movdqu	%xmm11, 176(%r12)
	movdqu	%xmm12, 192(%r12)
	movdqu	%xmm13, 208(%r12)
	movdqu	%xmm14, 224(%r12)
	movdqu	%xmm15, 240(%r12)
	pop	%r13
	pop	%r12
	pop	%rbx
	ret
	.size kt_vector_roundtrip, . - kt_vector_roundtrip

	.bss
	.align 8
saved_rsp:
	.quad 0
	.globl kt_regs_seen
kt_regs_seen:
	.zero 160
	.globl kt_regs_signal
kt_regs_signal:
	.quad 0

	.section .note.GNU-stack, "", @progbits
