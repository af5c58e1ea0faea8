/*
 * What privileged_test.c runs at EL0 on aarch64: tables of instructions EL0 must not get away
 * with (struct trigger, trigger.h), and the exclusive-monitor probes. Each table entry's data
 * is the exception class (ESR_EL1.EC, the fault's FAULT_VECTOR) the instruction must raise;
 * without the feature it belongs to, a CPU raises EC 0 (undefined) instead, which the tests
 * of feature-dependent tables accept.
 */

#include "helios/tests/hostile/trigger.h"

	.arch armv9-a+sme	/* every mnemonic below assembles; each CPU decides what runs */

#define EC_UNDEFINED 0x00
#define EC_WFX 0x01
#define EC_SYSREG 0x18
#define EC_SVE 0x19
#define EC_SME 0x1d

/*
 * trigger table, setup, insn, ec: a function that runs `setup` (may be empty) and then
 * `insn`, and returns 0 if that completes, x0 being its argument until then; and the entry
 * {function, address of insn, "insn", ec} at the end of `table`. Arguments holding commas
 * are quoted.
 */
.macro trigger table, setup, insn, ec
	.text
	.balign 4
0:	\setup
1:	\insn
	mov	x0, #0
	ret
	.pushsection .rodata.\table, "a"
	.quad	0b, 1b, 2f, \ec
	.popsection
	.pushsection .rodata.str1.1, "aMS", %progbits, 1
2:	.asciz	"\insn"
	.popsection
.endm


/* Registers of EL1 and above, and the GIC's CPU interface: undefined at EL0. */
	table_begin priv_el1_registers
	.irp reg, sctlr_el1, vbar_el1, ttbr0_el1, ttbr1_el1, tcr_el1, mair_el1, esr_el1, far_el1, elr_el1, spsr_el1, sp_el1, tpidr_el1, cpacr_el1, cntkctl_el1, mdscr_el1, contextidr_el1, icc_pmr_el1, icc_sre_el1, hcr_el2, scr_el3
	trigger priv_el1_registers, , "mrs x0, \reg", EC_UNDEFINED
	trigger priv_el1_registers, , "msr \reg, x0", EC_UNDEFINED
	.endr
	trigger priv_el1_registers, , "mrs x0, icc_iar1_el1", EC_UNDEFINED
	trigger priv_el1_registers, , "msr icc_eoir1_el1, x0", EC_UNDEFINED
	trigger priv_el1_registers, , "msr icc_sgi1r_el1, x0", EC_UNDEFINED
	trigger priv_el1_registers, , "msr cntfrq_el0, x0", EC_UNDEFINED
	table_end priv_el1_registers

/* Interrupt masks: EL0 may neither read nor change them (SCTLR_EL1.UMA = 0). */
	table_begin priv_interrupt_mask
	trigger priv_interrupt_mask, , "msr daifset, #2", EC_SYSREG
	trigger priv_interrupt_mask, , "msr daifset, #0xf", EC_SYSREG
	trigger priv_interrupt_mask, , "msr daifclr, #0xf", EC_SYSREG
	trigger priv_interrupt_mask, , "mrs x0, daif", EC_SYSREG
	trigger priv_interrupt_mask, "mov x0, #0x3c0", "msr daif, x0", EC_SYSREG
	table_end priv_interrupt_mask

/* Exception returns, calls to EL2 and EL3, debug state: undefined at EL0. */
	table_begin priv_exception_level
	.irp insn, eret, eretaa, drps, dcps1, dcps2, dcps3, "hvc #0", "smc #0"
	trigger priv_exception_level, , "\insn", EC_UNDEFINED
	.endr
	table_end priv_exception_level

/* Cache maintenance by set/way or without a clean, address translation and TLB
 * maintenance: EL1 only. x0 holds a buffer of the test's. */
	table_begin priv_maintenance
	.irp insn, "dc ivac, x0", "dc isw, x0", "dc csw, x0", "dc cisw, x0", "at s1e1r, x0", "at s1e1w, x0", "at s1e0r, x0", "at s1e0w, x0", "tlbi vmalle1", "tlbi vmalle1is", "tlbi vae1, x0", "tlbi aside1, x0", "ic iallu", "ic ialluis"
	trigger priv_maintenance, , "\insn", EC_UNDEFINED
	.endr
	table_end priv_maintenance

