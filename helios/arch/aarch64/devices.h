/* The device regions init gets (arch_device_regions, devices.c): what arch.c tells it. */
#ifndef HELIOS_ARCH_AARCH64_DEVICES_H
#define HELIOS_ARCH_AARCH64_DEVICES_H

#include <helios/boot.h>

#include "helios/arch/aarch64/aarch64.h"

/*
 * The boot info, the device tree (NULL if there is none: the kernel then falls back to the
 * memory map's gaps) and what was found in it; all must stay readable until init is built.
 */
void devices_init(const struct helios_boot_info *bi, const void *fdt, const struct platform *p);

#endif
