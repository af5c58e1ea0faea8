/*
 * The checked wrappers of pci.h: every access is aligned, inside the function's space and
 * on a bus the backend reaches before the backend sees it.
 */
#include <stdbool.h>
#include <stdint.h>

#include "mercury/devmgr/pci.h"

static bool reachable(const struct pci_config *c, struct pci_address a, unsigned offset,
		      unsigned width)
{
	return a.device < PCI_DEVICES_PER_BUS && a.function < PCI_FUNCTIONS_PER_DEVICE &&
	       a.bus >= c->bus_first && a.bus <= c->bus_last && offset % width == 0 &&
	       offset < c->space_size && c->space_size - offset >= width;
}

static uint32_t config_read(const struct pci_config *c, struct pci_address a, unsigned offset,
			    unsigned width)
{
	uint32_t ones = width == 4 ? 0xffffffffu : (1u << (width * 8)) - 1;
	if (!reachable(c, a, offset, width))
		return ones;
	return c->ops->read(c->ctx, a, offset, width) & ones;
}

static void config_write(const struct pci_config *c, struct pci_address a, unsigned offset,
			 unsigned width, uint32_t value)
{
	if (reachable(c, a, offset, width))
		c->ops->write(c->ctx, a, offset, width, value);
}

uint8_t pci_read8(const struct pci_config *c, struct pci_address a, unsigned offset)
{
	return (uint8_t)config_read(c, a, offset, 1);
}

uint16_t pci_read16(const struct pci_config *c, struct pci_address a, unsigned offset)
{
	return (uint16_t)config_read(c, a, offset, 2);
}

uint32_t pci_read32(const struct pci_config *c, struct pci_address a, unsigned offset)
{
	return config_read(c, a, offset, 4);
}

void pci_write8(const struct pci_config *c, struct pci_address a, unsigned offset, uint8_t v)
{
	config_write(c, a, offset, 1, v);
}

void pci_write16(const struct pci_config *c, struct pci_address a, unsigned offset, uint16_t v)
{
	config_write(c, a, offset, 2, v);
}

void pci_write32(const struct pci_config *c, struct pci_address a, unsigned offset, uint32_t v)
{
	config_write(c, a, offset, 4, v);
}
