/*
 * Invoking kernel objects. A send or call on a capability that is not an endpoint, reply or
 * notification becomes an invocation: the kernel copies the message in once (label,
 * parameters, from registers and the IPC buffer), hands it to the object's *_invoke function,
 * and sends the results back as the reply (label = error code). Each *_invoke first decodes:
 * checks every parameter and capability and returns an error without changing anything; only
 * then does it act, and acting cannot fail (seL4's decode/invoke split).
 */
#ifndef HELIOS_KERNEL_INVOKE_H
#define HELIOS_KERNEL_INVOKE_H

#include <stdint.h>

#include <helios/abi.h>

#include "helios/kernel/object.h"

struct invocation {
	struct task *caller;
	struct cspace *cspace;   /* the caller's cspace: where slot parameters are looked up */
	struct cap *cap;         /* the invoked capability (in cspace) */
	uint64_t label;
	unsigned nparams;
	uint64_t params[HELIOS_MSG_MAX_PARAMS];
	unsigned nresults;       /* set by the invoked object */
	uint64_t results[HELIOS_MSG_MAX_PARAMS];
};

/* Portable objects. Each returns an enum helios_error. */
int memory_invoke(struct invocation *inv);        /* MEMORY_* */
int device_memory_invoke(struct invocation *inv); /* DEVICE_MEMORY_* */
int cspace_invoke(struct invocation *inv);        /* CSPACE_* */
int task_invoke(struct invocation *inv);          /* TASK_* */
int irq_control_invoke(struct invocation *inv);   /* IRQ_CONTROL_* */
int irq_handler_invoke(struct invocation *inv);   /* IRQ_HANDLER_* */
/* VSPACE, PDPT, PD, PT, PAGE, ASID_CONTROL, ASID_POOL, IO_CONTROL, IO_PORT: arch.h. */

/* Dispatches on the invoked capability's type. */
int invoke(struct invocation *inv);

/* Helpers for decoding: parameter i, or INVALID_PARAM when the message has fewer. */
#define INVOKE_NEED_PARAMS(inv, n)                                                              \
	do {                                                                                    \
		if ((inv)->nparams < (n))                                                       \
			return HELIOS_ERR_INVALID_PARAM;                                        \
	} while (0)

/* Looks up a capability parameter of a given type (HELIOS_CAP_NULL: any type) in the caller's
 * cspace: INVALID_CADDR, INVALID_CSLOT or INVALID_TYPE. */
int invoke_cap_param(struct invocation *inv, uint64_t caddr, unsigned type, struct cap **out);

/*
 * Reserves the destination slot a method parameter names (a caddr, or HELIOS_CADDR_UNDEF for
 * any free slot) in the caller's cspace: INVALID_CADDR for a value above 32 bits, else what
 * cspace_reserve says. The caller fills the slot or gives it back (cspace_unreserve).
 */
int invoke_reserve_slot(struct invocation *inv, uint64_t caddr, struct cap **slot);

/*
 * Rights on the invoked capability of hardware-facing types (tables, pages, ASIDs, I/O
 * ports), as for tasks: methods that only look need READ, methods that change something need
 * WRITE. PAGE_MAP checks its map rights instead, and unmapping a capability's own mapping
 * needs nothing.
 */
static inline int invoke_need_right(const struct invocation *inv, unsigned right)
{
	return (inv->cap->rights & right) ? HELIOS_OK : HELIOS_ERR_ACCESS;
}

/* The caller's pending reply capability slot (CSPACE_SAVE_REPLY moves it out). */
struct cap *task_reply_slot(struct task *t);

#endif
