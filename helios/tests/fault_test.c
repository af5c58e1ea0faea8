/*
 * Faults: each kind reaches the fault endpoint with its type, address, instruction pointer,
 * error code and vector; a supervisor recovers the task by mapping the page or by rewriting
 * its registers and replying; a task without a fault endpoint is suspended. The faulting
 * instructions and what each architecture reports for them are in arch/<arch>/ (ktest_arch.h,
 * asm.S); faults only one architecture has are in arch/<arch>/fault_arch_test.c.
 */
#include "helios/tests/ktest.h"

#define UNMAPPED (KT_SCRATCH + 0x40000000ull) /* a gigabyte beyond anything mapped */

static __attribute__((noinline)) int fault_write(void *arg)
{
	*(volatile uint64_t *)arg = 1;
	return 0;
}

KTEST(fault_page_read)
{
	struct kt_sup s;
	struct kt_fault f = kt_expect_fault(&s, kt_fault_read, (void *)(UNMAPPED + 0x123),
					    HELIOS_FAULT_PAGE, KT_VECTOR_DATA_ABORT);
	KT_EQ(f.addr, UNMAPPED + 0x123);
	KT_EQ(f.ip, (uint64_t)(uintptr_t)kt_fault_read_ip);
	KT_EQ(kt_page_fault_flags(f.code), KT_PF_USER);
	/* The registers say the same. */
	struct helios_regs r;
	KT_OK(helios_task_read_registers(s.thread.task, &r));
	KT_EQ(rt_regs_pc(&r), f.ip);
}

KTEST(fault_page_write_read_only)
{
	helios_caddr_t page = kt_object(HELIOS_CAP_PAGE, 0);
	KT_OK(rt_map(rt_vspace, page, KT_SCRATCH + 0x10000, HELIOS_MAP_READ));
	struct kt_sup s;
	struct kt_fault f = kt_expect_fault(&s, fault_write, (void *)(KT_SCRATCH + 0x10008),
					    HELIOS_FAULT_PAGE, KT_VECTOR_DATA_ABORT);
	KT_EQ(f.addr, KT_SCRATCH + 0x10008);
	KT_EQ(kt_page_fault_flags(f.code), KT_PF_PRESENT | KT_PF_WRITE | KT_PF_USER);
}

KTEST(fault_kernel_memory)
{
	struct kt_sup s;
	struct kt_fault f = kt_expect_fault(&s, kt_fault_read, (void *)HELIOS_KERNEL_BASE,
					    HELIOS_FAULT_PAGE, KT_VECTOR_DATA_ABORT);
	KT_EQ(f.addr, HELIOS_KERNEL_BASE);
	KT_EQ(kt_page_fault_flags(f.code) & KT_PF_USER, KT_PF_USER);
	struct kt_sup s2;
	kt_expect_fault(&s2, fault_write, (void *)(HELIOS_HHDM_BASE + 0x100000),
			HELIOS_FAULT_PAGE, KT_VECTOR_DATA_ABORT);
	KT_EQ(s2.fault.addr, HELIOS_HHDM_BASE + 0x100000);
}

/* An address outside what user page tables can translate (x86_64: non-canonical). */
KTEST(fault_non_canonical)
{
	struct kt_sup s;
	kt_expect_fault(&s, kt_fault_read, (void *)KT_BAD_ADDRESS, KT_BAD_ADDRESS_TYPE,
			KT_BAD_ADDRESS_VECTOR);
}

/* The supervisor maps the missing page and replies: the task carries on as if nothing had
 * happened. */
KTEST(fault_recover_by_mapping)
{
	uint64_t v = UNMAPPED + 0x5000;
	struct kt_sup s;
	struct kt_fault f =
		kt_expect_fault(&s, kt_fault_read, (void *)v, HELIOS_FAULT_PAGE, KT_VECTOR_DATA_ABORT);
	KT_EQ(f.addr, v);
	kt_map(v, 1);
	*(volatile uint64_t *)v = 77;
	kt_sup_resume(&s);
	KT_EQ(kt_sup_wait(&s), 0);
	KT_EQ(s.thread.result, 77);
}

