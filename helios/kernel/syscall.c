/*
 * The syscall layer: where every syscall lands (kernel_syscall, arch.h), one handler per
 * syscall of abi.h, found by number in a table. A handler returns its outcome (outcome.h),
 * and kernel_syscall writes that to the caller's registers: the one place that does. A
 * handler that blocked its caller returns OUTCOME_PENDING, and the task that wakes it writes
 * its outcome then.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "helios/kernel/arch.h"
#include "helios/kernel/cspace.h"
#include "helios/kernel/endpoint.h"
#include "helios/kernel/invoke.h"
#include "helios/kernel/notification.h"
#include "helios/kernel/outcome.h"
#include "helios/kernel/poll.h"
#include "helios/kernel/sched.h"
#include "helios/kernel/task.h"
#include "helios/kernel/vm/vm.h"

/* The capability a syscall names in its caddr register, or NULL with *err set. */
static inline struct cap *syscall_cap(struct task *t, int *err)
{
	struct cspace *cs = task_cspace(t);
	uint64_t caddr = task_reg(t, SYSCALL_REG_CADDR);
	struct cap *c = NULL;
	*err = HELIOS_ERR_INVALID_CADDR;
	if (likely(cs && caddr <= UINT32_MAX))
		*err = cspace_lookup(cs, (helios_caddr_t)caddr, &c);
	return c;
}

/* ---- Kernel objects ------------------------------------------------------------------- */

/* Writes an invocation's results as the reply message: label = error, parameters = results. */
static void invocation_reply(struct task *t, int err, const struct invocation *inv)
{
	unsigned n = err ? 0 : inv->nresults;
	if (err == HELIOS_ERR_MISSING_TABLES)
		n = inv->nresults; /* result 0 names the missing level */
	struct helios_ipc_buffer *buf = task_ipc_buffer(t);
	if (n > HELIOS_MSG_REG_PARAMS && !buf)
		n = HELIOS_MSG_REG_PARAMS;
	for (unsigned i = 0; i < HELIOS_MSG_REG_PARAMS; i++)
		task_set_reg(t, SYSCALL_REG_P0 + i, i < n ? inv->results[i] : 0);
	if (n > HELIOS_MSG_REG_PARAMS)
		memcpy(&buf->params[HELIOS_MSG_REG_PARAMS], &inv->results[HELIOS_MSG_REG_PARAMS],
		       (n - HELIOS_MSG_REG_PARAMS) * sizeof(uint64_t));
	task_set_reg(t, SYSCALL_REG_TAG, helios_tag((uint64_t)err, n, 0));
}

/* A send or call to a kernel object: copy the message in once, decode, invoke, reply. */
static struct invocation inv; /* one at a time: the kernel is not reentrant */
static struct outcome invoke_object(struct task *t, struct cap *c)
{
	uint64_t tag = task_reg(t, SYSCALL_REG_TAG);
	int err = ipc_check_tag(t, tag);
	if (err)
		return outcome_status(err);
	memset(&inv, 0, sizeof(inv));
	inv.caller = t;
	inv.cspace = task_cspace(t);
	inv.cap = c;
	inv.label = helios_tag_label(tag);
	inv.nparams = helios_tag_params(tag);
	for (unsigned i = 0; i < HELIOS_MSG_REG_PARAMS; i++)
		inv.params[i] = task_reg(t, SYSCALL_REG_P0 + i);
	if (inv.nparams > HELIOS_MSG_REG_PARAMS)
		memcpy(&inv.params[HELIOS_MSG_REG_PARAMS],
		       &task_ipc_buffer(t)->params[HELIOS_MSG_REG_PARAMS],
		       (inv.nparams - HELIOS_MSG_REG_PARAMS) * sizeof(uint64_t));
	/* Deletions inside an invocation finish (dying cspaces emptied) only at its end. */
	deletion_begin();
	err = invoke(&inv);
	deletion_end();
	/* A task can destroy itself (deleting its last TASK capability): its context is gone, and
	 * its memory is queued to be freed, so nothing may be written there. */
	if (current != t)
		return outcome_pending();
	invocation_reply(t, err, &inv);
	return outcome_status(err);
}

