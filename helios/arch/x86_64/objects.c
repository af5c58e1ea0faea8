/* x86_64's own object types (arch.h): I/O control and I/O ports (ioport.c). */
#include <helios/abi.h>

#include "helios/arch/x86_64/ioport.h"
#include "helios/kernel/arch.h"
#include "helios/kernel/object.h"

int arch_io_invoke(struct invocation *inv)
{
	if (inv->cap->type == HELIOS_CAP_IO_CONTROL)
		return io_control_invoke(inv);
	return io_port_invoke(inv);
}

void arch_io_finalize(struct cap *c)
{
	ioport_release(c->data);
}
