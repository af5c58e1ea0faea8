/*
 * The x86_64 object types behind arch.h's object hooks: the address-space types are the
 * portable ones of helios/kernel/vm; I/O control and I/O ports are x86_64's own (ioport.c).
 */
#include <stdint.h>

#include <helios/abi.h>

#include "helios/arch/x86_64/ioport.h"
#include "helios/kernel/arch.h"
#include "helios/kernel/invoke.h"
#include "helios/kernel/object.h"
#include "helios/kernel/vm/vspace.h"

int arch_object_layout(unsigned type, uint64_t *size, uint64_t *align)
{
	return vm_object_layout(type, size, align);
}

void arch_object_init(unsigned type, uintptr_t object)
{
	vm_object_init(type, object);
}

void arch_cap_deleted(struct cap *c)
{
	if (vm_is_type(c->type))
		vm_cap_deleted(c);
}

void arch_object_finalize(struct cap *c)
{
	if (c->type == HELIOS_CAP_IO_PORT)
		ioport_release(c->data);
	else
		vm_object_finalize(c);
}

int arch_invoke(struct invocation *inv)
{
	switch (inv->cap->type) {
	case HELIOS_CAP_IO_CONTROL:
		return io_control_invoke(inv);
	case HELIOS_CAP_IO_PORT:
		return io_port_invoke(inv);
	default:
		return vm_is_type(inv->cap->type) ? vm_invoke(inv) : HELIOS_ERR_INVALID_TYPE;
	}
}
