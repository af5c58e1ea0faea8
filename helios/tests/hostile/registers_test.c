/*
 * A supervisor writes registers into tasks blocked in every kind of syscall and into faulted
 * tasks, with every value the kernel must take apart (all flag bits, pc 0, stack pointer 0),
 * then lets them run: each comes back as its own fault at the address written, and the kernel
 * stays up. Addresses outside user space are refused, blocked or not.
 */
#include "helios/tests/ktest.h"

enum blocked_in { IN_SEND, IN_RECV, IN_CALL, IN_WAIT, IN_POLL, IN_FAULT, BLOCKED_KINDS };

struct victim {
	enum blocked_in how;
	helios_caddr_t ep, n;
};

static int block(void *arg)
{
	struct victim *v = arg;
	struct helios_msg m = { .tag = helios_tag(5, 1, 0), .p = { 9 } };
	struct helios_ipc_buffer *ipc = rt_ipc_buffer();
	switch (v->how) {
	case IN_SEND:
		return helios_send(v->ep, &m);
	case IN_RECV:
		return helios_recv(v->ep, &m);
	case IN_CALL:
		return helios_call(v->ep, &m);
	case IN_WAIT:
		return helios_wait(v->n, NULL);
	case IN_POLL:
		ipc->poll[0] = (struct helios_poll_item){ v->n, HELIOS_POLL_RECV, 0 };
		return helios_poll(1, NULL);
	default:
		return *(volatile int *)(uintptr_t)8; /* page 0: faults */
	}
}

static const uint64_t states[BLOCKED_KINDS] = {
	HELIOS_TASK_BLOCKED_SEND, HELIOS_TASK_BLOCKED_RECV, HELIOS_TASK_BLOCKED_SEND,
	HELIOS_TASK_BLOCKED_WAIT, HELIOS_TASK_BLOCKED_POLL, HELIOS_TASK_BLOCKED_REPLY,
};

/* Makes whatever the victim waits for happen (or answers its fault). */
static void release(struct victim *v, struct kt_sup *s)
{
	struct helios_msg m = { .tag = helios_tag(6, 0, 0) };
	switch (v->how) {
	case IN_SEND:
		KT_OK(helios_recv(v->ep, &m));
		break;
	case IN_CALL:
		KT_OK(helios_recv(v->ep, &m));
		m = (struct helios_msg){ .tag = helios_tag(0, 0, 0) };
		KT_OK(helios_reply(&m));
		break;
	case IN_RECV:
		KT_OK(helios_send(v->ep, &m));
		break;
	case IN_WAIT:
	case IN_POLL:
		KT_OK(helios_signal(v->n));
		break;
	default:
		kt_sup_resume(s);
		break;
	}
}

/* Kernel, non-canonical and wrapping addresses as pc, stack pointer or TLS base of a blocked
 * or faulted task: refused, and nothing of them taken. */
static void refused_writes(helios_caddr_t task, const struct helios_regs *now)
{
	static const uint64_t bad[] = { HELIOS_USER_TOP, 0x0000800000000000ull,
					0xffff800000000000ull, 0xfffffffffffffff0ull };
	for (unsigned i = 0; i < KT_COUNT(bad); i++) {
		struct helios_regs r = *now;
		rt_regs_set_pc(&r, bad[i]);
		KT_ERR(helios_task_write_registers(task, &r), HELIOS_ERR_INVALID_PARAM);
		r = *now;
		rt_regs_set_sp(&r, bad[i]);
		KT_ERR(helios_task_write_registers(task, &r), HELIOS_ERR_INVALID_PARAM);
		r = *now;
		rt_regs_set_tls(&r, bad[i]);
		KT_ERR(helios_task_write_registers(task, &r), HELIOS_ERR_INVALID_PARAM);
	}
	struct helios_regs after;
	KT_OK(helios_task_read_registers(task, &after));
	KT_EQ(rt_regs_pc(&after), rt_regs_pc(now));
	KT_EQ(rt_regs_sp(&after), rt_regs_sp(now));
}

/*
 * Every blocked kind, its registers rewritten to pc 0 (the unmappable page), stack pointer 0
 * and every flag bit: released, the task runs from pc 0 and faults there as itself; suspended
 * and resumed instead, likewise. The kernel filters the flags, so the task is in user mode.
 */
KTEST(hostile_registers_of_blocked_tasks)
{
	for (int how = 0; how < BLOCKED_KINDS; how++) {
		for (int suspend = 0; suspend < 2; suspend++) {
			struct victim v = { (enum blocked_in)how, kt_endpoint(), kt_notification() };
			struct kt_sup s;
			kt_sup_start(&s, block, &v);
			if (how == IN_FAULT)
				KT_EQ(kt_sup_wait(&s), 1);
			kt_wait_state(s.thread.task, states[how]);
			struct helios_regs r;
			KT_OK(helios_task_read_registers(s.thread.task, &r));
			refused_writes(s.thread.task, &r);
			KT_EQ(kt_state(s.thread.task), states[how]);
			r = (struct helios_regs){ 0 };
			/* every flag: x86_64 rflags, aarch64 pstate, the third word of both */
			((uint64_t *)&r)[2] = ~0ull;
			KT_OK(helios_task_write_registers(s.thread.task, &r));
			KT_OK(helios_task_read_registers(s.thread.task, &r));
			KT_CHECK(rt_regs_user_mode(&r));
			if (suspend) {
				KT_OK(helios_task_suspend(s.thread.task));
				KT_OK(helios_task_resume(s.thread.task));
			} else {
				release(&v, &s);
			}
			KT_EQ(kt_sup_wait(&s), 1);
			if (s.fault.ip != 0)
				KT_FAIL("blocked kind %d (suspend %d): fault at ip %#llx, expected 0", how,
					suspend, (unsigned long long)s.fault.ip);
			KT_EQ(s.fault.type, HELIOS_FAULT_PAGE);
			rt_thread_destroy(&s.thread);
		}
	}
}
