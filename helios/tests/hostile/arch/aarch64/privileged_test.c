/*
 * Instructions EL0 must not get away with on aarch64 (the x86_64 twin has the same number of
 * tests): each runs in a supervised thread of its own (privileged.S, trigger.h) and must fault
 * at the instruction with the exception class its table names, as a GENERAL_PROTECTION fault
 * when trapped (EC 0x01, 0x18) and INVALID_OPCODE otherwise (EC 0: undefined at EL0; SVE and
 * SME, EC 0x19 and 0x1d, trapped as if absent). Every fault is survived: the kernel goes on
 * running the next. Then what EL0 may run but must find inert (pointer authentication), and
 * what must not carry over between tasks (the exclusive monitor).
 */
#include <stdbool.h>

#include "helios/tests/hostile/trigger.h"
#include "helios/tests/ktest.h"

#define EC_UNDEFINED 0x00
#define EC_WFX 0x01
#define EC_SYSREG 0x18

extern const struct trigger priv_el1_registers[], priv_interrupt_mask[], priv_exception_level[],
	priv_maintenance[], priv_wait[], priv_wfe[], priv_pstate[], priv_timer[], priv_pmu[],
	priv_features[];

int priv_paciza(void *pointer);
int priv_pacga(void *mac);
extern const char priv_paciza_ip[], priv_pacga_ip[];

uint32_t priv_exclusive_across(uint64_t *word, uint64_t syscall);
uint32_t priv_exclusive_spin(uint64_t *word, uint64_t ticks);
int priv_exclusive_loader(void *word);

/* What x0 points at while a trigger runs: a cache line's worth of the test's own memory. */
static uint8_t buffer[64] __attribute__((aligned(64)));

static uint64_t fault_type(uint64_t ec)
{
	return ec == EC_WFX || ec == EC_SYSREG ? HELIOS_FAULT_GENERAL_PROTECTION
					       : HELIOS_FAULT_INVALID_OPCODE;
}

/* Which exception class a table's instructions must raise. */
enum expect {
	AS_LISTED,         /* the one each entry names */
	LISTED_OR_ABSENT,  /* that, or undefined on a CPU without the feature */
	ABSENT,            /* undefined: the CPU lacks the whole feature */
};

static void expect_faults(const struct trigger *table, enum expect how)
{
	for (const struct trigger *t = table; t->fn; t++) {
		struct kt_fault f = trigger_fault(t, buffer);
		uint64_t ec = t->data;
		if (how == ABSENT || (how == LISTED_OR_ABSENT && f.vector == EC_UNDEFINED))
			ec = EC_UNDEFINED;
		trigger_check(t, &f, fault_type(ec), ec);
	}
}

/* Instructions EL0 may run. */
static int read_cycle_counter(void *arg)
{
	(void)arg;
	__asm__ volatile("mrs xzr, pmccntr_el0");
	return 0;
}

static int read_virtual_counter(void *arg)
{
	uint64_t *v = arg;
	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(*v));
	return 0;
}

static const struct trigger cycle_counter = {read_cycle_counter, 0, "mrs pmccntr_el0", 0};
static const struct trigger virtual_counter = {read_virtual_counter, 0, "mrs cntvct_el0", 0};
static const struct trigger paciza = {priv_paciza, priv_paciza_ip, "paciza x1", 0};
static const struct trigger pacga = {priv_pacga, priv_pacga_ip, "pacga x1, x1, x1", 0};

/* Runs t: true if it completed, false if it was undefined (the CPU lacks what it uses). */
static bool runs_unless_absent(const struct trigger *t, void *arg)
{
	struct kt_fault f;
	if (!trigger_run(t, arg, &f))
		return true;
	trigger_check(t, &f, HELIOS_FAULT_INVALID_OPCODE, EC_UNDEFINED);
	return false;
}

KTEST(privileged_el1_registers)
{
	expect_faults(priv_el1_registers, AS_LISTED);
}

KTEST(privileged_interrupt_mask)
{
	expect_faults(priv_interrupt_mask, AS_LISTED);
}

KTEST(privileged_exception_level)
{
	expect_faults(priv_exception_level, AS_LISTED);
}

KTEST(privileged_maintenance)
{
	expect_faults(priv_maintenance, AS_LISTED);
}

/* Trapped rather than left to wait: an EL0 WFI would only idle away the task's time slice,
 * and a supervisor that wants it can emulate it (skip it and yield). WFE traps only when it
 * would wait; when it completes instead, it must not have hung the system (the watchdog). */
KTEST(privileged_wait)
{
	expect_faults(priv_wait, AS_LISTED);
	struct kt_fault f;
	if (trigger_run(priv_wfe, buffer, &f))
		trigger_check(priv_wfe, &f, HELIOS_FAULT_GENERAL_PROTECTION, EC_WFX);
}

KTEST(privileged_pstate)
{
	expect_faults(priv_pstate, AS_LISTED);
}

/* Timers trapped, the virtual counter still readable. */
KTEST(privileged_timer)
{
	expect_faults(priv_timer, AS_LISTED);
	static uint64_t v;
	struct kt_fault f;
	KT_EQ(trigger_run(&virtual_counter, &v, &f), 0);
	KT_CHECK(v != 0);
}

/* With a PMU, its cycle counter readable and everything else trapped; without one, all of it
 * undefined. */
KTEST(privileged_pmu)
{
	struct kt_fault f;
	bool pmu = trigger_run(&cycle_counter, NULL, &f) == 0;
	expect_faults(priv_pmu, pmu ? AS_LISTED : ABSENT);
}

/*
 * Features of newer CPUs. Pointer authentication is off for EL0: PACIZA leaves a pointer
 * alone; PACGA, which nothing at EL1 turns off, runs, and traps to no EL2 (where nothing would
 * handle it: //images:aarch64_hostile_el2_cpu_max_test). TPIDRRO_EL0, which EL0 may read and
 * the kernel does not use, holds nothing.
 */
KTEST(privileged_features)
{
	expect_faults(priv_features, LISTED_OR_ABSENT);
	static uint64_t pointer, mac;
	pointer = (uint64_t)(uintptr_t)&pointer;
	if (runs_unless_absent(&paciza, &pointer))
		KT_EQ(pointer, (uint64_t)(uintptr_t)&pointer);
	runs_unless_absent(&pacga, &mac);
	uint64_t v;
	__asm__ volatile("mrs %0, tpidrro_el0" : "=r"(v));
	KT_EQ(v, 0);
}

/*
 * A store-exclusive never completes across a kernel entry (ERET clears the local monitor), so
 * a task never completes one against another task's load-exclusive: not after a syscall, not
 * when the task between them loaded the same word, not across a timer interrupt. Without a
 * kernel entry between them the pair succeeds, which shows the probe can tell.
 */
KTEST(privileged_exclusive_monitor)
{
	static uint64_t word;
	KT_EQ(priv_exclusive_across(&word, ~0ull), 0);
	KT_EQ(priv_exclusive_across(&word, HELIOS_SYS_YIELD), 1);
	struct rt_thread loader;
	kt_spawn(&loader, priv_exclusive_loader, &word, KT_PRIORITY);
	for (int i = 0; i < 8; i++)
		KT_EQ(priv_exclusive_across(&word, HELIOS_SYS_YIELD), 1);
	KT_EQ(priv_exclusive_spin(&word, 30 * kt_counter_per_ms()), 1);
	KT_EQ(word, 1);
}
