/*
 * Tasks: the kernel's thread control blocks. A task runs in the vspace and cspace named by the
 * capabilities it holds in its own slots, so those objects live at least as long as it uses
 * them. Its user registers and FPU state are saved in ctx whenever it is not running.
 * task.c is their life cycle and the caller's side of reply capabilities; task_invoke.c their
 * TASK_* methods.
 */
#ifndef HELIOS_KERNEL_TASK_H
#define HELIOS_KERNEL_TASK_H

#include <stdbool.h>
#include <stdint.h>

#include <helios/abi.h>

#include "helios/kernel/arch.h"
#include "helios/kernel/cap.h"
#include "helios/kernel/vm/vm.h"

struct invocation;

/* One entry on an object's list of polling tasks. */
struct poll_link {
	struct task *task;
	struct poll_link *next, *prev;
	struct poll_link **head; /* the list it is on (NULL: none) */
};

/* What a blocked task is waiting for, and the message it is sending. */
struct task_ipc {
	void *object;        /* endpoint or notification it is queued on */
	uint64_t badge;      /* sender: badge of the capability it sent through */
	uint64_t tag;        /* sender: its message tag, as ipc_check_tag passed it */
	bool is_call;        /* sender: wants a reply */
	bool can_grant;      /* sender: may transfer capabilities */
	bool restartable;    /* blocked in a syscall (not a fault): restart it on suspend */
};

/* A fault waiting to be delivered or answered. */
struct task_fault {
	bool pending;
	uint64_t type, addr, ip, code, vector;
};

struct task {
	struct arch_context ctx;       /* first: the arch code wants it aligned */
	uint8_t state;                 /* enum helios_task_state */
	uint8_t priority;
	uint8_t queued;                /* on a ready queue */
	uint8_t reserved;
	uint32_t poll_count;           /* poll_links in use while BLOCKED_POLL */
	struct task *next, *prev;      /* ready queue, or an endpoint/notification queue */
	struct task_ipc ipc;
	struct task_fault fault;
	uint64_t ipc_vaddr;            /* user address of its IPC buffer page */
	struct cap *reply_holder;      /* the REPLY cap that can answer this task, if any */
	/* Blocked in WAIT or POLL with a deadline: on the timeout list (timeout.h). */
	uint64_t deadline;             /* monotonic nanoseconds; 0: not on the list */
	struct task *timeout_next, *timeout_prev;
	/* Capabilities the task holds for its own use (kernel slots, owner NULL). */
	struct cap cspace_cap;
	struct cap vspace_cap;
	struct cap ipc_page_cap;
	struct cap fault_ep_cap;
	struct cap reply_cap;          /* answers whoever called this task last */
	struct poll_link poll_links[HELIOS_POLL_MAX];
};

/* The task running now (NULL: idle). */
extern struct task *current;

/* Its VSPACE object (vm_vspace_activate's argument). */
static inline uintptr_t task_vspace_object(struct task *t)
{
	return t->vspace_cap.object;
}

/* Its cspace and IPC buffer, or NULL when it has none (inline: every syscall asks). */
static inline struct cspace *task_cspace(struct task *t)
{
	if (t->cspace_cap.type != HELIOS_CAP_CSPACE)
		return NULL;
	return (struct cspace *)t->cspace_cap.object;
}

static inline struct helios_ipc_buffer *task_ipc_buffer(struct task *t)
{
	if (t->ipc_page_cap.type != HELIOS_CAP_PAGE)
		return NULL;
	return (struct helios_ipc_buffer *)t->ipc_page_cap.object;
}

/* The saved register that plays a syscall role, read and written. */
static inline uint64_t task_reg(struct task *t, enum syscall_reg r)
{
	return *arch_syscall_reg(&t->ctx, r);
}

static inline void task_set_reg(struct task *t, enum syscall_reg r, uint64_t v)
{
	*arch_syscall_reg(&t->ctx, r) = v;
}

/* Sets a task's syscall results: error code and (for receive-like calls) the rdi value. */
static inline void task_set_result(struct task *t, int err, uint64_t value)
{
	task_set_reg(t, SYSCALL_REG_NUMBER, (uint64_t)err);
	task_set_reg(t, SYSCALL_REG_CADDR, value);
}

/* ---- task.c -------------------------------------------------------------------------- */

/* The type table's hooks (object.h): a TASK object's size, set-up and destruction. */
uint64_t task_object_size(void);
void task_init_object(struct task *t);
void task_finalize(struct task *t);

/* Its pending reply capability's slot (CSPACE_SAVE_REPLY moves it out). */
struct cap *task_reply_slot(struct task *t);

/* A reply capability is deleted (object_cap_deleted) or moved (cap_move): the caller it
 * answers stops waiting, or learns its new slot. */
void reply_cap_deleted(struct cap *c);
void reply_cap_moved(struct cap *dst);

/* Makes a blocked or inactive task ready (removing it from whatever it waited on). */
void task_wake(struct task *t);
/* Stops a task: off every queue, state INACTIVE (TASK_SUSPEND, faults with no handler). */
void task_suspend(struct task *t);

/* A blocked task's syscall completes: its results, and it is ready. */
static inline void task_complete(struct task *t, int err, uint64_t value)
{
	task_set_result(t, err, value);
	task_wake(t);
}

/* ---- task_invoke.c ------------------------------------------------------------------- */

/* TASK_* methods (enum helios_error). */
int task_invoke(struct invocation *inv);

#endif
