/*
 * The server loop (server.h). Readiness is copied out of the IPC buffer before any handler
 * runs: a handler may make IPC calls of its own, which reuse the buffer.
 */
#include <stddef.h>
#include <stdint.h>

#include <helios/abi.h>

#include <helios/rt/invoke.h>
#include <helios/rt/mem.h>
#include <helios/rt/print.h>
#include <helios/rt/rt.h>
#include <helios/rt/slot.h>
#include <helios/rt/syscall.h>
#include <mercury/log.h>
#include <mercury/server.h>

void mercury_server_init(struct mercury_server *s)
{
	*s = (struct mercury_server){ 0 };
}

static int add(struct mercury_server *s, struct mercury_source src)
{
	if (s->count == HELIOS_POLL_MAX || src.recv_caps > HELIOS_MSG_MAX_CAPS)
		return HELIOS_ERR_INVALID_PARAM;
	s->sources[s->count++] = src;
	return HELIOS_OK;
}

int mercury_server_add_endpoint(struct mercury_server *s, helios_caddr_t endpoint,
				unsigned recv_caps, mercury_endpoint_fn fn, void *ctx)
{
	return add(s, (struct mercury_source){ .kind = MERCURY_SOURCE_ENDPOINT,
					       .cap = endpoint,
					       .recv_caps = recv_caps,
					       .on_message = fn,
					       .ctx = ctx });
}

/* A notification, or an IRQ handler with its notification: served on a signal. */
static int add_signal(struct mercury_server *s, int kind, helios_caddr_t cap,
		      helios_caddr_t notification, mercury_signal_fn fn, void *ctx)
{
	return add(s, (struct mercury_source){ .kind = kind,
					       .cap = cap,
					       .notification = notification,
					       .on_signal = fn,
					       .ctx = ctx });
}

int mercury_server_add_notification(struct mercury_server *s, helios_caddr_t notification,
				    mercury_signal_fn fn, void *ctx)
{
	return add_signal(s, MERCURY_SOURCE_NOTIFICATION, notification, notification, fn, ctx);
}

int mercury_server_add_irq(struct mercury_server *s, helios_caddr_t irq_handler,
			   helios_caddr_t notification, mercury_signal_fn fn, void *ctx)
{
	return add_signal(s, MERCURY_SOURCE_IRQ, irq_handler, notification, fn, ctx);
}

struct mercury_source *mercury_server_source(struct mercury_server *s, helios_caddr_t cap)
{
	for (unsigned i = 0; i < s->count; i++)
		if (s->sources[i].cap == cap)
			return &s->sources[i];
	return NULL;
}

void mercury_server_stop(struct mercury_server *s)
{
	__atomic_store_n(&s->stopping, 1, __ATOMIC_RELEASE);
}

/* ---- Requests -------------------------------------------------------------------------- */

uint64_t mercury_request_param(const struct mercury_request *req, unsigned i)
{
	if (i >= helios_tag_params(req->msg.tag))
		return 0;
	return i < HELIOS_MSG_REG_PARAMS ? req->msg.p[i] : rt_ipc_buffer()->params[i];
}

helios_caddr_t mercury_request_take_cap(struct mercury_request *req, unsigned i)
{
	if (i >= req->cap_count)
		return HELIOS_CADDR_UNDEF;
	req->taken |= 1u << i;
	return req->caps[i];
}

int mercury_request_defer(struct mercury_request *req, helios_caddr_t *reply)
{
	helios_caddr_t slot = rt_slot_alloc();
	if (slot == HELIOS_CADDR_UNDEF)
		return HELIOS_ERR_CSPACE_FULL;
	int err = helios_cspace_save_reply(rt_cspace, slot, NULL);
	if (err) {
		rt_slot_free(slot);
		return err;
	}
	req->deferred = 1;
	*reply = slot;
	return HELIOS_OK;
}

int mercury_reply_later(helios_caddr_t reply, struct helios_msg *msg)
{
	int err = helios_send(reply, msg); /* consumes the reply capability */
	helios_cspace_delete(rt_cspace, reply); /* in case it did not */
	rt_slot_free(reply);
	return err;
}

/* ---- Serving ----------------------------------------------------------------------------- */

