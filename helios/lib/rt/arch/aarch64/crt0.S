/*
 * Program entry (aarch64). The kernel starts init with x0 = its struct helios_init_info and
 * sp at the top of its stack (HELIOS_INIT_STACK_TOP, 16-byte aligned), every other register
 * zero. The top RT_TCB_RESERVE bytes of the stack region are the thread's struct rt_tcb
 * (rt.h), so the stack starts below them; rt_start (start.c) does the rest and never returns.
 */
#include <helios/rt/rt.h>

	.text
	.globl _start
	.type _start, %function
_start:
	mov	x29, #0			/* the end of the frame chain */
	mov	x30, #0
	/* sp = top of the stack region - RT_TCB_RESERVE, even if sp was a little lower. */
	mov	x9, sp
	sub	x9, x9, #1
	orr	x9, x9, #(RT_STACK_REGION - 1)
	add	x9, x9, #1
	sub	sp, x9, #RT_TCB_RESERVE
	bl	rt_start		/* x0: the init info, untouched */
	udf	#0
	.size _start, . - _start

	.section .note.GNU-stack, "", %progbits
