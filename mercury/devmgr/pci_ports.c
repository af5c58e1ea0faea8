/*
 * Configuration mechanism #1 (pci_access.h): the function and register go to the address
 * port 0xCF8, the data is read or written at 0xCFC plus the offset's low two bits.
 */
#include <stdint.h>

#include <helios/abi.h>
#include <helios/rt/invoke.h>
#include <helios/rt/mem.h>
#include <helios/rt/slot.h>

#include "mercury/devmgr/pci_access.h"

#define CONFIG_ADDRESS 0xcf8
#define CONFIG_DATA 0xcfc
#define CONFIG_LAST_PORT 0xcff
#define CONFIG_ENABLE 0x80000000u

static int select_register(struct pci_ports *p, struct pci_address a, unsigned offset)
{
	uint32_t address = CONFIG_ENABLE | (uint32_t)a.bus << 16 | (uint32_t)a.device << 11 |
			   (uint32_t)a.function << 8 | (offset & 0xfcu);
	return helios_io_port_out32(p->port, CONFIG_ADDRESS, address);
}

static void keep_error(struct pci_ports *p, int err)
{
	if (err && !p->error)
		p->error = err;
}

static uint32_t ports_read(void *ctx, struct pci_address a, unsigned offset, unsigned width)
{
	struct pci_ports *p = ctx;
	int err = select_register(p, a, offset);
	uint64_t port = CONFIG_DATA + (offset & 3u);
	uint32_t value = 0xffffffffu;
	if (!err && width == 1) {
		uint8_t v;
		err = helios_io_port_in8(p->port, port, &v);
		value = v;
	} else if (!err && width == 2) {
		uint16_t v;
		err = helios_io_port_in16(p->port, port, &v);
		value = v;
	} else if (!err) {
		err = helios_io_port_in32(p->port, port, &value);
	}
	keep_error(p, err);
	return err ? 0xffffffffu : value;
}

static void ports_write(void *ctx, struct pci_address a, unsigned offset, unsigned width,
			uint32_t value)
{
	struct pci_ports *p = ctx;
	int err = select_register(p, a, offset);
	uint64_t port = CONFIG_DATA + (offset & 3u);
	if (!err && width == 1)
		err = helios_io_port_out8(p->port, port, value & 0xffu);
	else if (!err && width == 2)
		err = helios_io_port_out16(p->port, port, value & 0xffffu);
	else if (!err)
		err = helios_io_port_out32(p->port, port, value);
	keep_error(p, err);
}

static const struct pci_config_ops ports_ops = {ports_read, ports_write};

int pci_ports_open(helios_caddr_t io_control, struct pci_ports *p, struct pci_config *config)
{
	*p = (struct pci_ports){.port = rt_slot_alloc()};
	if (p->port == HELIOS_CADDR_UNDEF)
		return HELIOS_ERR_CSPACE_FULL;
	int err = helios_io_control_issue(io_control, CONFIG_ADDRESS, CONFIG_LAST_PORT, p->port,
					  NULL);
	if (err) {
		rt_slot_free(p->port);
		return err;
	}
	*config = (struct pci_config){&ports_ops, p, PCI_LEGACY_SPACE_SIZE, 0, PCI_BUSES - 1};
	return HELIOS_OK;
}

void pci_ports_close(struct pci_ports *p)
{
	rt_free(p->port);
}
