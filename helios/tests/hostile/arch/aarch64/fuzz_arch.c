/*
 * aarch64 instructions for the fuzzer's instruction task (fuzz.h). A slot is one instruction
 * and a BRK, so whatever the instruction does, a fault follows. Beside random words,
 * templates aim where EL0 meets the kernel's state: MRS and MSR of system registers (EL0's
 * own, EL1's, EL2's and EL3's, the GIC's, the timers' and counters'), SYS cache, TLB and
 * address-translation operations, MSR to PSTATE fields, hints and barriers, SVC, HVC, SMC,
 * BRK, HLT, DCPS and ERET, branches to register values, and loads and stores. Never QEMU's
 * semihosting call, nor what crashes QEMU (avoid_emulator_bugs).
 */
#include <stdint.h>
#include <string.h>

#include <helios/abi.h>

#include "helios/tests/hostile/fuzz.h"
#include "helios/tests/ktest.h"

#define SLOT 8
#define BRK_SLOT_END 0xd4200f20u /* brk #0x79 */
#define HLT_SEMIHOSTING 0xd45e0000u
#define UDF 0x00000000u

/* AdvSIMD two-register miscellaneous (FP16): the vector form (Q, U, a, opcode, Rn, Rd free)
 * and the scalar form (U, a, opcode, Rn, Rd free). */
#define FP16_MISC_VECTOR_MASK 0x9f7e0c00u
#define FP16_MISC_VECTOR 0x0e780800u
#define FP16_MISC_SCALAR_MASK 0xdf7e0c00u
#define FP16_MISC_SCALAR 0x5e780800u

const unsigned fuzz_insn_slot_size = SLOT;

/* A system register as MRS and MSR encode it in bits 5-20: o0 (op0 - 2), op1, CRn, CRm, op2. */
#define SR(op0, op1, crn, crm, op2)                                                             \
	((uint32_t)((op0)-2) << 14 | (op1) << 11 | (crn) << 7 | (crm) << 3 | (op2))

