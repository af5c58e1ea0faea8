/*
 * Kernel entry. The loader jumps here in long mode with interrupts off and rdi = the boot
 * info's virtual address; the stack it leaves is undefined, so switch to our own first.
 */

#define BOOT_STACK_SIZE 16384

/*
 * The boot stack is .bss (zero-filled, nothing in the file) but in a section of its own:
 * kernel.ld puts it in a segment of its own above an unmapped guard page, so running off its
 * end faults instead of overwriting data. It is also the kernel's only stack once tasks run:
 * every entry from user mode (entry.S) starts again at its top.
 */
	.section .bss.stack, "aw", @nobits
	.p2align 12
boot_stack:
	.skip BOOT_STACK_SIZE
	.globl kernel_stack_top
kernel_stack_top:

	.text
	.globl _start
	.type _start, @function
_start:
	movq $kernel_stack_top, %rsp
	xorl %ebp, %ebp		/* end of the frame-pointer chain */
	call kernel_main	/* rdi is still the boot info */
1:	cli
	hlt
	jmp 1b
	.size _start, . - _start
