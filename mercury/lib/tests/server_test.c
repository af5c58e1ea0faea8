/*
 * The server loop (server.h): an endpoint and a notification served together, handler errors
 * answered without ending the loop, capabilities that come with requests, a reply kept and
 * sent later, an IRQ served and acknowledged, and a broken source reported.
 */
#include <stdint.h>

#include "mercury/lib/tests/suite.h"

#define LABEL_ADD 0x100
#define LABEL_STOP 0x101
#define LABEL_KEEP_CAP 0x102
#define LABEL_LATER 0x103

struct service {
	struct mercury_server server;
	helios_caddr_t ep, notification;
	uint64_t signals; /* bits seen */
	unsigned signal_calls;
	helios_caddr_t kept_cap;
	helios_caddr_t later; /* a deferred reply */
	uint64_t irq_token;
	struct kt_irq_device irq;
};

static int on_message(void *ctx, struct mercury_request *req)
{
	struct service *s = ctx;
	switch (helios_tag_label(req->msg.tag)) {
	case LABEL_ADD:
		req->reply = (struct helios_msg){
			.tag = helios_tag(HELIOS_OK, 1, 0),
			.p = { mercury_request_param(req, 0) + mercury_request_param(req, 5) +
			       req->badge },
		};
		return HELIOS_OK;
	case LABEL_KEEP_CAP:
		if (req->cap_count != 1)
			return HELIOS_ERR_INVALID_PARAM;
		if (req->msg.p[0])
			s->kept_cap = mercury_request_take_cap(req, 0);
		return HELIOS_OK;
	case LABEL_LATER:
		return mercury_request_defer(req, &s->later);
	case LABEL_STOP:
		mercury_server_stop(&s->server);
		return HELIOS_OK;
	}
	return HELIOS_ERR_INVALID_METHOD;
}

static int on_signal(void *ctx, uint64_t bits)
{
	struct service *s = ctx;
	s->signals |= bits;
	s->signal_calls++;
	if (s->later != HELIOS_CADDR_UNDEF) { /* a signal answers the deferred request */
		struct helios_msg m = { .tag = helios_tag(HELIOS_OK, 1, 0), .p = { 0x1a7e } };
		KT_OK(mercury_reply_later(s->later, &m));
		s->later = HELIOS_CADDR_UNDEF;
	}
	return HELIOS_OK;
}

static struct service svc;

static void service_up(void)
{
	svc = (struct service){ .ep = kt_endpoint(), .later = HELIOS_CADDR_UNDEF,
				.kept_cap = HELIOS_CADDR_UNDEF };
	svc.notification = kt_notification();
	mercury_server_init(&svc.server);
	KT_OK(mercury_server_add_endpoint(&svc.server, svc.ep, 1, on_message, &svc));
	KT_OK(mercury_server_add_notification(&svc.server, svc.notification, on_signal, &svc));
}

static int run_service(void *arg)
{
	(void)arg;
	return mercury_server_run(&svc.server);
}

/* A call to the service (through cap) with label and p0: the reply. */
static struct helios_msg call(helios_caddr_t cap, uint64_t label, uint64_t p0)
{
	struct helios_msg m = { .tag = helios_tag(label, 1, 0), .p = { p0 } };
	KT_OK(helios_call(cap, &m));
	return m;
}

static void stop_service(struct rt_thread *t)
{
	KT_EQ(helios_tag_label(call(svc.ep, LABEL_STOP, 0).tag), HELIOS_OK);
	KT_EQ(kt_join(t), HELIOS_OK);
}

KTEST(server_endpoint_and_notification)
{
	service_up();
	struct rt_thread t;
	kt_spawn(&t, run_service, NULL, KT_PRIORITY);
	helios_caddr_t badged = kt_mint(svc.ep, HELIOS_RIGHT_WRITE, 1000);
	for (uint64_t i = 0; i < 10; i++) {
		struct helios_msg m = call(i % 2 ? badged : svc.ep, LABEL_ADD, i);
		KT_EQ(helios_tag_label(m.tag), HELIOS_OK);
		KT_EQ(m.p[0], i + (i % 2 ? 1000 : 0));
		if (i == 4) /* a signal in between: served as well */
			KT_OK(helios_signal(kt_mint(svc.notification, HELIOS_RIGHT_WRITE, 0x30)));
	}
	/* A parameter beyond the registers, read through the IPC buffer. */
	struct helios_msg m = { .tag = helios_tag(LABEL_ADD, 6, 0), .p = { 1 } };
	rt_ipc_buffer()->params[5] = 40;
	KT_OK(helios_call(svc.ep, &m));
	KT_EQ(m.p[0], 41);
	stop_service(&t);
	KT_EQ(svc.signals, 0x30);
	KT_EQ(svc.signal_calls, 1);
	KT_EQ(mercury_server_source(&svc.server, svc.ep)->served, 12);
	KT_EQ(mercury_server_source(&svc.server, svc.ep)->errors, 0);
}

