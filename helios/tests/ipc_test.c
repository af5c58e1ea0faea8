/*
 * Endpoints: message registers and IPC buffer parameters, badges, call and reply, deferred
 * reply through CSPACE_SAVE_REPLY, capability transfer in both directions, FIFO order, the
 * non-blocking variants, rights, and what happens when a party goes away.
 */
#include "helios/tests/ktest.h"

/* One receive, done by a thread, recorded for the test to look at. */
struct rx {
	helios_caddr_t ep;
	helios_caddr_t recv_slots[HELIOS_MSG_MAX_CAPS];
	int err;
	uint64_t badge;
	helios_tag_t tag;
	uint64_t p[HELIOS_MSG_MAX_PARAMS];
	helios_caddr_t caps[HELIOS_MSG_MAX_CAPS];
};

static void rx_init(struct rx *r, helios_caddr_t ep)
{
	*r = (struct rx){ .ep = ep };
	for (int i = 0; i < HELIOS_MSG_MAX_CAPS; i++)
		r->recv_slots[i] = HELIOS_CADDR_UNDEF;
}

static int rx_main(void *arg)
{
	struct rx *r = arg;
	struct helios_ipc_buffer *ipc = rt_ipc_buffer();
	for (int i = 0; i < HELIOS_MSG_MAX_CAPS; i++)
		ipc->recv_slots[i] = r->recv_slots[i];
	struct helios_msg m;
	r->err = helios_recv(r->ep, &m);
	r->badge = m.value;
	r->tag = m.tag;
	for (int i = 0; i < HELIOS_MSG_MAX_PARAMS; i++)
		r->p[i] = i < HELIOS_MSG_REG_PARAMS ? m.p[i] : ipc->params[i];
	for (int i = 0; i < HELIOS_MSG_MAX_CAPS; i++)
		r->caps[i] = ipc->caps[i];
	return r->err;
}

/* Starts a receiving thread and waits until it is blocked on the endpoint. */
static void rx_start(struct rt_thread *t, struct rx *r)
{
	kt_spawn(t, rx_main, r, KT_PRIORITY);
	kt_wait_state(t->task, HELIOS_TASK_BLOCKED_RECV);
}

/* A receiver on ep with no receive slots, started and waiting. */
static void rx_spawn(struct rt_thread *t, struct rx *r, helios_caddr_t ep)
{
	rx_init(r, ep);
	rx_start(t, r);
}

/* A message for a sending thread. */
struct tx {
	helios_caddr_t ep;
	helios_tag_t tag;
	uint64_t p[HELIOS_MSG_REG_PARAMS];
	int call;
	struct helios_msg reply;
};

static int tx_main(void *arg)
{
	struct tx *s = arg;
	struct helios_msg m = { .tag = s->tag, .p = { s->p[0], s->p[1], s->p[2], s->p[3] } };
	int err = s->call ? helios_call(s->ep, &m) : helios_send(s->ep, &m);
	s->reply = m;
	return err;
}

static void tx_start(struct rt_thread *t, struct tx *s)
{
	kt_spawn(t, tx_main, s, KT_PRIORITY);
	kt_wait_state(t->task, HELIOS_TASK_BLOCKED_SEND);
}

KTEST(ipc_registers_receiver_first)
{
	helios_caddr_t ep = kt_endpoint();
	struct rx r;
	struct rt_thread t;
	rx_spawn(&t, &r, ep);
	struct helios_msg m = { .tag = helios_tag(0x1234, 4, 0), .p = { 1, ~0ull, 3, 1ull << 63 } };
	KT_OK(helios_send(ep, &m));
	KT_EQ(kt_join(&t), HELIOS_OK);
	KT_EQ(helios_tag_label(r.tag), 0x1234);
	KT_EQ(helios_tag_params(r.tag), 4);
	KT_EQ(helios_tag_caps(r.tag), 0);
	KT_EQ(r.badge, 0);
	KT_EQ(r.p[0], 1);
	KT_EQ(r.p[1], ~0ull);
	KT_EQ(r.p[2], 3);
	KT_EQ(r.p[3], 1ull << 63);
}

