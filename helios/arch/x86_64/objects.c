/*
 * The x86_64 object types behind arch.h's object hooks: sizes, set-up, deletion and the
 * dispatch of their invocations to vspace.c (tables, pages), asid.c and ioport.c.
 */
#include <stdint.h>

#include <helios/abi.h>

#include "helios/arch/x86_64/ioport.h"
#include "helios/arch/x86_64/objects.h"
#include "helios/arch/x86_64/vspace.h"
#include "helios/kernel/arch.h"
#include "helios/kernel/invoke.h"
#include "helios/kernel/object.h"

int objects_reserve_slot(struct invocation *inv, uint64_t caddr, struct cap **slot)
{
	if (caddr > UINT32_MAX)
		return HELIOS_ERR_INVALID_CADDR;
	return cspace_reserve(inv->cspace, (helios_caddr_t)caddr, slot);
}

/* Bytes of an object of an architecture type that memory can be retyped into, else 0. */
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

int arch_object_layout(unsigned type, uint64_t *size, uint64_t *align)
{
	uint64_t bytes = object_size(type);
	if (!bytes)
		return HELIOS_ERR_INVALID_TYPE;
	*size = bytes;
	*align = HELIOS_PAGE_SIZE; /* tables and pages are page-aligned physical memory */
	return HELIOS_OK;
}

void arch_object_init(unsigned type, uintptr_t object)
{
	if (type == HELIOS_CAP_VSPACE)
		vspace_init_object(object);
}

void arch_cap_deleted(struct cap *c)
{
	vspace_cap_deleted(c);
}

void arch_object_finalize(struct cap *c)
{
	switch (c->type) {
	case HELIOS_CAP_VSPACE:
		vspace_finalize(c->object);
		break;
	case HELIOS_CAP_ASID_POOL:
		asid_pool_finalize(c->object);
		break;
	case HELIOS_CAP_IO_PORT:
		ioport_release(c->data);
		break;
	default:
		break;
	}
	uint64_t size = object_size(c->type);
	/* Device pages and boot module pages come from no memory object: nothing to give back. */
	if (size && c->source)
		memory_free_deferred(c->source, c->object, size);
}

int arch_invoke(struct invocation *inv)
{
	switch (inv->cap->type) {
	case HELIOS_CAP_VSPACE:
	case HELIOS_CAP_PDPT:
	case HELIOS_CAP_PD:
	case HELIOS_CAP_PT:
	case HELIOS_CAP_PAGE:
		return vspace_invoke(inv);
	case HELIOS_CAP_ASID_CONTROL:
		return asid_control_invoke(inv);
	case HELIOS_CAP_ASID_POOL:
		return asid_pool_invoke(inv);
	case HELIOS_CAP_IO_CONTROL:
		return io_control_invoke(inv);
	case HELIOS_CAP_IO_PORT:
		return io_port_invoke(inv);
	default:
		return HELIOS_ERR_INVALID_TYPE;
	}
}
