/*
 * A legacy interrupt's way to the host bridge (pci_enum.h): bridges do not route INTx, they
 * pass their secondary bus's pins on, rotated by the device number, as their own.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mercury/devmgr/pci_enum.h"

#define PCI_PINS 4

/* The bridge in devices whose secondary bus is `bus`; NULL when there is none. */
static const struct pci_device *bridge_to(const struct pci_device *devices, unsigned count,
					  uint8_t bus)
{
	for (unsigned i = 0; i < count; i++)
		if (devices[i].header_type == PCI_HEADER_BRIDGE && devices[i].secondary_bus == bus)
			return &devices[i];
	return NULL;
}

bool pci_irq_at_root(const struct pci_device *devices, unsigned count, unsigned index,
		     uint8_t root_bus, struct pci_address *at, uint8_t *pin)
{
	if (index >= count)
		return false;
	struct pci_address a = devices[index].address;
	unsigned p = devices[index].interrupt_pin;
	if (p < 1 || p > PCI_PINS)
		return false;
	/* Each hop leaves a bus for the one above; a loop of bridges runs out of hops. */
	for (unsigned hops = 0; a.bus != root_bus; hops++) {
		const struct pci_device *bridge = bridge_to(devices, count, a.bus);
		if (bridge == NULL || hops == PCI_BUSES)
			return false;
		p = (p - 1 + a.device) % PCI_PINS + 1;
		a = bridge->address;
	}
	*at = a;
	*pin = (uint8_t)p;
	return true;
}

uint32_t pci_device_interrupt(const struct pci_device *d)
{
	if (d->interrupt_id)
		return d->interrupt_id;
	if (d->interrupt_pin && d->interrupt_line != 0xff && d->interrupt_line != 0)
		return d->interrupt_line;
	return 0;
}
