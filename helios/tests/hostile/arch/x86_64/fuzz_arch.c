/*
 * x86_64 instructions for the fuzzer's instruction task (fuzz.h). A slot is one instruction of
 * up to 15 bytes followed by int3s, so whatever the instruction does, a fault follows. Beside
 * random bytes, templates aim where user mode meets the kernel's x86 state: segment register
 * loads with random selectors (mov, pop, lss/lfs/lgs), far jumps, calls and returns and IRETQ
 * (their targets and selectors on the stack), software interrupts, syscall, sysenter, sysret,
 * privileged, system and undefined instructions, and a load of SS followed by an instruction
 * that enters the kernel (whose debug trap, with TF set, is delayed into it). The data page
 * holds descriptors of every kind where an LDT left at its reset base (0) would find them
 * (entries 512-1023: the page after page 0).
 */
#include <stdint.h>
#include <string.h>

#include <helios/abi.h>

#include "helios/tests/hostile/fuzz.h"
#include "helios/tests/ktest.h"

#define SLOT 32
#define INSN_MAX 15
#define INT3 0xcc

#define RFLAGS_TF 0x100ull
#define RFLAGS_IF 0x200ull
#define RFLAGS_VM 0x20000ull

const unsigned fuzz_insn_slot_size = SLOT;

/* How an instruction takes its ModRM operand. */
enum operand {
	NO_MODRM,
	RM_ANY, /* a register or memory */
	RM_MEM, /* memory only (lss, lgdt) */
	RM_STACK, /* memory, mostly at (%rsp): far pointers (fuzz_insn_regs puts one there) */
	RM_REG, /* a register only (mov to control registers, 0f 01 c0-ff) */
};

/* An opcode, its ModRM reg field (0-7, or -1 for any) and operand, and its immediate bytes. */
struct op {
	uint8_t len, bytes[3];
	int8_t reg;
	uint8_t operand;
	uint8_t imm;
};

#define OP1(b) { 1, { b }, -1, NO_MODRM, 0 }
#define OP2(a, b) { 2, { a, b }, -1, NO_MODRM, 0 }

/* Loads of segment registers, and the ones 64-bit mode no longer has. */
static const struct op segment_ops[] = {
	{ 1, { 0x8e }, -1, RM_ANY, 0 },       /* mov to es, cs, ss, ds, fs, gs, 6, 7 */
	{ 1, { 0x8c }, -1, RM_ANY, 0 },       /* mov from a segment register */
	OP2(0x0f, 0xa1),                      /* pop fs */
	OP2(0x0f, 0xa9),                      /* pop gs */
	{ 2, { 0x0f, 0xb2 }, -1, RM_MEM, 0 }, /* lss */
	{ 2, { 0x0f, 0xb4 }, -1, RM_MEM, 0 }, /* lfs */
	{ 2, { 0x0f, 0xb5 }, -1, RM_MEM, 0 }, /* lgs */
	OP1(0x06), OP1(0x07), OP1(0x0e), OP1(0x16), OP1(0x17), OP1(0x1e), OP1(0x1f),
	{ 1, { 0xc4 }, -1, RM_MEM, 0 },       /* les, lds: VEX prefixes in 64-bit mode */
	{ 1, { 0xc5 }, -1, RM_MEM, 0 },
};

/* Far jumps, calls and returns (a REX.W or 0x66 prefix changes their operand size). */
static const struct op far_ops[] = {
	{ 1, { 0xff }, 3, RM_STACK, 0 }, /* lcall m16:32 (m16:64) */
	{ 1, { 0xff }, 5, RM_STACK, 0 }, /* ljmp */
	OP1(0xcb),                     /* lret */
	{ 1, { 0xca }, -1, NO_MODRM, 2 }, /* lret imm16 */
	{ 1, { 0x9a }, -1, NO_MODRM, 6 }, /* direct far call and jump: not in 64-bit mode */
	{ 1, { 0xea }, -1, NO_MODRM, 6 },
};

/* Software interrupts and the fast system calls. */
static const struct op entry_ops[] = {
	{ 1, { 0xcd }, -1, NO_MODRM, 1 }, /* int n */
	OP1(0xcc),                        /* int3 */
	OP1(0xf1),                        /* int1 */
	OP1(0xce),                        /* into */
	OP2(0x0f, 0x05),                  /* syscall */
	OP2(0x0f, 0x34),                  /* sysenter */
	OP2(0x0f, 0x35),                  /* sysexit */
	OP2(0x0f, 0x07),                  /* sysret */
};

