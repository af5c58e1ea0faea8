/*
 * PCI configuration space access: one interface over the two ways of reaching it (x86_64 port
 * I/O at 0xCF8/0xCFC, pci_ports.c; memory-mapped ECAM, pci_ecam.c; a fake one in the host
 * tests). Register offsets of the standard header are here too. Pure C.
 */
#ifndef MERCURY_DEVMGR_PCI_H
#define MERCURY_DEVMGR_PCI_H

#include <stdbool.h>
#include <stdint.h>

#define PCI_DEVICES_PER_BUS 32
#define PCI_FUNCTIONS_PER_DEVICE 8
#define PCI_BUSES 256
#define PCI_LEGACY_SPACE_SIZE 256 /* bytes of a function's space through 0xCF8/0xCFC */
#define PCI_ECAM_SPACE_SIZE 4096  /* through ECAM (PCIe extended space) */

/* The standard header (type 0 and 1 share the first 16 bytes). */
#define PCI_VENDOR_ID 0x00
#define PCI_DEVICE_ID 0x02
#define PCI_COMMAND 0x04
#define PCI_REVISION 0x08
#define PCI_PROG_IF 0x09
#define PCI_SUBCLASS 0x0a
#define PCI_CLASS 0x0b
#define PCI_HEADER_TYPE 0x0e
#define PCI_BAR0 0x10
#define PCI_SECONDARY_BUS 0x19   /* type 1 (bridge) */
#define PCI_SUBORDINATE_BUS 0x1a /* type 1 */
#define PCI_INTERRUPT_LINE 0x3c
#define PCI_INTERRUPT_PIN 0x3d

#define PCI_COMMAND_IO 0x1u  /* decode I/O BARs */
#define PCI_COMMAND_MEM 0x2u /* decode memory BARs */
#define PCI_COMMAND_MASTER 0x4u /* the device may start transactions: DMA */
#define PCI_HEADER_LAYOUT(h) ((h)&0x7fu)
#define PCI_HEADER_MULTIFUNCTION 0x80u
#define PCI_HEADER_DEVICE 0    /* type 0: six BARs */
#define PCI_HEADER_BRIDGE 1    /* type 1, PCI-to-PCI bridge: two BARs and bus numbers */
#define PCI_HEADER_CARDBUS 2   /* type 2: one BAR */
#define PCI_VENDOR_NONE 0xffff /* what an absent function reads as */

struct pci_address {
	uint8_t bus, device, function; /* device < 32, function < 8 */
};

/*
 * A backend: read or write `width` (1, 2 or 4) bytes at `offset` of a function's space. The
 * wrappers below only call it with offset aligned to width and below the space's size, and
 * with device and function in range; a backend that cannot reach the function reads all ones
 * (what an absent device reads as) and drops writes.
 */
struct pci_config_ops {
	uint32_t (*read)(void *ctx, struct pci_address a, unsigned offset, unsigned width);
	void (*write)(void *ctx, struct pci_address a, unsigned offset, unsigned width,
		      uint32_t value);
};

struct pci_config {
	const struct pci_config_ops *ops;
	void *ctx;
	unsigned space_size;          /* PCI_LEGACY_SPACE_SIZE or PCI_ECAM_SPACE_SIZE */
	uint8_t bus_first, bus_last;  /* the buses this access reaches */
};

/* Misaligned or out-of-range reads give all ones, such writes are dropped. */
uint8_t pci_read8(const struct pci_config *c, struct pci_address a, unsigned offset);
uint16_t pci_read16(const struct pci_config *c, struct pci_address a, unsigned offset);
uint32_t pci_read32(const struct pci_config *c, struct pci_address a, unsigned offset);
void pci_write8(const struct pci_config *c, struct pci_address a, unsigned offset, uint8_t v);
void pci_write16(const struct pci_config *c, struct pci_address a, unsigned offset, uint16_t v);
void pci_write32(const struct pci_config *c, struct pci_address a, unsigned offset, uint32_t v);

#endif
