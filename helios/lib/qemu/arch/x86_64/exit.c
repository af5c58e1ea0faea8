/* Leaving QEMU on x86_64: isa-debug-exit at port 0xf4 (qemu/exit.h). */
#include <stddef.h>

#include <helios/abi.h>
#include <helios/rt/invoke.h>
#include <helios/rt/slot.h>

#include <qemu/exit.h>

#define DEBUG_EXIT_PORT 0xf4

int qemu_exit(int status)
{
	helios_caddr_t port = rt_slot_alloc();
	if (port == HELIOS_CADDR_UNDEF)
		return HELIOS_ERR_CSPACE_FULL;
	int err = helios_io_control_issue(HELIOS_INIT_IO_CONTROL, DEBUG_EXIT_PORT, DEBUG_EXIT_PORT,
					  port, NULL);
	if (!err)
		err = helios_io_port_out8(port, DEBUG_EXIT_PORT, status ? 1 : 0);
	/* Still here: the port is not QEMU's exit device (QEMU without it, or real hardware). */
	return err ? err : HELIOS_ERR_INVALID_PARAM;
}
