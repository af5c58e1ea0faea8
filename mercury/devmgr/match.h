/* Matching the drivers' manifests against what was enumerated (match.c). */
#ifndef MERCURY_DEVMGR_MATCH_H
#define MERCURY_DEVMGR_MATCH_H

#include "mercury/devmgr/instance.h"

/* What the enumeration found. */
struct devmgr_found {
	const struct pci_device *pci;
	unsigned pci_count;
	const struct dt_device *dt;
	unsigned dt_count;
};

/* An instance in out (at most max) for each device a driver takes, then for each `match
 * none` driver; returns how many. Only `driver`, `device`, `ordinal` and `label` are set. */
unsigned devmgr_match(const struct devmgr_driver *drivers, unsigned driver_count,
		      const struct devmgr_found *found, struct devmgr_instance *out, unsigned max);

#endif
