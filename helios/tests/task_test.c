/*
 * Tasks: configure and its errors, states, registers of a blocked task, resume and suspend
 * (also of blocked tasks), destruction, priorities, IPC buffer and fault endpoint changes,
 * rights of task capabilities. Writing and reading every register is per architecture:
 * arch/<arch>/regs_test.c.
 */
#include "helios/tests/ktest.h"

static int receive_once(void *arg)
{
	struct helios_msg m;
	int err = helios_recv(*(helios_caddr_t *)arg, &m);
	return err ? -err : (int)helios_tag_label(m.tag);
}

static int send_once(void *arg)
{
	struct helios_msg m = { .tag = helios_tag(9, 0, 0) };
	return helios_send(*(helios_caddr_t *)arg, &m);
}

static int call_once(void *arg)
{
	struct helios_msg m = { .tag = helios_tag(9, 0, 0) };
	return helios_call(*(helios_caddr_t *)arg, &m);
}

static int wait_once(void *arg)
{
	return helios_wait(*(helios_caddr_t *)arg, NULL);
}

static int poll_once(void *arg)
{
	rt_ipc_buffer()->poll[0] = (struct helios_poll_item){ *(helios_caddr_t *)arg,
							       HELIOS_POLL_RECV, 0 };
	return helios_poll(1, NULL);
}

static volatile uint64_t counter;

static int count_with_yields(void *arg)
{
	(void)arg;
	for (;;) {
		counter++;
		helios_yield();
	}
}

static int count_spinning(void *arg)
{
	(void)arg;
	for (;;)
		counter++;
}

KTEST(task_run_thread)
{
	struct rt_thread t;
	kt_spawn(&t, kt_return_arg, (void *)1234, KT_PRIORITY);
	KT_EQ(kt_join(&t), 1234);
	/* It signals its joiner, then suspends itself: a time slice may end in between. */
	for (int i = 0; i < 10 && kt_state(t.task) != HELIOS_TASK_INACTIVE; i++)
		helios_yield();
	KT_EQ(kt_state(t.task), HELIOS_TASK_INACTIVE);
}

KTEST(task_many_threads)
{
	struct rt_thread t[8];
	for (int i = 0; i < 8; i++)
		kt_spawn(&t[i], kt_return_arg, (void *)(uintptr_t)(i * i), KT_PRIORITY);
	for (int i = 0; i < 8; i++)
		KT_EQ(kt_join(&t[i]), i * i);
}

KTEST(task_configure_errors)
{
	helios_caddr_t task = kt_object(HELIOS_CAP_TASK, 0), ep = kt_endpoint();
	helios_caddr_t n = kt_notification(), page = kt_object(HELIOS_CAP_PAGE, 0);
	helios_caddr_t ro_ep = kt_copy(ep, HELIOS_RIGHT_READ);
	helios_caddr_t cs = rt_cspace, vs = rt_vspace, U = HELIOS_CADDR_UNDEF;
	KT_ERR(helios_task_configure(task, ep, vs, U, 0, U, 10), HELIOS_ERR_INVALID_TYPE);
	KT_ERR(helios_task_configure(task, cs, cs, U, 0, U, 10), HELIOS_ERR_INVALID_TYPE);
	KT_ERR(helios_task_configure(task, cs, vs, ep, 0, U, 10), HELIOS_ERR_INVALID_TYPE);
	KT_ERR(helios_task_configure(task, cs, vs, page, KT_SCRATCH + 8, U, 10),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_task_configure(task, cs, vs, page, HELIOS_USER_TOP, U, 10),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_task_configure(task, cs, vs, U, 0, n, 10), HELIOS_ERR_INVALID_TYPE);
	KT_ERR(helios_task_configure(task, cs, vs, U, 0, ro_ep, 10), HELIOS_ERR_ACCESS);
	KT_ERR(helios_task_configure(task, cs, vs, U, 0, U, HELIOS_PRIORITY_COUNT),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_task_configure(task, cs, vs, U, 0, U, KT_PRIORITY + 1), HELIOS_ERR_ACCESS);
	KT_ERR(helios_task_configure(task, kt_slot(), vs, U, 0, U, 10), HELIOS_ERR_INVALID_CSLOT);
	/* Nothing of the failed attempts stuck. */
	KT_EQ(kt_priority(task), 0);
	KT_OK(helios_task_configure(task, cs, vs, page, KT_SCRATCH, ep, 10));
	KT_EQ(kt_priority(task), 10);
	KT_EQ(kt_state(task), HELIOS_TASK_INACTIVE);
}

