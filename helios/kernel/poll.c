/*
 * Poll: wait until one of several endpoints, notifications or IRQ handlers is ready, and say
 * which. The items are in the caller's IPC buffer. A polling task is linked on every object's
 * list of pollers; when any of them may have become ready, every poller is woken and its poll
 * syscall restarted, so readiness is always computed by the same code, at the moment the task
 * runs again (a poll that finds nothing ready simply blocks again). A poller whose registers
 * were written meanwhile (TASK_WRITE_REGISTERS) is woken but not restarted: it runs from
 * what was written.
 */
#include "helios/kernel/poll.h"

#include <stddef.h>
#include <stdint.h>

#include "helios/kernel/cspace.h"
#include "helios/kernel/endpoint.h"
#include "helios/kernel/irq.h"
#include "helios/kernel/notification.h"
#include "helios/kernel/sched.h"
#include "helios/kernel/task.h"
#include "helios/kernel/timeout.h"

static void link_poller(struct poll_link *l, struct task *t, struct poll_link **head)
{
	l->task = t;
	l->head = head;
	l->prev = NULL;
	l->next = *head;
	if (*head)
		(*head)->prev = l;
	*head = l;
}

static void unlink_poller(struct poll_link *l)
{
	if (!l->head)
		return;
	if (l->prev)
		l->prev->next = l->next;
	else
		*l->head = l->next;
	if (l->next)
		l->next->prev = l->prev;
	l->next = l->prev = NULL;
	l->head = NULL;
}

void poll_detach(struct task *t)
{
	for (unsigned i = 0; i < t->poll_count; i++)
		unlink_poller(&t->poll_links[i]);
	t->poll_count = 0;
}

void poll_notify(struct poll_link **pollers)
{
	while (*pollers) {
		struct task *t = (*pollers)->task;
		poll_detach(t); /* takes it off this list too */
		/* Registers a supervisor wrote meanwhile (not restartable) are run as written. */
		if (t->ipc.restartable)
			arch_context_restart_syscall(&t->ctx);
		task_wake(t);
	}
}

/* The object behind a poll item's capability, its readiness and its poller list. */
static int poll_item_object(struct cap *c, unsigned *ready, struct poll_link ***pollers)
{
	if (!(c->rights & HELIOS_RIGHT_READ))
		return HELIOS_ERR_ACCESS;
	switch (c->type) {
	case HELIOS_CAP_ENDPOINT: {
		struct endpoint *e = (struct endpoint *)c->object;
		*ready = endpoint_ready(e);
		*pollers = &e->pollers;
		return HELIOS_OK;
	}
	case HELIOS_CAP_IRQ_HANDLER:
	case HELIOS_CAP_NOTIFICATION: {
		struct notification *n = c->type == HELIOS_CAP_NOTIFICATION
						 ? (struct notification *)c->object
						 : irq_handler_notification(c);
		if (!n)
			return HELIOS_ERR_INVALID_PARAM;
		*ready = notification_ready(n);
		*pollers = &n->pollers;
		return HELIOS_OK;
	}
	default:
		return HELIOS_ERR_INVALID_TYPE;
	}
}

struct outcome poll_syscall(struct task *t, uint64_t count, uint64_t deadline)
{
	struct helios_ipc_buffer *buf = task_ipc_buffer(t);
	struct cspace *cs = task_cspace(t);
	if (!buf || !cs || count == 0 || count > HELIOS_POLL_MAX)
		return outcome_status(HELIOS_ERR_INVALID_PARAM);
	/* Copy the items in once, then check the copy. */
	struct helios_poll_item items[HELIOS_POLL_MAX];
	struct poll_link **lists[HELIOS_POLL_MAX];
	for (unsigned i = 0; i < count; i++)
		items[i] = buf->poll[i];
	unsigned nready = 0;
	for (unsigned i = 0; i < count; i++) {
		struct cap *c;
		unsigned ready = 0;
		int err = cspace_lookup(cs, items[i].caddr, &c);
		if (!err)
			err = poll_item_object(c, &ready, &lists[i]);
		if (err)
			return outcome(err, i); /* which item is wrong */
		items[i].ready = (uint16_t)(ready & items[i].events);
		if (items[i].ready)
			nready++;
	}
	if (nready) {
		for (unsigned i = 0; i < count; i++)
			buf->poll[i].ready = items[i].ready;
		return outcome(HELIOS_OK, nready);
	}
	if (timeout_passed(deadline))
		return outcome_status(HELIOS_ERR_TIMED_OUT);
	sched_dequeue(t);
	t->state = HELIOS_TASK_BLOCKED_POLL;
	t->ipc.object = NULL;
	t->ipc.restartable = true;
	for (unsigned i = 0; i < count; i++)
		link_poller(&t->poll_links[i], t, lists[i]);
	t->poll_count = (uint32_t)count;
	timeout_arm(t, deadline);
	return outcome_pending();
}