KTEST(ipc_registers_sender_first)
{
	helios_caddr_t ep = kt_endpoint();
	struct tx s = { .ep = ep, .tag = helios_tag(HELIOS_LABEL_MAX, 3, 0), .p = { 7, 8, 9, 10 } };
	struct rt_thread t;
	tx_start(&t, &s);
	struct helios_msg m;
	KT_OK(helios_recv(ep, &m));
	KT_EQ(helios_tag_label(m.tag), HELIOS_LABEL_MAX);
	KT_EQ(helios_tag_params(m.tag), 3);
	KT_EQ(m.p[0], 7);
	KT_EQ(m.p[1], 8);
	KT_EQ(m.p[2], 9);
	KT_EQ(kt_join(&t), HELIOS_OK);
}

KTEST(ipc_buffer_parameters)
{
	helios_caddr_t ep = kt_endpoint();
	struct rx r;
	struct rt_thread t;
	rx_spawn(&t, &r, ep);
	struct helios_ipc_buffer *ipc = rt_ipc_buffer();
	for (int i = HELIOS_MSG_REG_PARAMS; i < HELIOS_MSG_MAX_PARAMS; i++)
		ipc->params[i] = 0x5000ull + (uint64_t)i * 0x10001;
	struct helios_msg m = {.tag = helios_tag(3, HELIOS_MSG_MAX_PARAMS, 0), .p = {0, 1, 2, 3}};
	KT_OK(helios_send(ep, &m));
	kt_join(&t);
	KT_EQ(helios_tag_params(r.tag), HELIOS_MSG_MAX_PARAMS);
	for (int i = 0; i < HELIOS_MSG_MAX_PARAMS; i++)
		KT_EQ(r.p[i],
		      i < HELIOS_MSG_REG_PARAMS ? (uint64_t)i : 0x5000ull + (uint64_t)i * 0x10001);
}

/* A receiver without an IPC buffer gets the four register parameters only. */
KTEST(ipc_parameters_cut_without_buffer)
{
	helios_caddr_t ep = kt_endpoint();
	struct rx r;
	struct rt_thread t;
	rx_init(&r, ep);
	kt_create(&t, rx_main, &r, KT_PRIORITY);
	KT_OK(helios_task_set_ipc_buffer(t.task, HELIOS_CADDR_UNDEF, 0));
	KT_OK(rt_thread_start(&t));
	kt_wait_state(t.task, HELIOS_TASK_BLOCKED_RECV);
	rt_ipc_buffer()->params[5] = 55;
	struct helios_msg m = { .tag = helios_tag(4, 10, 0), .p = { 40, 41, 42, 43 } };
	KT_OK(helios_send(ep, &m));
	kt_join(&t);
	KT_EQ(helios_tag_label(r.tag), 4);
	KT_EQ(helios_tag_params(r.tag), HELIOS_MSG_REG_PARAMS);
	KT_EQ(r.p[3], 43);
	KT_EQ(r.p[5], 0); /* the page the thread thinks is its buffer was not written */
}

static int send_without_buffer(void *arg)
{
	helios_caddr_t ep = *(helios_caddr_t *)arg;
	struct helios_msg m = { .tag = helios_tag(1, 5, 0) };
	int a = helios_nbsend(ep, &m);
	m = (struct helios_msg){ .tag = helios_tag(1, 0, 1) };
	int b = helios_nbsend(ep, &m);
	m = (struct helios_msg){ .tag = helios_tag(1, 4, 0) };
	int c = helios_nbsend(ep, &m);
	return a << 16 | b << 8 | c;
}

/* A sender without an IPC buffer cannot send more than four parameters or any capability. */
KTEST(ipc_sender_without_buffer)
{
	helios_caddr_t ep = kt_endpoint();
	struct rt_thread t;
	kt_create(&t, send_without_buffer, &ep, KT_PRIORITY);
	KT_OK(helios_task_set_ipc_buffer(t.task, HELIOS_CADDR_UNDEF, 0));
	KT_OK(rt_thread_start(&t));
	KT_EQ(kt_join(&t), HELIOS_ERR_INVALID_PARAM << 16 | HELIOS_ERR_INVALID_PARAM << 8 |
				   HELIOS_ERR_WOULD_BLOCK);
}

