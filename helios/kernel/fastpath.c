/*
 * The IPC fastpath (fastpath.h), after seL4's: the checks first, each one a reason to leave
 * for the slow path with nothing changed; then the handover, the same steps the slow path
 * takes (endpoint.c) minus the dispatch, the generic message transfer and the ready queues. The
 * running task is on no queue (sched.h) and the task that runs next was blocked, so handing
 * the CPU over is a matter of setting `current`, loading its vspace (inline, activate.h) and
 * returning its context, which the architecture's syscall entry enters (arch_enter_user). A
 * check that fails returns NULL, having changed nothing: the entry goes on to the slow path.
 *
 * Both cases need a register-only message (at most HELIOS_MSG_REG_PARAMS parameters, no
 * capabilities, no reserved tag bits), a capability of the right type and right in the
 * caller's cspace, and a partner of at least the caller's priority with an address space: as
 * the caller ran, nothing ready outranks it, so nothing ready outranks the partner, and the
 * slow path would hand it the CPU too (sched_hand_over).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "helios/kernel/arch.h"
#include "helios/kernel/cspace.h"
#include "helios/kernel/fastpath.h"
#include "helios/kernel/endpoint.h"
#include "helios/kernel/task.h"
#include "helios/kernel/vm/activate.h"

#ifdef HELIOS_FASTPATH

const bool kernel_has_fastpath = true;

/* The capability at caddr in t's cspace if it has this type and right, else NULL. Slot 0 is
 * never handed out (cspace_slot), so it is always empty and fails the type test. */
static inline struct cap *lookup(struct task *t, uint64_t caddr, unsigned type, unsigned right)
{
	if (t->cspace_cap.type != HELIOS_CAP_CSPACE)
		return NULL;
	struct cspace *cs = (struct cspace *)t->cspace_cap.object;
	if (caddr >= cs->slot_count)
		return NULL;
	struct cap *c = &cs->slots[caddr];
	if (c->type != type || !(c->rights & right))
		return NULL;
	return c;
}

/* Whether `to` may take the CPU from `from` directly. */
static inline bool may_run_instead(const struct task *to, const struct task *from)
{
	return to->priority >= from->priority && to->vspace_cap.type == HELIOS_CAP_VSPACE;
}

/* CALL: the receiver at the head of the endpoint's queue gets the message and the reply
 * capability; the caller waits for the reply. */
struct arch_context *kernel_fastpath_call(void)
{
	struct task *caller = current;
	uint64_t tag = task_reg(caller, SYSCALL_REG_TAG);
	if (!ipc_register_only(tag))
		return NULL;
	struct cap *c = lookup(caller, task_reg(caller, SYSCALL_REG_CADDR), HELIOS_CAP_ENDPOINT,
			       HELIOS_RIGHT_WRITE);
	if (!c)
		return NULL;
	struct endpoint *e = (struct endpoint *)c->object;
	if (e->state != ENDPOINT_RECEIVING)
		return NULL;
	struct task *receiver = e->queue.head;
	/* An unanswered earlier caller in its reply slot: the slow path tells that one. */
	if (!may_run_instead(receiver, caller) || receiver->reply_cap.type != HELIOS_CAP_NULL)
		return NULL;

	endpoint_pop(e);
	receiver->state = HELIOS_TASK_READY;
	receiver->ipc.restartable = false;
	ipc_copy_registers(caller, receiver);
	ipc_set_received(receiver, cap_badge(c), tag);
	ipc_await_reply(receiver, caller, c->rights & HELIOS_RIGHT_GRANT);
	current = receiver;
	vspace_load(task_vspace_object(receiver));
	return &receiver->ctx;
}

/* REPLYRECV: the caller in the reply slot gets the message and runs; the server waits on the
 * endpoint, where no sender is queued. */
struct arch_context *kernel_fastpath_replyrecv(void)
{
	struct task *server = current;
	uint64_t tag = task_reg(server, SYSCALL_REG_TAG);
	if (!ipc_register_only(tag))
		return NULL;
	struct cap *reply = &server->reply_cap;
	if (reply->type != HELIOS_CAP_REPLY)
		return NULL;
	struct task *caller = (struct task *)reply->object;
	/* A dead reply capability, or an answer to a fault (which resumes instead): slow. */
	if (!caller || caller->reply_holder != reply || caller->fault.pending)
		return NULL;
	struct cap *c = lookup(server, task_reg(server, SYSCALL_REG_CADDR), HELIOS_CAP_ENDPOINT,
			       HELIOS_RIGHT_READ);
	if (!c)
		return NULL;
	struct endpoint *e = (struct endpoint *)c->object;
	/* A waiting sender is received at once, and pollers must be told: slow. */
	if (e->state == ENDPOINT_SENDING || e->pollers || !may_run_instead(caller, server))
		return NULL;

	ipc_copy_registers(server, caller);
	ipc_set_received(caller, 0, tag);
	caller->reply_holder = NULL;
	reply_slot_clear(reply);
	caller->state = HELIOS_TASK_READY; /* a caller waiting for its reply is not restartable */
	ipc_wait_receive(server, e);
	current = caller;
	vspace_load(task_vspace_object(caller));
	return &caller->ctx;
}

#else

const bool kernel_has_fastpath = false;

struct arch_context *kernel_fastpath_call(void)
{
	return NULL;
}

struct arch_context *kernel_fastpath_replyrecv(void)
{
	return NULL;
}

#endif
