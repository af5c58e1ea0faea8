/*
 * arch_device_regions for aarch64: the device tree's devices and the memory map's MMIO, less
 * RAM and the kernel's own registers (fdt_devices.c).
 */
#include <stdint.h>

#include <helios/abi.h>
#include <helios/boot.h>

#include "boot/bootinfo.h"
#include "helios/arch/aarch64/devices.h"
#include "helios/kernel/arch.h"
#include "helios/kernel/kernel.h"

static const struct helios_boot_info *boot_info;
static const void *device_tree;
static const struct platform *platform;

void devices_init(const struct helios_boot_info *bi, const void *fdt, const struct platform *p)
{
	boot_info = bi;
	device_tree = fdt;
	platform = p;
}

int arch_device_regions(struct helios_init_region *out, unsigned max)
{
	if (device_tree == 0)
		return -1;
	unsigned dropped;
	int count = fdt_device_regions(device_tree, platform, bootinfo_regions(boot_info),
				       boot_info->mem_count, out, max, &dropped);
	if (dropped)
		kprintf("device regions: %u more than init's %u not given to init\n", dropped, max);
	return count;
}
