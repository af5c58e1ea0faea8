/*
 * The two real ways of reaching PCI configuration space, as pci_config backends (pci.h):
 * configuration mechanism #1 through I/O ports (pci_ports.c, x86_64) and ECAM through device
 * memory (pci_ecam.c). An access that fails reads all ones and the first error is kept.
 */
#ifndef MERCURY_DEVMGR_PCI_ACCESS_H
#define MERCURY_DEVMGR_PCI_ACCESS_H

#include <stdint.h>

#include <helios/abi.h>

#include "mercury/devmgr/dt.h"
#include "mercury/devmgr/hardware.h"
#include "mercury/devmgr/pci.h"

struct pci_ports {
	helios_caddr_t port; /* IO_PORT for 0xCF8-0xCFF */
	int error;
};

/* Issues the ports from io_control; *config reaches buses 0-255. A helios_error. */
int pci_ports_open(helios_caddr_t io_control, struct pci_ports *p, struct pci_config *config);
void pci_ports_close(struct pci_ports *p);

/* One function's 4 KiB of the ECAM window is mapped at a time, at one reserved address. */
struct pci_ecam {
	const struct devmgr_hardware *hw;
	struct dt_pci_ecam window;
	uintptr_t vaddr;
	helios_caddr_t page; /* the slot of the mapped page */
	int mapped;
	struct pci_address current;
	int error;
};

/* *config reaches the window's buses. A helios_error; MERCURY_ERR_NOT_FOUND when no device
 * memory capability covers the window. */
int pci_ecam_open(const struct devmgr_hardware *hw, const struct dt_pci_ecam *window,
		  struct pci_ecam *e, struct pci_config *config);
void pci_ecam_close(struct pci_ecam *e);

#endif