KTEST(task_resume_needs_spaces)
{
	helios_caddr_t task = kt_object(HELIOS_CAP_TASK, 0);
	KT_EQ(kt_state(task), HELIOS_TASK_INACTIVE);
	KT_EQ(kt_priority(task), 0);
	KT_ERR(helios_task_resume(task), HELIOS_ERR_INVALID_PARAM);
	KT_OK(helios_task_set_space(task, rt_cspace, rt_vspace));
	KT_ERR(helios_task_set_space(task, rt_vspace, rt_vspace), HELIOS_ERR_INVALID_TYPE);
	KT_ERR(helios_task_set_space(task, rt_cspace, rt_cspace), HELIOS_ERR_INVALID_TYPE);
	KT_EQ(kt_state(task), HELIOS_TASK_INACTIVE);
}

KTEST(task_states)
{
	helios_caddr_t ep = kt_endpoint(), n = kt_notification();
	struct rt_thread r, s, w, c;
	kt_spawn(&r, receive_once, &ep, KT_PRIORITY);
	kt_wait_state(r.task, HELIOS_TASK_BLOCKED_RECV);
	KT_OK(helios_task_suspend(r.task));
	KT_EQ(kt_state(r.task), HELIOS_TASK_INACTIVE);
	helios_caddr_t ep2 = kt_endpoint();
	kt_spawn(&s, send_once, &ep2, KT_PRIORITY);
	kt_wait_state(s.task, HELIOS_TASK_BLOCKED_SEND);
	kt_spawn(&w, wait_once, &n, KT_PRIORITY);
	kt_wait_state(w.task, HELIOS_TASK_BLOCKED_WAIT);
	struct rt_thread p, y;
	helios_caddr_t n2 = kt_notification();
	kt_spawn(&p, poll_once, &n2, KT_PRIORITY);
	kt_wait_state(p.task, HELIOS_TASK_BLOCKED_POLL);
	kt_spawn(&y, count_with_yields, NULL, KT_PRIORITY);
	KT_EQ(kt_state(y.task), HELIOS_TASK_READY);
	KT_EQ(kt_state(rt_self()), HELIOS_TASK_READY);
	helios_caddr_t ep3 = kt_endpoint();
	kt_spawn(&c, call_once, &ep3, KT_PRIORITY);
	kt_wait_state(c.task, HELIOS_TASK_BLOCKED_SEND);
	struct helios_msg m;
	KT_OK(helios_recv(ep3, &m));
	KT_EQ(kt_state(c.task), HELIOS_TASK_BLOCKED_REPLY);
	m = (struct helios_msg){ .tag = helios_tag(0, 0, 0) };
	KT_OK(helios_reply(&m));
	KT_EQ(kt_join(&c), HELIOS_OK);
	KT_OK(helios_signal(n));
	KT_EQ(kt_join(&w), HELIOS_OK);
	KT_OK(helios_signal(n2));
	KT_EQ(kt_join(&p), HELIOS_OK);
}

