/*
 * Instructions ring 3 must not get away with on x86_64 (the aarch64 twin has the same number
 * of tests): each runs in a supervised thread of its own (privileged.S, trigger.h) and must
 * fault at the instruction, as a general protection fault (#GP, vector 13) with the error
 * code its table names unless said otherwise. Every fault is survived: the kernel goes on
 * running the next. Then what user mode may run: the software interrupts it is allowed, and
 * POPF, whose privileged flags must be ignored.
 */
#include "helios/tests/hostile/trigger.h"
#include "helios/tests/ktest.h"

#define VECTOR_DEBUG 1
#define VECTOR_BREAKPOINT 3
#define VECTOR_INVALID_OPCODE 6
#define VECTOR_GP 13

#define RFLAGS_IF (1ull << 9)
#define RFLAGS_IOPL (3ull << 12)
#define RFLAGS_NT (1ull << 14)

extern const struct trigger priv_interrupt_flag[], priv_io_ports[], priv_descriptor_tables[],
	priv_control_registers[], priv_msr_pmc[], priv_cache_tlb[], priv_system_return[],
	priv_sysexit[], priv_int_gates[], priv_breakpoint[], priv_icebp[], priv_into[];

/* What %rdi points at while a trigger runs (a descriptor-table pointer, INS's destination). */
static uint8_t buffer[64] __attribute__((aligned(64)));

/* f is #GP(t's code) at t's instruction. */
static void check_gp(const struct trigger *t, const struct kt_fault *f)
{
	trigger_check(t, f, HELIOS_FAULT_GENERAL_PROTECTION, VECTOR_GP);
	if (f->code != t->data)
		KT_FAIL("%s: error code %#llx, expected %#llx", t->text,
			(unsigned long long)f->code, (unsigned long long)t->data);
}

/* Every trigger of the table faults at its instruction with #GP(its code). */
static void expect_gp(const struct trigger *table)
{
	for (const struct trigger *t = table; t->fn; t++) {
		struct kt_fault f = trigger_fault(t, buffer);
		check_gp(t, &f);
	}
}

KTEST(privileged_interrupt_flag)
{
	expect_gp(priv_interrupt_flag);
}

KTEST(privileged_io_ports)
{
	expect_gp(priv_io_ports);
}

KTEST(privileged_descriptor_tables)
{
	expect_gp(priv_descriptor_tables);
}

KTEST(privileged_control_registers)
{
	expect_gp(priv_control_registers);
}

KTEST(privileged_msr_pmc)
{
	expect_gp(priv_msr_pmc);
}

KTEST(privileged_cache_tlb)
{
	expect_gp(priv_cache_tlb);
}

KTEST(privileged_system_return)
{
	expect_gp(priv_system_return);
	struct kt_fault f = trigger_fault(priv_sysexit, buffer);
	if (f.type == HELIOS_FAULT_INVALID_OPCODE)
		trigger_check(priv_sysexit, &f, HELIOS_FAULT_INVALID_OPCODE, VECTOR_INVALID_OPCODE);
	else
		check_gp(priv_sysexit, &f);
}

/*
 * Gates user mode may not call raise #GP naming the gate, and none runs its handler. The
 * error code is the vector << 3 with the IDT bit (2); QEMU 7.2's TCG reports vector << 4
 * (target/i386/tcg/seg_helper.c, do_interrupt64, fixed in later QEMUs), so both are taken.
 */
KTEST(privileged_int_gates)
{
	for (const struct trigger *t = priv_int_gates; t->fn; t++) {
		struct kt_fault f = trigger_fault(t, buffer);
		trigger_check(t, &f, HELIOS_FAULT_GENERAL_PROTECTION, VECTOR_GP);
		uint64_t v = t->data;
		if (f.code != (v << 3 | 2) && f.code != (v << 4 | 2))
			KT_FAIL("%s: error code %#llx, expected %#llx", t->text,
				(unsigned long long)f.code, (unsigned long long)(v << 3 | 2));
	}
}

/* A debug trap with FAULT_VECTOR `vector`, reported after t's instruction (1 or 2 bytes). */
static void check_debug_trap(const struct trigger *t, const struct kt_fault *f, uint64_t vector)
{
	uint64_t at = (uint64_t)(uintptr_t)t->ip;
	if (f->type != HELIOS_FAULT_DEBUG || f->vector != vector || f->ip <= at || f->ip > at + 2)
		KT_FAIL("%s: %s (vector %#llx) at %#llx, expected a debug trap (vector %#llx) "
			"after %#llx",
			t->text, helios_fault_name(f->type), (unsigned long long)f->vector,
			(unsigned long long)f->ip, (unsigned long long)vector,
			(unsigned long long)at);
}

/* What user mode may raise: breakpoints arrive as debug faults; ICEBP too, on hardware (QEMU
 * makes it undefined); INTO is undefined in 64-bit mode. */
KTEST(privileged_int_allowed)
{
	for (const struct trigger *t = priv_breakpoint; t->fn; t++) {
		struct kt_fault f = trigger_fault(t, buffer);
		check_debug_trap(t, &f, VECTOR_BREAKPOINT);
	}
	struct kt_fault f = trigger_fault(priv_icebp, buffer);
	if (f.type == HELIOS_FAULT_INVALID_OPCODE)
		trigger_check(priv_icebp, &f, HELIOS_FAULT_INVALID_OPCODE, VECTOR_INVALID_OPCODE);
	else
		check_debug_trap(priv_icebp, &f, VECTOR_DEBUG);
	f = trigger_fault(priv_into, buffer);
	trigger_check(priv_into, &f, HELIOS_FAULT_INVALID_OPCODE, VECTOR_INVALID_OPCODE);
}

static uint64_t read_flags(void)
{
	uint64_t flags;
	__asm__ volatile("pushf\n\tpop %0" : "=r"(flags));
	return flags;
}

/* Loads `flags` with POPF and reads them back. */
static uint64_t popf_pushf(uint64_t flags)
{
	__asm__ volatile("push %0\n\tpopf" : : "r"(flags) : "cc");
	return read_flags();
}

/*
 * POPF in ring 3 silently keeps IOPL 0 and IF set: no fault, the instruction completes (NT,
 * which it may set, shows that it did). A syscall and a timer interrupt taken with NT set
 * return normally.
 */
KTEST(privileged_flags)
{
	uint64_t before = read_flags();
	KT_EQ(before & (RFLAGS_IOPL | RFLAGS_IF | RFLAGS_NT), RFLAGS_IF);
	uint64_t after = popf_pushf((before | RFLAGS_IOPL | RFLAGS_NT) & ~RFLAGS_IF);
	KT_EQ(after & (RFLAGS_IOPL | RFLAGS_IF | RFLAGS_NT), RFLAGS_IF | RFLAGS_NT);
	helios_yield();
	kt_spin_ms(30);
	popf_pushf(before);
}
