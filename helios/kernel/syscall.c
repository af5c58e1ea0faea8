/*
 * The syscall layer: where every entry from userspace lands (arch.h), and the dispatch of the
 * 14 syscalls to endpoints, notifications, reply capabilities and kernel-object invocations.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "helios/kernel/arch.h"
#include "helios/kernel/cspace.h"
#include "helios/kernel/invoke.h"
#include "helios/kernel/ipc.h"
#include "helios/kernel/kernel.h"
#include "helios/kernel/memory.h"
#include "helios/kernel/sched.h"
#include "helios/kernel/task.h"
#include "helios/kernel/vm/vm.h"

/* WRITECONS (ptr, len): copied through the task's page tables, a chunk at a time. */
#define WRITECONS_MAX 4096
static void sys_writecons(struct task *t)
{
	uint64_t ptr = task_reg(t, SYSCALL_REG_CADDR), len = task_reg(t, SYSCALL_REG_TAG);
	if (len > WRITECONS_MAX || ptr >= HELIOS_USER_TOP || len > HELIOS_USER_TOP - ptr) {
		task_set_result(t, HELIOS_ERR_INVALID_PARAM, 0);
		return;
	}
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
	task_set_result(t, done == len ? HELIOS_OK : HELIOS_ERR_INVALID_PARAM, done);
}

/* The capability a syscall names, or NULL after setting the error. */
static struct cap *syscall_cap(struct task *t)
{
	struct cspace *cs = task_cspace(t);
	struct cap *c = NULL;
	uint64_t caddr = task_reg(t, SYSCALL_REG_CADDR);
	int err = HELIOS_ERR_INVALID_CADDR;
	if (cs && caddr <= UINT32_MAX)
		err = cspace_lookup(cs, (helios_caddr_t)caddr, &c);
	if (err) {
		task_set_result(t, err, 0);
		return NULL;
	}
	return c;
}

/* Writes an invocation's outcome as the reply: label = error, parameters = results. */
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
	task_set_result(t, err, 0);
	task_set_reg(t, SYSCALL_REG_TAG, helios_tag((uint64_t)err, n, 0));
}

/* A send or call to a kernel object: copy the message in once, decode, invoke, reply. */
static struct invocation inv; /* one at a time: the kernel is not reentrant */
static void invoke_object(struct task *t, struct cap *c)
{
	uint64_t tag = task_reg(t, SYSCALL_REG_TAG);
	int err = ipc_check_tag(t, tag);
	if (err) {
		task_set_result(t, err, 0);
		return;
	}
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
	if (current == t)
		invocation_reply(t, err, &inv);
}

/* SIGNAL on a notification capability (also what SEND on one does). */
static void sys_signal(struct task *t, struct cap *c)
{
	if (!(c->rights & HELIOS_RIGHT_WRITE)) {
		task_set_result(t, HELIOS_ERR_ACCESS, 0);
		return;
	}
	notification_signal((struct notification *)c->object,
			    cap_badge(c));
	task_set_result(t, HELIOS_OK, 0);
}

/* SEND, NBSEND, CALL: by the type of the capability. */
static void sys_send(struct task *t, bool blocking, bool is_call)
{
	struct cap *c = syscall_cap(t);
	if (!c)
		return;
	switch (c->type) {
	case HELIOS_CAP_ENDPOINT:
		endpoint_send(t, c, blocking, is_call);
		return;
	case HELIOS_CAP_NOTIFICATION: /* send on a notification is signal */
		sys_signal(t, c);
		return;
	case HELIOS_CAP_REPLY:
		task_set_result(t, reply_send(t, c), 0);
		return;
	default:
		invoke_object(t, c);
		return;
	}
}

/* RECV, NBRECV, WAIT, NBWAIT. */
static void sys_receive(struct task *t, bool blocking, bool endpoints_too)
{
	struct cap *c = syscall_cap(t);
	if (!c)
		return;
	if (c->type == HELIOS_CAP_ENDPOINT && endpoints_too) {
		endpoint_receive(t, c, blocking);
	} else if (c->type == HELIOS_CAP_NOTIFICATION) {
		if (!(c->rights & HELIOS_RIGHT_READ))
			task_set_result(t, HELIOS_ERR_ACCESS, 0);
		else
			notification_wait(t, (struct notification *)c->object, blocking);
	} else {
		task_set_result(t, HELIOS_ERR_INVALID_TYPE, 0);
	}
}

