/*
 * What the portable kernel asks of the address-space code (helios/kernel/vm): the VSPACE,
 * PDPT, PD, PT, PAGE, ASID_CONTROL and ASID_POOL objects (their type-table hooks and
 * invocations), mapping for building init, loading a vspace, and reading user memory for
 * WRITECONS. Implemented once, in this folder, for the architectures with 4-level tables.
 */
#ifndef HELIOS_KERNEL_VM_VM_H
#define HELIOS_KERNEL_VM_VM_H

#include <stdbool.h>
#include <stdint.h>

struct cap;
struct invocation;

/* Retype of these types: same contract as object_layout / object_init (object.h). */
int vm_object_layout(unsigned type, uint64_t *size, uint64_t *align);
void vm_object_init(unsigned type, uintptr_t object);
/* Same contract as object_cap_deleted / object_finalize. */
void vm_cap_deleted(struct cap *c);
void vm_object_finalize(struct cap *c);
/* Invocations of these types. */
int vm_invoke(struct invocation *inv);

/*
 * Maps a PAGE (or table) capability into the vspace of the VSPACE capability `vspace` at
 * vaddr: what PAGE_MAP and *_MAP do after decoding, used by the kernel to build init.
 * MISSING_TABLES sets *missing to the capability type of the table to create.
 */
int vm_map(struct cap *cap, struct cap *vspace, uint64_t vaddr, unsigned map_rights,
	   unsigned *missing);
/* The alignment vm_map asks of vaddr for an object of this type (the range a table covers). */
uint64_t vm_map_alignment(unsigned type);
/* Gives a VSPACE object an ASID from the boot pool: used for init. */
int vm_asid_assign_boot(struct cap *asid_pool, struct cap *vspace);
/* Creates the ASID pool for init (pool 0), in memory the caller allocated. */
void vm_asid_pool_boot(uintptr_t pool_object, unsigned pool_index);

/* Makes the vspace of a VSPACE object current (with its ASID, or a full flush); 0: none. */
void vm_vspace_activate(uintptr_t vspace_object);

/*
 * Copies len bytes from the user address uaddr of the given VSPACE object into dst, walking
 * its tables (never touching user memory through the user mapping): false when any byte is
 * not mapped readable for the user, or is device memory.
 */
bool vm_copy_from_user(uintptr_t vspace_object, void *dst, uint64_t uaddr, uint64_t len);

#endif