KTEST(task_read_registers_of_blocked_task)
{
	helios_caddr_t ep = kt_endpoint();
	struct rt_thread t;
	kt_spawn(&t, receive_once, &ep, KT_PRIORITY);
	kt_wait_state(t.task, HELIOS_TASK_BLOCKED_RECV);
	struct helios_regs r;
	KT_OK(helios_task_read_registers(t.task, &r));
	uint64_t pc = rt_regs_pc(&r), sp = rt_regs_sp(&r);
	KT_CHECK(pc >= rt_info->image_base && pc < rt_info->image_base + rt_info->image_size);
	KT_CHECK(sp > t.base && sp < rt_thread_stack_top(&t));
	KT_CHECK(rt_regs_user_mode(&r));
	/* A read-only task capability can look, not touch. */
	helios_caddr_t ro = kt_copy(t.task, HELIOS_RIGHT_READ);
	KT_OK(helios_task_read_registers(ro, &r));
	uint64_t state;
	KT_OK(helios_task_info(ro, &state, NULL));
	KT_EQ(state, HELIOS_TASK_BLOCKED_RECV);
	KT_ERR(helios_task_suspend(ro), HELIOS_ERR_ACCESS);
	KT_ERR(helios_task_resume(ro), HELIOS_ERR_ACCESS);
	KT_ERR(helios_task_write_registers(ro, &r), HELIOS_ERR_ACCESS);
	KT_ERR(helios_task_set_priority(ro, 1), HELIOS_ERR_ACCESS);
	helios_caddr_t wo = kt_copy(t.task, HELIOS_RIGHT_WRITE);
	KT_ERR(helios_task_info(wo, NULL, NULL), HELIOS_ERR_ACCESS);
	KT_ERR(helios_task_read_registers(wo, &r), HELIOS_ERR_ACCESS);
}

KTEST(task_suspend_resume)
{
	struct rt_thread t;
	counter = 0;
	kt_spawn(&t, count_with_yields, NULL, KT_PRIORITY);
	kt_yield(5);
	KT_CHECK(counter > 0);
	KT_OK(helios_task_suspend(t.task));
	KT_EQ(kt_state(t.task), HELIOS_TASK_INACTIVE);
	uint64_t c = counter;
	kt_yield(20);
	KT_EQ(counter, c);
	KT_OK(helios_task_suspend(t.task)); /* twice is fine */
	KT_OK(helios_task_resume(t.task));
	kt_yield(5);
	KT_CHECK(counter > c);
	KT_OK(helios_task_resume(t.task)); /* resuming a running task changes nothing */
	KT_EQ(kt_state(t.task), HELIOS_TASK_READY);
}

/* A task suspended while blocked in recv receives again when resumed. */
KTEST(task_suspend_restarts_recv)
{
	helios_caddr_t ep = kt_endpoint();
	struct rt_thread t;
	kt_spawn(&t, receive_once, &ep, KT_PRIORITY);
	kt_wait_state(t.task, HELIOS_TASK_BLOCKED_RECV);
	KT_OK(helios_task_suspend(t.task));
	struct helios_msg m = { .tag = helios_tag(77, 0, 0) };
	KT_ERR(helios_nbsend(ep, &m), HELIOS_ERR_WOULD_BLOCK);
	KT_OK(helios_task_resume(t.task));
	kt_wait_state(t.task, HELIOS_TASK_BLOCKED_RECV);
	m = (struct helios_msg){ .tag = helios_tag(77, 0, 0) };
	KT_OK(helios_nbsend(ep, &m));
	KT_EQ(kt_join(&t), 77);
}

/* A task suspended while waiting for the answer to a call gets DELETED when resumed. */
KTEST(task_suspend_during_call)
{
	helios_caddr_t ep = kt_endpoint();
	struct rt_thread t;
	kt_spawn(&t, call_once, &ep, KT_PRIORITY);
	struct helios_msg m;
	KT_OK(helios_recv(ep, &m));
	KT_EQ(kt_state(t.task), HELIOS_TASK_BLOCKED_REPLY);
	KT_OK(helios_task_suspend(t.task));
	m = (struct helios_msg){ .tag = helios_tag(0, 0, 0) };
	KT_ERR(helios_reply(&m), HELIOS_ERR_DELETED);
	KT_OK(helios_task_resume(t.task));
	KT_EQ(kt_join(&t), HELIOS_ERR_DELETED);
}

static int suspend_self(void *arg)
{
	*(volatile int *)arg = 1;
	int err = helios_task_suspend(rt_self());
	*(volatile int *)arg = 2;
	return err;
}

