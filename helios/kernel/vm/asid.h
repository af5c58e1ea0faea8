/*
 * ASIDs and ASID pools (asid.c): which vspace holds which ASID, assigning them, and what
 * happens when a vspace or a pool dies. Their ASID_CONTROL_* and ASID_POOL_* methods are
 * asid_invoke.c.
 */
#ifndef HELIOS_KERNEL_VM_ASID_H
#define HELIOS_KERNEL_VM_ASID_H

#include <stdint.h>

struct cap;
struct invocation;

/* ---- asid.c ---- */

/* The VSPACE object holding asid since the assignment `epoch`, or 0 (none holds it, or a
 * later one does). */
uintptr_t asid_vspace(uint32_t asid, uint64_t epoch);
/* The pool number of a pool object, or -1 when it has none. asid_pool_number(0): a free pool
 * number, or -1 when every one is taken. */
int asid_pool_number(uintptr_t pool);
/* Gives the pool object `pool` (zeroed, ASID_POOL_OBJECT_SIZE bytes) the free pool number
 * `number`. */
void asid_pool_install(int number, uintptr_t pool);
/* Decodes an assignment of an ASID from the pool of `pool` to `vspace`, changing nothing:
 * INVALID_TYPE (not a pool and a vspace, or a pool without a number), IN_USE (the vspace has
 * an ASID), NOMEM (the pool is full); else *asid is the one asid_assign will give. */
int asid_find_free(const struct cap *pool, const struct cap *vspace, uint32_t *asid);
/* Gives the ASID asid_find_free found to the VSPACE object, with a new epoch, flushed from the
 * TLB (mmu.h). */
void asid_assign(uint32_t asid, uintptr_t vspace);
/* Forgets a dying vspace's ASID. */
void asid_release(uintptr_t vspace);
/* A pool dies: every vspace in it loses its ASID, and its pool number is free again. */
void asid_pool_finalize(uintptr_t pool);

/* ---- asid_invoke.c ---- */

/* ASID_CONTROL_* and ASID_POOL_* methods (enum helios_error). */
int asid_control_invoke(struct invocation *inv);
int asid_pool_invoke(struct invocation *inv);

#endif
