/*
 * Tasks: their life cycle (create, block, wake, suspend, destroy) and the TASK_* invocations.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "helios/kernel/invoke.h"
#include "helios/kernel/endpoint.h"
#include "helios/kernel/notification.h"
#include "helios/kernel/poll.h"
#include "helios/kernel/sched.h"
#include "helios/kernel/task.h"

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

/* ---- TASK_* invocations -------------------------------------------------------------- */

/* Replaces one of a task's own capability slots with a copy of `src` (or empties it). */
static void task_hold(struct cap *slot, struct cap *src)
{
	if (slot->type != HELIOS_CAP_NULL)
		cap_delete(slot);
	if (src)
		cap_copy(slot, src, src->rights);
}

/* Decodes an optional capability parameter: UNDEF gives NULL. */
static int optional_cap(struct invocation *inv, uint64_t caddr, unsigned type, struct cap **out)
{
	*out = NULL;
	if (caddr == HELIOS_CADDR_UNDEF)
		return HELIOS_OK;
	return invoke_cap_param(inv, caddr, type, out);
}

static int decode_ipc_buffer(struct invocation *inv, uint64_t page_caddr, uint64_t vaddr,
			     struct cap **page)
{
	int err = optional_cap(inv, page_caddr, HELIOS_CAP_PAGE, page);
	if (err)
		return err;
	if (*page && ((*page)->flags & CAP_FLAG_DEVICE))
		return HELIOS_ERR_INVALID_PARAM; /* the kernel writes IPC buffers: RAM only */
	if (*page && ((*page)->rights & (HELIOS_RIGHT_READ | HELIOS_RIGHT_WRITE)) !=
			     (HELIOS_RIGHT_READ | HELIOS_RIGHT_WRITE))
		return HELIOS_ERR_ACCESS; /* the kernel writes into it on the task's behalf */
	if (*page && (vaddr % HELIOS_PAGE_SIZE || vaddr >= HELIOS_USER_TOP))
		return HELIOS_ERR_INVALID_PARAM;
	return HELIOS_OK;
}

static int decode_fault_endpoint(struct invocation *inv, uint64_t caddr, struct cap **ep)
{
	int err = optional_cap(inv, caddr, HELIOS_CAP_ENDPOINT, ep);
	if (!err && *ep && !((*ep)->rights & HELIOS_RIGHT_WRITE))
		return HELIOS_ERR_ACCESS;
	return err;
}

/* No task may give another (or itself) a higher priority than its own. */
static int decode_priority(struct invocation *inv, uint64_t priority)
{
	if (priority > HELIOS_PRIORITY_MAX)
		return HELIOS_ERR_INVALID_PARAM;
	if (priority > inv->caller->priority)
		return HELIOS_ERR_ACCESS;
	return HELIOS_OK;
}

static void set_ipc_buffer(struct task *t, struct cap *page, uint64_t vaddr)
{
	task_hold(&t->ipc_page_cap, page);
	t->ipc_vaddr = page ? vaddr : 0;
}

static int task_configure(struct invocation *inv, struct task *t)
{
	INVOKE_NEED_PARAMS(inv, 6);
	const uint64_t *p = inv->params;
	struct cap *cspace, *vspace, *page, *ep;
	int err = invoke_cap_param(inv, p[0], HELIOS_CAP_CSPACE, &cspace);
	if (!err)
		err = invoke_cap_param(inv, p[1], HELIOS_CAP_VSPACE, &vspace);
	if (!err)
		err = decode_ipc_buffer(inv, p[2], p[3], &page);
	if (!err)
		err = decode_fault_endpoint(inv, p[4], &ep);
	if (!err)
		err = decode_priority(inv, p[5]);
	if (err)
		return err;
	task_hold(&t->cspace_cap, cspace);
	task_hold(&t->vspace_cap, vspace);
	set_ipc_buffer(t, page, p[3]);
	task_hold(&t->fault_ep_cap, ep);
	sched_set_priority(t, (unsigned)p[5]);
	return HELIOS_OK;
}