KTEST(ipc_badges)
{
	helios_caddr_t ep = kt_endpoint();
	helios_caddr_t b1 = kt_mint(ep, HELIOS_RIGHT_WRITE, 1);
	helios_caddr_t b2 = kt_mint(ep, HELIOS_RIGHT_WRITE, 0xffffffffffffull);
	helios_caddr_t via[] = { b1, b2, ep };
	uint64_t want[] = { 1, 0xffffffffffffull, 0 };
	for (int i = 0; i < 3; i++) {
		struct rx r;
		struct rt_thread t;
		rx_spawn(&t, &r, ep);
		struct helios_msg m = { .tag = helios_tag(1, 0, 0) };
		KT_OK(helios_send(via[i], &m));
		kt_join(&t);
		KT_EQ(r.badge, want[i]);
	}
	/* A badged capability that can receive: the badge is the sender's, not the receiver's. */
	helios_caddr_t rb = kt_mint(ep, HELIOS_RIGHTS_ALL, 99);
	struct tx s = { .ep = b1, .tag = helios_tag(2, 0, 0) };
	struct rt_thread t;
	tx_start(&t, &s);
	struct helios_msg m;
	KT_OK(helios_recv(rb, &m));
	KT_EQ(m.value, 1);
	kt_join(&t);
}

static int echo_server(void *arg)
{
	helios_caddr_t ep = *(helios_caddr_t *)arg;
	struct helios_msg m;
	int err = helios_recv(ep, &m);
	while (!err && helios_tag_label(m.tag) != 0) {
		m = (struct helios_msg){ .tag = helios_tag(helios_tag_label(m.tag) + 1, 2, 0),
					 .p = { m.p[0] + 1, m.value } };
		err = helios_replyrecv(ep, &m);
	}
	if (!err) {
		m = (struct helios_msg){ .tag = helios_tag(0, 0, 0) };
		err = helios_reply(&m);
	}
	return err;
}

KTEST(ipc_call_reply)
{
	helios_caddr_t ep = kt_endpoint(), badged = kt_mint(ep, HELIOS_RIGHT_WRITE, 0x77);
	struct rt_thread t;
	kt_spawn(&t, echo_server, &ep, KT_PRIORITY);
	struct helios_msg m = { .tag = helios_tag(10, 1, 0), .p = { 500 } };
	KT_OK(helios_call(badged, &m));
	KT_EQ(helios_tag_label(m.tag), 11);
	KT_EQ(helios_tag_params(m.tag), 2);
	KT_EQ(m.p[0], 501);
	KT_EQ(m.p[1], 0x77); /* the server saw our badge */
	KT_EQ(m.value, 0);   /* a reply carries no badge */
	m = (struct helios_msg){ .tag = helios_tag(0, 0, 0) };
	KT_OK(helios_call(ep, &m));
	KT_EQ(kt_join(&t), HELIOS_OK);
}

KTEST(ipc_replyrecv_loop)
{
	helios_caddr_t ep = kt_endpoint();
	struct rt_thread t;
	kt_spawn(&t, echo_server, &ep, KT_PRIORITY);
	for (uint64_t i = 1; i <= 50; i++) {
		struct helios_msg m = { .tag = helios_tag(i, 1, 0), .p = { i * 1000 } };
		KT_OK(helios_call(ep, &m));
		KT_EQ(helios_tag_label(m.tag), i + 1);
		KT_EQ(m.p[0], i * 1000 + 1);
	}
	struct helios_msg m = { .tag = helios_tag(0, 0, 0) };
	KT_OK(helios_call(ep, &m));
	KT_EQ(kt_join(&t), HELIOS_OK);
}

KTEST(ipc_reply_is_one_shot)
{
	helios_caddr_t ep = kt_endpoint();
	struct tx s = { .ep = ep, .tag = helios_tag(1, 0, 0), .call = 1 };
	struct rt_thread t;
	tx_start(&t, &s);
	struct helios_msg m;
	KT_OK(helios_recv(ep, &m));
	/* Saving it into a taken slot fails and leaves it where it was. */
	KT_ERR(helios_cspace_save_reply(rt_cspace, ep, NULL), HELIOS_ERR_INVALID_CSLOT);
	m = (struct helios_msg){ .tag = helios_tag(5, 1, 0), .p = { 6 } };
	KT_OK(helios_reply(&m));
	m = (struct helios_msg){ .tag = helios_tag(5, 0, 0) };
	KT_ERR(helios_reply(&m), HELIOS_ERR_INVALID_CSLOT);
	KT_EQ(kt_join(&t), HELIOS_OK);
	KT_EQ(helios_tag_label(s.reply.tag), 5);
	KT_EQ(s.reply.p[0], 6);
}

