/*
 * Task registers on aarch64: every word of struct helios_regs round trips, pstate keeps only
 * NZCV, addresses past user space and misaligned pc or sp are refused, a task starts with
 * exactly what was written. arch/x86_64/regs_test.c checks the same of x86_64's; task_test.c
 * checks that the TLS base is per task.
 */
#include "helios/tests/ktest.h"

#define PSTATE_NZCV 0xf0000000ull
#define PSTATE_N_C 0xa0000000ull
#define PSTATE_SS (1ull << 21)
#define PSTATE_IL (1ull << 20)

KTEST(task_registers_roundtrip)
{
	helios_caddr_t task = kt_object(HELIOS_CAP_TASK, 0);
	struct helios_regs in = {
		.pc = 0x401000,
		.sp = 0x7000ff0,
		.pstate = PSTATE_N_C,
		.tpidr_el0 = 0x123000,
	};
	for (int i = 0; i < 31; i++)
		in.x[i] = (uint64_t)i + 1;
	in.x[30] = 0x8000000000000030ull;
	KT_OK(helios_task_write_registers(task, &in));
	struct helios_regs out;
	KT_OK(helios_task_read_registers(task, &out));
	KT_EQ(out.pc, in.pc);
	KT_EQ(out.sp, in.sp);
	KT_EQ(out.pstate & PSTATE_NZCV, PSTATE_N_C);
	KT_CHECK(rt_regs_user_mode(&out));
	for (int i = 0; i < 31; i++)
		KT_EQ(out.x[i], in.x[i]);
	KT_EQ(out.tpidr_el0, in.tpidr_el0);
}

/* A task may not give itself another exception level, masked interrupts, single-stepping or
 * an illegal execution state: of pstate only NZCV is taken. */
KTEST(task_pstate_filtered)
{
	helios_caddr_t task = kt_object(HELIOS_CAP_TASK, 0);
	struct helios_regs in = { .pc = 0x401000, .sp = 0x8000, .pstate = ~0ull };
	KT_OK(helios_task_write_registers(task, &in));
	struct helios_regs out;
	KT_OK(helios_task_read_registers(task, &out));
	KT_EQ(out.pstate & PSTATE_NZCV, PSTATE_NZCV);
	KT_CHECK(rt_regs_user_mode(&out));
	KT_EQ(out.pstate & (PSTATE_SS | PSTATE_IL), 0);
	in.pstate = 0;
	KT_OK(helios_task_write_registers(task, &in));
	KT_OK(helios_task_read_registers(task, &out));
	KT_EQ(out.pstate & PSTATE_NZCV, 0);
	KT_CHECK(rt_regs_user_mode(&out));
}

KTEST(task_write_registers_refused)
{
	helios_caddr_t task = kt_object(HELIOS_CAP_TASK, 0);
	struct helios_regs good = { .pc = 0x401000, .sp = 0x8000 };
	KT_OK(helios_task_write_registers(task, &good));
	static const uint64_t bad[] = { HELIOS_USER_TOP, 1ull << 47, 0xffff800000000000ull, ~0ull };
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct helios_regs r = good;
		r.pc = bad[i];
		KT_ERR(helios_task_write_registers(task, &r), HELIOS_ERR_INVALID_PARAM);
		r = good;
		r.sp = bad[i] & ~0xfull;
		KT_ERR(helios_task_write_registers(task, &r), HELIOS_ERR_INVALID_PARAM);
		r = good;
		r.tpidr_el0 = bad[i];
		KT_ERR(helios_task_write_registers(task, &r), HELIOS_ERR_INVALID_PARAM);
	}
	/* pc is 4-byte aligned, sp 16-byte aligned. */
	static const uint64_t misaligned[] = { 1, 2, 8 };
	for (unsigned i = 0; i < sizeof(misaligned) / sizeof(misaligned[0]); i++) {
		struct helios_regs r = good;
		r.sp += misaligned[i];
		KT_ERR(helios_task_write_registers(task, &r), HELIOS_ERR_INVALID_PARAM);
		if (misaligned[i] < 4) {
			r = good;
			r.pc += misaligned[i];
			KT_ERR(helios_task_write_registers(task, &r), HELIOS_ERR_INVALID_PARAM);
		}
	}
	struct helios_regs out;
	KT_OK(helios_task_read_registers(task, &out));
	KT_EQ(out.pc, good.pc);
	KT_EQ(out.sp, good.sp);
	KT_EQ(out.tpidr_el0, 0);
}

/* A task started with written registers sees exactly those, x0-x6 (the syscall registers)
 * and x30 included. */
KTEST(task_starts_with_written_registers)
{
	static uint64_t tls_word;
	helios_caddr_t n = kt_notification();
	kt_regs_signal = n;
	struct rt_thread t;
	kt_create(&t, kt_return_arg, NULL, KT_PRIORITY);
	struct helios_regs in = {
		.pc = (uint64_t)(uintptr_t)kt_regs_entry,
		.sp = rt_thread_stack_top(&t) - 0x100,
		.pstate = PSTATE_N_C,
		.tpidr_el0 = (uint64_t)(uintptr_t)&tls_word,
	};
	for (int i = 0; i < 31; i++)
		in.x[i] = 0xa000 + (uint64_t)i * 0x101;
	KT_OK(helios_task_write_registers(t.task, &in));
	KT_OK(rt_thread_start(&t));
	KT_OK(helios_wait(n, NULL));
	KT_EQ(kt_regs_seen.sp, in.sp);
	KT_EQ(kt_regs_seen.pstate & PSTATE_NZCV, PSTATE_N_C);
	for (int i = 0; i < 31; i++)
		if (kt_regs_seen.x[i] != in.x[i])
			KT_FAIL("x%d started as %#llx, written %#llx", i,
				(unsigned long long)kt_regs_seen.x[i], (unsigned long long)in.x[i]);
	KT_EQ(kt_regs_seen.tpidr_el0, in.tpidr_el0);
}