/* Slots for the capabilities a message may bring; slot 0 (never valid) refuses the rest. */
static void prepare_recv_slots(const struct mercury_source *src, helios_caddr_t *slots)
{
	struct helios_ipc_buffer *ipc = rt_ipc_buffer();
	for (unsigned i = 0; i < HELIOS_MSG_MAX_CAPS; i++) {
		slots[i] = i < src->recv_caps ? rt_slot_alloc() : HELIOS_CADDR_UNDEF;
		ipc->recv_slots[i] = slots[i] == HELIOS_CADDR_UNDEF ? 0 : slots[i];
	}
}

/* After the handler: capabilities it did not take are deleted, unused slots freed. */
static void release_recv_slots(const struct mercury_request *req, const helios_caddr_t *slots)
{
	for (unsigned i = 0; i < HELIOS_MSG_MAX_CAPS; i++) {
		if (slots[i] == HELIOS_CADDR_UNDEF || (i < req->cap_count && (req->taken >> i) & 1))
			continue;
		if (i < req->cap_count)
			helios_cspace_delete(rt_cspace, slots[i]);
		rt_slot_free(slots[i]);
	}
}

static void serve_endpoint(struct mercury_source *src)
{
	helios_caddr_t slots[HELIOS_MSG_MAX_CAPS];
	prepare_recv_slots(src, slots);
	struct mercury_request req = { .reply.tag = helios_tag(HELIOS_OK, 0, 0) };
	if (helios_nbrecv(src->cap, &req.msg) != HELIOS_OK) { /* the sender gave up */
		release_recv_slots(&req, slots);
		return;
	}
	req.badge = req.msg.value;
	req.cap_count = helios_tag_caps(req.msg.tag);
	for (unsigned i = 0; i < req.cap_count; i++)
		req.caps[i] = rt_ipc_buffer()->caps[i];
	src->served++;
	int err = src->on_message(src->ctx, &req);
	if (err) {
		src->errors++;
		mercury_log(MERCURY_LOG_DEBUG, "request %#llx (badge %#llx): %s",
			    (unsigned long long)helios_tag_label(req.msg.tag),
			    (unsigned long long)req.badge, rt_strerror((uint64_t)err));
		req.reply = (struct helios_msg){ .tag = helios_tag((uint64_t)err, 0, 0) };
	}
	if (!req.deferred)
		helios_reply(&req.reply); /* nobody to answer if it was a send: fine */
	release_recv_slots(&req, slots);
}

static void serve_signal(struct mercury_source *src)
{
	uint64_t bits = 0;
	if (helios_nbwait(src->notification, &bits) != HELIOS_OK && src->kind != MERCURY_SOURCE_IRQ)
		return; /* taken meanwhile (the notification may be shared) */
	src->served++;
	if (src->on_signal(src->ctx, bits))
		src->errors++;
	if (src->kind == MERCURY_SOURCE_IRQ)
		helios_irq_handler_ack(src->cap);
}

int mercury_server_run_once(struct mercury_server *s)
{
	struct helios_ipc_buffer *ipc = rt_ipc_buffer();
	for (unsigned i = 0; i < s->count; i++)
		ipc->poll[i] = (struct helios_poll_item){ s->sources[i].cap, HELIOS_POLL_RECV, 0 };
	unsigned index = 0; /* on an item's error: which item */
	int err = helios_poll(s->count, &index);
	if (err) {
		s->failed = index;
		return err;
	}
	uint16_t ready[HELIOS_POLL_MAX];
	for (unsigned i = 0; i < s->count; i++)
		ready[i] = ipc->poll[i].ready;
	unsigned first = s->next;
	s->next = (s->next + 1) % s->count;
	for (unsigned k = 0; k < s->count; k++) {
		if (__atomic_load_n(&s->stopping, __ATOMIC_ACQUIRE))
			break;
		unsigned i = (first + k) % s->count;
		if (!(ready[i] & HELIOS_POLL_RECV))
			continue;
		if (s->sources[i].kind == MERCURY_SOURCE_ENDPOINT)
			serve_endpoint(&s->sources[i]);
		else
			serve_signal(&s->sources[i]);
	}
	return HELIOS_OK;
}

int mercury_server_run(struct mercury_server *s)
{
	if (s->count == 0)
		return HELIOS_ERR_INVALID_PARAM;
	while (!__atomic_load_n(&s->stopping, __ATOMIC_ACQUIRE)) {
		int err = mercury_server_run_once(s);
		if (err)
			return err;
	}
	return HELIOS_OK;
}