/* ---- Sending: by the type of the capability ------------------------------------------- */

/* A notification capability: SIGNAL, and what a send through one does. */
static struct outcome signal_notification(struct cap *c)
{
	if (!(c->rights & HELIOS_RIGHT_WRITE))
		return outcome_status(HELIOS_ERR_ACCESS);
	notification_signal((struct notification *)c->object, cap_badge(c));
	return outcome_status(HELIOS_OK);
}

static struct outcome send(struct task *t, enum send_mode mode)
{
	int err;
	struct cap *c = syscall_cap(t, &err);
	if (!c)
		return outcome_status(err);
	switch (c->type) {
	case HELIOS_CAP_ENDPOINT:
		return endpoint_send(t, c, mode);
	case HELIOS_CAP_NOTIFICATION:
		return signal_notification(c);
	case HELIOS_CAP_REPLY:
		return outcome_status(reply_send(t, c));
	default:
		return invoke_object(t, c);
	}
}

static struct outcome sys_send(struct task *t)
{
	return send(t, SEND_BLOCKING);
}

static struct outcome sys_nbsend(struct task *t)
{
	return send(t, SEND_NONBLOCKING);
}

static struct outcome sys_call(struct task *t)
{
	return send(t, SEND_CALL);
}

/* The notification capability SIGNAL, WAIT or NBWAIT names, or NULL with *err set. */
static struct cap *syscall_notification(struct task *t, int *err)
{
	struct cap *c = syscall_cap(t, err);
	if (c && c->type != HELIOS_CAP_NOTIFICATION) {
		*err = HELIOS_ERR_INVALID_TYPE;
		return NULL;
	}
	return c;
}

static struct outcome sys_signal(struct task *t)
{
	int err;
	struct cap *c = syscall_notification(t, &err);
	return c ? signal_notification(c) : outcome_status(err);
}

/* ---- Receiving ------------------------------------------------------------------------ */

/* A notification capability: WAIT, and what a receive through one does. */
static struct outcome wait_notification(struct task *t, struct cap *c, enum wait_mode mode,
					uint64_t deadline)
{
	if (!(c->rights & HELIOS_RIGHT_READ))
		return outcome_status(HELIOS_ERR_ACCESS);
	return notification_wait(t, (struct notification *)c->object, mode, deadline);
}

static struct outcome receive(struct task *t, enum receive_mode mode)
{
	int err;
	struct cap *c = syscall_cap(t, &err);
	if (!c)
		return outcome_status(err);
	if (c->type == HELIOS_CAP_ENDPOINT)
		return endpoint_receive(t, c, mode);
	if (c->type == HELIOS_CAP_NOTIFICATION)
		return wait_notification(t, c,
					 mode == RECEIVE_BLOCKING ? WAIT_BLOCKING : WAIT_NONBLOCKING, 0);
	return outcome_status(HELIOS_ERR_INVALID_TYPE);
}

static struct outcome sys_recv(struct task *t)
{
	return receive(t, RECEIVE_BLOCKING);
}

static struct outcome sys_nbrecv(struct task *t)
{
	return receive(t, RECEIVE_NONBLOCKING);
}

static struct outcome notification_syscall(struct task *t, enum wait_mode mode)
{
	int err;
	struct cap *c = syscall_notification(t, &err);
	/* WAIT's deadline is in the tag register; NBWAIT has none. */
	uint64_t deadline = mode == WAIT_BLOCKING ? task_reg(t, SYSCALL_REG_TAG) : 0;
	return c ? wait_notification(t, c, mode, deadline) : outcome_status(err);
}

static struct outcome sys_wait(struct task *t)
{
	return notification_syscall(t, WAIT_BLOCKING);
}

static struct outcome sys_nbwait(struct task *t)
{
	return notification_syscall(t, WAIT_NONBLOCKING);
}

/* ---- Replying ------------------------------------------------------------------------- */

/* Answers the caller in the task's own reply slot. */
static int reply(struct task *t)
{
	if (t->reply_cap.type != HELIOS_CAP_REPLY)
		return HELIOS_ERR_INVALID_CSLOT;
	return reply_send(t, &t->reply_cap);
}