/* Waiting for an interrupt: trapped (SCTLR_EL1.nTWI = 0). */
	table_begin priv_wait
	trigger priv_wait, , wfi, EC_WFX
	table_end priv_wait

/* Waiting for an event: trapped (nTWE = 0) when it would wait, which it would after SEVL and
 * a first WFE consumed the event register; a CPU may also complete it at once (QEMU does). */
	table_begin priv_wfe
	trigger priv_wfe, "sevl; wfe", wfe, EC_WFX
	table_end priv_wfe

/* PSTATE fields only EL1 may write, and the registers naming them: undefined at EL0, as on
 * CPUs without PAN or UAO. */
	table_begin priv_pstate
	.irp insn, "msr pan, #0", "msr pan, #1", "mrs x0, pan", "msr pan, x0", "msr uao, #1", "mrs x0, uao", "msr uao, x0", "msr spsel, #1", "mrs x0, spsel", "mrs x0, currentel"
	trigger priv_pstate, , "\insn", EC_UNDEFINED
	.endr
	table_end priv_pstate

/* The timers and the physical counter: trapped (CNTKCTL_EL1 gives EL0 the virtual counter
 * alone). */
	table_begin priv_timer
	trigger priv_timer, , "mrs x0, cntpct_el0", EC_SYSREG
	.irp reg, cntv_ctl_el0, cntv_cval_el0, cntv_tval_el0, cntp_ctl_el0, cntp_cval_el0, cntp_tval_el0
	trigger priv_timer, , "mrs x0, \reg", EC_SYSREG
	trigger priv_timer, , "msr \reg, x0", EC_SYSREG
	.endr
	table_end priv_timer

/* The PMU but the cycle counter's reads: trapped (PMUSERENR_EL0.CR alone); PMUSERENR_EL0
 * itself is never writable at EL0. */
	table_begin priv_pmu
	trigger priv_pmu, , "mrs x0, pmcr_el0", EC_SYSREG
	trigger priv_pmu, , "msr pmcr_el0, x0", EC_SYSREG
	trigger priv_pmu, , "msr pmcntenset_el0, x0", EC_SYSREG
	trigger priv_pmu, , "msr pmcntenclr_el0, x0", EC_SYSREG
	trigger priv_pmu, , "mrs x0, pmovsclr_el0", EC_SYSREG
	trigger priv_pmu, , "msr pmselr_el0, x0", EC_SYSREG
	trigger priv_pmu, , "mrs x0, pmxevcntr_el0", EC_SYSREG
	trigger priv_pmu, , "mrs x0, pmevcntr0_el0", EC_SYSREG
	trigger priv_pmu, , "msr pmevtyper0_el0, x0", EC_SYSREG
	trigger priv_pmu, , "msr pmccfiltr_el0, x0", EC_SYSREG
	trigger priv_pmu, , "msr pmccntr_el0, x0", EC_SYSREG
	trigger priv_pmu, , "msr pmswinc_el0, x0", EC_SYSREG
	trigger priv_pmu, , "mrs x0, pmceid0_el0", EC_SYSREG
	trigger priv_pmu, , "msr pmuserenr_el0, x0", EC_UNDEFINED
	table_end priv_pmu

