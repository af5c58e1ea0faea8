/*
 * What privileged_test.c runs in ring 3 on x86_64: tables of instructions user mode must not
 * get away with (struct trigger, trigger.h). Each table entry's data is the error code its
 * #GP must carry (0) unless its table says otherwise.
 */

#include "helios/tests/hostile/trigger.h"

/*
 * trigger table, setup, insn, code: a function that runs `setup` (may be empty) and then
 * `insn`, and returns 0 if that completes, %rdi being its argument until then; and the entry
 * {function, address of insn, "insn", code} at the end of `table`. Arguments holding commas
 * are quoted.
 */
.macro trigger table, setup, insn, code=0
	.text
0:	\setup
1:	\insn
	xor	%eax, %eax
	ret
	.pushsection .rodata.\table, "a"
	.quad	0b, 1b, 2f, \code
	.popsection
	.pushsection .rodata.str1.1, "aMS", @progbits, 1
2:	.asciz	"\insn"
	.popsection
.endm


/* The interrupt flag and halting: IOPL is 0. */
	table_begin priv_interrupt_flag
	.irp insn, cli, sti, hlt
	trigger priv_interrupt_flag, , \insn
	.endr
	table_end priv_interrupt_flag

/* I/O ports without IOPL or an I/O permission bitmap: the POST port, COM1 (the kernel's
 * console). %rdi points at the test's buffer (INS writes there). */
	table_begin priv_io_ports
	trigger priv_io_ports, , "in $0x80, %al"
	trigger priv_io_ports, , "out %al, $0x80"
	.irp insn, "in %dx, %al", "out %al, %dx", "in %dx, %eax", "out %eax, %dx", insb
	trigger priv_io_ports, "mov $0x3f8, %edx", "\insn"
	.endr
	table_end priv_io_ports

/* Descriptor table and task registers (loads only: the stores are UMIP's business). */
	table_begin priv_descriptor_tables
	.irp insn, "lgdt (%rdi)", "lidt (%rdi)", "lldt %di", "ltr %di"
	trigger priv_descriptor_tables, , "\insn"
	.endr
	table_end priv_descriptor_tables

/* Control and debug registers, in both directions. */
	table_begin priv_control_registers
	.irp reg, cr0, cr2, cr3, cr4, cr8, dr0, dr6, dr7
	trigger priv_control_registers, , "mov %\reg, %rax"
	trigger priv_control_registers, , "mov %rdi, %\reg"
	.endr
	trigger priv_control_registers, , clts
	trigger priv_control_registers, , "lmsw %di"
	table_end priv_control_registers

/* Model-specific registers (EFER) and performance counters (CR4.PCE is clear). */
	table_begin priv_msr_pmc
	trigger priv_msr_pmc, "mov $0xc0000080, %ecx", rdmsr
	trigger priv_msr_pmc, "mov $0xc0000080, %ecx", wrmsr
	trigger priv_msr_pmc, "xor %ecx, %ecx", rdpmc
	table_end priv_msr_pmc

/* TLB and cache maintenance. */
	table_begin priv_cache_tlb
	.irp insn, "invlpg (%rdi)", wbinvd, invd
	trigger priv_cache_tlb, , "\insn"
	.endr
	table_end priv_cache_tlb

/* The kernel's side of SYSCALL and its GS swap. */
	table_begin priv_system_return
	.irp insn, swapgs, sysretq, sysretl
	trigger priv_system_return, , \insn
	.endr
	table_end priv_system_return

/* SYSEXIT: #GP(0) outside ring 0 on Intel CPUs, #UD in 64-bit mode on AMD's. */
	table_begin priv_sysexit
	trigger priv_sysexit, , sysexit
	table_end priv_sysexit

/* Software interrupts through gates of DPL 0 (data: the vector), which #GP naming the gate:
 * device interrupts, the old Linux syscall vector, exceptions, and the exceptions that run on
 * the fatal stack (NMI, double fault, machine check). */
	table_begin priv_int_gates
	.irp vector, 0x20, 0x80, 0xff, 1, 2, 4, 8, 13, 14, 18
	trigger priv_int_gates, , "int $\vector", \vector
	.endr
	table_end priv_int_gates

/* The breakpoint gate (DPL 3) in both encodings: traps reported after the instruction. */
	table_begin priv_breakpoint
	trigger priv_breakpoint, , int3
	trigger priv_breakpoint, , ".byte 0xcd, 3"	/* INT $3: assemblers write INT3 */
	table_end priv_breakpoint

/* ICEBP (INT1, 0xf1), which no gate's DPL stops: a debug trap on hardware, undefined under
 * QEMU's TCG. */
	table_begin priv_icebp
	trigger priv_icebp, , ".byte 0xf1"
	table_end priv_icebp

/* INTO (0xce; no assembler takes it in 64-bit mode) does not exist there: #UD. */
	table_begin priv_into
	trigger priv_into, , ".byte 0xce"
	table_end priv_into

	.section .note.GNU-stack, "", @progbits
