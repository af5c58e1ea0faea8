/*
 * Task registers on x86_64: every word of struct helios_regs round trips, rflags is filtered,
 * addresses past user space are refused, a task starts with exactly what was written (rcx and
 * r11 too). arch/aarch64/regs_test.c checks the same of aarch64's; task_test.c checks that
 * the TLS base is per task.
 */
#include "helios/tests/ktest.h"

#define RFLAGS_CF 0x1ull
#define RFLAGS_ZF 0x40ull
#define RFLAGS_IF 0x200ull
#define RFLAGS_IOPL 0x3000ull

KTEST(task_registers_roundtrip)
{
	helios_caddr_t task = kt_object(HELIOS_CAP_TASK, 0);
	struct helios_regs in = {
		.rip = 0x401000,
		.rsp = 0x7000ff0,
		.rflags = RFLAGS_CF | RFLAGS_ZF,
		.rax = 1, .rbx = 2, .rcx = 3, .rdx = 4, .rsi = 5, .rdi = 6, .rbp = 7,
		.r8 = 8, .r9 = 9, .r10 = 10, .r11 = 11, .r12 = 12, .r13 = 13, .r14 = 14,
		.r15 = 0x8000000000000015ull,
		.fs_base = 0x123000, .gs_base = 0x456000,
	};
	KT_OK(helios_task_write_registers(task, &in));
	struct helios_regs out;
	KT_OK(helios_task_read_registers(task, &out));
	KT_EQ(out.rip, in.rip);
	KT_EQ(out.rsp, in.rsp);
	KT_EQ(out.rflags & (RFLAGS_CF | RFLAGS_ZF), RFLAGS_CF | RFLAGS_ZF);
	KT_EQ(out.rflags & RFLAGS_IF, RFLAGS_IF);
	const uint64_t *a = &in.rax, *b = &out.rax;
	for (int i = 0; i < 15; i++)
		KT_EQ(b[i], a[i]);
	KT_EQ(out.fs_base, in.fs_base);
	KT_EQ(out.gs_base, in.gs_base);
}

/* A task may not give itself I/O privilege, turn interrupts off or enter virtual-8086 mode. */
KTEST(task_rflags_filtered)
{
	helios_caddr_t task = kt_object(HELIOS_CAP_TASK, 0);
	struct helios_regs in = { .rip = 0x401000, .rsp = 0x8000, .rflags = ~0ull };
	KT_OK(helios_task_write_registers(task, &in));
	struct helios_regs out;
	KT_OK(helios_task_read_registers(task, &out));
	KT_EQ(out.rflags & RFLAGS_IOPL, 0);
	KT_EQ(out.rflags & RFLAGS_IF, RFLAGS_IF);
	KT_EQ(out.rflags & 0x20000, 0);  /* VM */
	KT_EQ(out.rflags & 0x4000, 0);   /* NT */
	KT_EQ(out.rflags & 0x200000, 0); /* ID */
	in.rflags = 0;
	KT_OK(helios_task_write_registers(task, &in));
	KT_OK(helios_task_read_registers(task, &out));
	KT_EQ(out.rflags & RFLAGS_IF, RFLAGS_IF);
}

KTEST(task_write_registers_refused)
{
	helios_caddr_t task = kt_object(HELIOS_CAP_TASK, 0);
	struct helios_regs good = { .rip = 0x401000, .rsp = 0x8000 };
	KT_OK(helios_task_write_registers(task, &good));
	static const uint64_t bad[] = { HELIOS_USER_TOP, 1ull << 47, 0xffff800000000000ull, ~0ull };
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct helios_regs r = good;
		r.rip = bad[i];
		KT_ERR(helios_task_write_registers(task, &r), HELIOS_ERR_INVALID_PARAM);
		r = good;
		r.rsp = bad[i];
		KT_ERR(helios_task_write_registers(task, &r), HELIOS_ERR_INVALID_PARAM);
		r = good;
		r.fs_base = bad[i];
		KT_ERR(helios_task_write_registers(task, &r), HELIOS_ERR_INVALID_PARAM);
		r = good;
		r.gs_base = bad[i];
		KT_ERR(helios_task_write_registers(task, &r), HELIOS_ERR_INVALID_PARAM);
	}
	struct helios_regs out;
	KT_OK(helios_task_read_registers(task, &out));
	KT_EQ(out.rip, good.rip);
	KT_EQ(out.rsp, good.rsp);
	KT_EQ(out.fs_base, 0);
}

/* A task started with written registers sees exactly those, rcx and r11 included. */
KTEST(task_starts_with_written_registers)
{
	static uint64_t tls_word;
	tls_word = (uint64_t)(uintptr_t)&tls_word;
	helios_caddr_t n = kt_notification();
	kt_regs_signal = n;
	struct rt_thread t;
	kt_create(&t, kt_return_arg, NULL, KT_PRIORITY);
	struct helios_regs in = {
		.rip = (uint64_t)(uintptr_t)kt_regs_entry,
		.rsp = rt_thread_stack_top(&t) - 0x100,
		.rflags = RFLAGS_IF,
		.rax = 0xa0, .rbx = 0xb0, .rcx = 0xc0, .rdx = 0xd0, .rsi = 0x51, .rdi = 0xd1,
		.rbp = 0xb9, .r8 = 0x80, .r9 = 0x90, .r10 = 0x100, .r11 = 0x110, .r12 = 0x120,
		.r13 = 0x130, .r14 = 0x140, .r15 = 0x150,
		.fs_base = tls_word,
	};
	KT_OK(helios_task_write_registers(t.task, &in));
	KT_OK(rt_thread_start(&t));
	KT_OK(helios_wait(n, NULL));
	KT_EQ(kt_regs_seen.rsp, in.rsp);
	const uint64_t *a = &in.rax, *b = &kt_regs_seen.rax;
	static const char *const names[] = { "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp",
					     "r8",  "r9",  "r10", "r11", "r12", "r13", "r14",
					     "r15" };
	for (int i = 0; i < 15; i++)
		if (a[i] != b[i])
			KT_FAIL("%s started as %#llx, written %#llx", names[i],
				(unsigned long long)b[i], (unsigned long long)a[i]);
	KT_EQ(kt_regs_seen.fs_base, tls_word); /* %fs:0 read through fs_base */
}