static const uint32_t sysregs[] = {
	SR(3, 3, 4, 2, 0),   /* NZCV */
	SR(3, 3, 4, 2, 1),   /* DAIF */
	SR(3, 3, 4, 4, 0),   /* FPCR */
	SR(3, 3, 4, 4, 1),   /* FPSR */
	SR(3, 3, 4, 2, 5),   /* DIT */
	SR(3, 3, 4, 2, 6),   /* SSBS */
	SR(3, 3, 4, 2, 7),   /* TCO */
	SR(3, 3, 13, 0, 2),  /* TPIDR_EL0 */
	SR(3, 3, 13, 0, 3),  /* TPIDRRO_EL0 */
	SR(3, 3, 0, 0, 1),   /* CTR_EL0 */
	SR(3, 3, 0, 0, 7),   /* DCZID_EL0 */
	SR(3, 3, 2, 4, 0),   /* RNDR */
	SR(3, 3, 14, 0, 0),  /* CNTFRQ_EL0 */
	SR(3, 3, 14, 0, 1),  /* CNTPCT_EL0 */
	SR(3, 3, 14, 0, 2),  /* CNTVCT_EL0 */
	SR(3, 3, 14, 2, 1),  /* CNTP_CTL_EL0 */
	SR(3, 3, 14, 2, 2),  /* CNTP_CVAL_EL0 */
	SR(3, 3, 14, 3, 0),  /* CNTV_TVAL_EL0 */
	SR(3, 3, 14, 3, 1),  /* CNTV_CTL_EL0: the kernel's timer */
	SR(3, 3, 14, 3, 2),  /* CNTV_CVAL_EL0 */
	SR(3, 3, 9, 12, 0),  /* PMCR_EL0 */
	SR(3, 3, 9, 12, 1),  /* PMCNTENSET_EL0 */
	SR(3, 3, 9, 13, 0),  /* PMCCNTR_EL0 */
	SR(3, 3, 9, 14, 0),  /* PMUSERENR_EL0 */
	SR(3, 3, 14, 15, 7), /* PMCCFILTR_EL0 */
	SR(3, 0, 0, 0, 0),   /* MIDR_EL1 */
	SR(3, 0, 0, 4, 0),   /* ID_AA64PFR0_EL1 */
	SR(3, 0, 1, 0, 0),   /* SCTLR_EL1 */
	SR(3, 0, 1, 0, 2),   /* CPACR_EL1 */
	SR(3, 0, 2, 0, 0),   /* TTBR0_EL1 */
	SR(3, 0, 2, 0, 1),   /* TTBR1_EL1 */
	SR(3, 0, 2, 0, 2),   /* TCR_EL1 */
	SR(3, 0, 4, 0, 0),   /* SPSR_EL1 */
	SR(3, 0, 4, 0, 1),   /* ELR_EL1 */
	SR(3, 0, 4, 1, 0),   /* SP_EL0 */
	SR(3, 0, 4, 2, 0),   /* SPSel */
	SR(3, 0, 4, 2, 2),   /* CurrentEL */
	SR(3, 0, 4, 2, 3),   /* PAN */
	SR(3, 0, 4, 2, 4),   /* UAO */
	SR(3, 0, 4, 6, 0),   /* ICC_PMR_EL1 */
	SR(3, 0, 5, 2, 0),   /* ESR_EL1 */
	SR(3, 0, 6, 0, 0),   /* FAR_EL1 */
	SR(3, 0, 10, 2, 0),  /* MAIR_EL1 */
	SR(3, 0, 12, 0, 0),  /* VBAR_EL1 */
	SR(3, 0, 12, 11, 5), /* ICC_SGI1R_EL1 */
	SR(3, 0, 12, 12, 0), /* ICC_IAR1_EL1 */
	SR(3, 0, 12, 12, 1), /* ICC_EOIR1_EL1 */
	SR(3, 0, 12, 12, 5), /* ICC_SRE_EL1 */
	SR(3, 0, 13, 0, 1),  /* CONTEXTIDR_EL1 */
	SR(3, 0, 13, 0, 4),  /* TPIDR_EL1 */
	SR(3, 0, 14, 1, 0),  /* CNTKCTL_EL1 */
	SR(3, 0, 2, 1, 0),   /* APIAKeyLo_EL1 */
	SR(2, 0, 0, 2, 2),   /* MDSCR_EL1 */
	SR(2, 0, 1, 0, 4),   /* OSLAR_EL1 */
	SR(2, 0, 0, 0, 4),   /* DBGBVR0_EL1 */
	SR(2, 3, 0, 5, 0),   /* DBGDTRRX_EL0 */
	SR(3, 4, 1, 1, 0),   /* HCR_EL2 */
	SR(3, 4, 12, 0, 0),  /* VBAR_EL2 */
	SR(3, 6, 1, 1, 0),   /* SCR_EL3 */
};

/* SYS operations by op1, CRn, CRm, op2 (bits 5-18): cache, TLB and address translation. */
#define SYSOP(op1, crn, crm, op2) ((uint32_t)(op1) << 11 | (crn) << 7 | (crm) << 3 | (op2))

static const uint32_t sysops[] = {
	SYSOP(3, 7, 4, 1),  /* DC ZVA */
	SYSOP(3, 7, 10, 1), /* DC CVAC */
	SYSOP(3, 7, 11, 1), /* DC CVAU */
	SYSOP(3, 7, 12, 1), /* DC CVAP */
	SYSOP(3, 7, 14, 1), /* DC CIVAC */
	SYSOP(3, 7, 5, 1),  /* IC IVAU */
	SYSOP(3, 7, 4, 3),  /* DC GVA */
	SYSOP(3, 7, 3, 4),  /* CFP RCTX */
	SYSOP(0, 7, 5, 0),  /* IC IALLU */
	SYSOP(0, 7, 1, 0),  /* IC IALLUIS */
	SYSOP(0, 7, 6, 1),  /* DC IVAC */
	SYSOP(0, 7, 6, 2),  /* DC ISW */
	SYSOP(0, 7, 8, 0),  /* AT S1E1R */
	SYSOP(0, 7, 8, 2),  /* AT S1E0R */
	SYSOP(0, 8, 7, 0),  /* TLBI VMALLE1 */
	SYSOP(0, 8, 7, 1),  /* TLBI VAE1 */
	SYSOP(0, 8, 3, 2),  /* TLBI ASIDE1IS */
	SYSOP(4, 8, 7, 4),  /* TLBI ALLE1 */
};

