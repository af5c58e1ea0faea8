/*
 * The drivers the device manager can start: every ELF file of the initramfs under
 * DEVMGR_DRIVER_DIR whose `.ares.manifest` section parses (docs/mercury.md, "Driver
 * manifests"). A file without a good manifest is reported and left out; nothing in it is
 * trusted beyond what the manifest parser checked.
 */
#ifndef MERCURY_DEVMGR_DRIVERS_H
#define MERCURY_DEVMGR_DRIVERS_H

#include <stddef.h>

#include "mercury/manifest/manifest.h"
#include "mercury/tar/tar.h"

#define DEVMGR_DRIVER_DIR "lib/drivers/"
#define DEVMGR_MAX_DRIVERS 16

struct devmgr_driver {
	char path[TAR_NAME_MAX + 1];
	const void *image; /* the ELF file, inside the initramfs */
	size_t image_size;
	struct mercury_manifest manifest;
};

/* Reads the archive's drivers into out (at most max); returns how many. Each file refused is
 * one line: `devmgr: PATH: <why>` (and `manifest:LINE: message` for each error). */
unsigned devmgr_drivers_load(const void *archive, size_t size, struct devmgr_driver *out,
			     unsigned max);

#endif
