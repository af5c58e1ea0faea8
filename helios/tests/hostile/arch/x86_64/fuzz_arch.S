/*
 * The fuzzer's puppet loop on x86_64 (fuzz.h): one syscall, over and over, as the registers
 * say: rbx = number, rbp = caddr, r12 = tag, r13-r15 = parameters 0-2, parameter 3 at (%rsp).
 * After each, the turn is counted at 8(%rsp) and the CPU given up (yield), so that a puppet
 * whose syscall never blocks takes no more than its turn. Copied to a page of its own, so it
 * uses nothing outside itself.
 */
#include <helios/abi.h>

	.text
	.globl fuzz_puppet_code, fuzz_puppet_code_end
fuzz_puppet_code:
1:	movq	%rbx, %rax
	movq	%rbp, %rdi
	movq	%r12, %rsi
	movq	%r13, %rdx
	movq	%r14, %r10
	movq	%r15, %r8
	movq	(%rsp), %r9
	syscall
	incq	8(%rsp)
	movl	$HELIOS_SYS_YIELD, %eax
	syscall
	jmp	1b
fuzz_puppet_code_end:
