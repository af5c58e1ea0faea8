/*
 * The last step of the x86_64 EFI loader, after ExitBootServices (docs/boot.md, "Machine
 * state at entry"). The loader runs from memory the new tables identity-map, so the
 * instruction after the CR3 load is still there. Uses no memory.
 *
 * void x86_64_enter_kernel(uint64_t cr3, uint64_t entry, uint64_t boot_info)
 *                          rdi            rsi             rdx
 */

#define MSR_EFER 0xc0000080
#define EFER_NXE (1 << 11) /* the NX bit in page tables is honoured (not reserved) */
#define CR0_WP (1 << 16)   /* read-only pages are read-only in ring 0 too */
#define CR4_PGE (1 << 7)   /* global pages: cleared for a moment to flush them from the TLB */

	.text
	.global x86_64_enter_kernel
	.type x86_64_enter_kernel, @function
x86_64_enter_kernel:
	cli
	mov	%rdx, %r9		/* rdmsr and wrmsr use edx */
	/* NXE before the new tables are used: their NX bits would be reserved bits without it. */
	mov	$MSR_EFER, %ecx
	rdmsr
	or	$EFER_NXE, %eax
	wrmsr
	mov	%cr0, %rax
	or	$CR0_WP, %rax
	mov	%rax, %cr0
	mov	%cr4, %r8
	mov	%r8, %rax
	and	$~CR4_PGE, %rax
	mov	%rax, %cr4
	mov	%rdi, %cr3
	mov	%r8, %cr4
	mov	%r9, %rdi
	jmp	*%rsi
	.size x86_64_enter_kernel, . - x86_64_enter_kernel
