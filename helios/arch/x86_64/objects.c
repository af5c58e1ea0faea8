/* x86_64's own object types' part of the type table (arch.h): I/O control and I/O ports
 * (ioport.c; their methods are ioport_invoke.c). */
#include "helios/kernel/arch.h"

#include <helios/abi.h>

#include "helios/arch/x86_64/ioport.h"
#include "helios/kernel/cap.h"
#include "helios/kernel/invoke.h"

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
