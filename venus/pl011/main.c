/*
 * The PL011 driver (README.md): the UART's page (reg 0 of the device-tree node it matched:
 * the console's, once sysinit handed it over), its interrupt and endpoint, as its manifest
 * names them; venus.chardev served by venus/serial.
 */
#include <helios/rt/print.h>
#include <helios/rt/rt.h>
#include <mercury/module.h>
#include <mercury/program.h>

#include "venus/pl011/uart.h"

static struct pl011 uart;
static struct serial_driver driver;

int main(int argc, char **argv)
{
	(void)argc;
	mercury_print_given(argv[0]);
	helios_caddr_t endpoint = mercury_cap("endpoint");
	struct helios_cap_range reg0 = mercury_cap_range("reg0");
	driver = (struct serial_driver){
		.name = argv[0],
		.ops = &pl011_ops,
		.uart = &uart,
		.irq = mercury_cap("irq"),
		.irq_wait = mercury_cap("irq_wait"),
	};
	if (endpoint == HELIOS_CADDR_UNDEF || reg0.count == 0 ||
	    driver.irq == HELIOS_CADDR_UNDEF || driver.irq_wait == HELIOS_CADDR_UNDEF) {
		rt_printf("%s: error: missing its endpoint, registers or interrupt\n", argv[0]);
		return 1;
	}
	/* The registers are in the first page. */
	struct mercury_mapping m;
	int err = mercury_map_copies(reg0.first, 1, HELIOS_MAP_READ | HELIOS_MAP_WRITE, &m);
	if (err) {
		rt_printf("%s: error: cannot map its registers: %s\n", argv[0],
			  rt_strerror((uint64_t)err));
		return 1;
	}
	uart.regs = m.data;
	if (pl011_start(&uart, argv[0]))
		return 1;
	return serial_driver_run(&driver, endpoint);
}
