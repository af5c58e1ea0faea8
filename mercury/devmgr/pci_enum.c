/*
 * Enumeration (pci_enum.h): a queue of buses to scan, each bus entering it at most once, so a
 * bridge pointing back at a scanned bus (a loop, or bogus numbers) ends there.
 */
#include <stdbool.h>
#include <stdint.h>

#include "mercury/devmgr/pci_enum.h"

struct scan {
	const struct pci_config *c;
	struct pci_device *out;
	unsigned max;
	struct pci_enum_result *result;
	bool queued[PCI_BUSES];
	uint8_t queue[PCI_BUSES];
	unsigned head, tail;
};

static bool present(const struct pci_config *c, struct pci_address a)
{
	uint16_t vendor = pci_read16(c, a, PCI_VENDOR_ID);
	return vendor != PCI_VENDOR_NONE && vendor != 0;
}

static void queue_bus(struct scan *s, unsigned bus)
{
	if (s->queued[bus])
		return;
	s->queued[bus] = true;
	s->queue[s->tail++] = (uint8_t)bus;
}

static unsigned bars_of_layout(unsigned layout)
{
	switch (layout) {
	case PCI_HEADER_DEVICE: return 6;
	case PCI_HEADER_BRIDGE: return 2;
	case PCI_HEADER_CARDBUS: return 1;
	default: return 0; /* unknown layout: do not write to it */
	}
}

/* A bridge's secondary bus joins the queue if it is a bus this access reaches, not yet seen. */
static void follow_bridge(struct scan *s, const struct pci_device *d)
{
	unsigned bus = d->secondary_bus;
	if (bus == 0 || bus < s->c->bus_first || bus > s->c->bus_last || s->queued[bus]) {
		s->result->bad_bridges++;
		return;
	}
	queue_bus(s, bus);
}

static void read_function(const struct pci_config *c, struct pci_address a,
			  struct pci_device *d)
{
	*d = (struct pci_device){.address = a};
	d->vendor = pci_read16(c, a, PCI_VENDOR_ID);
	d->device = pci_read16(c, a, PCI_DEVICE_ID);
	d->revision = pci_read8(c, a, PCI_REVISION);
	d->prog_if = pci_read8(c, a, PCI_PROG_IF);
	d->subclass = pci_read8(c, a, PCI_SUBCLASS);
	d->class_code = pci_read8(c, a, PCI_CLASS);
	d->header_type = PCI_HEADER_LAYOUT(pci_read8(c, a, PCI_HEADER_TYPE));
	d->interrupt_line = pci_read8(c, a, PCI_INTERRUPT_LINE);
	d->interrupt_pin = pci_read8(c, a, PCI_INTERRUPT_PIN);
	if (d->header_type == PCI_HEADER_BRIDGE) {
		d->secondary_bus = pci_read8(c, a, PCI_SECONDARY_BUS);
		d->subordinate_bus = pci_read8(c, a, PCI_SUBORDINATE_BUS);
	}
	d->bar_count = (uint8_t)pci_probe_bars(c, a, bars_of_layout(d->header_type), d->bars);
}

static void add_function(struct scan *s, struct pci_address a)
{
	struct pci_device scratch, *d = &scratch;
	if (s->result->count < s->max)
		d = &s->out[s->result->count++];
	else
		s->result->dropped++;
	read_function(s->c, a, d);
	if (d->header_type == PCI_HEADER_BRIDGE)
		follow_bridge(s, d);
}

static void scan_bus(struct scan *s, uint8_t bus)
{
	for (uint8_t dev = 0; dev < PCI_DEVICES_PER_BUS; dev++) {
		struct pci_address a = {bus, dev, 0};
		if (!present(s->c, a))
			continue;
		uint8_t header = pci_read8(s->c, a, PCI_HEADER_TYPE);
		unsigned functions = header & PCI_HEADER_MULTIFUNCTION ? PCI_FUNCTIONS_PER_DEVICE : 1;
		for (uint8_t fn = 0; fn < functions; fn++) {
			a.function = fn;
			if (present(s->c, a))
				add_function(s, a);
		}
	}
}

void pci_enumerate(const struct pci_config *c, struct pci_device *out, unsigned max,
		   struct pci_enum_result *result)
{
	struct scan s = {.c = c, .out = out, .max = max, .result = result};
	*result = (struct pci_enum_result){0};
	if (c->bus_first > c->bus_last)
		return;
	queue_bus(&s, c->bus_first);
	while (s.head < s.tail) {
		scan_bus(&s, s.queue[s.head++]);
		result->buses++;
	}
}
