/*
 * _Noreturn void enter_long_mode(uint32_t pml4, uint64_t entry, uint64_t arg)
 *
 * From 32-bit protected mode without paging to the 64-bit kernel: PAE on, CR3 = pml4,
 * EFER.LME (long mode) and EFER.NXE (the tables use the no-execute bit), then paging and
 * write protection on, which activates long mode in compatibility mode; a far jump through the
 * loader's own GDT reaches 64-bit code, which jumps to `entry` with rdi = `arg`. The 64-bit
 * values are kept in memory across the switch: the upper halves of registers are not
 * reliable across it. The code runs from the identity map pml4 provides.
 */

#define MSR_EFER 0xc0000080
#define EFER_LME (1 << 8)
#define EFER_NXE (1 << 11)
#define CR4_PAE (1 << 5)
#define CR0_WP (1 << 16)
#define CR0_PG (1 << 31)

#define CODE64 0x08
#define DATA64 0x10

	.data
	.p2align 3
gdt:
	.quad 0
	.quad 0x00209a0000000000	/* CODE64: present, ring 0, code, long mode */
	.quad 0x0000920000000000	/* DATA64: present, ring 0, writable data */
gdt_end:
	.p2align 2
	.word 0
gdt_pointer:
	.word gdt_end - gdt - 1
	.long gdt
	.p2align 3
kernel_entry:
	.quad 0
kernel_arg:
	.quad 0

	.text
	.code32
	.globl enter_long_mode
	.type enter_long_mode, @function
enter_long_mode:
	cli
	movl 8(%esp), %eax
	movl %eax, kernel_entry
	movl 12(%esp), %eax
	movl %eax, kernel_entry + 4
	movl 16(%esp), %eax
	movl %eax, kernel_arg
	movl 20(%esp), %eax
	movl %eax, kernel_arg + 4

	movl 4(%esp), %eax
	movl %eax, %cr3
	movl %cr4, %eax
	orl $CR4_PAE, %eax
	movl %eax, %cr4
	movl $MSR_EFER, %ecx
	rdmsr
	orl $(EFER_LME | EFER_NXE), %eax
	wrmsr
	movl %cr0, %eax
	orl $(CR0_PG | CR0_WP), %eax
	movl %eax, %cr0

	lgdt gdt_pointer
	ljmp $CODE64, $long_mode

	.code64
long_mode:
	movl $DATA64, %eax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	xorl %eax, %eax
	movw %ax, %fs
	movw %ax, %gs
	movl %esp, %esp		/* zero-extends: a sane rsp (the kernel sets its own) */
	movq kernel_arg, %rdi
	movq kernel_entry, %rax
	jmp *%rax
	.size enter_long_mode, . - enter_long_mode
