/*
 * Address-space objects, shared by vspace.c (tables, pages, mapping), asid.c (ASID pools) and
 * objects.c (their part of the type table). Portable across the architectures whose user page
 * tables have the 4-level, 512-entry shape of pagetable.h (x86_64, aarch64).
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

#include "helios/kernel/invoke.h"
#include "helios/kernel/object.h"

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

/* PDPT/PD/PT/PAGE (and VSPACE: no methods) invocations. */
int vspace_invoke(struct invocation *inv);
/* A PAGE or table capability is deleted: it takes its mapping with it. */
void vspace_cap_deleted(struct cap *c);
/* A VSPACE object dies: its ASID is given back; if it is loaded, no vspace is loaded. */
void vspace_finalize(uintptr_t vspace);
/*
 * The vspace's ASID pool died: no ASID, and its user half emptied so nothing mapped through
 * the old ASID (whose records can no longer be found) stays reachable.
 */
void vspace_lose_asid(uintptr_t vspace);

/* ---- asid.c ---- */

/* The VSPACE object holding asid since the assignment `epoch`, or 0 (none holds it, or a
 * later one does). */
uintptr_t asid_vspace(uint32_t asid, uint64_t epoch);
int asid_control_invoke(struct invocation *inv);
int asid_pool_invoke(struct invocation *inv);
/* Forgets a dying vspace's ASID. */
void asid_release(uintptr_t vspace);
/* A pool dies: every vspace in it loses its ASID, and its pool number is free again. */
void asid_pool_finalize(uintptr_t pool);

#endif
