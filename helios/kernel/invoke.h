/*
 * Invoking kernel objects. A send or call on a capability that is not an endpoint, reply or
 * notification becomes an invocation: the kernel copies the message in once (label,
 * parameters, from registers and the IPC buffer), the type table (object.h: invoke) hands it to
 * the *_invoke function of the invoked capability's type, and the results go back as the reply
 * (label = error code). This file is the invocation and the helpers every method decodes with
 * (invoke.c).
 *
 * Where methods live: an object type's methods are in <object>_invoke.c, next to the
 * <object>.c that implements the object, and declared in <object>.h with it.
 *
 * How a method is written (seL4's decode/invoke split): a decode_<method> function checks every
 * parameter, right and capability and returns an error (enum helios_error) having changed
 * nothing, or fills a small struct with what it resolved: capabilities, the destination slots it
 * reserved, the memory it allocated. Whatever it takes it gives back exactly on each error path
 * (cspace_undo_reserve, memory_free_now). Then invoke_<method> does the work from that struct
 * alone: it returns nothing and cannot fail, so nothing a user does can make it panic.
 */
#ifndef HELIOS_KERNEL_INVOKE_H
#define HELIOS_KERNEL_INVOKE_H

#include <stdint.h>

#include <helios/abi.h>

#include "helios/kernel/cap.h"

struct cspace;
struct task;

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

/* Decoding: INVALID_PARAM when the message has fewer than n parameters. */
#define INVOKE_NEED_PARAMS(inv, n)                                                              \
	do {                                                                                    \
		if ((inv)->nparams < (n))                                                       \
			return HELIOS_ERR_INVALID_PARAM;                                        \
	} while (0)

/*
 * Rights on the invoked capability, as for tasks and the hardware-facing types (tables, pages,
 * ASIDs, I/O ports): methods that only look need READ, methods that change something need
 * WRITE. PAGE_MAP checks its map rights instead, and unmapping a capability's own mapping
 * needs nothing.
 */
static inline int invoke_need_right(const struct invocation *inv, unsigned right)
{
	return (inv->cap->rights & right) ? HELIOS_OK : HELIOS_ERR_ACCESS;
}

/* Looks up a capability parameter of a given type (HELIOS_CAP_NULL: any type) in the caller's
 * cspace: INVALID_CADDR, INVALID_CSLOT or INVALID_TYPE. */
int invoke_cap_param(struct invocation *inv, uint64_t caddr, unsigned type, struct cap **out);

/*
 * Reserves the destination slot a method parameter names (a caddr, or HELIOS_CADDR_UNDEF for
 * any free slot) in the caller's cspace: INVALID_CADDR for a value above 32 bits, else what
 * cspace_reserve says. The invoke step fills the slot; a later error of the decode step gives
 * it back (cspace_undo_reserve).
 */
int invoke_reserve_slot(struct invocation *inv, uint64_t caddr, struct cap **slot);

/* Acting: result 0 is the slot a new capability went to, as a caddr of its cspace. */
void invoke_result_slot(struct invocation *inv, const struct cap *slot);

#endif