static struct outcome sys_reply(struct task *t)
{
	return outcome_status(reply(t));
}

/* Reply (if there is a caller to answer), then receive. */
static struct outcome sys_replyrecv(struct task *t)
{
	int err = reply(t);
	if (err && err != HELIOS_ERR_INVALID_CSLOT && err != HELIOS_ERR_DELETED)
		return outcome_status(err); /* a malformed reply: nothing happened */
	return receive(t, RECEIVE_BLOCKING);
}

/* ---- The rest ------------------------------------------------------------------------- */

static struct outcome sys_poll(struct task *t)
{
	return poll_syscall(t, task_reg(t, SYSCALL_REG_CADDR), task_reg(t, SYSCALL_REG_TAG));
}

static struct outcome sys_clock(struct task *t)
{
	(void)t;
	return outcome(HELIOS_OK, arch_clock_ns());
}

static struct outcome sys_yield(struct task *t)
{
	sched_rotate(t);
	return outcome_status(HELIOS_OK);
}

static struct outcome sys_identify(struct task *t)
{
	int err;
	struct cap *c = syscall_cap(t, &err);
	if (!c)
		return outcome_status(err);
	return outcome(HELIOS_OK, (uint64_t)c->type | (uint64_t)c->rights << 8);
}

/* WRITECONS (ptr, len): copied through the task's page tables, a chunk at a time. The value
 * is how many bytes were written. */
#define WRITECONS_MAX 4096
static struct outcome sys_writecons(struct task *t)
{
	uint64_t ptr = task_reg(t, SYSCALL_REG_CADDR), len = task_reg(t, SYSCALL_REG_TAG);
	if (len > WRITECONS_MAX || ptr >= HELIOS_USER_TOP || len > HELIOS_USER_TOP - ptr)
		return outcome_status(HELIOS_ERR_INVALID_PARAM);
	char chunk[256];
	uint64_t done = 0;
	while (done < len) {
		uint64_t n = len - done < sizeof(chunk) ? len - done : sizeof(chunk);
		if (!vm_copy_from_user(task_vspace_object(t), chunk, ptr + done, n))
			break;
		for (uint64_t i = 0; i < n; i++)
			arch_console_putc(chunk[i]);
		done += n;
	}
	return outcome(done == len ? HELIOS_OK : HELIOS_ERR_INVALID_PARAM, done);
}

typedef struct outcome (*syscall_handler)(struct task *t);

static const syscall_handler syscalls[HELIOS_SYSCALL_COUNT] = {
	[HELIOS_SYS_WRITECONS] = sys_writecons,
	[HELIOS_SYS_IDENTIFY] = sys_identify,
	[HELIOS_SYS_SEND] = sys_send,
	[HELIOS_SYS_RECV] = sys_recv,
	[HELIOS_SYS_NBSEND] = sys_nbsend,
	[HELIOS_SYS_NBRECV] = sys_nbrecv,
	[HELIOS_SYS_CALL] = sys_call,
	[HELIOS_SYS_REPLY] = sys_reply,
	[HELIOS_SYS_REPLYRECV] = sys_replyrecv,
	[HELIOS_SYS_SIGNAL] = sys_signal,
	[HELIOS_SYS_WAIT] = sys_wait,
	[HELIOS_SYS_NBWAIT] = sys_nbwait,
	[HELIOS_SYS_POLL] = sys_poll,
	[HELIOS_SYS_CLOCK] = sys_clock,
	[HELIOS_SYS_YIELD] = sys_yield,
};

/* (The caller is read from `current` again after the handler: a handler that blocked or
 * destroyed it returns OUTCOME_PENDING, so nothing is written then.) */
void kernel_syscall(void)
{
	uint64_t number = task_reg(current, SYSCALL_REG_NUMBER);
	struct outcome o = outcome_status(HELIOS_ERR_INVALID_SYSCALL);
	if (likely(number < HELIOS_SYSCALL_COUNT))
		o = syscalls[number](current);
	if (o.status != OUTCOME_PENDING)
		task_set_result(current, o.status, o.value);
}