/* Privileged and system instructions. */
static const struct op system_ops[] = {
	OP1(0xf4), OP1(0xfa), OP1(0xfb),                      /* hlt, cli, sti */
	{ 1, { 0xe4 }, -1, NO_MODRM, 1 }, { 1, { 0xe5 }, -1, NO_MODRM, 1 }, /* in */
	{ 1, { 0xe6 }, -1, NO_MODRM, 1 }, { 1, { 0xe7 }, -1, NO_MODRM, 1 }, /* out */
	OP1(0xec), OP1(0xed), OP1(0xee), OP1(0xef),           /* in and out through dx */
	OP1(0x6c), OP1(0x6d), OP1(0x6e), OP1(0x6f),           /* ins, outs */
	{ 2, { 0x0f, 0x00 }, -1, RM_ANY, 0 }, /* sldt, str, lldt, ltr, verr, verw */
	{ 2, { 0x0f, 0x01 }, -1, RM_MEM, 0 }, /* sgdt, sidt, lgdt, lidt, smsw, lmsw, invlpg */
	{ 2, { 0x0f, 0x01 }, -1, RM_REG, 0 }, /* vmcall, monitor, mwait, clac, stac, xgetbv,
					       * xsetbv, swapgs, rdtscp, rdpkru, wrpkru, ... */
	{ 2, { 0x0f, 0x02 }, -1, RM_ANY, 0 }, /* lar */
	{ 2, { 0x0f, 0x03 }, -1, RM_ANY, 0 }, /* lsl */
	OP2(0x0f, 0x06), OP2(0x0f, 0x08), OP2(0x0f, 0x09),    /* clts, invd, wbinvd */
	{ 2, { 0x0f, 0x20 }, -1, RM_REG, 0 }, /* mov from cr */
	{ 2, { 0x0f, 0x21 }, -1, RM_REG, 0 }, /* mov from dr */
	{ 2, { 0x0f, 0x22 }, -1, RM_REG, 0 }, /* mov to cr */
	{ 2, { 0x0f, 0x23 }, -1, RM_REG, 0 }, /* mov to dr */
	OP2(0x0f, 0x30), OP2(0x0f, 0x31), OP2(0x0f, 0x32),    /* wrmsr, rdtsc, rdmsr */
	OP2(0x0f, 0x33), OP2(0x0f, 0x37), OP2(0x0f, 0xa2),    /* rdpmc, getsec, cpuid */
	OP2(0x0f, 0xaa),                                      /* rsm */
	{ 2, { 0x0f, 0xae }, -1, RM_ANY, 0 }, /* fxsave, fxrstor, ldmxcsr, xsave, xrstor, fences;
					       * with f3: rd/wr fs/gs base */
	{ 2, { 0x0f, 0xc7 }, -1, RM_ANY, 0 }, /* cmpxchg16b, vmptrld, rdrand, rdseed, rdpid */
	{ 2, { 0x0f, 0x78 }, -1, RM_ANY, 0 }, /* vmread */
	{ 2, { 0x0f, 0x79 }, -1, RM_ANY, 0 }, /* vmwrite */
	{ 3, { 0x0f, 0x38, 0x82 }, -1, RM_MEM, 0 }, /* invpcid */
	OP1(0x9c), OP1(0x9d),                 /* pushf, popf (of the random flags on the stack) */
	{ 1, { 0xd9 }, 4, RM_MEM, 0 },        /* fldenv */
	{ 1, { 0xdd }, 4, RM_MEM, 0 },        /* frstor */
	{ 1, { 0xc8 }, -1, NO_MODRM, 3 },     /* enter */
};

/* Undefined opcodes, and ones 64-bit mode took away. */
static const struct op undefined_ops[] = {
	OP2(0x0f, 0x0b),                      /* ud2 */
	{ 2, { 0x0f, 0xb9 }, -1, RM_ANY, 0 }, /* ud1 */
	{ 2, { 0x0f, 0xff }, -1, RM_ANY, 0 }, /* ud0 */
	OP1(0xd6), OP2(0x0f, 0x04), OP2(0x0f, 0x0a), OP2(0x0f, 0x0c), OP2(0x0f, 0x0e),
	OP2(0x0f, 0x36), OP2(0x0f, 0x39), OP2(0x0f, 0xa6), OP2(0x0f, 0xa7),
	OP1(0x27), OP1(0x2f), OP1(0x37), OP1(0x3f), OP1(0x60), OP1(0x61), /* daa ... popa */
	{ 1, { 0x62 }, -1, RM_ANY, 3 },       /* bound, now EVEX */
	{ 1, { 0xd4 }, -1, NO_MODRM, 1 },     /* aam */
	{ 1, { 0xd5 }, -1, NO_MODRM, 1 },     /* aad */
};