/* A malformed reply changes nothing: the caller still waits and a good reply still works. */
KTEST(ipc_reply_malformed)
{
	helios_caddr_t ep = kt_endpoint();
	struct tx s = { .ep = ep, .tag = helios_tag(1, 0, 0), .call = 1 };
	struct rt_thread t;
	tx_start(&t, &s);
	struct helios_msg m;
	KT_OK(helios_recv(ep, &m));
	m = (struct helios_msg){ .tag = helios_tag(5, 0, 0) | 0x80 };
	KT_ERR(helios_reply(&m), HELIOS_ERR_INVALID_PARAM);
	m = (struct helios_msg){ .tag = helios_tag(5, 0, 0) | 0x80 };
	KT_ERR(helios_replyrecv(ep, &m), HELIOS_ERR_INVALID_PARAM);
	KT_EQ(kt_state(t.task), HELIOS_TASK_BLOCKED_REPLY);
	m = (struct helios_msg){ .tag = helios_tag(8, 0, 0) };
	KT_OK(helios_reply(&m));
	KT_EQ(kt_join(&t), HELIOS_OK);
	KT_EQ(helios_tag_label(s.reply.tag), 8);
}

/* A server keeps one caller's reply capability, answers another caller first, then the kept
 * one with a send on the saved capability. */
KTEST(ipc_deferred_reply)
{
	helios_caddr_t ep = kt_endpoint();
	struct tx a = { .ep = ep, .tag = helios_tag(1, 0, 0), .call = 1 };
	struct tx b = { .ep = ep, .tag = helios_tag(2, 0, 0), .call = 1 };
	struct rt_thread ta, tb;
	tx_start(&ta, &a);
	struct helios_msg m;
	KT_OK(helios_recv(ep, &m));
	KT_EQ(helios_tag_label(m.tag), 1);
	helios_caddr_t saved = kt_slot(), got = 0;
	KT_OK(helios_cspace_save_reply(rt_cspace, saved, &got));
	KT_EQ(got, saved);
	unsigned type, rights;
	KT_OK(helios_identify(saved, &type, &rights));
	KT_EQ(type, HELIOS_CAP_REPLY);
	KT_CHECK(rights & HELIOS_RIGHT_WRITE);
	/* Nothing left to reply to directly, and the reply capability cannot be copied. */
	m = (struct helios_msg){ .tag = helios_tag(0, 0, 0) };
	KT_ERR(helios_reply(&m), HELIOS_ERR_INVALID_CSLOT);
	KT_ERR(helios_cspace_save_reply(rt_cspace, kt_slot(), NULL), HELIOS_ERR_INVALID_CSLOT);
	KT_ERR(helios_cspace_copy(rt_cspace, kt_slot(), rt_cspace, saved, HELIOS_RIGHTS_ALL, NULL),
	       HELIOS_ERR_INVALID_TYPE);
	KT_ERR(helios_cspace_mint(rt_cspace, kt_slot(), rt_cspace, saved, HELIOS_RIGHTS_ALL, 3,
				  NULL),
	       HELIOS_ERR_INVALID_TYPE);

	tx_start(&tb, &b);
	KT_OK(helios_recv(ep, &m));
	KT_EQ(helios_tag_label(m.tag), 2);
	m = (struct helios_msg){ .tag = helios_tag(20, 0, 0) };
	KT_OK(helios_reply(&m));
	KT_EQ(kt_join(&tb), HELIOS_OK);
	KT_EQ(helios_tag_label(b.reply.tag), 20);
	KT_EQ(kt_state(ta.task), HELIOS_TASK_BLOCKED_REPLY);

	/* A moved reply capability still answers. */
	helios_caddr_t moved = kt_slot();
	KT_OK(helios_cspace_move(rt_cspace, moved, rt_cspace, saved, NULL));
	m = (struct helios_msg){ .tag = helios_tag(10, 1, 0), .p = { 0xa } };
	KT_OK(helios_send(moved, &m));
	KT_EQ(kt_join(&ta), HELIOS_OK);
	KT_EQ(helios_tag_label(a.reply.tag), 10);
	KT_EQ(a.reply.p[0], 0xa);
	/* Used up. */
	KT_EQ(kt_type(moved), HELIOS_CAP_NULL);
	m = (struct helios_msg){ .tag = helios_tag(10, 0, 0) };
	KT_ERR(helios_send(moved, &m), HELIOS_ERR_INVALID_CSLOT);
}