/* Exception generation and return, and their neighbours. */
static const uint32_t exception_ops[] = {
	0xd4000001u, /* svc */
	0xd4000002u, /* hvc */
	0xd4000003u, /* smc */
	0xd4200000u, /* brk */
	0xd4400000u, /* hlt */
	0xd4a00001u, /* dcps1 */
	0xd4a00002u, /* dcps2 */
	0xd4a00003u, /* dcps3 */
};
static const uint32_t return_ops[] = {
	0xd69f03e0u, /* eret */
	0xd69f0bffu, /* eretaa */
	0xd69f0fffu, /* eretab */
	0xd6bf03e0u, /* drps */
	0xd61f0000u, /* br */
	0xd63f0000u, /* blr */
	0xd65f0000u, /* ret */
	0xd71f0800u, /* braa */
	0xd61f081fu, /* braaz */
	0xd65f0bffu, /* retaa */
};

#define PICK(a, s) ((a)[fuzz_below(s, KT_COUNT(a))])

static uint32_t random_word(uint64_t *s)
{
	return (uint32_t)fuzz_next(s);
}

static uint32_t random_insn(uint64_t *s)
{
	uint32_t rt = (uint32_t)fuzz_below(s, 32);
	uint32_t imm16 = (uint32_t)fuzz_next(s) & 0xffff;
	switch (fuzz_below(s, 16)) {
	case 0:
	case 1:
	case 2:
	case 3:
		return random_word(s);
	case 4: /* MRS, MSR */
	case 5:
	case 6:
		return (fuzz_below(s, 2) ? 0xd5300000u : 0xd5100000u) | PICK(sysregs, s) << 5 | rt;
	case 7: /* MRS, MSR of any system register */
		return (fuzz_below(s, 2) ? 0xd5300000u : 0xd5100000u) |
		       ((uint32_t)fuzz_next(s) & 0x7fff) << 5 | rt;
	case 8: /* SYS, SYSL */
		return (fuzz_below(s, 4) ? 0xd5080000u : 0xd5280000u) |
		       (fuzz_below(s, 2) ? PICK(sysops, s) : (uint32_t)fuzz_next(s) & 0x3fff) << 5 |
		       rt;
	case 9: /* MSR to a PSTATE field: op1, CRm (the value), op2 */
		return 0xd500401fu | (uint32_t)fuzz_below(s, 8) << 16 |
		       (uint32_t)fuzz_below(s, 16) << 8 | (uint32_t)fuzz_below(s, 8) << 5;
	case 10: /* hints (wfi, wfe, pointer authentication, bti...) and barriers */
		return (fuzz_below(s, 2) ? 0xd503201fu : 0xd503301fu) |
		       (uint32_t)fuzz_below(s, 128) << 5;
	case 11:
		return PICK(exception_ops, s) | imm16 << 5;
	case 12:
		return PICK(return_ops, s) | (uint32_t)fuzz_below(s, 32) << 5;
	case 13: /* a syscall, with the random registers */
		return 0xd4000001u;
	case 14: /* loads and stores: op0 x1x0 */
		return (random_word(s) & ~(1u << 25)) | 1u << 27;
	default:
		return UDF | imm16;
	}
}