/* Prefixes: operand size, address size, lock, rep, segment overrides, REX. */
static const uint8_t prefixes[] = { 0x66, 0x67, 0xf0, 0xf2, 0xf3, 0x2e, 0x26,
				    0x36, 0x3e, 0x64, 0x65, 0x40, 0x48, 0x4f };

/* An instruction being put together. */
struct insn {
	uint8_t b[INSN_MAX];
	unsigned n;
	int iretq; /* the one kind of instruction that may hold an 0xcf byte */
};

static void emit(struct insn *i, uint64_t byte)
{
	if (i->n < INSN_MAX)
		i->b[i->n++] = (uint8_t)byte;
}

static void emit_random(struct insn *i, unsigned count, uint64_t *s)
{
	while (count--)
		emit(i, fuzz_next(s));
}

/*
 * A ModRM byte with reg field `reg` (any when negative), and the SIB byte and displacement it
 * asks for: a register, or memory at (%rsp) (where fuzz_insn_regs puts a far pointer), at a
 * register plus a byte (registers often point into the sandbox's pages), rip-relative, or
 * anything.
 */
static void emit_modrm(struct insn *i, int reg, enum operand operand, uint64_t *s)
{
	uint64_t r = (reg < 0 ? fuzz_below(s, 8) : (uint64_t)reg) << 3;
	if (operand == RM_REG || (operand == RM_ANY && fuzz_below(s, 2))) {
		emit(i, 0xc0 | r | fuzz_below(s, 8));
		return;
	}
	uint64_t form = fuzz_below(s, 4);
	if (operand == RM_STACK && form != 3)
		form = 0;
	switch (form) {
	case 0:
		emit(i, 0x04 | r);
		emit(i, 0x24);
		return;
	case 1: {
		uint64_t base = fuzz_below(s, 8);
		emit(i, 0x40 | r | (base == 4 || base == 5 ? 3 : base));
		emit(i, fuzz_next(s));
		return;
	}
	case 2:
		emit(i, 0x05 | r);
		emit_random(i, 4, s);
		return;
	default: {
		uint64_t mod = fuzz_below(s, 3), rm = fuzz_below(s, 8), sib = fuzz_next(s) & 0xff;
		emit(i, mod << 6 | r | rm);
		if (rm == 4)
			emit(i, sib);
		if (mod == 1)
			emit_random(i, 1, s);
		else if (mod == 2 || (mod == 0 && (rm == 5 || (rm == 4 && (sib & 7) == 5))))
			emit_random(i, 4, s);
		return;
	}
	}
}

static void emit_op(struct insn *i, const struct op *op, uint64_t *s)
{
	for (unsigned k = 0; k < op->len; k++)
		emit(i, op->bytes[k]);
	if (op->operand != NO_MODRM)
		emit_modrm(i, op->reg, op->operand, s);
	emit_random(i, op->imm, s);
}

/* An op from a table, after one prefix of `choices` (0 stands for none). */
static void emit_from(struct insn *i, const struct op *ops, size_t count, const uint8_t *choices,
		      size_t nchoices, uint64_t *s)
{
	uint8_t prefix = choices[fuzz_below(s, nchoices)];
	if (prefix)
		emit(i, prefix);
	emit_op(i, &ops[fuzz_below(s, count)], s);
}

#define EMIT_FROM(i, ops, choices, s)                                                         \
	emit_from(i, ops, KT_COUNT(ops), choices, KT_COUNT(choices), s)

/* Operand sizes for segment and far instructions; prefixes for system ones (f3 makes 0f ae
 * with a register operand RDFSBASE, WRFSBASE, RDGSBASE, WRGSBASE). */
static const uint8_t size_prefixes[] = { 0, 0, 0x48, 0x66 };
static const uint8_t system_prefixes[] = { 0, 0, 0, 0x66, 0xf3, 0xf2, 0x48 };
static const uint8_t no_prefix[] = { 0 };