KTEST(ipc_saved_reply_deleted)
{
	helios_caddr_t ep = kt_endpoint();
	struct tx a = { .ep = ep, .tag = helios_tag(1, 0, 0), .call = 1 };
	struct rt_thread t;
	tx_start(&t, &a);
	struct helios_msg m;
	KT_OK(helios_recv(ep, &m));
	helios_caddr_t saved = kt_slot();
	KT_OK(helios_cspace_save_reply(rt_cspace, saved, NULL));
	KT_OK(helios_cspace_delete(rt_cspace, saved));
	KT_EQ(kt_join(&t), HELIOS_ERR_DELETED);
}

/* Receiving a second call without answering the first: the first caller is told DELETED. */
KTEST(ipc_unanswered_call_replaced)
{
	helios_caddr_t ep = kt_endpoint();
	struct tx a = { .ep = ep, .tag = helios_tag(1, 0, 0), .call = 1 };
	struct tx b = { .ep = ep, .tag = helios_tag(2, 0, 0), .call = 1 };
	struct rt_thread ta, tb;
	tx_start(&ta, &a);
	tx_start(&tb, &b);
	struct helios_msg m;
	KT_OK(helios_recv(ep, &m));
	KT_EQ(helios_tag_label(m.tag), 1);
	KT_OK(helios_recv(ep, &m));
	KT_EQ(helios_tag_label(m.tag), 2);
	KT_EQ(kt_join(&ta), HELIOS_ERR_DELETED);
	m = (struct helios_msg){ .tag = helios_tag(0, 0, 0) };
	KT_OK(helios_reply(&m));
	KT_EQ(kt_join(&tb), HELIOS_OK);
}

/* Sends the capabilities in caps[0..n) to a receiving thread; returns what it recorded. */
static void send_caps(helios_caddr_t via, helios_caddr_t ep, const helios_caddr_t *caps,
		      unsigned n, uint64_t flags, struct rx *r,
		      const helios_caddr_t *recv_slots)
{
	struct rt_thread t;
	rx_init(r, ep);
	for (unsigned i = 0; recv_slots && i < HELIOS_MSG_MAX_CAPS; i++)
		r->recv_slots[i] = recv_slots[i];
	rx_start(&t, r);
	struct helios_ipc_buffer *ipc = rt_ipc_buffer();
	for (unsigned i = 0; i < n; i++)
		ipc->caps[i] = caps[i];
	struct helios_msg m = { .tag = helios_tag(0xca, 1, n) | flags, .p = { 0xcafe } };
	KT_OK(helios_send(via, &m));
	KT_EQ(kt_join(&t), HELIOS_OK);
	KT_EQ(helios_tag_label(r->tag), 0xca);
	KT_EQ(r->p[0], 0xcafe);
}

KTEST(ipc_cap_transfer_copy)
{
	helios_caddr_t ep = kt_endpoint(), n = kt_notification(), dest = kt_slot();
	struct rx r;
	send_caps(ep, ep, &n, 1, 0, &r, &dest);
	KT_EQ(helios_tag_caps(r.tag), 1);
	KT_EQ(r.caps[0], dest);
	KT_EQ(kt_type(dest), HELIOS_CAP_NOTIFICATION);
	KT_EQ(kt_type(n), HELIOS_CAP_NOTIFICATION);
	/* Same object: a signal through one is seen through the other. */
	KT_OK(helios_signal(dest));
	KT_OK(helios_nbwait(n, NULL));
}

KTEST(ipc_cap_transfer_move)
{
	helios_caddr_t ep = kt_endpoint(), n = kt_mint(kt_notification(), HELIOS_RIGHTS_ALL, 4);
	helios_caddr_t dest = kt_slot();
	struct rx r;
	send_caps(ep, ep, &n, 1, HELIOS_TAG_MOVE_CAPS, &r, &dest);
	KT_EQ(helios_tag_caps(r.tag), 1);
	KT_EQ(kt_type(n), HELIOS_CAP_NULL);
	KT_EQ(kt_type(dest), HELIOS_CAP_NOTIFICATION);
}

KTEST(ipc_cap_transfer_kernel_picks_slot)
{
	helios_caddr_t ep = kt_endpoint(), n = kt_notification();
	struct rx r;
	send_caps(ep, ep, &n, 1, 0, &r, NULL);
	KT_EQ(helios_tag_caps(r.tag), 1);
	KT_CHECK(r.caps[0] != 0 && r.caps[0] < rt_info->cspace_slots);
	KT_EQ(kt_type(r.caps[0]), HELIOS_CAP_NOTIFICATION);
	KT_OK(helios_cspace_delete(rt_cspace, r.caps[0]));
}

