/*
 * The hostile suite's aarch64 instructions (hostile_arch.h, cpu_state_test.c): attacks that
 * only an instruction can make, each a function a test runs in a thread of its own.
 */
#include <helios/abi.h>

	.text

/* void hostile_clobber_tls(void) */
	.globl hostile_clobber_tls
	.type hostile_clobber_tls, %function
hostile_clobber_tls:
	msr	tpidr_el0, xzr
	ret
	.size hostile_clobber_tls, . - hostile_clobber_tls

/* hostile_landing (hostile_arch.h), after four bytes that fault if run (udf). */
	.p2align 4
	udf	#0
	.globl hostile_landing
	.type hostile_landing, %function
hostile_landing:
	adrp	x1, hostile_landing_result
	str	x0, [x1, :lo12:hostile_landing_result]
	adrp	x1, hostile_landing_signal
	ldr	x1, [x1, :lo12:hostile_landing_signal]
	mov	x0, #HELIOS_SYS_SIGNAL
	svc	#0
1:	mov	x0, #HELIOS_SYS_YIELD	/* forever: the test deletes the task */
	svc	#0
	b	1b
	.size hostile_landing, . - hostile_landing

/* int hostile_jump(void *target) */
	.globl hostile_jump
	.type hostile_jump, %function
hostile_jump:
	br	x0
	.size hostile_jump, . - hostile_jump

/* The EL1 registers that would tell user mode where the kernel is: each read is undefined at
 * EL0 (the counterparts of x86_64's SGDT and SIDT under UMIP). */
	.globl hostile_read_vbar
hostile_read_vbar:
	mrs	x0, vbar_el1
	ret
	.globl hostile_read_ttbr1
hostile_read_ttbr1:
	mrs	x0, ttbr1_el1
	ret
	.globl hostile_read_tpidr_el1
hostile_read_tpidr_el1:
	mrs	x0, tpidr_el1
	ret
