/*
 * Tasks: configure and its errors, states, registers (read, write, what a task starts with),
 * resume and suspend (also of blocked tasks), destruction, priorities, IPC buffer and fault
 * endpoint changes, rights of task capabilities.
 */
#include "helios/tests/ktest.h"

#define RFLAGS_CF 0x1ull
#define RFLAGS_ZF 0x40ull
#define RFLAGS_IF 0x200ull
#define RFLAGS_IOPL 0x3000ull

extern struct helios_regs kt_regs_seen;
extern uint64_t kt_regs_signal;
void kt_regs_entry(void);

static int return_arg(void *arg)
{
	return (int)(uintptr_t)arg;
}

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
	kt_spawn(&t, return_arg, (void *)1234, KT_PRIORITY);
	KT_EQ(kt_join(&t), 1234);
	KT_EQ(kt_state(t.task), HELIOS_TASK_INACTIVE);
}

KTEST(task_many_threads)
{
	struct rt_thread t[8];
	for (int i = 0; i < 8; i++)
		kt_spawn(&t[i], return_arg, (void *)(uintptr_t)(i * i), KT_PRIORITY);
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
	kt_create(&t, return_arg, NULL, KT_PRIORITY);
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

KTEST(task_read_registers_of_blocked_task)
{
	helios_caddr_t ep = kt_endpoint();
	struct rt_thread t;
	kt_spawn(&t, receive_once, &ep, KT_PRIORITY);
	kt_wait_state(t.task, HELIOS_TASK_BLOCKED_RECV);
	struct helios_regs r;
	KT_OK(helios_task_read_registers(t.task, &r));
	KT_CHECK(r.rip >= rt_info->image_base && r.rip < rt_info->image_base + rt_info->image_size);
	KT_CHECK(r.rsp > t.base && r.rsp < rt_thread_stack_top(&t));
	KT_EQ(r.rflags & RFLAGS_IF, RFLAGS_IF);
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
	uint64_t start = kt_rdtsc();
	while (kt_rdtsc() - start < 20000000)
		;
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
	kt_spawn(&t, return_arg, NULL, KT_PRIORITY);
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
	kt_create(&t, return_arg, NULL, 30);
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
	kt_create(&t, return_arg, (void *)5, KT_PRIORITY);
	KT_OK(helios_task_set_space(t.task, cs, rt_vspace));
	KT_OK(helios_cspace_delete(rt_cspace, cs));
	KT_OK(rt_thread_start(&t));
	KT_EQ(kt_join(&t), 5);
}

static volatile uint64_t tls_seen[2];

static int check_fs_base(void *arg)
{
	uint64_t index = (uint64_t)(uintptr_t)arg, errors = 0;
	for (int i = 0; i < 50; i++) {
		uint64_t v;
		__asm__ volatile("mov %%fs:0, %0" : "=r"(v));
		if (v != 0x1000 + index)
			errors++;
		helios_yield();
	}
	tls_seen[index] = errors;
	return 0;
}

/* fs_base is part of a task's state: two threads with different TLS bases keep them. */
KTEST(task_fs_base_kept)
{
	static uint64_t words[2];
	struct rt_thread t[2];
	for (int i = 0; i < 2; i++) {
		words[i] = 0x1000 + (uint64_t)i;
		kt_create(&t[i], check_fs_base, (void *)(uintptr_t)i, KT_PRIORITY);
		struct helios_regs r;
		KT_OK(helios_task_read_registers(t[i].task, &r));
		r.fs_base = (uint64_t)(uintptr_t)&words[i];
		KT_OK(helios_task_write_registers(t[i].task, &r));
	}
	for (int i = 0; i < 2; i++)
		KT_OK(rt_thread_start(&t[i]));
	for (int i = 0; i < 2; i++) {
		kt_join(&t[i]);
		KT_EQ(tls_seen[i], 0);
	}
}
