/*
 * The hardware capabilities the device manager works with, in one place, whoever handed them
 * over: sysinit, in the startup block (devmgr_hardware_from_startup), or the kernel's init info
 * when devmgr is booted as init (devmgr_hardware_from_init; its enumeration tests do that).
 */
#ifndef MERCURY_DEVMGR_HARDWARE_H
#define MERCURY_DEVMGR_HARDWARE_H

#include <stddef.h>
#include <stdint.h>

#include <helios/abi.h>
#include <mercury/caps.h>

#define DEVMGR_MAX_DEVICE_MEMORY HELIOS_INIT_MAX_DEVICE

/* A DEVICE_MEMORY capability and the physical range it covers. */
struct devmgr_device_memory {
	helios_caddr_t cap;
	uint64_t base, size;
};

struct devmgr_hardware {
	helios_caddr_t io_control;  /* IO_CONTROL (x86_64); HELIOS_CADDR_UNDEF: none */
	helios_caddr_t irq_control; /* IRQ_CONTROL; HELIOS_CADDR_UNDEF: none */
	helios_caddr_t asid_pool;   /* for the drivers' address spaces; UNDEF: none */
	unsigned device_memory_count;
	struct devmgr_device_memory device_memory[DEVMGR_MAX_DEVICE_MEMORY];
	const void *devicetree;     /* the flattened device tree, mapped read-only; NULL: none */
	size_t devicetree_size;
};

/* Fills hw from the startup block's capabilities named in <mercury/caps.h> (devmgr started by
 * sysinit with `hardware`): each device memory capability's region from DEVICE_MEMORY_INFO (the range,
 * then the console's page when sysinit handed it over), the device
 * tree's size from its header. A helios_error as from_init. */
int devmgr_hardware_from_startup(struct devmgr_hardware *hw);

/* Fills hw from the init info (mapping the device tree's pages). A helios_error; the rest
 * of hw is usable when only the device tree could not be mapped (devicetree NULL). */
int devmgr_hardware_from_init(const struct helios_init_info *info, struct devmgr_hardware *hw);

/* The device memory capability covering [phys, phys + size), and phys's offset in it;
 * HELIOS_CADDR_UNDEF when none covers all of it. */
helios_caddr_t devmgr_device_memory_find(const struct devmgr_hardware *hw, uint64_t phys,
					 uint64_t size, uint64_t *offset);

#endif
