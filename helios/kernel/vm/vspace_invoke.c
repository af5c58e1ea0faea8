/*
 * PDPT, PD, PT and PAGE methods: map, unmap, PAGE_INFO. A VSPACE has none. decode_vspace
 * checks rights and parameters and plans the map (vspace_map_check); invoke_vspace then does
 * it and cannot fail (invoke.h).
 */
#include "helios/kernel/vm/vspace.h"

#include <stdint.h>

#include <helios/abi.h>

#include "helios/kernel/cap.h"
#include "helios/kernel/directmap.h"
#include "helios/kernel/invoke.h"

/* A decoded map. */
struct vspace_call {
	struct map_plan plan;
	uint64_t rights; /* PAGE_MAP: its HELIOS_MAP_* rights */
};

/* *_MAP (vspace, vaddr[, map rights]). A missing table is named in result 0. */
static int decode_map(struct invocation *inv, struct vspace_call *call)
{
	const struct cap *c = inv->cap;
	bool page = c->type == HELIOS_CAP_PAGE;
	INVOKE_NEED_PARAMS(inv, page ? 3u : 2u);
	struct cap *vs;
	int err = invoke_cap_param(inv, inv->params[0], HELIOS_CAP_VSPACE, &vs);
	if (err)
		return err;
	call->rights = page ? inv->params[2] : 0;
	unsigned missing = 0;
	err = vspace_map_check(c, vs, inv->params[1], call->rights, &missing, &call->plan);
	if (err == HELIOS_ERR_MISSING_TABLES) {
		inv->results[0] = missing;
		inv->nresults = 1;
	}
	return err;
}

/* The methods of the capability's own type only. Rights: as invoke_need_right says. */
static int decode_vspace(struct invocation *inv, struct vspace_call *call)
{
	if (inv->label >> 8 != inv->cap->type)
		return HELIOS_ERR_INVALID_METHOD; /* labels of other types */
	int err;
	switch (inv->label) {
	case HELIOS_PDPT_MAP:
	case HELIOS_PD_MAP:
	case HELIOS_PT_MAP:
		if ((err = invoke_need_right(inv, HELIOS_RIGHT_WRITE)))
			return err;
		return decode_map(inv, call);
	case HELIOS_PAGE_MAP: /* the map rights are checked against the capability's */
		return decode_map(inv, call);
	case HELIOS_PDPT_UNMAP:
	case HELIOS_PD_UNMAP:
	case HELIOS_PT_UNMAP:
	case HELIOS_PAGE_UNMAP:
		return HELIOS_OK;
	case HELIOS_PAGE_INFO:
		return invoke_need_right(inv, HELIOS_RIGHT_READ);
	default:
		return HELIOS_ERR_INVALID_METHOD; /* VSPACE has no methods */
	}
}

/* PAGE_INFO () -> (physical address, mapped vaddr or 0, asid or 0). */
static void page_info(struct invocation *inv)
{
	struct cap *c = inv->cap;
	inv->results[0] = virt_to_phys(c->object);
	inv->results[1] = c->data ? CAP_MAPPING_VADDR(c->data) : 0;
	inv->results[2] = c->data ? CAP_MAPPING_ASID(c->data) : 0;
	inv->nresults = 3;
}

static void invoke_vspace(struct invocation *inv, const struct vspace_call *call)
{
	switch (inv->label) {
	case HELIOS_PDPT_MAP:
	case HELIOS_PD_MAP:
	case HELIOS_PT_MAP:
	case HELIOS_PAGE_MAP:
		vspace_map_apply(inv->cap, &call->plan, call->rights);
		break;
	case HELIOS_PDPT_UNMAP:
	case HELIOS_PD_UNMAP:
	case HELIOS_PT_UNMAP:
	case HELIOS_PAGE_UNMAP:
		/* Unmapping what is not mapped does nothing and succeeds. */
		if (inv->cap->data)
			vspace_unmap(inv->cap);
		break;
	case HELIOS_PAGE_INFO:
		page_info(inv);
		break;
	}
}

int vspace_invoke(struct invocation *inv)
{
	struct vspace_call call;
	int err = decode_vspace(inv, &call);
	if (err)
		return err;
	invoke_vspace(inv, &call);
	return HELIOS_OK;
}