/* A load of SS, then an instruction that enters the kernel in its shadow. */
static void emit_ss_shadow(struct insn *i, uint64_t *s)
{
	static const struct op entries[] = {
		OP2(0x0f, 0x05), OP1(0xcc), { 1, { 0xcd }, -1, NO_MODRM, 1 }, OP1(0xf1),
		OP2(0x0f, 0x34), OP2(0x0f, 0x0b), OP1(0xf4),
	};
	emit(i, 0x8e);
	if (fuzz_below(s, 2)) {
		emit(i, 0xd0 | fuzz_below(s, 8)); /* mov %r, %ss */
	} else {
		emit(i, 0x14); /* mov (%rsp), %ss */
		emit(i, 0x24);
	}
	emit_op(i, &entries[fuzz_below(s, KT_COUNT(entries))], s);
}

/* Prefixes, an opcode of any map, then random bytes. */
static void emit_random_opcode(struct insn *i, uint64_t *s)
{
	for (uint64_t n = fuzz_below(s, 4); n; n--)
		emit(i, prefixes[fuzz_below(s, sizeof(prefixes))]);
	switch (fuzz_below(s, 4)) {
	case 0:
		emit(i, 0x0f);
		break;
	case 1:
		emit(i, 0x0f);
		emit(i, fuzz_below(s, 2) ? 0x38 : 0x3a);
		break;
	case 2:
		emit(i, fuzz_below(s, 2) ? 0xc4 : 0xc5); /* VEX */
		break;
	default:
		break;
	}
	emit_random(i, INSN_MAX, s);
}

static void emit_insn(struct insn *i, uint64_t *s)
{
	switch (fuzz_below(s, 16)) {
	case 0:
	case 1:
	case 2:
		emit_random(i, 1 + (unsigned)fuzz_below(s, INSN_MAX), s);
		break;
	case 3:
	case 4:
		emit_random_opcode(i, s);
		break;
	case 5:
	case 6:
		EMIT_FROM(i, segment_ops, size_prefixes, s);
		break;
	case 7:
		emit(i, 0x48); /* iretq */
		emit(i, 0xcf);
		i->iretq = 1;
		break;
	case 8:
		EMIT_FROM(i, far_ops, size_prefixes, s);
		break;
	case 9:
	case 10:
		EMIT_FROM(i, entry_ops, size_prefixes, s);
		break;
	case 11:
	case 12:
		EMIT_FROM(i, system_ops, system_prefixes, s);
		break;
	case 13:
		EMIT_FROM(i, undefined_ops, no_prefix, s);
		break;
	default:
		emit_ss_shadow(i, s);
		break;
	}
}

/* Whether a byte may prefix an opcode: legacy prefixes and REX. */
static int is_prefix(uint8_t b)
{
	return (b & 0xf0) == 0x40 || memchr(prefixes, b, sizeof(prefixes)) != NULL;
}

/*
 * Byte sequences that crash QEMU 7.2 itself, which a CPU answers with #UD; wherever they start
 * (a jump may land on any byte), they are defused:
 * - LOCK BT, BTS, BTR or BTC with a register operand aborts the emulator ("tcg fatal error"):
 *   the lock prefix becomes a DS override;
 * - 0f 38 0c (VPERMILPS) without a 66 prefix, legacy or VEX-encoded, calls a null function in
 *   the decoder -cpu max uses (QEMU commit ebd9ea2947 fixes it): the opcode becomes 0f 38 00.
 */
static void avoid_emulator_bugs(uint8_t *code)
{
	for (unsigned i = 0; i + 3 < HELIOS_PAGE_SIZE; i++) {
		if (code[i] == 0x0f && code[i + 1] == 0x38 && code[i + 2] == 0x0c)
			code[i + 2] = 0x00;
		if (code[i] == 0xc4 && (code[i + 1] & 0x1f) == 2 && (code[i + 2] & 3) == 0 &&
		    code[i + 3] == 0x0c)
			code[i + 3] = 0x00;
		if (code[i] != 0xf0)
			continue;
		unsigned k = i + 1;
		while (k < HELIOS_PAGE_SIZE && k - i < INSN_MAX && is_prefix(code[k]))
			k++;
		if (k + 2 >= HELIOS_PAGE_SIZE || code[k] != 0x0f)
			continue;
		uint8_t op = code[k + 1], modrm = code[k + 2];
		int bt = op == 0xa3 || op == 0xab || op == 0xb3 || op == 0xbb || op == 0xba;
		if (bt && modrm >= 0xc0)
			code[i] = 0x3e;
	}
}

