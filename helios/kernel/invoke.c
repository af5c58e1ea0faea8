/* The helpers every method's decode and invoke steps use (invoke.h). */
#include "helios/kernel/invoke.h"

#include <stdint.h>

#include "helios/kernel/cspace.h"

int invoke_cap_param(struct invocation *inv, uint64_t caddr, unsigned type, struct cap **out)
{
	if (caddr > UINT32_MAX)
		return HELIOS_ERR_INVALID_CADDR;
	struct cap *c;
	int err = cspace_lookup(inv->cspace, (helios_caddr_t)caddr, &c);
	if (err)
		return err;
	if (type != HELIOS_CAP_NULL && c->type != type)
		return HELIOS_ERR_INVALID_TYPE;
	*out = c;
	return HELIOS_OK;
}

int invoke_reserve_slot(struct invocation *inv, uint64_t caddr, struct cap **slot)
{
	if (caddr > UINT32_MAX)
		return HELIOS_ERR_INVALID_CADDR;
	return cspace_reserve(inv->cspace, (helios_caddr_t)caddr, slot);
}

/* Found through the slot's own cspace, not inv->cap: a move may have just moved the invoked
 * capability itself. */
void invoke_result_slot(struct invocation *inv, const struct cap *slot)
{
	inv->results[0] = cspace_caddr(slot->owner, slot);
	inv->nresults = 1;
}
