/*
 * A server loop: handlers registered for endpoints, notifications and IRQ handlers (at most
 * HELIOS_POLL_MAX sources), one POLL over all of them, then each ready source served once, in
 * turn, so none starves the others.
 *
 * An endpoint handler gets the message received (its label, parameters, badge and any
 * capabilities it brought) and fills in the reply, which the loop sends when the handler
 * returns 0. A handler that returns an error makes the loop reply with that error as the label
 * (as the kernel answers a failed invocation) and no parameters, and count it; a handler may
 * instead keep the reply capability to answer later (mercury_request_defer). Nothing a client
 * sends stops the loop: a message that vanished before it was received, a reply to a sender
 * that did not call, capabilities nobody wanted (deleted after the handler) are all taken in
 * stride. The loop ends when mercury_server_stop is called (from a handler, or from another
 * thread that then wakes the loop, e.g. by signalling one of its notifications) or when POLL
 * itself fails (a source's capability is gone: the program's own mistake).
 *
 * The loop runs in the calling thread and uses its IPC buffer.
 */
#ifndef MERCURY_SERVER_H
#define MERCURY_SERVER_H

#include <stdint.h>

#include <helios/abi.h>

#include <helios/rt/syscall.h>

/* A message an endpoint handler serves. */
struct mercury_request {
	struct helios_msg msg; /* as received: tag, p[0..3]; parameters 4 and up via _param */
	uint64_t badge;
	helios_caddr_t caps[HELIOS_MSG_MAX_CAPS]; /* capabilities received, in fresh slots */
	unsigned cap_count;
	struct helios_msg reply; /* the handler's answer: label 0 and nothing else to start with */
	int deferred;            /* the handler kept the reply capability */
	unsigned taken;          /* bit i: the handler keeps caps[i] */
};

typedef int (*mercury_endpoint_fn)(void *ctx, struct mercury_request *req);
/* bits: the notification's word (or, for an IRQ, its bound notification's). */
typedef int (*mercury_signal_fn)(void *ctx, uint64_t bits);

enum mercury_source_kind {
	MERCURY_SOURCE_ENDPOINT = 1,
	MERCURY_SOURCE_NOTIFICATION = 2,
	MERCURY_SOURCE_IRQ = 3,
};

struct mercury_source {
	int kind;
	helios_caddr_t cap;          /* polled: endpoint, notification or IRQ handler */
	helios_caddr_t notification; /* IRQ: the notification bound to the line */
	unsigned recv_caps;          /* endpoint: how many capabilities a message may bring */
	mercury_endpoint_fn on_message;
	mercury_signal_fn on_signal;
	void *ctx;
	uint64_t served, errors; /* how often its handler ran, and returned an error */
};

struct mercury_server {
	struct mercury_source sources[HELIOS_POLL_MAX];
	unsigned count;
	unsigned next;    /* the source served first in the next round */
	int stopping;
	unsigned failed;  /* after POLL failed: the index of the source it named */
};

void mercury_server_init(struct mercury_server *s);
/* Each returns a helios_error: INVALID_PARAM when HELIOS_POLL_MAX sources are registered or
 * recv_caps exceeds HELIOS_MSG_MAX_CAPS. */
int mercury_server_add_endpoint(struct mercury_server *s, helios_caddr_t endpoint,
				unsigned recv_caps, mercury_endpoint_fn fn, void *ctx);
int mercury_server_add_notification(struct mercury_server *s, helios_caddr_t notification,
				    mercury_signal_fn fn, void *ctx);
/* The IRQ handler capability is polled; when its line fired, the loop clears the bound
 * notification, runs fn, then acknowledges the IRQ (unmasking the line). */
int mercury_server_add_irq(struct mercury_server *s, helios_caddr_t irq_handler,
			   helios_caddr_t notification, mercury_signal_fn fn, void *ctx);
/* The source registered for cap, or NULL. */
struct mercury_source *mercury_server_source(struct mercury_server *s, helios_caddr_t cap);

/* Serves until stopped (0) or POLL fails (its error; s->failed names the source). */
int mercury_server_run(struct mercury_server *s);
/* One POLL and one round of serving the ready sources. */
int mercury_server_run_once(struct mercury_server *s);
void mercury_server_stop(struct mercury_server *s);

/* Parameter i of the request (0 past its parameter count): valid until the handler makes an
 * IPC call of its own. */
uint64_t mercury_request_param(const struct mercury_request *req, unsigned i);
/* Keeps received capability i (its slot is the handler's from now on). */
helios_caddr_t mercury_request_take_cap(struct mercury_request *req, unsigned i);
/* Keeps the reply capability in a new slot (*reply) to answer later with mercury_reply_later:
 * the loop does not reply. A helios_error. */
int mercury_request_defer(struct mercury_request *req, helios_caddr_t *reply);
/* Answers a deferred request and frees the reply capability's slot. */
int mercury_reply_later(helios_caddr_t reply, struct helios_msg *msg);

#endif