KTEST(ipc_cap_transfer_four)
{
	helios_caddr_t ep = kt_endpoint();
	helios_caddr_t caps[] = { kt_endpoint(), kt_notification(), kt_object(HELIOS_CAP_PAGE, 0),
				  kt_copy(rt_memory.first, HELIOS_RIGHT_READ) };
	helios_caddr_t dest = rt_slot_alloc_range(4);
	helios_caddr_t slots[] = { dest, dest + 1, dest + 2, dest + 3 };
	struct rx r;
	send_caps(ep, ep, caps, 4, 0, &r, slots);
	KT_EQ(helios_tag_caps(r.tag), 4);
	static const unsigned types[] = { HELIOS_CAP_ENDPOINT, HELIOS_CAP_NOTIFICATION,
					  HELIOS_CAP_PAGE, HELIOS_CAP_MEMORY };
	for (int i = 0; i < 4; i++) {
		KT_EQ(r.caps[i], slots[i]);
		KT_EQ(kt_type(slots[i]), types[i]);
	}
	unsigned rights;
	KT_OK(helios_identify(slots[3], NULL, &rights));
	KT_EQ(rights, HELIOS_RIGHT_READ);
}

KTEST(ipc_cap_transfer_needs_grant)
{
	helios_caddr_t ep = kt_endpoint(), n = kt_notification();
	helios_caddr_t no_grant = kt_copy(ep, HELIOS_RIGHT_READ | HELIOS_RIGHT_WRITE);
	rt_ipc_buffer()->caps[0] = n;
	struct helios_msg m = { .tag = helios_tag(1, 0, 1) };
	KT_ERR(helios_nbsend(no_grant, &m), HELIOS_ERR_ACCESS);
	/* Without capabilities the same capability sends fine. */
	struct rx r;
	send_caps(no_grant, ep, NULL, 0, 0, &r, NULL);
	KT_EQ(helios_tag_caps(r.tag), 0);
}

/* The receiver's slot is taken: the message arrives, the capability does not. */
KTEST(ipc_cap_transfer_slot_taken)
{
	helios_caddr_t ep = kt_endpoint(), n = kt_notification(), taken = kt_endpoint();
	struct rx r;
	send_caps(ep, ep, &n, 1, HELIOS_TAG_MOVE_CAPS, &r, &taken);
	KT_EQ(helios_tag_caps(r.tag), 0);
	KT_EQ(kt_type(taken), HELIOS_CAP_ENDPOINT);
	KT_EQ(kt_type(n), HELIOS_CAP_NOTIFICATION); /* not moved anywhere */
}

/* The transfer stops at the first capability that cannot go. */
KTEST(ipc_cap_transfer_stops_at_first_failure)
{
	helios_caddr_t ep = kt_endpoint();
	helios_caddr_t caps[] = { kt_notification(), kt_slot(), kt_notification() };
	helios_caddr_t slots[] = { kt_slot(), kt_slot(), kt_slot(), HELIOS_CADDR_UNDEF };
	struct rx r;
	send_caps(ep, ep, caps, 3, 0, &r, slots);
	KT_EQ(helios_tag_caps(r.tag), 1);
	KT_EQ(kt_type(slots[0]), HELIOS_CAP_NOTIFICATION);
	KT_EQ(kt_type(slots[1]), HELIOS_CAP_NULL);
	KT_EQ(kt_type(slots[2]), HELIOS_CAP_NULL);
}

struct cap_server {
	helios_caddr_t ep, give;
	uint64_t got_caps;
	helios_caddr_t got;
};

/* Receives one call carrying a capability, replies with another. */
static int cap_server_main(void *arg)
{
	struct cap_server *s = arg;
	struct helios_ipc_buffer *ipc = rt_ipc_buffer();
	ipc->recv_slots[0] = s->got;
	struct helios_msg m;
	int err = helios_recv(s->ep, &m);
	if (err)
		return err;
	s->got_caps = helios_tag_caps(m.tag);
	ipc->caps[0] = s->give;
	m = (struct helios_msg){ .tag = helios_tag(0, 0, 1) };
	return helios_reply(&m);
}