/* Replying without fixing anything: the instruction runs again and faults again. */
KTEST(fault_repeats_until_fixed)
{
	uint64_t v = UNMAPPED + 0x6000;
	struct kt_sup s;
	kt_expect_fault(&s, fault_write, (void *)v, HELIOS_FAULT_PAGE, KT_VECTOR_DATA_ABORT);
	for (int i = 0; i < 3; i++) {
		kt_sup_resume(&s);
		KT_EQ(kt_sup_wait(&s), 1);
		KT_EQ(s.fault.addr, v);
	}
	kt_map(v, 1);
	kt_sup_resume(&s);
	KT_EQ(kt_sup_wait(&s), 0);
	KT_EQ(*(volatile uint64_t *)v, 1);
}

/* The supervisor skips the faulting instruction by writing the registers, then replies. */
KTEST(fault_recover_by_registers)
{
	struct kt_sup s;
	struct kt_fault f = kt_expect_fault(&s, kt_fault_invalid_opcode, NULL,
					    HELIOS_FAULT_INVALID_OPCODE, KT_VECTOR_INVALID_OPCODE);
	KT_EQ(f.ip, (uint64_t)(uintptr_t)kt_fault_invalid_opcode_ip);
	struct helios_regs r;
	KT_OK(helios_task_read_registers(s.thread.task, &r));
	KT_EQ(rt_regs_pc(&r), f.ip);
	rt_regs_set_pc(&r, f.ip + KT_INVALID_OPCODE_LENGTH);
	rt_regs_set_result(&r, 5);
	KT_OK(helios_task_write_registers(s.thread.task, &r));
	kt_sup_resume(&s);
	KT_EQ(kt_sup_wait(&s), 0);
	KT_EQ(s.thread.result, 5);
}

/* The fault message is a call: the supervisor may keep the reply capability and answer
 * later, like any server. */
KTEST(fault_deferred_resume)
{
	uint64_t v = UNMAPPED + 0x7000;
	struct kt_sup s;
	kt_expect_fault(&s, kt_fault_read, (void *)v, HELIOS_FAULT_PAGE, KT_VECTOR_DATA_ABORT);
	helios_caddr_t saved = kt_slot();
	KT_OK(helios_cspace_save_reply(rt_cspace, saved, NULL));
	KT_EQ(kt_type(saved), HELIOS_CAP_REPLY);
	kt_map(v, 1);
	*(volatile uint64_t *)v = 123;
	struct helios_msg m = { .tag = helios_tag(0, 0, 0) };
	KT_OK(helios_send(saved, &m));
	KT_EQ(kt_sup_wait(&s), 0);
	KT_EQ(s.thread.result, 123);
}

/* Instructions user mode may not run. */
KTEST(fault_privileged_instructions)
{
	struct kt_sup s;
	struct kt_fault f = kt_expect_fault(&s, kt_fault_privileged, NULL,
					    HELIOS_FAULT_GENERAL_PROTECTION, KT_VECTOR_PRIVILEGED);
	KT_EQ(f.ip, (uint64_t)(uintptr_t)kt_fault_privileged_ip);
	struct kt_sup s2;
	kt_expect_fault(&s2, kt_fault_system_register, NULL, KT_TYPE_SYSTEM_REGISTER,
			KT_VECTOR_SYSTEM_REGISTER);
}

/* A breakpoint reaches the supervisor, which resumes the task after it (x86_64's int3 is a
 * trap and already reports the next instruction; aarch64's brk reports itself). */
KTEST(fault_breakpoint)
{
	struct kt_sup s;
	struct kt_fault f = kt_expect_fault(&s, kt_fault_breakpoint, NULL, HELIOS_FAULT_DEBUG,
					    KT_VECTOR_BREAKPOINT);
	uint64_t at = (uint64_t)(uintptr_t)kt_fault_breakpoint_ip, next = at + KT_BREAKPOINT_LENGTH;
	KT_CHECK(f.ip == at || f.ip == next);
	if (f.ip == at) {
		struct helios_regs r;
		KT_OK(helios_task_read_registers(s.thread.task, &r));
		rt_regs_set_pc(&r, next);
		KT_OK(helios_task_write_registers(s.thread.task, &r));
	}
	kt_sup_resume(&s);
	KT_EQ(kt_sup_wait(&s), 0);
	KT_EQ(s.thread.result, 9);
}

