/*
 * Address-space objects: their layout, which asid.c and objects.c (their part of the type
 * table) use too; mapping and unmapping tables and pages (vspace.c); and the PDPT, PD, PT and
 * PAGE methods (vspace_invoke.c). Portable across the architectures whose user page tables
 * have the 4-level, 512-entry shape of pagetable.h (x86_64, aarch64).
 *
 * Objects: a VSPACE is a root table followed by a 64-byte tail holding its ASID; PDPT, PD and
 * PT are a table followed by a 64-byte tail saying where the table is mapped (so a table is
 * mapped at most once, whichever of its capabilities mapped it); a PAGE is 4 KiB; an ASID pool
 * is 512 vspace pointers.
 */
#ifndef HELIOS_KERNEL_VM_VSPACE_H
#define HELIOS_KERNEL_VM_VSPACE_H

#include <stdbool.h>
#include <stdint.h>

#include <helios/abi.h>

struct cap;
struct invocation;

#define TABLE_BYTES 4096ull
#define TAIL_BYTES 64ull
#define VSPACE_OBJECT_SIZE (TABLE_BYTES + TAIL_BYTES)
#define TABLE_OBJECT_SIZE (TABLE_BYTES + TAIL_BYTES)
#define PAGE_OBJECT_SIZE HELIOS_PAGE_SIZE
#define ASID_POOL_OBJECT_SIZE (HELIOS_ASID_POOL_SIZE * 8ull)

struct vspace_tail {
	uint32_t asid;  /* 0: none */
	uint32_t reserved;
	uint64_t epoch; /* which ASID assignment this is: no two assignments share one */
	uint64_t reserved2[6];
};
HELIOS_STATIC_ASSERT(sizeof(struct vspace_tail) == TAIL_BYTES, "vspace tail");

struct table_tail {
	uint64_t mapping; /* CAP_MAPPING of the one mapping of this table, 0 when unmapped */
	uint64_t reserved[7];
};
HELIOS_STATIC_ASSERT(sizeof(struct table_tail) == TAIL_BYTES, "table tail");

static inline struct vspace_tail *vspace_tail(uintptr_t vspace)
{
	return (struct vspace_tail *)(vspace + TABLE_BYTES);
}

/* ---- vspace.c ---- */

/* A decoded map: which entry gets which value, and the record for the capability. */
struct map_plan {
	uint64_t *entry;
	uint64_t value;
	uint64_t mapping;
	uint64_t epoch;
};

/*
 * Decodes a map of the PDPT, PD, PT or PAGE capability `c` into the vspace of `vs` at vaddr,
 * with HELIOS_MAP_* `rights` for a page, and changes nothing: INVALID_TYPE, MAPPED,
 * INVALID_PARAM, ACCESS, NOT_MAPPED (the vspace has no ASID), or MISSING_TABLES with *missing
 * the capability type of the table to create first.
 */
int vspace_map_check(const struct cap *c, const struct cap *vs, uint64_t vaddr, uint64_t rights,
		     unsigned *missing, struct map_plan *plan);
/* Makes the mapping vspace_map_check planned, and records it in `c`. */
void vspace_map_apply(struct cap *c, const struct map_plan *plan, uint64_t rights);
/* Removes the mapping a mapped (data != 0) PAGE or table capability records (see vspace.c),
 * and forgets it. */
void vspace_unmap(struct cap *c);
/* A PAGE or table capability is deleted: it takes its mapping with it. */
void vspace_cap_deleted(struct cap *c);
/* A VSPACE object dies: its ASID is given back; if it is loaded, no vspace is loaded. */
void vspace_finalize(uintptr_t vspace);
/*
 * The vspace's ASID pool died: no ASID, and its user half emptied so nothing mapped through
 * the old ASID (whose records can no longer be found) stays reachable.
 */
void vspace_lose_asid(uintptr_t vspace);

/* ---- vspace_invoke.c ---- */

/* PDPT/PD/PT/PAGE (and VSPACE: no methods) methods (enum helios_error). */
int vspace_invoke(struct invocation *inv);

#endif
