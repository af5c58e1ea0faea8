/*
 * Program entry (x86_64). The kernel starts init with rdi = its struct helios_init_info and
 * rsp at the top of its stack (HELIOS_INIT_STACK_TOP, 16-byte aligned), every other register
 * zero. The top RT_TCB_RESERVE bytes of the stack region are the thread's struct rt_tcb
 * (rt.h), so the stack starts below them; rt_start (start.c) does the rest and never returns.
 */
#include <helios/rt/rt.h>

	.text
	.globl _start
	.type _start, @function
_start:
	xor	%ebp, %ebp		/* the end of the frame chain */
	/* rsp = top of the stack region - RT_TCB_RESERVE, even if rsp was a little lower. */
	lea	-1(%rsp), %rax
	or	$(RT_STACK_REGION - 1), %rax
	lea	1 - RT_TCB_RESERVE(%rax), %rsp
	call	rt_start		/* rdi: the init info, untouched */
	ud2
	.size _start, . - _start

	.section .note.GNU-stack, "", @progbits
