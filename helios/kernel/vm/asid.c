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
 *
 * The ASID_CONTROL and ASID_POOL methods are asid_invoke.c.
 */
#include "helios/kernel/vm/asid.h"

#include <stdint.h>

#include <helios/abi.h>

#include "helios/kernel/cap.h"
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

/* The entry of an ASID whose pool number is held. */
static uintptr_t *pool_entry(uint32_t asid)
{
	return &pool_entries(pools[asid / HELIOS_ASID_POOL_SIZE])[asid % HELIOS_ASID_POOL_SIZE];
}

uintptr_t asid_vspace(uint32_t asid, uint64_t epoch)
{
	uint32_t number = asid / HELIOS_ASID_POOL_SIZE;
	if (asid == 0 || number >= HELIOS_ASID_POOLS || !pools[number])
		return 0;
	uintptr_t vs = pool_entries(pools[number])[asid % HELIOS_ASID_POOL_SIZE];
	return vs && vspace_tail(vs)->epoch == epoch ? vs : 0;
}

int asid_pool_number(uintptr_t pool)
{
	for (int i = 0; i < HELIOS_ASID_POOLS; i++)
		if (pools[i] == pool)
			return i;
	return -1;
}

void asid_pool_install(int number, uintptr_t pool)
{
	pools[number] = pool;
}

/* Boot: a panic here is the kernel's own mistake, not anything a user did. */
void vm_asid_pool_boot(uintptr_t pool_object, unsigned pool_index)
{
	if (pool_index >= HELIOS_ASID_POOLS || pools[pool_index])
		panic("ASID pool %u cannot be made at boot", pool_index);
	asid_pool_install((int)pool_index, pool_object);
}

/* The pool's first free entry; pool 0's entry 0 is ASID 0, never given out. */
int asid_find_free(const struct cap *pool, const struct cap *vspace, uint32_t *asid)
{
	if (pool->type != HELIOS_CAP_ASID_POOL || vspace->type != HELIOS_CAP_VSPACE)
		return HELIOS_ERR_INVALID_TYPE;
	int number = asid_pool_number(pool->object);
	if (number < 0)
		return HELIOS_ERR_INVALID_TYPE;
	if (vspace_tail(vspace->object)->asid)
		return HELIOS_ERR_IN_USE;
	const uintptr_t *entries = pool_entries(pool->object);
	for (uint32_t i = number == 0 ? 1 : 0; i < HELIOS_ASID_POOL_SIZE; i++) {
		if (!entries[i]) {
			*asid = (uint32_t)number * HELIOS_ASID_POOL_SIZE + i;
			return HELIOS_OK;
		}
	}
	return HELIOS_ERR_NOMEM;
}

void asid_assign(uint32_t asid, uintptr_t vspace)
{
	struct vspace_tail *tail = vspace_tail(vspace);
	*pool_entry(asid) = vspace;
	tail->asid = asid;
	tail->epoch = ++last_epoch;
	mmu_asid_assigned(asid);
}

int vm_asid_assign_boot(struct cap *asid_pool, struct cap *vspace)
{
	uint32_t asid;
	int err = asid_find_free(asid_pool, vspace, &asid);
	if (!err)
		asid_assign(asid, vspace->object);
	return err;
}

void asid_release(uintptr_t vspace)
{
	struct vspace_tail *tail = vspace_tail(vspace);
	uint32_t asid = tail->asid;
	if (asid && asid_vspace(asid, tail->epoch) == vspace)
		*pool_entry(asid) = 0;
	tail->asid = 0;
	tail->epoch = 0;
}

void asid_pool_finalize(uintptr_t pool)
{
	int number = asid_pool_number(pool);
	if (number < 0)
		return; /* never held a pool number: holds no vspace either */
	uintptr_t *entries = pool_entries(pool);
	for (uint32_t i = 0; i < HELIOS_ASID_POOL_SIZE; i++)
		if (entries[i])
			vspace_lose_asid(entries[i]);
	pools[number] = 0;
}
