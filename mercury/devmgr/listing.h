/*
 * The listing's lines (README.md, "The listing"): one per device, stable and greppable.
 * Pure C, host-tested.
 */
#ifndef MERCURY_DEVMGR_LISTING_H
#define MERCURY_DEVMGR_LISTING_H

#include <stddef.h>

#include "mercury/devmgr/dt.h"
#include "mercury/devmgr/pci_enum.h"

#define DEVMGR_LINE_MAX 512

/* A device's line, without a newline, cut to fit size (always NUL-terminated). */
void devmgr_format_pci(char *buf, size_t size, const struct pci_device *d);
void devmgr_format_dt(char *buf, size_t size, const struct dt_device *d);

#endif
