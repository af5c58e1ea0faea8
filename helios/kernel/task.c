/*
 * Tasks: their life cycle (create, block, wake, suspend, destroy) and the caller's side of
 * reply capabilities. Their TASK_* methods are task_invoke.c.
 */
#include "helios/kernel/task.h"

#include <stddef.h>
#include <stdint.h>

#include "helios/kernel/endpoint.h"
#include "helios/kernel/memory.h"
#include "helios/kernel/notification.h"
#include "helios/kernel/poll.h"
#include "helios/kernel/sched.h"
#include "helios/kernel/timeout.h"

struct task *current;

uint64_t task_object_size(void)
{
	return (sizeof(struct task) + MEMORY_GRAIN - 1) & ~(uint64_t)(MEMORY_GRAIN - 1);
}

void task_init_object(struct task *t)
{
	arch_context_init(&t->ctx);
	t->state = HELIOS_TASK_INACTIVE;
}

struct cap *task_reply_slot(struct task *t)
{
	return &t->reply_cap;
}

/* Takes a task off whatever it is waiting on or queued for; its state is left alone. */
static void task_detach(struct task *t)
{
	switch (t->state) {
	case HELIOS_TASK_READY:
		sched_dequeue(t);
		break;
	case HELIOS_TASK_BLOCKED_SEND:
	case HELIOS_TASK_BLOCKED_RECV:
		if (t->ipc.object)
			endpoint_remove(t->ipc.object, t);
		break;
	case HELIOS_TASK_BLOCKED_WAIT:
		if (t->ipc.object)
			task_queue_remove(&((struct notification *)t->ipc.object)->waiters, t);
		break;
	case HELIOS_TASK_BLOCKED_REPLY:
		if (t->reply_holder) {
			t->reply_holder->object = 0; /* the reply capability is dead now */
			t->reply_holder = NULL;
		}
		break;
	case HELIOS_TASK_BLOCKED_POLL:
		poll_detach(t);
		break;
	default:
		break;
	}
	timeout_disarm(t);
	t->ipc.object = NULL;
}

void task_wake(struct task *t)
{
	task_detach(t);
	t->state = HELIOS_TASK_READY;
	t->ipc.restartable = false;
	sched_enqueue(t);
}

void task_suspend(struct task *t)
{
	if (t->state == HELIOS_TASK_INACTIVE)
		return;
	bool blocked = t->state != HELIOS_TASK_READY;
	if (t->state == HELIOS_TASK_BLOCKED_REPLY && !t->fault.pending)
		task_set_result(t, HELIOS_ERR_DELETED, 0); /* the call went out; its answer is lost */
	else if (blocked && t->ipc.restartable)
		arch_context_restart_syscall(&t->ctx);
	task_detach(t);
	/* A faulted task that is resumed runs the faulting instruction again. */
	t->fault.pending = false;
	t->ipc.restartable = false;
	t->state = HELIOS_TASK_INACTIVE;
}

void task_finalize(struct task *t)
{
	task_suspend(t);
	/* Whoever called this task gets HELIOS_ERR_DELETED (reply_cap_deleted). */
	if (t->reply_cap.type != HELIOS_CAP_NULL)
		cap_delete(&t->reply_cap);
	struct cap *held[] = { &t->cspace_cap, &t->vspace_cap, &t->ipc_page_cap,
			       &t->fault_ep_cap };
	for (size_t i = 0; i < sizeof(held) / sizeof(held[0]); i++)
		if (held[i]->type != HELIOS_CAP_NULL)
			cap_delete(held[i]);
	arch_context_destroyed(&t->ctx);
	if (current == t)
		current = NULL;
}

/* A reply capability goes away unused: its caller stops waiting, with an error. */
void reply_cap_deleted(struct cap *c)
{
	struct task *caller = (struct task *)c->object;
	if (!caller || caller->reply_holder != c)
		return;
	caller->reply_holder = NULL;
	if (caller->state != HELIOS_TASK_BLOCKED_REPLY)
		return;
	if (!caller->fault.pending)
		task_set_result(caller, HELIOS_ERR_DELETED, 0);
	caller->fault.pending = false; /* a faulted task retries the instruction */
	task_wake(caller);
}

void reply_cap_moved(struct cap *dst)
{
	struct task *caller = (struct task *)dst->object;
	if (caller && caller->state == HELIOS_TASK_BLOCKED_REPLY)
		caller->reply_holder = dst;
}
