/*
 * Assembly the tests need on aarch64 (ktest.h): code that controls every register (syscall
 * register preservation, a task entry point that records the registers it starts with, vector
 * register state) and the instructions the fault tests fault on.
 */

#define SYS_SIGNAL 9
#define SYS_YIELD 13

	.text

/* The fault triggers: int fn(void *arg) each, faulting at its _ip label. */
	.globl kt_fault_read, kt_fault_read_ip
	.type kt_fault_read, %function
kt_fault_read:
kt_fault_read_ip:
	ldr	x0, [x0]
	ret
	.size kt_fault_read, . - kt_fault_read

	.globl kt_fault_invalid_opcode, kt_fault_invalid_opcode_ip
	.type kt_fault_invalid_opcode, %function
kt_fault_invalid_opcode:
	mov	x0, #0
kt_fault_invalid_opcode_ip:
	udf	#0
	ret
	.size kt_fault_invalid_opcode, . - kt_fault_invalid_opcode

	.globl kt_fault_breakpoint, kt_fault_breakpoint_ip
	.type kt_fault_breakpoint, %function
kt_fault_breakpoint:
kt_fault_breakpoint_ip:
	brk	#0
	mov	x0, #9
	ret
	.size kt_fault_breakpoint, . - kt_fault_breakpoint

/* Masking interrupts: trapped at EL0 (SCTLR_EL1.UMA = 0). */
	.globl kt_fault_privileged, kt_fault_privileged_ip
	.type kt_fault_privileged, %function
kt_fault_privileged:
	mov	x0, #0
kt_fault_privileged_ip:
	msr	daifset, #2
	ret
	.size kt_fault_privileged, . - kt_fault_privileged

/* An EL1 register named at EL0: undefined. */
	.globl kt_fault_system_register
	.type kt_fault_system_register, %function
kt_fault_system_register:
	mrs	x0, sctlr_el1
	ret
	.size kt_fault_system_register, . - kt_fault_system_register

/* x<n> = n << 48 | 0xc0de: a value no register holds by chance. */
.macro pattern n
	movz	x\n, #\n, lsl #48
	movk	x\n, #0xc0de
.endm

/* Sets bit n of x2 if x<n> lost its pattern (x1: scratch, x3: scratch). */
.macro check n
	movz	x1, #\n, lsl #48
	movk	x1, #0xc0de
	cmp	x\n, x1
	cset	x3, ne
	orr	x2, x2, x3, lsl #\n
.endm

/*
 * uint64_t kt_syscall_preserves(uint64_t number, uint64_t caddr): makes one syscall with
 * known values in x7-x30, NZCV and v0-v31, and returns a mask of what changed: bit n for xn,
 * bit 31 sp, bit 32 NZCV, bit 33 a vector register.
 */
	.globl kt_syscall_preserves
	.type kt_syscall_preserves, %function