/* Capabilities travel both ways through call and reply. */
KTEST(ipc_cap_transfer_call_and_reply)
{
	helios_caddr_t ep = kt_endpoint();
	struct cap_server s = { .ep = ep, .give = kt_notification(), .got = kt_slot() };
	struct rt_thread t;
	kt_spawn(&t, cap_server_main, &s, KT_PRIORITY);
	kt_wait_state(t.task, HELIOS_TASK_BLOCKED_RECV);
	struct helios_ipc_buffer *ipc = rt_ipc_buffer();
	helios_caddr_t mine = kt_object(HELIOS_CAP_PAGE, 0), back = kt_slot();
	ipc->caps[0] = mine;
	ipc->recv_slots[0] = back;
	struct helios_msg m = { .tag = helios_tag(1, 0, 1) };
	KT_OK(helios_call(ep, &m));
	KT_EQ(helios_tag_label(m.tag), 0);
	KT_EQ(helios_tag_caps(m.tag), 1);
	KT_EQ(ipc->caps[0], back);
	KT_EQ(kt_type(back), HELIOS_CAP_NOTIFICATION);
	KT_EQ(kt_join(&t), HELIOS_OK);
	KT_EQ(s.got_caps, 1);
	KT_EQ(kt_type(s.got), HELIOS_CAP_PAGE);
}

/* A caller without GRANT gets no capabilities in the reply. */
KTEST(ipc_reply_caps_need_callers_grant)
{
	helios_caddr_t ep = kt_endpoint();
	struct cap_server s = { .ep = ep, .give = kt_notification(), .got = kt_slot() };
	struct rt_thread t;
	kt_spawn(&t, cap_server_main, &s, KT_PRIORITY);
	kt_wait_state(t.task, HELIOS_TASK_BLOCKED_RECV);
	helios_caddr_t back = kt_slot();
	rt_ipc_buffer()->recv_slots[0] = back;
	struct helios_msg m = { .tag = helios_tag(1, 0, 0) };
	KT_OK(helios_call(kt_copy(ep, HELIOS_RIGHT_WRITE), &m));
	KT_EQ(helios_tag_caps(m.tag), 0);
	KT_EQ(kt_type(back), HELIOS_CAP_NULL);
	KT_EQ(kt_join(&t), HELIOS_OK);
}

/* A saved reply capability handed to another thread (moved: it cannot be copied), which
 * answers the original caller. */
KTEST(ipc_reply_cap_handed_over)
{
	helios_caddr_t ep = kt_endpoint(), work = kt_endpoint();
	struct tx a = { .ep = ep, .tag = helios_tag(1, 0, 0), .call = 1 };
	struct rt_thread ta;
	tx_start(&ta, &a);
	struct helios_msg m;
	KT_OK(helios_recv(ep, &m));
	helios_caddr_t saved = kt_slot();
	KT_OK(helios_cspace_save_reply(rt_cspace, saved, NULL));
	/* Copying it in a message stops the transfer; moving it works. */
	struct rx r;
	send_caps(work, work, &saved, 1, 0, &r, NULL);
	KT_EQ(helios_tag_caps(r.tag), 0);
	KT_EQ(kt_type(saved), HELIOS_CAP_REPLY);
	helios_caddr_t there = kt_slot();
	send_caps(work, work, &saved, 1, HELIOS_TAG_MOVE_CAPS, &r, &there);
	KT_EQ(helios_tag_caps(r.tag), 1);
	KT_EQ(kt_type(there), HELIOS_CAP_REPLY);
	m = (struct helios_msg){ .tag = helios_tag(33, 0, 0) };
	KT_OK(helios_send(there, &m));
	KT_EQ(kt_join(&ta), HELIOS_OK);
	KT_EQ(helios_tag_label(a.reply.tag), 33);
}

KTEST(ipc_fifo_senders)
{
	helios_caddr_t ep = kt_endpoint();
	struct tx s[4];
	struct rt_thread t[4];
	for (int i = 0; i < 4; i++) {
		s[i] = (struct tx){ .ep = ep, .tag = helios_tag(100 + (uint64_t)i, 0, 0) };
		tx_start(&t[i], &s[i]);
	}
	for (int i = 0; i < 4; i++) {
		struct helios_msg m;
		KT_OK(helios_recv(ep, &m));
		KT_EQ(helios_tag_label(m.tag), 100 + (uint64_t)i);
	}
	for (int i = 0; i < 4; i++)
		KT_EQ(kt_join(&t[i]), HELIOS_OK);
}

