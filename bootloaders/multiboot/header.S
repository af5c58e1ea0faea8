/*
 * The Multiboot 1 header and the loader's 32-bit entry point. The boot loader enters _start
 * in 32-bit protected mode, paging off, interrupts in an unknown state, eax = the Multiboot
 * magic, ebx = the physical address of struct multiboot_info; the stack is undefined.
 */
#include "bootloaders/multiboot/multiboot.h"

#define STACK_SIZE 16384

/* Must lie in the first 8 KiB of the image, 4-byte aligned: linker.ld puts it first. */
	.section .multiboot, "a"
	.p2align 2
	.long MULTIBOOT_HEADER_MAGIC
	.long MULTIBOOT_HEADER_FLAGS
	.long -(MULTIBOOT_HEADER_MAGIC + MULTIBOOT_HEADER_FLAGS) /* checksum: the three sum to 0 */

	.section .bss
	.p2align 4
stack:
	.skip STACK_SIZE
stack_top:

	.text
	.globl _start
	.type _start, @function
_start:
	cli
	cld
	movl $stack_top, %esp
	movl %eax, %esi		/* keep magic and info across the clearing of .bss */
	movl %ebx, %ebp

	/* Zero .bss (the stack is in it too, but nothing is on it yet). */
	movl $__bss_start, %edi
	movl $__bss_end, %ecx
	subl %edi, %ecx
	xorl %eax, %eax
	rep stosb

	/* loader_main(magic, info) checks the magic itself, so a mismatch gets a message. */
	subl $8, %esp		/* keep the stack 16-byte aligned at the call (i386 psABI) */
	pushl %ebp		/* struct multiboot_info * */
	pushl %esi		/* magic */
	call loader_main	/* does not return */
1:	cli
	hlt
	jmp 1b
	.size _start, . - _start
