/*
 * Endpoints: synchronous rendezvous, call and reply, and fault delivery (endpoint.h).
 */
#include "helios/kernel/endpoint.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "helios/kernel/cspace.h"
#include "helios/kernel/poll.h"
#include "helios/kernel/sched.h"
#include "helios/kernel/task.h"

/* Blocks a task on an object in a syscall (restarted if it is suspended meanwhile). */
static void block(struct task *t, unsigned state, void *object)
{
	sched_dequeue(t);
	t->state = (uint8_t)state;
	t->ipc.object = object;
	t->ipc.restartable = true;
}

int ipc_check_tag(struct task *sender, uint64_t tag)
{
	if (tag & HELIOS_TAG_RESERVED_BITS)
		return HELIOS_ERR_INVALID_PARAM;
	unsigned params = helios_tag_params(tag), caps = helios_tag_caps(tag);
	if (params > HELIOS_MSG_MAX_PARAMS || caps > HELIOS_MSG_MAX_CAPS)
		return HELIOS_ERR_INVALID_PARAM;
	if ((params > HELIOS_MSG_REG_PARAMS || caps) && !task_ipc_buffer(sender))
		return HELIOS_ERR_INVALID_PARAM;
	return HELIOS_OK;
}

/*
 * Copies or moves the sender's listed capabilities into the receiver's cspace, each to the
 * slot the receiver named or one the kernel picks. Stops at the first that cannot go (the
 * sender's slot emptied meanwhile, the receiver's slot taken, its cspace full); returns how
 * many went, and the receiver finds them in its buffer's caps[].
 */
static unsigned transfer_caps(struct task *from, struct task *to, unsigned count, bool move,
			      const struct helios_ipc_buffer *fb, struct helios_ipc_buffer *tb)
{
	struct cspace *fcs = task_cspace(from), *tcs = task_cspace(to);
	if (!fcs || !tcs)
		return 0;
	unsigned done = 0;
	for (; done < count; done++) {
		struct cap *src, *dst;
		if (cspace_lookup(fcs, fb->caps[done], &src) != HELIOS_OK)
			break;
		if (src->type == HELIOS_CAP_REPLY && !move)
			break; /* reply capabilities cannot be copied */
		if (cspace_reserve(tcs, tb->recv_slots[done], &dst) != HELIOS_OK)
			break;
		if (move)
			cap_move(dst, src);
		else
			cap_copy(dst, src, src->rights);
		tb->caps[done] = cspace_caddr(tcs, dst);
	}
	return done;
}

/* A fault's message: type, address, ip, code and vector (the vector in the IPC buffer). */
static uint64_t transfer_fault(const struct task_fault *f, struct task *to)
{
	struct helios_ipc_buffer *tb = task_ipc_buffer(to);
	uint64_t words[HELIOS_FAULT_PARAMS] = { f->type, f->addr, f->ip, f->code, f->vector };
	for (unsigned i = 0; i < HELIOS_MSG_REG_PARAMS; i++)
		task_set_reg(to, SYSCALL_REG_P0 + i, words[i]);
	if (tb)
		tb->params[HELIOS_FAULT_VECTOR] = words[HELIOS_FAULT_VECTOR];
	return helios_tag(HELIOS_FAULT_LABEL, tb ? HELIOS_FAULT_PARAMS : HELIOS_MSG_REG_PARAMS, 0);
}

/* A message with parameters in the IPC buffer, or capabilities: the tag that arrives. */
static uint64_t transfer_buffer(struct task *from, struct task *to, bool can_grant, uint64_t tag)
{
	const struct helios_ipc_buffer *fb = task_ipc_buffer(from);
	struct helios_ipc_buffer *tb = task_ipc_buffer(to);
	unsigned n = helios_tag_params(tag), caps = helios_tag_caps(tag);
	if (n > HELIOS_MSG_REG_PARAMS && (!fb || !tb))
		n = HELIOS_MSG_REG_PARAMS; /* the buffer went away meanwhile, or to has none */
	ipc_copy_registers(from, to);
	if (n > HELIOS_MSG_REG_PARAMS)
		memcpy(&tb->params[HELIOS_MSG_REG_PARAMS], &fb->params[HELIOS_MSG_REG_PARAMS],
		       (n - HELIOS_MSG_REG_PARAMS) * sizeof(uint64_t));
	unsigned moved = 0;
	if (caps && can_grant && fb && tb)
		moved = transfer_caps(from, to, caps, tag & HELIOS_TAG_MOVE_CAPS, fb, tb);
	return helios_tag(helios_tag_label(tag), n, moved);
}

/*
 * Moves one message from `from` (its registers and IPC buffer, or its pending fault) to `to`:
 * the parameters and the tag that arrives (the status and badge are the receive's outcome).
 * `tag` is the message's tag as ipc_check_tag passed it: for a sender that was queued, the
 * one it blocked with, never its tag register read again (a supervisor may have rewritten
 * that). A register-only message (the common case) arrives with the tag it was sent with.
 */
static void transfer(struct task *from, struct task *to, bool can_grant, uint64_t tag)
{
	uint64_t out = tag;
	if (unlikely(from->fault.pending))
		out = transfer_fault(&from->fault, to);
	else if (likely(ipc_register_only(tag)))
		ipc_copy_registers(from, to);
	else
		out = transfer_buffer(from, to, can_grant, tag);
	task_set_reg(to, SYSCALL_REG_TAG, out);
}

/*
 * Gives `server` the one-shot capability that answers `caller`, which now waits for it. An
 * unanswered earlier caller is told HELIOS_ERR_DELETED.
 */
