/*
 * Address spaces: mapping tables and pages into vspaces, unmapping them, switching between
 * them. Portable: entries and TLB maintenance are the architecture's (pagetable.h, mmu.h).
 *
 * Every PAGE and table capability records its own single mapping (data = CAP_MAPPING(asid,
 * vaddr), map_epoch = the vspace's epoch, aux = map rights for pages); to map a frame twice,
 * map a copy of its capability. Mappings name their vspace by ASID and epoch, never by
 * pointer, so a vspace can die first: its ASID then resolves to nothing, or to a later vspace
 * of another epoch, and the records just go stale. An unmap (or a deletion) looks the entry up
 * again and clears it only if the record is not stale and the entry still points at this
 * object. (Without the epoch, a stale record of a page whose copy a later vspace mapped at the
 * same address under the reused ASID would remove that live mapping.)
 *
 * What keeps stale records harmless: an entry that could not be found again sits in a table
 * nobody can reach any more, and a table is emptied whenever it is unmapped and can be mapped
 * in one place only (its tail records the mapping), so such a table never becomes reachable
 * with old entries in it. A vspace whose ASID pool dies has its user half emptied likewise.
 *
 * TLB: a vspace runs under its ASID where the MMU has them (x86_64 PCIDs, aarch64 ASIDs), so
 * its entries can outlive a switch. Every removed mapping is reported to the architecture
 * (mmu.h), which flushes it now or before that ASID runs again.
 *
 * The PDPT, PD, PT and PAGE methods are vspace_invoke.c.
 */
#include "helios/kernel/vm/vspace.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <helios/abi.h>

#include "helios/kernel/cap.h"
#include "helios/kernel/directmap.h"
#include "helios/kernel/vm/activate.h"
#include "helios/kernel/vm/asid.h"
#include "helios/kernel/vm/mmu.h"
#include "helios/kernel/vm/pagetable.h"
#include "helios/kernel/vm/vm.h"

uintptr_t vspace_loaded;
uint32_t vspace_loaded_asid;

/* The ASID of a VSPACE object (0: none, or a vspace without one). */
static uint32_t vspace_asid(uintptr_t vspace_object)
{
	return vspace_object ? vspace_tail(vspace_object)->asid : 0;
}

void vm_vspace_activate(uintptr_t vspace_object)
{
	if (vspace_object) {
		vspace_load(vspace_object);
	} else if (vspace_loaded) {
		mmu_load_none();
		vspace_loaded = 0;
		vspace_loaded_asid = 0;
	}
}

/* A mapping in vspace vs at vaddr was removed (level 0: a page, else a table). */
static void flush_removed(uintptr_t vs, uint64_t vaddr, int level)
{
	bool loaded = vs == vspace_loaded;
	if (level == 0)
		mmu_flush_page(vspace_asid(vs), vaddr, loaded);
	else
		mmu_flush_asid(vspace_asid(vs), loaded);
}

/* The level whose entry maps an object of this type (pagetable.h), or -1. */
static int map_level(unsigned type)
{
	switch (type) {
	case HELIOS_CAP_PDPT:
		return 3;
	case HELIOS_CAP_PD:
		return 2;
	case HELIOS_CAP_PT:
		return 1;
	case HELIOS_CAP_PAGE:
		return 0;
	default:
		return -1;
	}
}

uint64_t vm_map_alignment(unsigned type)
{
	int level = map_level(type);
	return level < 0 ? HELIOS_PAGE_SIZE : pt_level_size(level);
}

/* The capability type of the table an absent entry at `level` should point at. */
static unsigned missing_type(int level)
{
	return level == 3 ? HELIOS_CAP_PDPT : level == 2 ? HELIOS_CAP_PD : HELIOS_CAP_PT;
}

static struct table_tail *table_tail(const struct cap *c)
{
	return (struct table_tail *)(c->object + TABLE_BYTES);
}

/* Is the object this capability names mapped (by this capability or, for tables, any)? */
static bool already_mapped(const struct cap *c)
{
	if (c->data)
		return true;
	return c->type != HELIOS_CAP_PAGE && table_tail(c)->mapping != 0;
}

/* Checks HELIOS_MAP_* rights against the page capability's rights. */
static int check_map_rights(const struct cap *c, uint64_t rights)
{
	if (rights & ~(uint64_t)(HELIOS_MAP_READ | HELIOS_MAP_WRITE | HELIOS_MAP_EXEC) ||
	    !(rights & HELIOS_MAP_READ))
		return HELIOS_ERR_INVALID_PARAM;
	if ((rights & (HELIOS_MAP_READ | HELIOS_MAP_EXEC)) && !(c->rights & HELIOS_RIGHT_READ))
		return HELIOS_ERR_ACCESS;
	if ((rights & HELIOS_MAP_WRITE) && !(c->rights & HELIOS_RIGHT_WRITE))
		return HELIOS_ERR_ACCESS;
	return HELIOS_OK;
}