static int task_set_space(struct invocation *inv, struct task *t)
{
	INVOKE_NEED_PARAMS(inv, 2);
	struct cap *cspace, *vspace;
	int err = invoke_cap_param(inv, inv->params[0], HELIOS_CAP_CSPACE, &cspace);
	if (!err)
		err = invoke_cap_param(inv, inv->params[1], HELIOS_CAP_VSPACE, &vspace);
	if (err)
		return err;
	task_hold(&t->cspace_cap, cspace);
	task_hold(&t->vspace_cap, vspace);
	return HELIOS_OK;
}

static int task_read_registers(struct invocation *inv, struct task *t)
{
	struct helios_regs regs;
	arch_context_get_regs(&t->ctx, &regs);
	memcpy(inv->results, &regs, sizeof(regs));
	inv->nresults = HELIOS_REGS_COUNT;
	return HELIOS_OK;
}

static int task_write_registers(struct invocation *inv, struct task *t)
{
	INVOKE_NEED_PARAMS(inv, HELIOS_REGS_COUNT);
	struct helios_regs regs;
	memcpy(&regs, inv->params, sizeof(regs));
	int err = arch_context_set_regs(&t->ctx, &regs);
	/* The registers are the writer's now: a pending syscall is not restarted over them. */
	if (!err)
		t->ipc.restartable = false;
	return err;
}

static int task_resume(struct task *t)
{
	if (t->state != HELIOS_TASK_INACTIVE)
		return HELIOS_OK;
	/* It cannot run without an address space, nor make syscalls without a cspace. */
	if (t->vspace_cap.type != HELIOS_CAP_VSPACE || t->cspace_cap.type != HELIOS_CAP_CSPACE)
		return HELIOS_ERR_INVALID_PARAM;
	task_wake(t);
	return HELIOS_OK;
}

/* Methods that only look need READ; everything else needs WRITE. */
static unsigned task_method_right(uint64_t label)
{
	if (label == HELIOS_TASK_READ_REGISTERS || label == HELIOS_TASK_INFO)
		return HELIOS_RIGHT_READ;
	return HELIOS_RIGHT_WRITE;
}

int task_invoke(struct invocation *inv)
{
	struct task *t = (struct task *)inv->cap->object;
	if (inv->label < HELIOS_TASK_CONFIGURE || inv->label > HELIOS_TASK_INFO)
		return HELIOS_ERR_INVALID_METHOD;
	if (!(inv->cap->rights & task_method_right(inv->label)))
		return HELIOS_ERR_ACCESS;
	const uint64_t *p = inv->params;
	struct cap *cap;
	int err;
	switch (inv->label) {
	case HELIOS_TASK_CONFIGURE:
		return task_configure(inv, t);
	case HELIOS_TASK_SET_SPACE:
		return task_set_space(inv, t);
	case HELIOS_TASK_SET_IPC_BUFFER:
		INVOKE_NEED_PARAMS(inv, 2);
		if ((err = decode_ipc_buffer(inv, p[0], p[1], &cap)))
			return err;
		set_ipc_buffer(t, cap, p[1]);
		return HELIOS_OK;
	case HELIOS_TASK_SET_FAULT_ENDPOINT:
		INVOKE_NEED_PARAMS(inv, 1);
		if ((err = decode_fault_endpoint(inv, p[0], &cap)))
			return err;
		task_hold(&t->fault_ep_cap, cap);
		return HELIOS_OK;
	case HELIOS_TASK_SET_PRIORITY:
		INVOKE_NEED_PARAMS(inv, 1);
		if ((err = decode_priority(inv, p[0])))
			return err;
		sched_set_priority(t, (unsigned)p[0]);
		return HELIOS_OK;
	case HELIOS_TASK_READ_REGISTERS:
		return task_read_registers(inv, t);
	case HELIOS_TASK_WRITE_REGISTERS:
		return task_write_registers(inv, t);
	case HELIOS_TASK_RESUME:
		return task_resume(t);
	case HELIOS_TASK_SUSPEND:
		task_suspend(t);
		return HELIOS_OK;
	case HELIOS_TASK_INFO:
		inv->results[0] = t->state;
		inv->results[1] = t->priority;
		inv->nresults = 2;
		return HELIOS_OK;
	default:
		return HELIOS_ERR_INVALID_METHOD;
	}
}
