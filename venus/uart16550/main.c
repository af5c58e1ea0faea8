/*
 * The 16550 driver for COM1 (README.md): the ports, IRQ 4 and endpoint its manifest names
 * (free for a driver once sysinit handed the kernel's console over), venus.chardev served by
 * venus/serial.
 */
#include <helios/rt/print.h>
#include <mercury/program.h>

#include "venus/uart16550/uart.h"

#define COM1 0x3f8

static struct uart16550 uart;
static struct serial_driver driver;

int main(int argc, char **argv)
{
	(void)argc;
	mercury_print_given(argv[0]);
	helios_caddr_t endpoint = mercury_cap("endpoint");
	uart = (struct uart16550){ .ports = mercury_cap("ports0"), .base = COM1 };
	driver = (struct serial_driver){
		.name = argv[0],
		.ops = &uart16550_ops,
		.uart = &uart,
		.irq = mercury_cap("irq4"),
		.irq_wait = mercury_cap("irq4_wait"),
	};
	if (endpoint == HELIOS_CADDR_UNDEF || uart.ports == HELIOS_CADDR_UNDEF ||
	    driver.irq == HELIOS_CADDR_UNDEF || driver.irq_wait == HELIOS_CADDR_UNDEF) {
		rt_printf("%s: error: missing its endpoint, ports or interrupt\n", argv[0]);
		return 1;
	}
	if (uart16550_start(&uart, argv[0]))
		return 1;
	return serial_driver_run(&driver, endpoint);
}