KTEST(task_suspend_self)
{
	volatile int stage = 0;
	struct rt_thread t;
	kt_spawn(&t, suspend_self, (void *)&stage, KT_PRIORITY);
	kt_wait_state(t.task, HELIOS_TASK_INACTIVE);
	KT_EQ(stage, 1);
	KT_OK(helios_task_resume(t.task));
	KT_EQ(kt_join(&t), HELIOS_OK);
	KT_EQ(stage, 2);
}

KTEST(task_destroy_running)
{
	struct rt_thread t;
	counter = 0;
	kt_spawn(&t, count_spinning, NULL, KT_PRIORITY);
	while (counter == 0)
		helios_yield();
	KT_OK(helios_cspace_delete(rt_cspace, t.task));
	uint64_t c = counter;
	kt_yield(10);
	kt_spin_ms(8);
	KT_EQ(counter, c);
}

KTEST(task_destroy_blocked_sender)
{
	helios_caddr_t ep = kt_endpoint();
	struct rt_thread t;
	kt_spawn(&t, send_once, &ep, KT_PRIORITY);
	kt_wait_state(t.task, HELIOS_TASK_BLOCKED_SEND);
	KT_OK(helios_cspace_delete(rt_cspace, t.task));
	struct helios_msg m;
	KT_ERR(helios_nbrecv(ep, &m), HELIOS_ERR_WOULD_BLOCK);
}

KTEST(task_destroy_caller)
{
	helios_caddr_t ep = kt_endpoint();
	struct rt_thread t;
	kt_spawn(&t, call_once, &ep, KT_PRIORITY);
	struct helios_msg m;
	KT_OK(helios_recv(ep, &m));
	KT_OK(helios_cspace_delete(rt_cspace, t.task));
	m = (struct helios_msg){ .tag = helios_tag(0, 0, 0) };
	KT_ERR(helios_reply(&m), HELIOS_ERR_DELETED);
}

KTEST(task_destroy_frees_memory)
{
	uint64_t before = rt_memory_free();
	struct rt_thread t;
	kt_spawn(&t, kt_return_arg, NULL, KT_PRIORITY);
	kt_join(&t);
	KT_CHECK(rt_memory_free() < before);
	rt_thread_destroy(&t);
	KT_EQ(rt_memory_free(), before);
}

KTEST(task_priorities)
{
	helios_caddr_t self = rt_self();
	KT_EQ(kt_priority(self), KT_PRIORITY);
	KT_ERR(helios_task_set_priority(self, KT_PRIORITY + 1), HELIOS_ERR_ACCESS);
	KT_ERR(helios_task_set_priority(self, HELIOS_PRIORITY_COUNT), HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_task_set_priority(self, ~0ull), HELIOS_ERR_INVALID_PARAM);
	KT_OK(helios_task_set_priority(self, KT_PRIORITY));
	struct rt_thread t;
	kt_create(&t, kt_return_arg, NULL, 30);
	KT_EQ(kt_priority(t.task), 30);
	KT_OK(helios_task_set_priority(t.task, 0));
	KT_EQ(kt_priority(t.task), 0);
	KT_OK(helios_task_set_priority(t.task, KT_PRIORITY));
	KT_EQ(kt_priority(t.task), KT_PRIORITY);
	/* Lowering oneself takes effect and cannot be undone. */
	KT_OK(helios_task_set_priority(self, KT_PRIORITY - 1));
	KT_EQ(kt_priority(self), KT_PRIORITY - 1);
	KT_ERR(helios_task_set_priority(self, KT_PRIORITY), HELIOS_ERR_ACCESS);
}

struct mint_args {
	helios_caddr_t ep, dest;
};

static int mint_with_ipc_buffer(void *arg)
{
	struct mint_args *a = arg;
	return helios_cspace_mint(rt_cspace, a->dest, rt_cspace, a->ep, HELIOS_RIGHTS_ALL, 5, NULL);
}

