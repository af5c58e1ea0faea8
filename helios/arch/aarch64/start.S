/*
 * Kernel entry. The loader enters at EL1 with the MMU on, DAIF masked and x0 = the boot
 * info's virtual address; SP is undefined, so set our own first.
 */

#define BOOT_STACK_SIZE 16384

	.section .bss.stack, "aw", %nobits
	.balign 16
/* The boot stack, then the stack of every entry into the kernel (vectors.S). */
boot_stack:
	.skip BOOT_STACK_SIZE
	.global kernel_stack_top
kernel_stack_top:

	.section .text.entry, "ax"
	.global _start
	.type _start, %function
_start:
	adrp	x1, kernel_stack_top
	add	x1, x1, :lo12:kernel_stack_top
	mov	sp, x1
	mov	x29, xzr		/* end of the frame-pointer chain */
	mov	x30, xzr
	bl	kernel_main		/* x0 is still the boot info */
1:	msr	daifset, #0xf
	wfi
	b	1b
	.size _start, . - _start
