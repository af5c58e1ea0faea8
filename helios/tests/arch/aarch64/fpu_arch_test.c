/*
 * FP state only aarch64 has in this form: FPSR, the cumulative exception flags (in place of
 * x86_64's x87 register stack). Each thread's flags stay its own across yields.
 */
#include "helios/tests/ktest.h"

#define FPSR_FLAGS 0x9full /* IDC, IXC, UFC, OFC, DZC, IOC */

static uint64_t read_fpsr(void)
{
	uint64_t v;
	__asm__ volatile("mrs %0, fpsr" : "=r"(v));
	return v;
}

static int fpsr_main(void *arg)
{
	uint64_t flags = (uint64_t)(uintptr_t)arg;
	__asm__ volatile("msr fpsr, %0" : : "r"(flags));
	for (int i = 0; i < 20; i++)
		helios_yield();
	return (read_fpsr() & FPSR_FLAGS) == flags;
}

/* A division by zero sets DZC, which stays set. */
static int divide_main(void *arg)
{
	(void)arg;
	__asm__ volatile("msr fpsr, xzr");
	volatile double zero = 0.0;
	volatile double q = 1.0 / zero;
	(void)q;
	for (int i = 0; i < 20; i++)
		helios_yield();
	return (read_fpsr() & FPSR_FLAGS) == 0x2;
}

KTEST(fpu_status_flags_kept)
{
	static const uint64_t flags[3] = { 0x01, 0x10, 0x88 };
	struct rt_thread t[4];
	for (int k = 0; k < 3; k++)
		kt_spawn(&t[k], fpsr_main, (void *)(uintptr_t)flags[k], KT_PRIORITY);
	kt_spawn(&t[3], divide_main, NULL, KT_PRIORITY);
	for (int k = 0; k < 4; k++)
		KT_EQ(kt_join(&t[k]), 1);
}