/* Recurses until the stack runs out (the limit is never reached: 56 KiB of stack). */
static __attribute__((noinline)) int recurse(int depth)
{
	volatile char frame[512];
	frame[0] = (char)depth;
	if (depth > 1000000)
		return frame[0];
	return recurse(depth + 1) + frame[0];
}

static int overflow_stack(void *arg)
{
	(void)arg;
	return recurse(0);
}

/* Running off the bottom of a thread's stack hits its guard page. */
KTEST(fault_stack_guard)
{
	struct kt_sup s;
	struct kt_fault f =
		kt_expect_fault(&s, overflow_stack, NULL, HELIOS_FAULT_PAGE, KT_VECTOR_DATA_ABORT);
	KT_CHECK(f.addr >= s.thread.base + HELIOS_PAGE_SIZE &&
		 f.addr < s.thread.base + 2 * HELIOS_PAGE_SIZE);
	KT_EQ(kt_page_fault_flags(f.code) & KT_PF_PRESENT, 0);
}

/* The fault endpoint's badge comes with the fault. */
KTEST(fault_badge)
{
	helios_caddr_t ep = kt_endpoint(), badged = kt_mint(ep, HELIOS_RIGHT_WRITE, 0xf00d);
	struct rt_thread t;
	KT_OK(rt_thread_spawn(&t, kt_fault_read, (void *)UNMAPPED, KT_PRIORITY, badged));
	struct helios_msg m;
	KT_OK(helios_recv(ep, &m));
	KT_EQ(m.value, 0xf00d);
	KT_EQ(helios_tag_label(m.tag), HELIOS_FAULT_LABEL);
	KT_EQ(helios_tag_params(m.tag), HELIOS_FAULT_PARAMS);
	KT_EQ(m.p[HELIOS_FAULT_TYPE], HELIOS_FAULT_PAGE);
	KT_EQ(m.p[HELIOS_FAULT_ADDR], UNMAPPED);
	KT_EQ(rt_ipc_buffer()->params[HELIOS_FAULT_VECTOR], KT_VECTOR_DATA_ABORT);
}

/* Without a fault endpoint the faulting task is suspended (the kernel says so on the
 * console); resumed, it retries the instruction. */
KTEST(fault_without_endpoint_suspends)
{
	uint64_t v = UNMAPPED + 0x8000;
	struct rt_thread t;
	KT_OK(rt_thread_spawn(&t, kt_fault_read, (void *)v, KT_PRIORITY, HELIOS_CADDR_UNDEF));
	kt_wait_state(t.task, HELIOS_TASK_INACTIVE);
	KT_CHECK(!t.finished);
	kt_map(v, 1);
	*(volatile uint64_t *)v = 31;
	KT_OK(helios_task_resume(t.task));
	KT_EQ(kt_join(&t), 31);
}

/* A supervisor can give a faulting task a new fault endpoint while it waits. */
KTEST(fault_endpoint_changed)
{
	struct kt_sup s;
	kt_expect_fault(&s, fault_write, (void *)(UNMAPPED + 0x9000), HELIOS_FAULT_PAGE,
			KT_VECTOR_DATA_ABORT);
	helios_caddr_t other = kt_endpoint();
	KT_OK(helios_task_set_fault_endpoint(s.thread.task, other));
	kt_sup_resume(&s);
	struct helios_msg m;
	KT_OK(helios_recv(other, &m));
	KT_EQ(helios_tag_label(m.tag), HELIOS_FAULT_LABEL);
	KT_EQ(m.p[HELIOS_FAULT_ADDR], UNMAPPED + 0x9000);
}