/* REPLY: answer the caller in the task's own reply slot. */
static int sys_reply(struct task *t)
{
	if (t->reply_cap.type != HELIOS_CAP_REPLY)
		return HELIOS_ERR_INVALID_CSLOT;
	return reply_send(t, &t->reply_cap);
}

static void sys_identify(struct task *t)
{
	struct cap *c = syscall_cap(t);
	if (c)
		task_set_result(t, HELIOS_OK, (uint64_t)c->type | (uint64_t)c->rights << 8);
}

void kernel_syscall(void)
{
	struct task *t = current;
	uint64_t number = task_reg(t, SYSCALL_REG_NUMBER);
	switch (number) {
	case HELIOS_SYS_WRITECONS:
		sys_writecons(t);
		break;
	case HELIOS_SYS_IDENTIFY:
		sys_identify(t);
		break;
	case HELIOS_SYS_SEND:
		sys_send(t, true, false);
		break;
	case HELIOS_SYS_NBSEND:
		sys_send(t, false, false);
		break;
	case HELIOS_SYS_CALL:
		sys_send(t, true, true);
		break;
	case HELIOS_SYS_RECV:
		sys_receive(t, true, true);
		break;
	case HELIOS_SYS_NBRECV:
		sys_receive(t, false, true);
		break;
	case HELIOS_SYS_REPLY:
		task_set_result(t, sys_reply(t), 0);
		break;
	case HELIOS_SYS_REPLYRECV: {
		int err = sys_reply(t);
		if (err && err != HELIOS_ERR_INVALID_CSLOT && err != HELIOS_ERR_DELETED) {
			task_set_result(t, err, 0); /* a malformed reply: nothing happened */
			break;
		}
		sys_receive(t, true, true);
		break;
	}
	case HELIOS_SYS_SIGNAL: {
		struct cap *c = syscall_cap(t);
		if (c && c->type != HELIOS_CAP_NOTIFICATION)
			task_set_result(t, HELIOS_ERR_INVALID_TYPE, 0);
		else if (c)
			sys_signal(t, c);
		break;
	}
	case HELIOS_SYS_WAIT:
		sys_receive(t, true, false);
		break;
	case HELIOS_SYS_NBWAIT:
		sys_receive(t, false, false);
		break;
	case HELIOS_SYS_POLL: {
		uint64_t count = task_reg(t, SYSCALL_REG_CADDR);
		poll_syscall(t, count > HELIOS_POLL_MAX ? 0 : (unsigned)count);
		break;
	}
	case HELIOS_SYS_YIELD:
		sched_rotate(t);
		task_set_result(t, HELIOS_OK, 0);
		break;
	default:
		task_set_result(t, HELIOS_ERR_INVALID_SYSCALL, 0);
		break;
	}
}

void kernel_timer_tick(void)
{
	if (current && current->state == HELIOS_TASK_READY)
		sched_rotate(current); /* end of its time slice */
}


void kernel_user_fault(unsigned type, uint64_t addr, uint64_t code, uint64_t vector)
{
	struct task *t = current;
	uint64_t ip = arch_context_ip(&t->ctx);
	t->fault = (struct task_fault){
		.pending = true, .type = type, .addr = addr, .ip = ip, .code = code,
		.vector = vector,
	};
	if (endpoint_send_fault(t))
		return;
	kprintf("helios: task %p: %s at ip %#llx, address %#llx, code %#llx (vector %llu); "
		"no fault endpoint: suspended\n",
		(void *)t, helios_fault_name(type),
		(unsigned long long)ip, (unsigned long long)addr, (unsigned long long)code,
		(unsigned long long)vector);
	task_suspend(t);
}

struct arch_context *kernel_exit(void)
{
	reap();
	current = sched_next(current);
	return current ? task_enter(current) : NULL;
}
