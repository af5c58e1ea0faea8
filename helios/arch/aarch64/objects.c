/* aarch64 has no I/O ports: IO_CONTROL and IO_PORT capabilities never exist here. */
#include <helios/abi.h>

#include "helios/kernel/arch.h"

int arch_io_invoke(struct invocation *inv)
{
	(void)inv;
	return HELIOS_ERR_INVALID_TYPE;
}

void arch_io_finalize(struct cap *c)
{
	(void)c;
}
