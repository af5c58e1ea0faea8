/*
 * The address-space types' part of the type table (vm.h): sizes, set-up, deletion and the
 * dispatch of their invocations to vspace_invoke.c (tables, pages) and asid_invoke.c.
 */
#include "helios/kernel/vm/vm.h"

#include <stdbool.h>
#include <stdint.h>

#include <helios/abi.h>

#include "helios/kernel/cap.h"
#include "helios/kernel/invoke.h"
#include "helios/kernel/memory.h"
#include "helios/kernel/vm/asid.h"
#include "helios/kernel/vm/mmu.h"
#include "helios/kernel/vm/vspace.h"

/* Bytes of an object of these types, else 0. */
static uint64_t object_size(unsigned type)
{
	switch (type) {
	case HELIOS_CAP_VSPACE:
		return VSPACE_OBJECT_SIZE;
	case HELIOS_CAP_PDPT:
	case HELIOS_CAP_PD:
	case HELIOS_CAP_PT:
		return TABLE_OBJECT_SIZE;
	case HELIOS_CAP_PAGE:
		return PAGE_OBJECT_SIZE;
	case HELIOS_CAP_ASID_POOL:
		return ASID_POOL_OBJECT_SIZE;
	default:
		return 0;
	}
}

int vm_object_layout(unsigned type, uint64_t *size, uint64_t *align)
{
	uint64_t bytes = object_size(type);
	if (!bytes)
		return HELIOS_ERR_INVALID_TYPE;
	*size = bytes;
	*align = HELIOS_PAGE_SIZE; /* tables and pages are page-aligned physical memory */
	return HELIOS_OK;
}

void vm_object_init(unsigned type, uintptr_t object)
{
	if (type == HELIOS_CAP_VSPACE)
		mmu_init_root((uint64_t *)object);
}

void vm_cap_deleted(struct cap *c)
{
	vspace_cap_deleted(c); /* only tables and pages have something to do */
}

void vm_object_finalize(struct cap *c)
{
	if (c->type == HELIOS_CAP_VSPACE)
		vspace_finalize(c->object);
	else if (c->type == HELIOS_CAP_ASID_POOL)
		asid_pool_finalize(c->object);
	uint64_t size = object_size(c->type);
	/* Device pages and boot module pages come from no memory object: nothing to give back. */
	if (size && c->source)
		memory_free_deferred(c->source, c->object, size);
}

int vm_invoke(struct invocation *inv)
{
	switch (inv->cap->type) {
	case HELIOS_CAP_ASID_CONTROL:
		return asid_control_invoke(inv);
	case HELIOS_CAP_ASID_POOL:
		return asid_pool_invoke(inv);
	default:
		return vspace_invoke(inv);
	}
}