KTEST(ipc_fifo_receivers)
{
	helios_caddr_t ep = kt_endpoint();
	struct rx r[4];
	struct rt_thread t[4];
	for (int i = 0; i < 4; i++) {
		rx_spawn(&t[i], &r[i], ep);
	}
	for (int i = 0; i < 4; i++) {
		struct helios_msg m = { .tag = helios_tag(200 + (uint64_t)i, 0, 0) };
		KT_OK(helios_nbsend(ep, &m));
	}
	for (int i = 0; i < 4; i++) {
		KT_EQ(kt_join(&t[i]), HELIOS_OK);
		KT_EQ(helios_tag_label(r[i].tag), 200 + (uint64_t)i);
	}
}

KTEST(ipc_non_blocking)
{
	helios_caddr_t ep = kt_endpoint();
	struct helios_msg m = { .tag = helios_tag(1, 0, 0) };
	KT_ERR(helios_nbsend(ep, &m), HELIOS_ERR_WOULD_BLOCK);
	KT_ERR(helios_nbrecv(ep, &m), HELIOS_ERR_WOULD_BLOCK);
	struct rx r;
	struct rt_thread t;
	rx_spawn(&t, &r, ep);
	m = (struct helios_msg){ .tag = helios_tag(9, 1, 0), .p = { 99 } };
	KT_OK(helios_nbsend(ep, &m));
	kt_join(&t);
	KT_EQ(r.p[0], 99);
	struct tx s = { .ep = ep, .tag = helios_tag(8, 0, 0) };
	tx_start(&t, &s);
	KT_OK(helios_nbrecv(ep, &m));
	KT_EQ(helios_tag_label(m.tag), 8);
	kt_join(&t);
}

KTEST(ipc_rights)
{
	helios_caddr_t ep = kt_endpoint();
	helios_caddr_t ro = kt_copy(ep, HELIOS_RIGHT_READ), wo = kt_copy(ep, HELIOS_RIGHT_WRITE);
	struct helios_msg m = { .tag = helios_tag(1, 0, 0) };
	KT_ERR(helios_send(ro, &m), HELIOS_ERR_ACCESS);
	m = (struct helios_msg){ .tag = helios_tag(1, 0, 0) };
	KT_ERR(helios_call(ro, &m), HELIOS_ERR_ACCESS);
	KT_ERR(helios_recv(wo, &m), HELIOS_ERR_ACCESS);
	KT_ERR(helios_nbrecv(wo, &m), HELIOS_ERR_ACCESS);
	/* With the right rights the same pair works. */
	struct rx r;
	struct rt_thread t;
	rx_spawn(&t, &r, ro);
	m = (struct helios_msg){ .tag = helios_tag(3, 0, 0) };
	KT_OK(helios_send(wo, &m));
	KT_EQ(kt_join(&t), HELIOS_OK);
}

/* Deleting an endpoint wakes whoever waits on it with DELETED. */
KTEST(ipc_endpoint_deleted)
{
	helios_caddr_t ep = kt_endpoint();
	struct rx r;
	struct rt_thread t;
	rx_spawn(&t, &r, ep);
	KT_OK(helios_cspace_delete(rt_cspace, ep));
	KT_EQ(kt_join(&t), HELIOS_ERR_DELETED);
	helios_caddr_t ep2 = kt_endpoint();
	struct tx s = { .ep = ep2, .tag = helios_tag(1, 0, 0), .call = 1 };
	struct rt_thread t2;
	tx_start(&t2, &s);
	KT_OK(helios_cspace_delete(rt_cspace, ep2));
	KT_EQ(kt_join(&t2), HELIOS_ERR_DELETED);
}

static int receive_then_vanish(void *arg)
{
	struct helios_msg m;
	helios_recv(*(helios_caddr_t *)arg, &m);
	helios_cspace_delete(rt_cspace, rt_self());
	return -1; /* never reached: the task is gone */
}

/* A server that disappears holding a caller's reply capability: the caller gets DELETED. */
KTEST(ipc_server_destroyed)
{
	helios_caddr_t ep = kt_endpoint();
	struct rt_thread t;
	kt_spawn(&t, receive_then_vanish, &ep, KT_PRIORITY);
	kt_wait_state(t.task, HELIOS_TASK_BLOCKED_RECV);
	struct helios_msg m = { .tag = helios_tag(1, 0, 0) };
	KT_ERR(helios_call(ep, &m), HELIOS_ERR_DELETED);
	KT_EQ(kt_type(t.task), HELIOS_CAP_NULL);
}