/*
 * Words the emulator cannot take: `hlt #0xf000` is QEMU's semihosting call, which this image
 * lets EL0 make (it could leave QEMU); QEMU 7.2 with FP16 (-cpu max) aborts translating some
 * unallocated FP16 two-register miscellaneous encodings (a vector FRECPX: "code should not be
 * reached"), so that class goes whole. Both become UDF, as the CPU would take most of them.
 */
static uint32_t avoid_emulator_bugs(uint32_t insn)
{
	if (insn == HLT_SEMIHOSTING || (insn & FP16_MISC_VECTOR_MASK) == FP16_MISC_VECTOR ||
	    (insn & FP16_MISC_SCALAR_MASK) == FP16_MISC_SCALAR)
		return UDF;
	return insn;
}

void fuzz_insn_fill(uint8_t *code, uint64_t *s)
{
	uint32_t *words = (uint32_t *)code;
	for (unsigned slot = 0; slot < HELIOS_PAGE_SIZE / SLOT; slot++) {
		words[2 * slot] = avoid_emulator_bugs(random_insn(s));
		words[2 * slot + 1] = BRK_SLOT_END;
	}
}

/* The test wrote the instructions through its own mapping: clean them to the point of
 * unification, then invalidate the instruction cache there (SCTLR_EL1.UCI lets EL0). */
void fuzz_sync_code(const uint8_t *code, size_t size)
{
	uint64_t ctr;
	__asm__ volatile("mrs %0, ctr_el0" : "=r"(ctr));
	uintptr_t dline = 4u << ((ctr >> 16) & 0xf), iline = 4u << (ctr & 0xf);
	uintptr_t start = (uintptr_t)code, end = start + size;
	for (uintptr_t a = start & ~(dline - 1); a < end; a += dline)
		__asm__ volatile("dc cvau, %0" : : "r"(a) : "memory");
	__asm__ volatile("dsb ish" : : : "memory");
	for (uintptr_t a = start & ~(iline - 1); a < end; a += iline)
		__asm__ volatile("ic ivau, %0" : : "r"(a) : "memory");
	__asm__ volatile("dsb ish\n\tisb" : : : "memory");
}

void fuzz_insn_data(uint8_t *data, uint64_t *s)
{
	uint64_t *words = (uint64_t *)data;
	for (unsigned i = 0; i < HELIOS_PAGE_SIZE / 8; i++)
		words[i] = fuzz_below(s, 2) ? fuzz_register_value(s) : fuzz_next(s);
}

void fuzz_insn_regs(struct helios_regs *r, uint64_t pc, uint8_t *stack, uint64_t *s)
{
	for (unsigned i = 0; i < 31; i++)
		r->x[i] = fuzz_register_value(s);
	r->pc = pc;
	/* Mid-page (16-byte aligned, as SP must be), with random words around it. */
	uint64_t offset = 1024 + fuzz_below(s, 128) * 16;
	r->sp = fuzz_page_vaddr(FUZZ_PAGE_STACK) + offset;
	for (unsigned i = 0; i < 8; i++) {
		uint64_t word = fuzz_register_value(s);
		memcpy(stack + offset - 32 + i * 8, &word, sizeof(word));
	}
	r->pstate = fuzz_next(s); /* the kernel takes NZCV only */
	r->tpidr_el0 = fuzz_register_value(s);
	if (r->x[0] == HELIOS_SYS_WRITECONS)
		r->x[0] = HELIOS_SYS_YIELD;
	fuzz_regs_acceptable(r);
}

void fuzz_regs_acceptable(struct helios_regs *r)
{
	r->pc = (r->pc % HELIOS_USER_TOP) & ~3ull;
	r->sp = (r->sp % HELIOS_USER_TOP) & ~15ull;
	r->tpidr_el0 %= HELIOS_USER_TOP;
}

void fuzz_puppet_regs(struct helios_regs *r, const struct fuzz_request *q)
{
	r->x[19] = q->number;
	r->x[20] = q->caddr;
	r->x[21] = q->tag;
	r->x[22] = q->p[0];
	r->x[23] = q->p[1];
	r->x[24] = q->p[2];
}
