/*
 * The type table: what each kind of object needs when it is made (layout, init), when one of
 * its capabilities goes (cap_deleted), when its last one goes (finalize), and who handles its
 * invocations. The address-space types go to helios/kernel/vm (vm/vm.h), the I/O port types
 * to the architecture (arch.h), the rest to their subsystems.
 */
#include "helios/kernel/object.h"

#include <stddef.h>
#include <stdint.h>

#include "helios/kernel/arch.h"
#include "helios/kernel/cap.h"
#include "helios/kernel/console.h"
#include "helios/kernel/cspace.h"
#include "helios/kernel/invoke.h"
#include "helios/kernel/irq.h"
#include "helios/kernel/memory.h"
#include "helios/kernel/task.h"
#include "helios/kernel/vm/vm.h"

/* True for the address-space types (helios/kernel/vm). */
static bool is_vm_type(unsigned type)
{
	switch (type) {
	case HELIOS_CAP_VSPACE:
	case HELIOS_CAP_ASID_CONTROL:
	case HELIOS_CAP_ASID_POOL:
	case HELIOS_CAP_PDPT:
	case HELIOS_CAP_PD:
	case HELIOS_CAP_PT:
	case HELIOS_CAP_PAGE:
		return true;
	default:
		return false;
	}
}

/* Size and alignment of a new object made by retyping memory. ASID pools come only from
 * ASID_CONTROL, so the architecture is asked about tables and pages alone. */
int object_layout(unsigned type, uint64_t size_param, uint64_t *size, uint64_t *align)
{
	*align = MEMORY_GRAIN;
	switch (type) {
	case HELIOS_CAP_MEMORY:
		if (size_param < HELIOS_PAGE_SIZE || size_param % HELIOS_PAGE_SIZE != 0)
			return HELIOS_ERR_INVALID_PARAM;
		*size = size_param;
		*align = HELIOS_PAGE_SIZE;
		return HELIOS_OK;
	case HELIOS_CAP_CSPACE:
		*size = cspace_object_size(size_param);
		return *size ? HELIOS_OK : HELIOS_ERR_INVALID_PARAM;
	case HELIOS_CAP_TASK:
		*size = task_object_size();
		return HELIOS_OK;
	case HELIOS_CAP_ENDPOINT:
		*size = endpoint_object_size();
		return HELIOS_OK;
	case HELIOS_CAP_NOTIFICATION:
		*size = notification_object_size();
		return HELIOS_OK;
	case HELIOS_CAP_VSPACE:
	case HELIOS_CAP_PDPT:
	case HELIOS_CAP_PD:
	case HELIOS_CAP_PT:
	case HELIOS_CAP_PAGE:
		return vm_object_layout(type, size, align);
	default:
		return HELIOS_ERR_INVALID_TYPE;
	}
}

/* Initialises zeroed memory as a new object. A MEMORY object's descriptor is set up by
 * memory_invoke (memory_init), which knows its range; endpoints and notifications are valid
 * zero-filled. */
void object_init(unsigned type, uintptr_t object, uint64_t size_param)
{
	switch (type) {
	case HELIOS_CAP_CSPACE:
		cspace_init((struct cspace *)object, (uint32_t)size_param);
		break;
	case HELIOS_CAP_TASK:
		task_init_object((struct task *)object);
		break;
	default:
		if (is_vm_type(type))
			vm_object_init(type, object);
		break;
	}
}

/* Called for every capability being deleted, while it is still on its ring. */
void object_cap_deleted(struct cap *c)
{
	if (c->type == HELIOS_CAP_REPLY)
		reply_cap_deleted(c);
	else if (is_vm_type(c->type))
		vm_cap_deleted(c);
}

/* The last capability to the object is being deleted: destroy it, give its bytes back. */
void object_finalize(struct cap *c)
{
	switch (c->type) {
	case HELIOS_CAP_MEMORY:
		memory_caps_gone((struct memory *)c->object);
		break;
	case HELIOS_CAP_CSPACE:
		deletion_queue_cspace((struct cspace *)c->object, c->source);
		break;
	case HELIOS_CAP_TASK:
		task_finalize((struct task *)c->object);
		memory_free_deferred(c->source, c->object, task_object_size());
		break;
	case HELIOS_CAP_ENDPOINT:
		endpoint_finalize((struct endpoint *)c->object);
		memory_free_deferred(c->source, c->object, endpoint_object_size());
		break;
	case HELIOS_CAP_NOTIFICATION:
		notification_finalize((struct notification *)c->object);
		memory_free_deferred(c->source, c->object, notification_object_size());
		break;
	case HELIOS_CAP_IRQ_HANDLER:
		irq_handler_finalize(c);
		break;
	case HELIOS_CAP_IO_PORT:
		arch_io_finalize(c);
		break;
	default: /* DEVICE_MEMORY, IRQ_CONTROL, IO_CONTROL and CONSOLE own nothing; REPLY is
		  * never finalized */
		if (is_vm_type(c->type))
			vm_object_finalize(c);
		break;
	}
}

/* Sends an invocation to the handler of the invoked capability's type. Endpoints,
 * notifications and replies are IPC objects, never invoked. */
int invoke(struct invocation *inv)
{
	inv->nresults = 0;
	switch (inv->cap->type) {
	case HELIOS_CAP_MEMORY:
		return memory_invoke(inv);
	case HELIOS_CAP_DEVICE_MEMORY:
		return device_memory_invoke(inv);
	case HELIOS_CAP_CSPACE:
		return cspace_invoke(inv);
	case HELIOS_CAP_TASK:
		return task_invoke(inv);
	case HELIOS_CAP_IRQ_CONTROL:
		return irq_control_invoke(inv);
	case HELIOS_CAP_IRQ_HANDLER:
		return irq_handler_invoke(inv);
	case HELIOS_CAP_CONSOLE:
		return console_invoke(inv);
	case HELIOS_CAP_IO_CONTROL:
	case HELIOS_CAP_IO_PORT:
		return arch_io_invoke(inv);
	default:
		if (is_vm_type(inv->cap->type))
			return vm_invoke(inv);
		return HELIOS_ERR_INVALID_TYPE;
	}
}
