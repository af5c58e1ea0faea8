/* Helpers the x86_64 object files share (objects.c). */
#ifndef HELIOS_ARCH_X86_64_OBJECTS_H
#define HELIOS_ARCH_X86_64_OBJECTS_H

#include <stdint.h>

#include "helios/kernel/invoke.h"

/*
 * Reserves the destination slot a method parameter names (a caddr, or HELIOS_CADDR_UNDEF for
 * any free slot) in the caller's cspace: INVALID_CADDR for a value above 32 bits, else what
 * cspace_reserve says. The caller fills the slot or gives it back (cspace_unreserve).
 */
int objects_reserve_slot(struct invocation *inv, uint64_t caddr, struct cap **slot);

/*
 * Rights on the invoked capability (as for tasks): methods that only look need READ, methods
 * that change something need WRITE. PAGE_MAP checks its map rights instead, and unmapping a
 * capability's own mapping needs nothing.
 */
static inline int objects_need_right(const struct invocation *inv, unsigned right)
{
	return (inv->cap->rights & right) ? HELIOS_OK : HELIOS_ERR_ACCESS;
}

#endif