/*
 * QEMU 7.2 takes a 32-bit IRET whose popped EFLAGS has VM set into virtual-8086 mode, even at
 * CPL 3 in 64-bit mode (a CPU ignores VM there): the task then runs with CS 0, and its next
 * fault looks like the kernel's own. So no byte 0xcf is left but that of the IRETQ template,
 * and only the instruction task runs them (its address space is its own), from a stack
 * whose frames have VM clear: a jump landing on the 0xcf alone finds VM clear too
 * (fuzz_insn_regs).
 */
static void avoid_iret32(struct insn *i)
{
	for (unsigned k = 0; k < i->n && !i->iretq; k++)
		if (i->b[k] == 0xcf)
			i->b[k] = INT3;
}

void fuzz_insn_fill(uint8_t *code, uint64_t *s)
{
	for (unsigned slot = 0; slot < HELIOS_PAGE_SIZE / SLOT; slot++) {
		struct insn i = { .n = 0 };
		emit_insn(&i, s);
		avoid_iret32(&i);
		memset(code + slot * SLOT, INT3, SLOT);
		memcpy(code + slot * SLOT, i.b, i.n);
	}
	avoid_emulator_bugs(code);
}

/* The CPU fetches what was stored: the task is stopped while its page is rewritten, and it
 * comes back through IRETQ, which serialises. */
void fuzz_sync_code(const uint8_t *code, size_t size)
{
	(void)code;
	(void)size;
}

/* Selectors of the kernel's GDT (gdt.h): kernel code, 32-bit user code (absent, but for the
 * run with selftest=compat_segment: the way into compatibility mode), user code and data. */
#define SEL_KERNEL_CODE 0x08
#define SEL_USER_CODE32 0x1b
#define SEL_USER_CODE 0x2b
#define SEL_USER_DATA 0x23
#define LDT 4 /* the table indicator */
/* The LDT entries a stray LDT at linear address 0 would find on the data page. */
#define LDT_DATA_FIRST (fuzz_page_vaddr(FUZZ_PAGE_DATA) / 8)
#define LDT_DATA_COUNT (HELIOS_PAGE_SIZE / 8)

/*
 * A selector: a GDT entry (null, the kernel's, the 32-bit user code, the user ones, the TSS's
 * two halves, past the end) with any requested privilege level, one into the LDT (mostly an
 * entry on the data page, fuzz_insn_data), the user ones, or anything.
 */
static uint64_t random_selector(uint64_t *s)
{
	static const uint64_t user[] = { SEL_USER_CODE32, SEL_USER_CODE, SEL_USER_DATA };
	switch (fuzz_below(s, 4)) {
	case 0:
		return fuzz_below(s, 10) << 3 | fuzz_below(s, 4);
	case 1:
		return (fuzz_below(s, 4) ? LDT_DATA_FIRST + fuzz_below(s, LDT_DATA_COUNT)
					 : fuzz_below(s, 8192)) << 3 |
		       LDT | fuzz_below(s, 4);
	case 2:
		return user[fuzz_below(s, KT_COUNT(user))];
	default:
		return fuzz_next(s) & 0xffff;
	}
}

/* A code or data segment descriptor: base 0, limit 4 GiB, `type` (with S set), privilege level
 * `dpl`, present, flags (L for 64-bit code, D for 32-bit). */
static uint64_t segment(uint64_t type, uint64_t dpl, uint64_t flags)
{
	return 0xffffull | 0xfull << 48 | (type | 1u << 4 | dpl << 5 | 1u << 7) << 40 |
	       (flags | 8) << 52;
}

#define CODE 0xa /* execute, read */
#define DATA 0x2 /* read, write */
#define FLAG_L 2
#define FLAG_D 4

/*
 * A pair of descriptor-table entries, what an LDT would hold: a 64-bit call gate (into the
 * kernel's code, mostly) to any offset, 64-bit or 32-bit code (the way to compatibility mode),
 * data, or anything, usually of privilege level 3; then the gate's upper half, or another
 * entry.
 */
static void random_descriptors(uint64_t pair[2], uint64_t *s)
{
	uint64_t dpl = fuzz_below(s, 4) ? 3 : fuzz_below(s, 4);
	switch (fuzz_below(s, 6)) {
	case 0:
	case 1: {
		uint64_t target = fuzz_below(s, 2) ? SEL_KERNEL_CODE : random_selector(s);
		uint64_t offset = fuzz_register_value(s);
		pair[0] = (offset & 0xffff) | target << 16 | (0xcull | dpl << 5 | 1u << 7) << 40 |
			  ((offset >> 16) & 0xffff) << 48;
		pair[1] = offset >> 32; /* and type 0, as the upper half must have */
		return;
	}
	case 2:
		pair[0] = segment(CODE, dpl, FLAG_L);
		break;
	case 3:
		pair[0] = segment(CODE, dpl, FLAG_D);
		break;
	case 4:
		pair[0] = segment(DATA, dpl, FLAG_D);
		break;
	default:
		pair[0] = fuzz_next(s);
		break;
	}
	pair[1] = fuzz_below(s, 2) ? segment(fuzz_below(s, 2) ? CODE : DATA, 3, FLAG_D)
				   : fuzz_next(s);
}