int vspace_map_check(const struct cap *c, const struct cap *vs, uint64_t vaddr, uint64_t rights,
		     unsigned *missing, struct map_plan *plan)
{
	int level = map_level(c->type);
	if (level < 0 || vs->type != HELIOS_CAP_VSPACE)
		return HELIOS_ERR_INVALID_TYPE;
	if (already_mapped(c))
		return HELIOS_ERR_MAPPED;
	if ((vaddr & (pt_level_size(level) - 1)) || vaddr >= HELIOS_USER_TOP)
		return HELIOS_ERR_INVALID_PARAM;
	if (level == 0 && vaddr < HELIOS_USER_BOTTOM)
		return HELIOS_ERR_INVALID_PARAM; /* page 0 stays unmapped (abi.h) */
	if (level == 0) {
		int err = check_map_rights(c, rights);
		if (err)
			return err;
	}
	const struct vspace_tail *tail = vspace_tail(vs->object);
	uint32_t asid = tail->asid;
	if (!asid)
		return HELIOS_ERR_NOT_MAPPED;
	int missing_level = 0;
	uint64_t *entry = pt_lookup((uint64_t *)vs->object, vaddr, level, &missing_level);
	if (!entry) {
		*missing = missing_type(missing_level);
		return HELIOS_ERR_MISSING_TABLES;
	}
	if (pte_present(*entry))
		return HELIOS_ERR_MAPPED;
	uint64_t phys = virt_to_phys(c->object);
	plan->entry = entry;
	plan->mapping = CAP_MAPPING(asid, vaddr);
	plan->epoch = tail->epoch;
	plan->value = level ? pte_table(phys)
			    : pte_page(phys, (unsigned)rights, (c->flags & CAP_FLAG_DEVICE) != 0);
	return HELIOS_OK;
}

void vspace_map_apply(struct cap *c, const struct map_plan *plan, uint64_t rights)
{
	if (c->type == HELIOS_CAP_PAGE && (rights & HELIOS_MAP_EXEC))
		mmu_sync_icache(c->object);
	mmu_write_entry(plan->entry, plan->value);
	c->data = plan->mapping;
	c->map_epoch = plan->epoch;
	if (c->type == HELIOS_CAP_PAGE)
		c->aux = (uint32_t)rights;
	else
		table_tail(c)->mapping = plan->mapping;
}

int vm_map(struct cap *cap, struct cap *vspace, uint64_t vaddr, unsigned map_rights,
	     unsigned *missing)
{
	struct map_plan plan;
	int err = vspace_map_check(cap, vspace, vaddr, map_rights, missing, &plan);
	if (err)
		return err;
	vspace_map_apply(cap, &plan, map_rights);
	return HELIOS_OK;
}

/*
 * Removes c's mapping: clears the entry if the record is not stale and the entry still points
 * at c's object, flushes it from the TLB if that vspace is loaded, and forgets the record. An
 * unmapped table is emptied.
 */
void vspace_unmap(struct cap *c)
{
	int level = map_level(c->type);
	uint64_t vaddr = CAP_MAPPING_VADDR(c->data);
	uintptr_t vs = asid_vspace(CAP_MAPPING_ASID(c->data), c->map_epoch);
	uint64_t *entry = vs ? pt_lookup((uint64_t *)vs, vaddr, level, NULL) : NULL;
	if (entry && pte_present(*entry) && pte_address(*entry) == virt_to_phys(c->object)) {
		mmu_write_entry(entry, 0);
		flush_removed(vs, vaddr, level);
	}
	c->data = 0;
	c->map_epoch = 0;
	if (level == 0) {
		c->aux = 0;
	} else {
		memset((void *)c->object, 0, TABLE_BYTES);
		table_tail(c)->mapping = 0;
	}
}

void vspace_cap_deleted(struct cap *c)
{
	if (map_level(c->type) >= 0 && c->data)
		vspace_unmap(c);
}

void vspace_finalize(uintptr_t vspace)
{
	asid_release(vspace);
	if (vspace_loaded == vspace)
		vm_vspace_activate(0);
}

/*
 * The TLB may still hold entries of the emptied user half under the old ASID: the
 * architecture flushes them (now, or when that ASID is next assigned). The next activation
 * reloads the vspace without an ASID, as its ASID changed.
 */
void vspace_lose_asid(uintptr_t vspace)
{
	uint32_t asid = vspace_tail(vspace)->asid;
	vspace_tail(vspace)->asid = 0;
	vspace_tail(vspace)->epoch = 0;
	for (unsigned i = 0; i < PT_USER_ENTRIES; i++)
		mmu_write_entry((uint64_t *)vspace + i, 0);
	mmu_flush_asid(asid, vspace_loaded == vspace);
}

bool vm_copy_from_user(uintptr_t vspace_object, void *dst, uint64_t uaddr, uint64_t len)
{
	if (!vspace_object)
		return false;
	return pt_copy_from_user((uint64_t *)vspace_object, dst, uaddr, len);
}
