/*
 * ASID_CONTROL_MAKE_POOL and ASID_POOL_ASSIGN. Each decode step checks rights and parameters
 * and finds what the method will take (a free pool number, reserved slot and allocated pool; a
 * free ASID), giving back what it took if a later check fails; the invoke step cannot fail
 * (invoke.h).
 */
#include "helios/kernel/vm/asid.h"

#include <stdint.h>
#include <string.h>

#include <helios/abi.h>

#include "helios/kernel/cap.h"
#include "helios/kernel/cspace.h"
#include "helios/kernel/invoke.h"
#include "helios/kernel/memory.h"
#include "helios/kernel/vm/vspace.h"

/* A decoded ASID_POOL_ASSIGN. */
struct assign {
	struct cap *vspace;
	uint32_t asid;
};

/* ASID_POOL_ASSIGN (vspace). */
static int decode_assign(struct invocation *inv, struct assign *a)
{
	int err = invoke_need_right(inv, HELIOS_RIGHT_WRITE);
	if (err)
		return err;
	INVOKE_NEED_PARAMS(inv, 1);
	err = invoke_cap_param(inv, inv->params[0], HELIOS_CAP_VSPACE, &a->vspace);
	if (err)
		return err;
	return asid_find_free(inv->cap, a->vspace, &a->asid);
}

/* -> (asid). */
static void invoke_assign(struct invocation *inv, const struct assign *a)
{
	asid_assign(a->asid, a->vspace->object);
	inv->results[0] = a->asid;
	inv->nresults = 1;
}

int asid_pool_invoke(struct invocation *inv)
{
	if (inv->label != HELIOS_ASID_POOL_ASSIGN)
		return HELIOS_ERR_INVALID_METHOD;
	struct assign a;
	int err = decode_assign(inv, &a);
	if (err)
		return err;
	invoke_assign(inv, &a);
	return HELIOS_OK;
}

/* A decoded ASID_CONTROL_MAKE_POOL. */
struct make_pool {
	struct cap *mem;
	int number;       /* the free pool number it gets */
	struct cap *slot; /* reserved */
	uintptr_t pool;   /* allocated from mem */
};

/* ASID_CONTROL_MAKE_POOL (memory, dest_slot). */
static int decode_make_pool(struct invocation *inv, struct make_pool *mp)
{
	int err = invoke_need_right(inv, HELIOS_RIGHT_WRITE);
	if (err)
		return err;
	INVOKE_NEED_PARAMS(inv, 2);
	err = invoke_cap_param(inv, inv->params[0], HELIOS_CAP_MEMORY, &mp->mem);
	if (err)
		return err;
	if (!(mp->mem->rights & HELIOS_RIGHT_WRITE))
		return HELIOS_ERR_ACCESS; /* as for MEMORY_RETYPE */
	mp->number = asid_pool_number(0);
	if (mp->number < 0)
		return HELIOS_ERR_IN_USE; /* every pool number is taken */
	err = invoke_reserve_slot(inv, inv->params[1], &mp->slot);
	if (err)
		return err;
	struct memory *m = (struct memory *)mp->mem->object;
	mp->pool = memory_alloc(m, ASID_POOL_OBJECT_SIZE, ASID_POOL_OBJECT_SIZE);
	if (!mp->pool) {
		cspace_undo_reserve(mp->slot, 1);
		return HELIOS_ERR_NOMEM;
	}
	return HELIOS_OK;
}

/* -> (dest slot). */
static void invoke_make_pool(struct invocation *inv, const struct make_pool *mp)
{
	memset((void *)mp->pool, 0, ASID_POOL_OBJECT_SIZE);
	asid_pool_install(mp->number, mp->pool);
	cap_create(mp->slot, HELIOS_CAP_ASID_POOL, HELIOS_RIGHTS_ALL, mp->pool, 0,
		   (struct memory *)mp->mem->object, mp->mem);
	invoke_result_slot(inv, mp->slot);
}

int asid_control_invoke(struct invocation *inv)
{
	if (inv->label != HELIOS_ASID_CONTROL_MAKE_POOL)
		return HELIOS_ERR_INVALID_METHOD;
	struct make_pool mp;
	int err = decode_make_pool(inv, &mp);
	if (err)
		return err;
	invoke_make_pool(inv, &mp);
	return HELIOS_OK;
}