KTEST(task_set_ipc_buffer)
{
	helios_caddr_t ep = kt_endpoint();
	struct mint_args args = { ep, kt_slot() };
	struct rt_thread t;
	kt_create(&t, mint_with_ipc_buffer, &args, KT_PRIORITY);
	KT_ERR(helios_task_set_ipc_buffer(t.task, ep, t.base), HELIOS_ERR_INVALID_TYPE);
	KT_ERR(helios_task_set_ipc_buffer(t.task, t.ipc_page, t.base + 8),
	       HELIOS_ERR_INVALID_PARAM);
	KT_OK(helios_task_set_ipc_buffer(t.task, HELIOS_CADDR_UNDEF, 0));
	KT_OK(rt_thread_start(&t));
	/* Five parameters need an IPC buffer the kernel knows of. */
	KT_EQ(kt_join(&t), HELIOS_ERR_INVALID_PARAM);
	struct rt_thread u;
	kt_create(&u, mint_with_ipc_buffer, &args, KT_PRIORITY);
	KT_OK(helios_task_set_ipc_buffer(u.task, HELIOS_CADDR_UNDEF, 0));
	KT_OK(helios_task_set_ipc_buffer(u.task, u.ipc_page, u.base));
	KT_OK(rt_thread_start(&u));
	KT_EQ(kt_join(&u), HELIOS_OK);
	KT_EQ(kt_type(args.dest), HELIOS_CAP_ENDPOINT);
}

KTEST(task_set_fault_endpoint)
{
	helios_caddr_t task = kt_object(HELIOS_CAP_TASK, 0), ep = kt_endpoint();
	KT_ERR(helios_task_set_fault_endpoint(task, kt_notification()), HELIOS_ERR_INVALID_TYPE);
	KT_ERR(helios_task_set_fault_endpoint(task, kt_copy(ep, HELIOS_RIGHT_READ)),
	       HELIOS_ERR_ACCESS);
	KT_ERR(helios_task_set_fault_endpoint(task, kt_slot()), HELIOS_ERR_INVALID_CSLOT);
	KT_OK(helios_task_set_fault_endpoint(task, ep));
	KT_OK(helios_task_set_fault_endpoint(task, HELIOS_CADDR_UNDEF));
}

/* The task holds its own references: deleting our capabilities to its cspace, vspace and
 * IPC page does not pull them from under it (it keeps running and can still be joined). */
KTEST(task_keeps_its_objects)
{
	helios_caddr_t cs = kt_copy(rt_cspace, HELIOS_RIGHTS_ALL);
	struct rt_thread t;
	kt_create(&t, kt_return_arg, (void *)5, KT_PRIORITY);
	KT_OK(helios_task_set_space(t.task, cs, rt_vspace));
	KT_OK(helios_cspace_delete(rt_cspace, cs));
	KT_OK(rt_thread_start(&t));
	KT_EQ(kt_join(&t), 5);
}

static volatile uint64_t tls_seen[2];

static int check_tls(void *arg)
{
	uint64_t index = (uint64_t)(uintptr_t)arg, errors = 0;
	for (int i = 0; i < 50; i++) {
		if (kt_tls_word() != 0x1000 + index)
			errors++;
		helios_yield();
	}
	tls_seen[index] = errors;
	return 0;
}

/* The TLS base (x86_64 fs_base, aarch64 tpidr_el0) is part of a task's state: two threads
 * with different TLS bases keep them across switches. */
KTEST(task_tls_kept)
{
	static uint64_t words[2];
	struct rt_thread t[2];
	for (int i = 0; i < 2; i++) {
		words[i] = 0x1000 + (uint64_t)i;
		kt_create(&t[i], check_tls, (void *)(uintptr_t)i, KT_PRIORITY);
		struct helios_regs r;
		KT_OK(helios_task_read_registers(t[i].task, &r));
		rt_regs_set_tls(&r, (uint64_t)(uintptr_t)&words[i]);
		KT_OK(helios_task_write_registers(t[i].task, &r));
	}
	for (int i = 0; i < 2; i++)
		KT_OK(rt_thread_start(&t[i]));
	for (int i = 0; i < 2; i++) {
		kt_join(&t[i]);
		KT_EQ(tls_seen[i], 0);
	}
}