/* State of newer features no task may touch, each trapped where the CPU has the feature:
 * SVE and SME (CPACR_EL1.ZEN, SMEN; tried after an FP instruction made the thread the owner
 * of the FP/SIMD registers, so with FP/SIMD enabled), TPIDR2_EL0 (SCTLR_EL1.EnTP2),
 * SCXTNUM_EL0 (TSCXT), the prediction restriction instructions (EnRCTX), ID registers
 * (FEAT_IDST traps them). */
	table_begin priv_features
	trigger priv_features, "fmov d0, xzr", "rdvl x0, #1", EC_SVE
	trigger priv_features, "fmov d0, xzr", "ptrue p0.b", EC_SVE
	trigger priv_features, "fmov d0, xzr", smstart, EC_SME
	trigger priv_features, , "mrs x0, tpidr2_el0", EC_SYSREG
	trigger priv_features, , "msr tpidr2_el0, x0", EC_SYSREG
	trigger priv_features, , "mrs x0, scxtnum_el0", EC_SYSREG
	trigger priv_features, , "msr scxtnum_el0, x0", EC_SYSREG
	trigger priv_features, , "cfp rctx, x0", EC_SYSREG
	trigger priv_features, , "dvp rctx, x0", EC_SYSREG
	trigger priv_features, , "cpp rctx, x0", EC_SYSREG
	trigger priv_features, , "mrs x0, midr_el1", EC_SYSREG
	trigger priv_features, , "mrs x0, id_aa64pfr0_el1", EC_SYSREG
	table_end priv_features

/*
 * Pointer authentication, which the kernel leaves off for EL0 (SCTLR_EL1.EnIA and the rest
 * 0): int priv_paciza(uint64_t *pointer) signs *pointer in place with key IA (which leaves it
 * unchanged while off); int priv_pacga(uint64_t *mac) stores a PACGA, which no EL1 control
 * turns off and which must not trap to EL2. Each is undefined at its _ip label on a CPU
 * without pointer authentication.
 */
	.text
	.globl priv_paciza, priv_paciza_ip
	.type priv_paciza, %function
priv_paciza:
	ldr	x1, [x0]
priv_paciza_ip:
	paciza	x1
	str	x1, [x0]
	mov	x0, #0
	ret
	.size priv_paciza, . - priv_paciza

	.globl priv_pacga, priv_pacga_ip
	.type priv_pacga, %function
priv_pacga:
	mov	x1, #5
priv_pacga_ip:
	pacga	x1, x1, x1
	str	x1, [x0]
	mov	x0, #0
	ret
	.size priv_pacga, . - priv_pacga

#define SYS_YIELD 13

/*
 * uint32_t priv_exclusive_across(uint64_t *word, uint64_t syscall): a load-exclusive of
 * *word, then the syscall `syscall` (none when it is ~0), then a store-exclusive of the value
 * plus one: the store's status, 0 if it was done, 1 if the monitor had been cleared.
 * Syscalls keep x9-x11.
 */
	.text
	.globl priv_exclusive_across
	.type priv_exclusive_across, %function
priv_exclusive_across:
	mov	x9, x0
	ldxr	x10, [x9]
	cmn	x1, #1
	b.eq	1f
	mov	x0, x1
	svc	#0
1:	add	x10, x10, #1
	stxr	w0, x10, [x9]
	ret
	.size priv_exclusive_across, . - priv_exclusive_across

/*
 * uint32_t priv_exclusive_spin(uint64_t *word, uint64_t ticks): the same with `ticks` of the
 * virtual counter spent between the two, touching no memory (a timer interrupt comes in
 * between when they are more than a time slice).
 */
	.globl priv_exclusive_spin
	.type priv_exclusive_spin, %function
priv_exclusive_spin:
	ldxr	x10, [x0]
	isb
	mrs	x11, cntvct_el0
1:	isb
	mrs	x12, cntvct_el0
	sub	x12, x12, x11
	cmp	x12, x1
	b.lo	1b
	add	x10, x10, #1
	stxr	w2, x10, [x0]
	mov	w0, w2
	ret
	.size priv_exclusive_spin, . - priv_exclusive_spin

/* int priv_exclusive_loader(void *word): a load-exclusive of *word, then a yield, forever
 * (the other task of the exclusive-monitor test). */
	.globl priv_exclusive_loader
	.type priv_exclusive_loader, %function
priv_exclusive_loader:
	mov	x9, x0
1:	ldxr	x10, [x9]
	mov	x0, #SYS_YIELD
	svc	#0
	b	1b
	.size priv_exclusive_loader, . - priv_exclusive_loader

	.section .note.GNU-stack, "", %progbits