static void give_reply_cap(struct task *server, struct task *caller, bool can_grant)
{
	if (server->reply_cap.type != HELIOS_CAP_NULL)
		cap_delete(&server->reply_cap);
	sched_dequeue(caller);
	caller->ipc.restartable = false; /* a queued caller was blocked in its syscall */
	ipc_await_reply(server, caller, can_grant);
}


/* A task taken off an endpoint's queue, or out of BLOCKED_REPLY, with nothing else to leave:
 * ready, and it runs next if nothing ready outranks it (sched_hand_over). */
static void hand_over(struct task *t)
{
	t->state = HELIOS_TASK_READY;
	t->ipc.restartable = false;
	sched_hand_over(t);
}

/* The rendezvous from the sending side, with the message's checked tag (0 for a fault). */
static struct outcome send_to(struct endpoint *e, struct task *sender, uint64_t tag,
			      uint64_t badge, bool can_grant, enum send_mode mode)
{
	if (e->state == ENDPOINT_RECEIVING) {
		struct task *receiver = endpoint_pop(e);
		transfer(sender, receiver, can_grant, tag);
		if (mode != SEND_CALL) {
			task_complete(receiver, HELIOS_OK, badge);
			return outcome(HELIOS_OK, 0);
		}
		give_reply_cap(receiver, sender, can_grant);
		task_set_result(receiver, HELIOS_OK, badge);
		hand_over(receiver);
		return outcome_pending();
	}
	if (mode == SEND_NONBLOCKING)
		return outcome_status(HELIOS_ERR_WOULD_BLOCK);
	block(sender, HELIOS_TASK_BLOCKED_SEND, e);
	sender->ipc.tag = tag;
	sender->ipc.badge = badge;
	sender->ipc.can_grant = can_grant;
	sender->ipc.is_call = mode == SEND_CALL;
	task_queue_append(&e->queue, sender);
	e->state = ENDPOINT_SENDING;
	poll_notify(&e->pollers);
	return outcome_pending();
}

struct outcome endpoint_send(struct task *sender, struct cap *cap, enum send_mode mode)
{
	uint64_t tag = task_reg(sender, SYSCALL_REG_TAG);
	int err = ipc_check_tag(sender, tag);
	if (!err && !(cap->rights & HELIOS_RIGHT_WRITE))
		err = HELIOS_ERR_ACCESS;
	if (!err && helios_tag_caps(tag) && !(cap->rights & HELIOS_RIGHT_GRANT))
		err = HELIOS_ERR_ACCESS;
	if (err)
		return outcome_status(err);
	return send_to((struct endpoint *)cap->object, sender, tag, cap_badge(cap),
		       cap->rights & HELIOS_RIGHT_GRANT, mode);
}

bool endpoint_send_fault(struct task *t)
{
	struct cap *ep = &t->fault_ep_cap;
	if (ep->type != HELIOS_CAP_ENDPOINT || !ep->object)
		return false;
	send_to((struct endpoint *)ep->object, t, 0, cap_badge(ep), false, SEND_CALL);
	t->ipc.restartable = false; /* resumed, it retries the instruction, not a syscall */
	return true;
}

struct outcome endpoint_receive(struct task *receiver, struct cap *cap, enum receive_mode mode)
{
	if (!(cap->rights & HELIOS_RIGHT_READ))
		return outcome_status(HELIOS_ERR_ACCESS);
	struct endpoint *e = (struct endpoint *)cap->object;
	if (e->state == ENDPOINT_SENDING) {
		struct task *sender = endpoint_pop(e);
		uint64_t badge = sender->ipc.badge;
		transfer(sender, receiver, sender->ipc.can_grant, sender->ipc.tag);
		if (sender->ipc.is_call)
			give_reply_cap(receiver, sender, sender->ipc.can_grant);
		else
			task_complete(sender, HELIOS_OK, 0);
		return outcome(HELIOS_OK, badge);
	}
	if (mode == RECEIVE_NONBLOCKING)
		return outcome_status(HELIOS_ERR_WOULD_BLOCK);
	ipc_wait_receive(receiver, e);
	poll_notify(&e->pollers);
	return outcome_pending();
}

/* The reply's message, and the caller's CALL completes with OK. */
static void deliver_reply(struct task *from, struct task *caller, bool can_grant, uint64_t tag)
{
	transfer(from, caller, can_grant, tag);
	task_set_result(caller, HELIOS_OK, 0);
}

int reply_send(struct task *from, struct cap *reply)
{
	struct task *caller = (struct task *)reply->object;
	if (!caller || caller->reply_holder != reply) {
		cap_delete(reply); /* dead: its caller went away */
		return HELIOS_ERR_DELETED;
	}
	uint64_t tag = task_reg(from, SYSCALL_REG_TAG);
	int err = ipc_check_tag(from, tag);
	if (err)
		return err;
	if (caller->fault.pending)
		caller->fault.pending = false; /* resume: the supervisor fixed the cause */
	else
		deliver_reply(from, caller, reply->rights & HELIOS_RIGHT_GRANT, tag);
	caller->reply_holder = NULL;
	cap_clear_reply(reply);
	hand_over(caller); /* it runs next if the replier now blocks (REPLYRECV) */
	return HELIOS_OK;
}

void endpoint_finalize(struct endpoint *e)
{
	task_queue_abort(&e->queue);
	e->state = ENDPOINT_IDLE;
	poll_notify(&e->pollers);
}

uint64_t endpoint_object_size(void)
{
	return sizeof(struct endpoint);
}

unsigned endpoint_ready(const struct endpoint *e)
{
	if (e->state == ENDPOINT_SENDING)
		return HELIOS_POLL_RECV;
	if (e->state == ENDPOINT_RECEIVING)
		return HELIOS_POLL_SEND;
	return 0;
}
