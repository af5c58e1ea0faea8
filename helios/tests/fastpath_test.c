/*
 * Call and reply-receive on each side of the IPC fastpath (helios/kernel/fastpath.c): the
 * cases it takes (a register-only message to a partner waiting for it, of at least the
 * caller's priority, in the same address space or another) and the cases it leaves to the
 * slow path (IPC buffer words, capabilities, a lower-priority partner, a sender already
 * waiting when the server answers). Every result must be the same either way; the suite runs
 * with the fastpath and without it (images/BUILD.bazel), so each case is checked on both.
 */
#include "helios/tests/ktest.h"

#define ROUNDS 24

/* An echo server: answers each call with label + 1 and every parameter + 1, and notes the
 * badge. Program data, so a server in a mirrored vspace sees it too. */
static struct {
	helios_caddr_t ep;
	int rounds;
	uint64_t badges[ROUNDS];
	volatile int served;
	volatile int order; /* kt order counter when the server got its first message */
} echo;

static volatile int clock_tick;

static int echo_loop(void *arg)
{
	(void)arg;
	struct helios_msg m;
	int err = helios_recv(echo.ep, &m);
	for (int i = 0; !err && i < echo.rounds; i++) {
		if (i == 0)
			echo.order = ++clock_tick;
		echo.badges[i] = m.value;
		unsigned n = helios_tag_params(m.tag);
		if (n > HELIOS_MSG_REG_PARAMS) {
			struct helios_ipc_buffer *ipc = rt_ipc_buffer();
			for (unsigned j = HELIOS_MSG_REG_PARAMS; j < n; j++)
				ipc->params[j] += 1;
		}
		for (unsigned j = 0; j < HELIOS_MSG_REG_PARAMS; j++)
			m.p[j] += 1;
		m.tag = helios_tag(helios_tag_label(m.tag) + 1, n, 0);
		echo.served = i + 1;
		if (i + 1 == echo.rounds)
			err = helios_reply(&m);
		else
			err = helios_replyrecv(echo.ep, &m);
	}
	return err;
}

static struct rt_thread server; /* program data: a mirrored vspace sees it */

/* Creates the echo server for `rounds` calls (own_vspace: in a mirrored vspace). */
static void echo_prepare(int rounds, uint64_t priority, int own_vspace)
{
	echo.ep = kt_endpoint();
	echo.rounds = rounds;
	echo.served = 0;
	echo.order = 0;
	kt_create(&server, echo_loop, NULL, priority);
	if (own_vspace)
		KT_OK(rt_thread_mirror_vspace(&server, NULL));
}

/* Starts it and waits until it waits in its receive. */
static void echo_start(int rounds, uint64_t priority, int own_vspace)
{
	echo_prepare(rounds, priority, own_vspace);
	KT_OK(rt_thread_start(&server));
	kt_wait_state(server.task, HELIOS_TASK_BLOCKED_RECV);
}

/* One call with `words` parameters through `via` (label 100 + i): the echo must come back. */
static void echo_call(helios_caddr_t via, int i, unsigned words)
{
	struct helios_ipc_buffer *ipc = rt_ipc_buffer();
	struct helios_msg m = { .tag = helios_tag(100 + (uint64_t)i, words, 0) };
	for (unsigned j = 0; j < HELIOS_MSG_REG_PARAMS; j++)
		m.p[j] = (uint64_t)i * 1000 + j;
	for (unsigned j = HELIOS_MSG_REG_PARAMS; j < words; j++)
		ipc->params[j] = (uint64_t)i * 1000 + j;
	KT_OK(helios_call(via, &m));
	KT_EQ(helios_tag_label(m.tag), 101 + (uint64_t)i);
	KT_EQ(helios_tag_params(m.tag), words);
	KT_EQ(helios_tag_caps(m.tag), 0);
	for (unsigned j = 0; j < HELIOS_MSG_REG_PARAMS && j < words; j++)
		KT_EQ(m.p[j], (uint64_t)i * 1000 + j + 1);
	for (unsigned j = HELIOS_MSG_REG_PARAMS; j < words; j++)
		KT_EQ(ipc->params[j], (uint64_t)i * 1000 + j + 1);
}

/* Calls of 0-4 words (the fastpath's) and 5-6 (the slow path's), through a badged copy. */
static void echo_rounds(void)
{
	helios_caddr_t badged = kt_mint(echo.ep, HELIOS_RIGHT_WRITE, 0x5a);
	for (int i = 0; i < ROUNDS; i++)
		echo_call(i % 2 ? badged : echo.ep, i, (unsigned)(i % 7));
	KT_OK(kt_join(&server));
	KT_EQ(echo.served, ROUNDS);
	for (int i = 0; i < ROUNDS; i++)
		KT_EQ(echo.badges[i], i % 2 ? 0x5a : 0);
}

KTEST(fastpath_echo_same_vspace)
{
	echo_start(ROUNDS, KT_PRIORITY, 0);
	echo_rounds();
}

KTEST(fastpath_echo_other_vspace)
{
	echo_start(ROUNDS, KT_PRIORITY, 1);
	echo_rounds();
}

/* A server below the caller's priority: calls take the slow path (the caller blocks, so the
 * server still runs); it is not waiting yet at the first, which queues the caller. */
KTEST(fastpath_lower_priority_server)
{
	echo_prepare(ROUNDS, KT_PRIORITY - 10, 1);
	KT_OK(rt_thread_start(&server));
	echo_rounds();
}

