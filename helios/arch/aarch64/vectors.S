/*
 * The exception vector table (VBAR_EL1): 16 entries of 128 bytes, four groups of four
 * (synchronous, IRQ, FIQ, SError) for: current EL with SP_EL0, current EL with SP_ELx,
 * lower EL in AArch64, lower EL in AArch32. Every entry saves the general registers and the
 * exception registers in a struct trap_frame (trap.c) on the stack and calls trap_handler,
 * which does not return: nothing in the kernel expects an exception yet.
 */

#define FRAME_SIZE 304 /* sizeof(struct trap_frame), a multiple of 16 */
#define FRAME_SP 248
#define FRAME_ELR 256
#define FRAME_ESR 272
#define FRAME_VECTOR 288

.macro vector_entry index
	.balign 128
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #0]
	mov	x0, #\index
	b	exception_common
.endm

	.text
	.balign 2048
	.global exception_vectors
exception_vectors:
	vector_entry 0
	vector_entry 1
	vector_entry 2
	vector_entry 3
	vector_entry 4
	vector_entry 5
	vector_entry 6
	vector_entry 7
	vector_entry 8
	vector_entry 9
	vector_entry 10
	vector_entry 11
	vector_entry 12
	vector_entry 13
	vector_entry 14
	vector_entry 15

/* x0 = vector index; x0 and x1 of the interrupted code are already at [sp]. */
exception_common:
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
