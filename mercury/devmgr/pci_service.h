/* venus.pci, the enumeration's results as a service (pci_service.c). */
#ifndef MERCURY_DEVMGR_PCI_SERVICE_H
#define MERCURY_DEVMGR_PCI_SERVICE_H

#include <stdint.h>

#include <helios/abi.h>

#include "mercury/devmgr/pci_enum.h"

/* Serves `found` (count functions, kept as they are) from a thread at `priority` and publishes
 * it in the registry (UNDEF: not published). A helios_error, said on the console. */
int devmgr_pci_service_start(const struct pci_device *found, unsigned count,
			     helios_caddr_t registry, uint64_t priority);

#endif