kt_syscall_preserves:
	stp	x29, x30, [sp, #-160]!
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	stp	d8, d9, [sp, #96]
	stp	d10, d11, [sp, #112]
	stp	d12, d13, [sp, #128]
	stp	d14, d15, [sp, #144]
	adrp	x9, saved_sp
	mov	x10, sp
	str	x10, [x9, :lo12:saved_sp]
	/* v<n> = bytes of n + 1 */
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	movi	v\n\().16b, #(\n + 1)
	.endr
	.irp n, 7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
	pattern \n
	.endr
	mov	x2, #0
	mov	x3, #0
	mov	x4, #0
	mov	x5, #0
	mov	x6, #0
	mov	x10, #0xa0000000	/* N and C */
	msr	nzcv, x10
	movz	x10, #10, lsl #48
	movk	x10, #0xc0de
	svc	#0
	mrs	x4, nzcv
	mov	x2, #0
	.irp n, 7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
	check \n
	.endr
	mov	x1, #0xa0000000
	cmp	x4, x1
	cset	x3, ne
	orr	x2, x2, x3, lsl #32
	adrp	x1, saved_sp
	ldr	x1, [x1, :lo12:saved_sp]
	mov	x3, sp
	cmp	x1, x3
	cset	x3, ne
	orr	x2, x2, x3, lsl #31
	mov	sp, x1
	/* Every byte of v<n> must still be n + 1. */
	adrp	x9, vectors_after
	add	x9, x9, :lo12:vectors_after
	mov	x10, x9
	st1	{v0.16b, v1.16b, v2.16b, v3.16b}, [x10], #64
	st1	{v4.16b, v5.16b, v6.16b, v7.16b}, [x10], #64
	st1	{v8.16b, v9.16b, v10.16b, v11.16b}, [x10], #64
	st1	{v12.16b, v13.16b, v14.16b, v15.16b}, [x10], #64
	st1	{v16.16b, v17.16b, v18.16b, v19.16b}, [x10], #64
	st1	{v20.16b, v21.16b, v22.16b, v23.16b}, [x10], #64
	st1	{v24.16b, v25.16b, v26.16b, v27.16b}, [x10], #64
	st1	{v28.16b, v29.16b, v30.16b, v31.16b}, [x10], #64
	mov	x10, #0
1:	ldrb	w11, [x9, x10]
	lsr	x12, x10, #4
	add	x12, x12, #1
	cmp	x11, x12
	b.ne	2f
	add	x10, x10, #1
	cmp	x10, #512
	b.lo	1b
	b	3f
2:	orr	x2, x2, #(1 << 33)
3:	mov	x0, x2
	ldp	d14, d15, [sp, #144]
	ldp	d12, d13, [sp, #128]
	ldp	d10, d11, [sp, #112]
	ldp	d8, d9, [sp, #96]
	ldp	x27, x28, [sp, #80]
	ldp	x25, x26, [sp, #64]
	ldp	x23, x24, [sp, #48]
	ldp	x21, x22, [sp, #32]
	ldp	x19, x20, [sp, #16]
	ldp	x29, x30, [sp], #160
	ret
	.size kt_syscall_preserves, . - kt_syscall_preserves

/*
 * kt_regs_entry: where a task started with TASK_WRITE_REGISTERS begins. Stores every general
 * register as it found it into kt_regs_seen (struct helios_regs order; pc left out, pstate
 * replaced by NZCV, tpidr_el0 as read), signals the notification in kt_regs_signal and then
 * yields forever (the test deletes it). It uses 16 bytes below sp, given back at once.
 */
	.globl kt_regs_entry
	.type kt_regs_entry, %function
kt_regs_entry:
	stp	x0, x1, [sp, #-16]!
	adrp	x0, kt_regs_seen
	add	x0, x0, :lo12:kt_regs_seen
	stp	x2, x3, [x0, #(24 + 8 * 2)]
	stp	x4, x5, [x0, #(24 + 8 * 4)]
	stp	x6, x7, [x0, #(24 + 8 * 6)]
	stp	x8, x9, [x0, #(24 + 8 * 8)]
	stp	x10, x11, [x0, #(24 + 8 * 10)]
	stp	x12, x13, [x0, #(24 + 8 * 12)]
	stp	x14, x15, [x0, #(24 + 8 * 14)]
	stp	x16, x17, [x0, #(24 + 8 * 16)]
	stp	x18, x19, [x0, #(24 + 8 * 18)]
	stp	x20, x21, [x0, #(24 + 8 * 20)]
	stp	x22, x23, [x0, #(24 + 8 * 22)]
	stp	x24, x25, [x0, #(24 + 8 * 24)]
	stp	x26, x27, [x0, #(24 + 8 * 26)]
	stp	x28, x29, [x0, #(24 + 8 * 28)]
	str	x30, [x0, #(24 + 8 * 30)]
	ldp	x2, x3, [sp], #16
	stp	x2, x3, [x0, #24]
	mov	x2, sp
	str	x2, [x0, #8]
	mrs	x2, nzcv
	str	x2, [x0, #16]
	mrs	x2, tpidr_el0
	str	x2, [x0, #(24 + 8 * 31)]
	adrp	x1, kt_regs_signal
	ldr	x1, [x1, :lo12:kt_regs_signal]
	mov	x0, #SYS_SIGNAL
	svc	#0
1:	mov	x0, #SYS_YIELD		/* forever: the test deletes the task */
	svc	#0
	b	1b
	.size kt_regs_entry, . - kt_regs_entry

/*
 * void kt_vector_roundtrip(const uint8_t in[512], uint8_t out[512], uint64_t syscalls,
 *                          uint64_t spins): loads v0-v31 from in (KT_VECTOR_BYTES), makes
 * `syscalls` yields and spins `spins` times, then stores v0-v31 to out. Syscalls keep x9-x15.
 */
	.globl kt_vector_roundtrip
	.type kt_vector_roundtrip, %function
kt_vector_roundtrip:
	stp	d8, d9, [sp, #-64]!
	stp	d10, d11, [sp, #16]
	stp	d12, d13, [sp, #32]
	stp	d14, d15, [sp, #48]
	mov	x9, x1
	mov	x10, x2
	mov	x11, x3
	ld1	{v0.16b, v1.16b, v2.16b, v3.16b}, [x0], #64
	ld1	{v4.16b, v5.16b, v6.16b, v7.16b}, [x0], #64
	ld1	{v8.16b, v9.16b, v10.16b, v11.16b}, [x0], #64
	ld1	{v12.16b, v13.16b, v14.16b, v15.16b}, [x0], #64
	ld1	{v16.16b, v17.16b, v18.16b, v19.16b}, [x0], #64
	ld1	{v20.16b, v21.16b, v22.16b, v23.16b}, [x0], #64
	ld1	{v24.16b, v25.16b, v26.16b, v27.16b}, [x0], #64
	ld1	{v28.16b, v29.16b, v30.16b, v31.16b}, [x0], #64
1:	cbz	x10, 2f
	sub	x10, x10, #1
	mov	x0, #SYS_YIELD
	svc	#0
	b	1b
2:	cbz	x11, 3f
	sub	x11, x11, #1
	yield
	b	2b
3:	st1	{v0.16b, v1.16b, v2.16b, v3.16b}, [x9], #64
	st1	{v4.16b, v5.16b, v6.16b, v7.16b}, [x9], #64
	st1	{v8.16b, v9.16b, v10.16b, v11.16b}, [x9], #64
	st1	{v12.16b, v13.16b, v14.16b, v15.16b}, [x9], #64
	st1	{v16.16b, v17.16b, v18.16b, v19.16b}, [x9], #64
	st1	{v20.16b, v21.16b, v22.16b, v23.16b}, [x9], #64
	st1	{v24.16b, v25.16b, v26.16b, v27.16b}, [x9], #64
	st1	{v28.16b, v29.16b, v30.16b, v31.16b}, [x9], #64
	ldp	d14, d15, [sp, #48]
	ldp	d12, d13, [sp, #32]
	ldp	d10, d11, [sp, #16]
	ldp	d8, d9, [sp], #64
	ret
	.size kt_vector_roundtrip, . - kt_vector_roundtrip

	.bss
	.balign 16
saved_sp:
	.quad 0
	.quad 0
vectors_after:
	.zero 512
	.globl kt_regs_seen
	.balign 8
kt_regs_seen:
	.zero 280
	.globl kt_regs_signal
kt_regs_signal:
	.quad 0

	.section .note.GNU-stack, "", %progbits