/* A call with a capability is the slow path's; the server receives it, then echoes. */
static int cap_server(void *arg)
{
	helios_caddr_t *got = arg;
	struct helios_ipc_buffer *ipc = rt_ipc_buffer();
	ipc->recv_slots[0] = *got;
	struct helios_msg m;
	int err = helios_recv(echo.ep, &m);
	if (err)
		return err;
	*got = helios_tag_caps(m.tag) == 1 ? ipc->caps[0] : HELIOS_CADDR_UNDEF;
	m.tag = helios_tag(7, 1, 0);
	m.p[0] = 77;
	return helios_reply(&m);
}

KTEST(fastpath_call_with_capability)
{
	echo.ep = kt_endpoint();
	helios_caddr_t n = kt_notification(), slot = kt_slot(), got = slot;
	struct rt_thread t;
	kt_spawn(&t, cap_server, &got, KT_PRIORITY);
	kt_wait_state(t.task, HELIOS_TASK_BLOCKED_RECV);
	rt_ipc_buffer()->caps[0] = n;
	struct helios_msg m = { .tag = helios_tag(3, 0, 1) };
	KT_OK(helios_call(echo.ep, &m));
	KT_EQ(helios_tag_label(m.tag), 7);
	KT_EQ(m.p[0], 77);
	KT_OK(kt_join(&t));
	KT_EQ(got, slot);
	KT_EQ(kt_type(got), HELIOS_CAP_NOTIFICATION);
}

/* A call hands the CPU to the waiting server even though another task of the caller's
 * priority is ready: the server runs first, on either path (sched_hand_over). */
static volatile int other_order;

static int note_order(void *arg)
{
	(void)arg;
	other_order = ++clock_tick;
	return 0;
}

KTEST(fastpath_server_runs_before_equal_ready_task)
{
	clock_tick = 0;
	other_order = 0;
	echo_start(1, KT_PRIORITY, 1);
	struct rt_thread other;
	kt_spawn(&other, note_order, NULL, KT_PRIORITY); /* ready, queued behind us */
	echo_call(echo.ep, 0, 2);
	KT_OK(kt_join(&server));
	KT_OK(kt_join(&other));
	KT_EQ(echo.order, 1);
	KT_EQ(other_order, 2);
}

/* Callers already queued when the server starts: its receive takes the first at once and its
 * REPLYRECV finds the next waiting (both the slow path's), and each caller gets its echo. */
static int queued_caller(void *arg)
{
	uint64_t v = (uint64_t)(uintptr_t)arg;
	struct helios_msg m = { .tag = helios_tag(200 + v, 1, 0), .p = { v } };
	int err = helios_call(echo.ep, &m);
	if (!err && (helios_tag_label(m.tag) != 201 + v || m.p[0] != v + 1))
		err = HELIOS_ERR_INVALID_PARAM;
	return err;
}

KTEST(fastpath_replyrecv_finds_sender_waiting)
{
	echo_prepare(2, KT_PRIORITY, 1);
	struct rt_thread a, b;
	kt_spawn(&a, queued_caller, (void *)10, KT_PRIORITY);
	kt_wait_state(a.task, HELIOS_TASK_BLOCKED_SEND);
	kt_spawn(&b, queued_caller, (void *)20, KT_PRIORITY);
	kt_wait_state(b.task, HELIOS_TASK_BLOCKED_SEND);
	KT_OK(rt_thread_start(&server));
	KT_OK(kt_join(&a));
	KT_OK(kt_join(&b));
	KT_OK(kt_join(&server));
	KT_EQ(echo.served, 2);
}

/* Calls through slot 0 (never a capability), past the cspace's end and through an empty slot
 * while the server waits: the fastpath declines each, the slow path refuses each, the server
 * keeps waiting and then answers a good call. */
KTEST(fastpath_call_bad_caddr_server_waiting)
{
	echo_start(1, KT_PRIORITY, 1);
	struct helios_msg m = { .tag = helios_tag(1, 0, 0) };
	KT_ERR(helios_call(0, &m), HELIOS_ERR_INVALID_CADDR);
	KT_ERR(helios_call(rt_info->cspace_slots, &m), HELIOS_ERR_INVALID_CADDR);
	KT_ERR(helios_call(kt_slot(), &m), HELIOS_ERR_INVALID_CSLOT);
	KT_EQ(kt_state(server.task), HELIOS_TASK_BLOCKED_RECV);
	echo_call(echo.ep, 0, 3);
	KT_OK(kt_join(&server));
}

/* REPLYRECV on slot 0: the reply goes (the caller gets its answer), the receive is refused. */
static int reply_then_bad_receive(void *arg)
{
	(void)arg;
	struct helios_msg m;
	int err = helios_recv(echo.ep, &m);
	if (err)
		return err;
	m.tag = helios_tag(helios_tag_label(m.tag) + 1, 1, 0);
	m.p[0] += 1;
	err = helios_replyrecv(0, &m);
	return err == HELIOS_ERR_INVALID_CADDR ? HELIOS_OK : HELIOS_ERR_INVALID_PARAM;
}

KTEST(fastpath_replyrecv_bad_caddr)
{
	echo.ep = kt_endpoint();
	struct rt_thread t;
	kt_spawn(&t, reply_then_bad_receive, NULL, KT_PRIORITY);
	kt_wait_state(t.task, HELIOS_TASK_BLOCKED_RECV);
	struct helios_msg m = { .tag = helios_tag(40, 1, 0), .p = { 9 } };
	KT_OK(helios_call(echo.ep, &m));
	KT_EQ(helios_tag_label(m.tag), 41);
	KT_EQ(m.p[0], 10);
	KT_OK(kt_join(&t));
}