/* A far pointer m16:32: a selector above a 32-bit offset. */
static uint64_t far_pointer(uint64_t *s)
{
	return random_selector(s) << 32 | (fuzz_register_value(s) & 0xffffffff);
}

void fuzz_insn_data(uint8_t *data, uint64_t *s)
{
	uint64_t *words = (uint64_t *)data;
	for (unsigned i = 0; i < HELIOS_PAGE_SIZE / 8; i += 2) {
		switch (fuzz_below(s, 4)) {
		case 0:
		case 1:
			random_descriptors(&words[i], s);
			break;
		case 2: /* far pointers m16:32 */
			words[i] = far_pointer(s);
			words[i + 1] = far_pointer(s);
			break;
		default:
			words[i] = fuzz_register_value(s);
			words[i + 1] = fuzz_next(s);
			break;
		}
	}
}

/* A selector for a far pointer or return frame: half of them to the data page's
 * descriptors, through a stray LDT. */
static uint64_t frame_selector(uint64_t *s)
{
	return fuzz_below(s, 2) ? (LDT_DATA_FIRST + fuzz_below(s, LDT_DATA_COUNT)) << 3 | LDT | 3
				: random_selector(s);
}

/* A general register: often a selector (for the segment instructions), else a register
 * value. */
static uint64_t register_value(uint64_t *s)
{
	return fuzz_below(s, 4) ? fuzz_register_value(s) : random_selector(s);
}

void fuzz_insn_regs(struct helios_regs *r, uint64_t pc, uint8_t *stack, uint64_t *s)
{
	uint64_t *words = (uint64_t *)r;
	for (unsigned i = 0; i < HELIOS_REGS_COUNT; i++)
		words[i] = register_value(s);
	r->rip = pc;
	/* Mid-page, with what far returns and IRETQ pop there: target, code selector, flags,
	 * stack pointer, stack selector (for m16:32 far pointers: the selector above a 32-bit
	 * offset in the first word). No word has VM set in either half (avoid_iret32). */
	uint64_t offset = 1024 + fuzz_below(s, 256) * 8;
	r->rsp = fuzz_page_vaddr(FUZZ_PAGE_STACK) + offset;
	uint64_t target = fuzz_below(s, 2) ? pc + SLOT : fuzz_register_value(s);
	uint64_t frame[5] = { target, frame_selector(s), fuzz_next(s) & 0x3fffff,
			      r->rsp + fuzz_below(s, 64) * 8, frame_selector(s) };
	if (fuzz_below(s, 4) == 0)
		frame[0] = (target & 0xffffffff) | frame_selector(s) << 32;
	for (unsigned k = 0; k < 5; k++)
		frame[k] &= ~(RFLAGS_VM | RFLAGS_VM << 32);
	memcpy(stack + offset, frame, sizeof(frame));
	/* Flags: the kernel takes only what user mode may set; TF makes the next instruction
	 * trap, and after a load of SS the one after. */
	r->rflags = RFLAGS_IF | (fuzz_below(s, 4) ? fuzz_next(s) : 0);
	if (fuzz_below(s, 4) == 0)
		r->rflags |= RFLAGS_TF;
	else
		r->rflags &= ~RFLAGS_TF;
	if (r->rax == HELIOS_SYS_WRITECONS)
		r->rax = HELIOS_SYS_YIELD;
	fuzz_regs_acceptable(r);
}

void fuzz_regs_acceptable(struct helios_regs *r)
{
	r->rip %= HELIOS_USER_TOP;
	r->rsp %= HELIOS_USER_TOP;
	r->fs_base %= HELIOS_USER_TOP;
	r->gs_base %= HELIOS_USER_TOP;
}

void fuzz_puppet_regs(struct helios_regs *r, const struct fuzz_request *q)
{
	r->rbx = q->number;
	r->rbp = q->caddr;
	r->r12 = q->tag;
	r->r13 = q->p[0];
	r->r14 = q->p[1];
	r->r15 = q->p[2];
}