/* Whatever a client sends, the loop answers or drops it and goes on. */
KTEST(server_survives_bad_requests)
{
	service_up();
	struct rt_thread t;
	kt_spawn(&t, run_service, NULL, KT_PRIORITY);
	KT_EQ(helios_tag_label(call(svc.ep, 0x9999, 0).tag), HELIOS_ERR_INVALID_METHOD);
	/* A send, not a call: nothing to answer. */
	struct helios_msg sent = { .tag = helios_tag(0x9999, 0, 0) };
	KT_OK(helios_send(svc.ep, &sent));
	/* A request that wants a capability and brings none. */
	KT_EQ(helios_tag_label(call(svc.ep, LABEL_KEEP_CAP, 0).tag), HELIOS_ERR_INVALID_PARAM);
	/* Still serving. */
	KT_EQ(call(svc.ep, LABEL_ADD, 5).p[0], 5);
	stop_service(&t);
	KT_EQ(mercury_server_source(&svc.server, svc.ep)->errors, 3);
}

/* A capability sent with a request: kept when the handler takes it, else deleted. */
KTEST(server_capabilities_with_requests)
{
	service_up();
	struct rt_thread t;
	kt_spawn(&t, run_service, NULL, KT_PRIORITY);
	helios_caddr_t gift = kt_notification();
	uint64_t slots_before = 0;
	KT_OK(helios_cspace_info(rt_cspace, NULL, &slots_before));
	for (uint64_t keep = 0; keep < 2; keep++) {
		struct helios_msg m = { .tag = helios_tag(LABEL_KEEP_CAP, 1, 1), .p = { keep } };
		rt_ipc_buffer()->caps[0] = gift;
		KT_OK(helios_call(svc.ep, &m));
		KT_EQ(helios_tag_label(m.tag), HELIOS_OK);
	}
	stop_service(&t);
	/* The one not taken is gone; the one taken is a copy of the gift. */
	uint64_t slots_after = 0;
	KT_OK(helios_cspace_info(rt_cspace, NULL, &slots_after));
	KT_EQ(slots_after + 1, slots_before);
	KT_EQ(kt_type(svc.kept_cap), HELIOS_CAP_NOTIFICATION);
	KT_OK(helios_signal(svc.kept_cap));
	KT_OK(helios_nbwait(gift, NULL));
}

static int call_later(void *arg)
{
	(void)arg;
	struct helios_msg m = call(svc.ep, LABEL_LATER, 0);
	return m.p[0] == 0x1a7e ? 0 : 1;
}

/* A handler keeps the reply; the answer goes out when a signal comes, the loop serving others
 * meanwhile. */
KTEST(server_deferred_reply)
{
	service_up();
	struct rt_thread t, client;
	kt_spawn(&t, run_service, NULL, KT_PRIORITY);
	kt_spawn(&client, call_later, NULL, KT_PRIORITY);
	kt_wait_state(client.task, HELIOS_TASK_BLOCKED_REPLY);
	while (__atomic_load_n(&svc.later, __ATOMIC_ACQUIRE) == HELIOS_CADDR_UNDEF)
		helios_yield();
	KT_EQ(call(svc.ep, LABEL_ADD, 2).p[0], 2); /* others are served meanwhile */
	KT_EQ(kt_state(client.task), HELIOS_TASK_BLOCKED_REPLY);
	KT_OK(helios_signal(svc.notification));
	KT_EQ(kt_join(&client), 0);
	stop_service(&t);
}

static int on_irq(void *ctx, uint64_t bits)
{
	struct service *s = ctx;
	(void)bits;
	s->irq_token = kt_irq_device_take(&s->irq); /* the device stops asserting its line */
	return HELIOS_OK;
}

/* An IRQ handler as a source: served when the line fires, then acknowledged (so it can fire
 * again). */
KTEST(server_irq_source)
{
	service_up();
	kt_irq_device_open(&svc.irq);
	helios_caddr_t n = kt_notification(), h = kt_slot();
	KT_OK(helios_irq_control_issue(HELIOS_INIT_IRQ_CONTROL, KT_IRQ_DEVICE, n, h, NULL));
	kt_irq_device_drain(&svc.irq); /* anything that was on its way */
	helios_nbwait(n, NULL);
	KT_OK(helios_irq_handler_ack(h));
	KT_OK(mercury_server_add_irq(&svc.server, h, n, on_irq, &svc));
	struct rt_thread t;
	kt_spawn(&t, run_service, NULL, KT_PRIORITY);
	for (uint8_t token = 0x21; token < 0x24; token++) {
		kt_irq_device_raise(&svc.irq, token);
		for (int tries = 0; svc.irq_token != token && tries < 100000; tries++)
			helios_yield();
		KT_EQ(svc.irq_token, token);
	}
	stop_service(&t);
	KT_CHECK(mercury_server_source(&svc.server, h)->served >= 3);
	KT_OK(helios_cspace_delete(rt_cspace, h)); /* the line is free for the next test */
}

/* A source whose capability is gone: POLL fails and the loop says which source. */
KTEST(server_reports_a_broken_source)
{
	service_up();
	helios_caddr_t gone = kt_notification();
	KT_OK(mercury_server_add_notification(&svc.server, gone, on_signal, &svc));
	KT_OK(helios_cspace_delete(rt_cspace, gone));
	KT_ERR(mercury_server_run(&svc.server), HELIOS_ERR_INVALID_CSLOT);
	KT_EQ(svc.server.failed, 2);
	/* Full: HELIOS_POLL_MAX sources at most. */
	for (unsigned i = svc.server.count; i < HELIOS_POLL_MAX; i++)
		KT_OK(mercury_server_add_notification(&svc.server, svc.notification, on_signal,
						      &svc));
	KT_ERR(mercury_server_add_notification(&svc.server, svc.notification, on_signal, &svc),
	       HELIOS_ERR_INVALID_PARAM);
}
