/*
 * PCI enumeration over a pci_config (pci.h): every bus reachable from the first one through
 * bridges, every device and function, what each one is and its BARs with their sizes. Pure C,
 * host-tested against a fake configuration space.
 */
#ifndef MERCURY_DEVMGR_PCI_ENUM_H
#define MERCURY_DEVMGR_PCI_ENUM_H

#include <stdbool.h>
#include <stdint.h>

#include "mercury/devmgr/pci.h"

#define PCI_MAX_BARS 6

enum pci_bar_kind {
	PCI_BAR_IO = 1,
	PCI_BAR_MEM32 = 2,
	PCI_BAR_MEM64 = 3, /* takes its BAR and the next one */
};

struct pci_bar {
	uint8_t index; /* 0-5: which BAR register (the low half's, for MEM64) */
	uint8_t kind;  /* enum pci_bar_kind */
	bool prefetchable;
	uint64_t base; /* as the firmware left it (0: not assigned) */
	uint64_t size; /* a power of two */
};

struct pci_device {
	struct pci_address address;
	uint16_t vendor, device;
	uint8_t class_code, subclass, prog_if, revision;
	uint8_t header_type;            /* layout, without the multi-function bit */
	uint8_t interrupt_pin;          /* 0 none, 1-4 INTA-INTD (other values as read) */
	uint8_t interrupt_line;         /* what the firmware wrote (x86_64: the ISA IRQ) */
	uint32_t interrupt_id;          /* aarch64: the GIC ID the device tree routes it to; 0:
					 * not routed (see pci_irq_at_root) */
	uint8_t secondary_bus, subordinate_bus; /* bridges only */
	uint8_t bar_count;
	struct pci_bar bars[PCI_MAX_BARS];
};

struct pci_enum_result {
	unsigned count;       /* devices written to out */
	unsigned dropped;     /* found but beyond max */
	unsigned buses;       /* buses scanned */
	unsigned bad_bridges; /* bridges whose secondary bus was not followed (0, out of range,
			       * or a bus already scanned: loops end there) */
};

/*
 * Scans from c->bus_first: every function found goes to out (up to max), in bus order of
 * discovery, then device and function order; bridges' secondary buses are scanned after the
 * bus they are on, each bus at most once. BARs are sized with decoding switched off in the
 * command register (restored after). Always ends: at most PCI_BUSES buses are scanned.
 */
void pci_enumerate(const struct pci_config *c, struct pci_device *out, unsigned max,
		   struct pci_enum_result *result);

/* The BARs of the function at `a`, whose header has `count` (at most PCI_MAX_BARS) of them,
 * into out; returns how many are implemented. */
unsigned pci_probe_bars(const struct pci_config *c, struct pci_address a, unsigned count,
			struct pci_bar *out);

/*
 * Where the legacy interrupt `pin` (1-4) of devices[index] enters the host bridge: for a
 * function behind bridges, the pin is swizzled at each bridge ((pin - 1 + device) % 4 + 1, the
 * PCI-to-PCI bridge rule) and carried to the bridge's own address, until an address on
 * root_bus. false when the pin is not 1-4 or a bus on the way has no bridge in devices.
 * Always ends: at most PCI_BUSES hops.
 */
bool pci_irq_at_root(const struct pci_device *devices, unsigned count, unsigned index,
		     uint8_t root_bus, struct pci_address *at, uint8_t *pin);

/* The interrupt a function raises, as the kernel numbers it: the device tree's routing where
 * there was one (interrupt_id), else the line the firmware wrote (x86_64 pc: an ISA IRQ); 0
 * when it has none or it is not routed. */
uint32_t pci_device_interrupt(const struct pci_device *d);

#endif
