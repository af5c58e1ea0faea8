/*
 * IPC: one-way call and reply-receive between a client and a server on the same core. The
 * client stamps just before CALL and the server just after its receive returns (the call); the
 * server stamps just before REPLYRECV and the client just after CALL returns (the reply).
 * Between address spaces (the server in a mirrored vspace of its own) and within one, with 0,
 * 4 (registers only: the fastpath's case) and 10 message words (the last six in the IPC
 * buffer), and with one capability transferred.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <helios/rt/invoke.h>
#include <helios/rt/mem.h>
#include <helios/rt/rt.h>
#include <helios/rt/slot.h>
#include <helios/rt/syscall.h>

#include "bench.h"

struct ipc_case {
	const char *call, *reply; /* benchmark names */
	unsigned words;           /* message words, both ways */
	bool cap;                 /* the call transfers one capability */
	bool own_vspace;          /* the server in an address space of its own */
};

static const struct ipc_case cases[] = {
	{ "ipc_call_0", "ipc_replyrecv_0", 0, false, true },
	{ "ipc_call_4", "ipc_replyrecv_4", 4, false, true },
	{ "ipc_call_10", "ipc_replyrecv_10", 10, false, true },
	{ "ipc_call_cap", "ipc_replyrecv_cap", 0, true, true },
	{ "ipc_call_same_vspace_0", "ipc_replyrecv_same_vspace_0", 0, false, false },
	{ "ipc_call_same_vspace_4", "ipc_replyrecv_same_vspace_4", 4, false, false },
};

/* What client and server share (program data: the same pages in both address spaces). */
static struct {
	const struct ipc_case *c;
	helios_caddr_t ep;
	helios_caddr_t cap;       /* what the client sends */
	helios_caddr_t received;  /* where the server receives it */
	int server_error;
} run;

static int server(void *arg)
{
	(void)arg;
	const struct ipc_case *c = run.c;
	uint32_t n = bench_iterations();
	struct helios_ipc_buffer *ipc = rt_ipc_buffer();
	ipc->recv_slots[0] = run.received;
	struct helios_msg m;
	int err = helios_recv(run.ep, &m);
	for (uint32_t i = 0; !err && i < n; i++) {
		uint64_t t = bench_stamp();
		bench_a.end[i] = t;
		if (c->cap)
			err = helios_cspace_delete(rt_cspace, run.received); /* room for the next */
		m.tag = helios_tag(0, c->words, 0);
		t = bench_stamp();
		bench_b.start[i] = t;
		if (i + 1 == n)
			err = helios_reply(&m);
		else
			err = helios_replyrecv(run.ep, &m);
	}
	run.server_error = err;
	return err;
}

static int client(void *arg)
{
	(void)arg;
	const struct ipc_case *c = run.c;
	uint32_t n = bench_iterations();
	struct helios_ipc_buffer *ipc = rt_ipc_buffer();
	ipc->caps[0] = run.cap;
	for (unsigned w = HELIOS_MSG_REG_PARAMS; w < c->words; w++)
		ipc->params[w] = w;
	int err = HELIOS_OK;
	for (uint32_t i = 0; !err && i < n; i++) {
		struct helios_msg m = { .tag = helios_tag(1, c->words, c->cap ? 1 : 0),
					.p = { 1, 2, 3, 4 } };
		uint64_t t = bench_stamp();
		bench_a.start[i] = t;
		err = helios_call(run.ep, &m);
		t = bench_stamp();
		bench_b.end[i] = t;
	}
	return err;
}

static void run_case(const struct ipc_case *c)
{
	static struct rt_thread srv, cli; /* program data: mirrored vspaces see it */
	bench_begin();
	run.c = c;
	run.server_error = 0;
	int err = rt_alloc(HELIOS_CAP_ENDPOINT, 0, &run.ep);
	if (!err)
		err = rt_alloc(HELIOS_CAP_NOTIFICATION, 0, &run.cap);
	run.received = rt_slot_alloc();
	/* The server first: it waits in its receive when the client's first call comes. */
	if (!err)
		err = bench_thread(&srv, server, NULL, BENCH_PRIORITY, c->own_vspace,
				   HELIOS_CADDR_UNDEF);
	if (!err)
		err = bench_thread(&cli, client, NULL, BENCH_PRIORITY, false, HELIOS_CADDR_UNDEF);
	if (!err)
		err = bench_join(&cli);
	if (!err)
		err = bench_join(&srv);
	if (err) {
		bench_error(c->call, run.server_error ? "server" : "client", err);
	} else {
		bench_report(c->call, &bench_a);
		bench_report(c->reply, &bench_b);
	}
	bench_cleanup();
}

void bench_ipc(void)
{
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(&cases[i]);
}
