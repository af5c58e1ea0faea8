/*
 * ASIDs: the names mappings use for their vspace. HELIOS_ASID_POOLS pools of
 * HELIOS_ASID_POOL_SIZE: ASID = pool number * HELIOS_ASID_POOL_SIZE + entry, and ASID 0 (pool
 * 0, entry 0) is never given out. A pool object is an array of vspace object pointers; the
 * table below says which pool object holds which pool number. Pool 0 is made at boot for init
 * (vm_asid_pool_boot); ASID_CONTROL_MAKE_POOL makes the others from a memory capability.
 * A pool made any other way (a MEMORY_RETYPE into ASID_POOL) holds no pool number and can
 * assign nothing.
 *
 * An ASID is also the hardware's name for the vspace in the TLB (x86_64 PCID, aarch64 ASID).
 * Whatever the TLB holds under it belongs to the vspace that had it before, so every
 * assignment tells the architecture (mmu_asid_assigned), which flushes it.
 */
#include <stdint.h>
#include <string.h>

#include <helios/abi.h>

#include "helios/kernel/arch.h"
#include "helios/kernel/kernel.h"
#include "helios/kernel/vm/mmu.h"
#include "helios/kernel/vm/vm.h"
#include "helios/kernel/vm/vspace.h"

static uintptr_t pools[HELIOS_ASID_POOLS]; /* pool object per pool number, 0: free */

/*
 * Epochs: every ASID assignment gets the next one, so a mapping record (ASID, vaddr, epoch)
 * can tell the vspace it was made in from a later holder of the same ASID. 64 bits never wrap.
 */
static uint64_t last_epoch;

static uintptr_t *pool_entries(uintptr_t pool)
{
	return (uintptr_t *)pool;
}

uintptr_t asid_vspace(uint32_t asid, uint64_t epoch)
{
	uint32_t number = asid / HELIOS_ASID_POOL_SIZE;
	if (asid == 0 || number >= HELIOS_ASID_POOLS || !pools[number])
		return 0;
	uintptr_t vs = pool_entries(pools[number])[asid % HELIOS_ASID_POOL_SIZE];
	return vs && vspace_tail(vs)->epoch == epoch ? vs : 0;
}

/* The pool number of a pool object, or -1 when it has none. */
static int pool_number(uintptr_t pool)
{
	for (int i = 0; i < HELIOS_ASID_POOLS; i++)
		if (pools[i] == pool)
			return i;
	return -1;
}

void vm_asid_pool_boot(uintptr_t pool_object, unsigned pool_index)
{
	if (pool_index >= HELIOS_ASID_POOLS || pools[pool_index])
		panic("ASID pool %u cannot be made at boot", pool_index);
	pools[pool_index] = pool_object;
}

/*
 * Gives the vspace the pool's first free ASID, flushed from the TLB (mmu.h): IN_USE
 * if the vspace has one already, NOMEM if the pool is full, INVALID_TYPE if the pool holds no
 * pool number.
 */
static int assign(struct cap *pool, struct cap *vspace, uint32_t *asid_out)
{
	if (pool->type != HELIOS_CAP_ASID_POOL || vspace->type != HELIOS_CAP_VSPACE)
		return HELIOS_ERR_INVALID_TYPE;
	int number = pool_number(pool->object);
	if (number < 0)
		return HELIOS_ERR_INVALID_TYPE;
	struct vspace_tail *tail = vspace_tail(vspace->object);
	if (tail->asid)
		return HELIOS_ERR_IN_USE;
	uintptr_t *entries = pool_entries(pool->object);
	for (uint32_t i = number == 0 ? 1 : 0; i < HELIOS_ASID_POOL_SIZE; i++) {
		if (entries[i])
			continue;
		entries[i] = vspace->object;
		tail->asid = (uint32_t)number * HELIOS_ASID_POOL_SIZE + i;
		tail->epoch = ++last_epoch;
		mmu_asid_assigned(tail->asid);
		*asid_out = tail->asid;
		return HELIOS_OK;
	}
	return HELIOS_ERR_NOMEM;
}

int vm_asid_assign_boot(struct cap *asid_pool, struct cap *vspace)
{
	uint32_t asid;
	return assign(asid_pool, vspace, &asid);
}

/* ASID_POOL_ASSIGN (vspace) -> (asid). */
int asid_pool_invoke(struct invocation *inv)
{
	if (inv->label != HELIOS_ASID_POOL_ASSIGN)
		return HELIOS_ERR_INVALID_METHOD;
	int err = invoke_need_right(inv, HELIOS_RIGHT_WRITE);
	if (err)
		return err;
	INVOKE_NEED_PARAMS(inv, 1);
	struct cap *vspace;
	err = invoke_cap_param(inv, inv->params[0], HELIOS_CAP_VSPACE, &vspace);
	if (err)
		return err;
	uint32_t asid;
	err = assign(inv->cap, vspace, &asid);
	if (err)
		return err;
	inv->results[0] = asid;
	inv->nresults = 1;
	return HELIOS_OK;
}

/* ASID_CONTROL_MAKE_POOL (memory, dest_slot) -> (dest slot). */
int asid_control_invoke(struct invocation *inv)
{
	if (inv->label != HELIOS_ASID_CONTROL_MAKE_POOL)
		return HELIOS_ERR_INVALID_METHOD;
	int err = invoke_need_right(inv, HELIOS_RIGHT_WRITE);
	if (err)
		return err;
	INVOKE_NEED_PARAMS(inv, 2);
	struct cap *mem;
	err = invoke_cap_param(inv, inv->params[0], HELIOS_CAP_MEMORY, &mem);
	if (err)
		return err;
	if (!(mem->rights & HELIOS_RIGHT_WRITE))
		return HELIOS_ERR_ACCESS; /* as for MEMORY_RETYPE */
	int number = pool_number(0);
	if (number < 0)
		return HELIOS_ERR_IN_USE; /* every pool number is taken */
	struct cap *slot;
	err = invoke_reserve_slot(inv, inv->params[1], &slot);
	if (err)
		return err;
	struct memory *m = (struct memory *)mem->object;
	uintptr_t pool = memory_alloc(m, ASID_POOL_OBJECT_SIZE, ASID_POOL_OBJECT_SIZE);
	if (!pool) {
		cspace_unreserve(slot);
		return HELIOS_ERR_NOMEM;
	}
	memset((void *)pool, 0, ASID_POOL_OBJECT_SIZE);
	pools[number] = pool;
	cap_create(slot, HELIOS_CAP_ASID_POOL, HELIOS_RIGHTS_ALL, pool, 0, m, mem);
	inv->results[0] = cspace_caddr(inv->cspace, slot);
	inv->nresults = 1;
	return HELIOS_OK;
}

void asid_release(uintptr_t vspace)
{
	struct vspace_tail *tail = vspace_tail(vspace);
	uint32_t asid = tail->asid;
	if (asid && asid_vspace(asid, tail->epoch) == vspace)
		pool_entries(pools[asid / HELIOS_ASID_POOL_SIZE])[asid % HELIOS_ASID_POOL_SIZE] = 0;
	tail->asid = 0;
	tail->epoch = 0;
}

void asid_pool_finalize(uintptr_t pool)
{
	int number = pool_number(pool);
	if (number < 0)
		return; /* never held a pool number: holds no vspace either */
	uintptr_t *entries = pool_entries(pool);
	for (uint32_t i = 0; i < HELIOS_ASID_POOL_SIZE; i++)
		if (entries[i])
			vspace_lose_asid(entries[i]);
	pools[number] = 0;
}
