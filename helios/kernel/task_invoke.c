/*
 * TASK_* methods: setting a task's spaces, IPC buffer, fault endpoint and priority, its
 * registers, resuming and suspending it. decode_task checks everything and resolves the
 * capabilities; invoke_task then sets what was decoded and cannot fail (invoke.h). Methods that
 * only look need READ on the task capability, everything else WRITE.
 */
#include "helios/kernel/task.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "helios/kernel/invoke.h"
#include "helios/kernel/sched.h"

/* A decoded TASK_* invocation: the task, and what its method sets. */
struct task_call {
	struct task *task;
	struct cap *cspace, *vspace; /* CONFIGURE, SET_SPACE */
	struct cap *ipc_page;        /* CONFIGURE, SET_IPC_BUFFER: NULL takes it away */
	uint64_t ipc_vaddr;
	struct cap *fault_ep;        /* CONFIGURE, SET_FAULT_ENDPOINT: NULL takes it away */
	unsigned priority;           /* CONFIGURE, SET_PRIORITY */
	struct helios_regs regs;     /* WRITE_REGISTERS */
};

/* Decodes an optional capability parameter: UNDEF gives NULL. */
static int optional_cap(struct invocation *inv, uint64_t caddr, unsigned type, struct cap **out)
{
	*out = NULL;
	if (caddr == HELIOS_CADDR_UNDEF)
		return HELIOS_OK;
	return invoke_cap_param(inv, caddr, type, out);
}

static int decode_space(struct invocation *inv, uint64_t cspace, uint64_t vspace,
			struct task_call *call)
{
	int err = invoke_cap_param(inv, cspace, HELIOS_CAP_CSPACE, &call->cspace);
	if (err)
		return err;
	return invoke_cap_param(inv, vspace, HELIOS_CAP_VSPACE, &call->vspace);
}

static int decode_ipc_buffer(struct invocation *inv, uint64_t page_caddr, uint64_t vaddr,
			     struct task_call *call)
{
	struct cap *page;
	int err = optional_cap(inv, page_caddr, HELIOS_CAP_PAGE, &page);
	if (err)
		return err;
	if (page && (page->flags & CAP_FLAG_DEVICE))
		return HELIOS_ERR_INVALID_PARAM; /* the kernel writes IPC buffers: RAM only */
	if (page && (page->rights & (HELIOS_RIGHT_READ | HELIOS_RIGHT_WRITE)) !=
			    (HELIOS_RIGHT_READ | HELIOS_RIGHT_WRITE))
		return HELIOS_ERR_ACCESS; /* the kernel writes into it on the task's behalf */
	if (page && (vaddr % HELIOS_PAGE_SIZE || vaddr >= HELIOS_USER_TOP))
		return HELIOS_ERR_INVALID_PARAM;
	call->ipc_page = page;
	call->ipc_vaddr = page ? vaddr : 0;
	return HELIOS_OK;
}

static int decode_fault_endpoint(struct invocation *inv, uint64_t caddr, struct task_call *call)
{
	int err = optional_cap(inv, caddr, HELIOS_CAP_ENDPOINT, &call->fault_ep);
	if (!err && call->fault_ep && !(call->fault_ep->rights & HELIOS_RIGHT_WRITE))
		return HELIOS_ERR_ACCESS;
	return err;
}

/* No task may give another (or itself) a higher priority than its own. */
static int decode_priority(struct invocation *inv, uint64_t priority, struct task_call *call)
{
	if (priority > HELIOS_PRIORITY_MAX)
		return HELIOS_ERR_INVALID_PARAM;
	if (priority > inv->caller->priority)
		return HELIOS_ERR_ACCESS;
	call->priority = (unsigned)priority;
	return HELIOS_OK;
}

/* CONFIGURE (cspace, vspace, IPC buffer page, its vaddr, fault endpoint, priority). */
static int decode_configure(struct invocation *inv, struct task_call *call)
{
	INVOKE_NEED_PARAMS(inv, 6);
	const uint64_t *p = inv->params;
	int err = decode_space(inv, p[0], p[1], call);
	if (!err)
		err = decode_ipc_buffer(inv, p[2], p[3], call);
	if (!err)
		err = decode_fault_endpoint(inv, p[4], call);
	if (!err)
		err = decode_priority(inv, p[5], call);
	return err;
}

/* RESUME: a task cannot run without an address space, nor make syscalls without a cspace.
 * Resuming one that is not inactive does nothing. */
static int decode_resume(const struct task *t)
{
	if (t->state == HELIOS_TASK_INACTIVE &&
	    (t->vspace_cap.type != HELIOS_CAP_VSPACE || t->cspace_cap.type != HELIOS_CAP_CSPACE))
		return HELIOS_ERR_INVALID_PARAM;
	return HELIOS_OK;
}

/* Methods that only look need READ; everything else needs WRITE. */
static unsigned method_right(uint64_t label)
{
	if (label == HELIOS_TASK_READ_REGISTERS || label == HELIOS_TASK_INFO)
		return HELIOS_RIGHT_READ;
	return HELIOS_RIGHT_WRITE;
}

static int decode_task(struct invocation *inv, struct task_call *call)
{
	const uint64_t *p = inv->params;
	if (inv->label < HELIOS_TASK_CONFIGURE || inv->label > HELIOS_TASK_INFO)
		return HELIOS_ERR_INVALID_METHOD;
	if (!(inv->cap->rights & method_right(inv->label)))
		return HELIOS_ERR_ACCESS;
	call->task = (struct task *)inv->cap->object;
	switch (inv->label) {
	case HELIOS_TASK_CONFIGURE:
		return decode_configure(inv, call);
	case HELIOS_TASK_SET_SPACE:
		INVOKE_NEED_PARAMS(inv, 2);
		return decode_space(inv, p[0], p[1], call);
	case HELIOS_TASK_SET_IPC_BUFFER:
		INVOKE_NEED_PARAMS(inv, 2);
		return decode_ipc_buffer(inv, p[0], p[1], call);
	case HELIOS_TASK_SET_FAULT_ENDPOINT:
		INVOKE_NEED_PARAMS(inv, 1);
		return decode_fault_endpoint(inv, p[0], call);
	case HELIOS_TASK_SET_PRIORITY:
		INVOKE_NEED_PARAMS(inv, 1);
		return decode_priority(inv, p[0], call);
	case HELIOS_TASK_WRITE_REGISTERS:
		INVOKE_NEED_PARAMS(inv, HELIOS_REGS_COUNT);
		memcpy(&call->regs, p, sizeof(call->regs));
		return HELIOS_OK;
	case HELIOS_TASK_RESUME:
		return decode_resume(call->task);
	case HELIOS_TASK_READ_REGISTERS:
	case HELIOS_TASK_SUSPEND:
	case HELIOS_TASK_INFO:
		return HELIOS_OK;
	default:
		return HELIOS_ERR_INVALID_METHOD;
	}
}

/* Replaces one of a task's own capability slots with a copy of `src` (or empties it). */
static void task_hold(struct cap *slot, struct cap *src)
{
	if (slot->type != HELIOS_CAP_NULL)
		cap_delete(slot);
	if (src)
		cap_copy(slot, src, src->rights);
}

static void set_space(struct task *t, const struct task_call *call)
{
	task_hold(&t->cspace_cap, call->cspace);
	task_hold(&t->vspace_cap, call->vspace);
}

static void set_ipc_buffer(struct task *t, const struct task_call *call)
{
	task_hold(&t->ipc_page_cap, call->ipc_page);
	t->ipc_vaddr = call->ipc_vaddr;
}

static void read_registers(struct invocation *inv, struct task *t)
{
	struct helios_regs regs;
	arch_context_get_regs(&t->ctx, &regs);
	memcpy(inv->results, &regs, sizeof(regs));
	inv->nresults = HELIOS_REGS_COUNT;
}

static void invoke_task(struct invocation *inv, const struct task_call *call)
{
	struct task *t = call->task;
	switch (inv->label) {
	case HELIOS_TASK_CONFIGURE:
		set_space(t, call);
		set_ipc_buffer(t, call);
		task_hold(&t->fault_ep_cap, call->fault_ep);
		sched_set_priority(t, call->priority);
		break;
	case HELIOS_TASK_SET_SPACE:
		set_space(t, call);
		break;
	case HELIOS_TASK_SET_IPC_BUFFER:
		set_ipc_buffer(t, call);
		break;
	case HELIOS_TASK_SET_FAULT_ENDPOINT:
		task_hold(&t->fault_ep_cap, call->fault_ep);
		break;
	case HELIOS_TASK_SET_PRIORITY:
		sched_set_priority(t, call->priority);
		break;
	case HELIOS_TASK_READ_REGISTERS:
		read_registers(inv, t);
		break;
	case HELIOS_TASK_RESUME:
		if (t->state == HELIOS_TASK_INACTIVE)
			task_wake(t);
		break;
	case HELIOS_TASK_SUSPEND:
		task_suspend(t);
		break;
	case HELIOS_TASK_INFO:
		inv->results[0] = t->state;
		inv->results[1] = t->priority;
		inv->nresults = 2;
		break;
	}
}

/*
 * WRITE_REGISTERS is the one method whose check is not decode_task's: which registers are
 * acceptable is the architecture's to say, and arch_context_set_regs checks and sets in one
 * step, changing nothing when it refuses (arch.h).
 */
static int write_registers(struct task *t, const struct helios_regs *regs)
{
	int err = arch_context_set_regs(&t->ctx, regs);
	/* The registers are the writer's now: a pending syscall is not restarted over them. */
	if (!err)
		t->ipc.restartable = false;
	return err;
}

int task_invoke(struct invocation *inv)
{
	struct task_call call;
	int err = decode_task(inv, &call);
	if (err)
		return err;
	if (inv->label == HELIOS_TASK_WRITE_REGISTERS)
		return write_registers(call.task, &call.regs);
	invoke_task(inv, &call);
	return HELIOS_OK;
}
