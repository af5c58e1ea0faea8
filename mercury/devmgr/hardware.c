/*
 * devmgr_hardware from the init info or from the startup block sysinit wrote (hardware.h).
 * Capabilities are only taken when the slot really holds one of the type expected: aarch64's
 * IO_CONTROL slot is empty.
 */
#include <stddef.h>
#include <stdint.h>

#include <helios/abi.h>
#include <helios/rt/invoke.h>
#include <helios/rt/syscall.h>
#include <mercury/module.h>
#include <mercury/program.h>

#include "mercury/devmgr/hardware.h"

static helios_caddr_t typed(helios_caddr_t slot, unsigned want)
{
	unsigned type;
	if (helios_identify(slot, &type, NULL) != HELIOS_OK || type != want)
		return HELIOS_CADDR_UNDEF;
	return slot;
}

/* The size a flattened device tree's header gives (big-endian totalsize, at byte 4). */
static uint64_t fdt_total_size(const void *blob)
{
	const uint8_t *b = blob;
	return (uint64_t)b[4] << 24 | (uint64_t)b[5] << 16 | (uint64_t)b[6] << 8 | b[7];
}

/* Maps the device tree's pages read-only; size 0: take it from the tree's header. */
static int map_device_tree(struct devmgr_hardware *hw, struct helios_cap_range pages,
			   uint64_t size)
{
	if (pages.count == 0)
		return HELIOS_OK;
	if (size > (uint64_t)pages.count * HELIOS_PAGE_SIZE)
		return HELIOS_ERR_INVALID_PARAM;
	struct mercury_mapping m;
	int err = mercury_map_copies(pages.first, pages.count, HELIOS_MAP_READ, &m);
	if (err)
		return err;
	uint64_t mapped = (uint64_t)pages.count * HELIOS_PAGE_SIZE;
	if (size == 0)
		size = fdt_total_size(m.data);
	if (size > mapped)
		size = mapped; /* the walk then finds the tree cut short and says so */
	hw->devicetree = m.data;
	hw->devicetree_size = size;
	return HELIOS_OK;
}

int devmgr_hardware_from_init(const struct helios_init_info *info, struct devmgr_hardware *hw)
{
	*hw = (struct devmgr_hardware){0};
	hw->io_control = typed(HELIOS_INIT_IO_CONTROL, HELIOS_CAP_IO_CONTROL);
	hw->irq_control = typed(HELIOS_INIT_IRQ_CONTROL, HELIOS_CAP_IRQ_CONTROL);
	hw->asid_pool = typed(HELIOS_INIT_ASID_POOL, HELIOS_CAP_ASID_POOL);
	uint32_t count = info->device_memory.count;
	if (count > DEVMGR_MAX_DEVICE_MEMORY)
		count = DEVMGR_MAX_DEVICE_MEMORY;
	for (uint32_t i = 0; i < count; i++)
		hw->device_memory[hw->device_memory_count++] = (struct devmgr_device_memory){
			info->device_memory.first + i, info->device_regions[i].base,
			info->device_regions[i].size};
	const struct helios_init_module *dt = &info->device_tree;
	return map_device_tree(hw, dt->pages, dt->size);
}

/* A DEVICE_MEMORY capability and its region, while there is room; anything else is left. */
static void add_device_memory(struct devmgr_hardware *hw, helios_caddr_t cap)
{
	if (cap == HELIOS_CADDR_UNDEF || hw->device_memory_count >= DEVMGR_MAX_DEVICE_MEMORY)
		return;
	struct devmgr_device_memory *d = &hw->device_memory[hw->device_memory_count];
	d->cap = cap;
	if (helios_device_memory_info(cap, &d->base, &d->size) == HELIOS_OK)
		hw->device_memory_count++;
}

int devmgr_hardware_from_startup(struct devmgr_hardware *hw)
{
	*hw = (struct devmgr_hardware){0};
	hw->io_control = typed(mercury_cap(MERCURY_CAP_IO_CONTROL), HELIOS_CAP_IO_CONTROL);
	hw->irq_control = typed(mercury_cap(MERCURY_CAP_IRQ_CONTROL), HELIOS_CAP_IRQ_CONTROL);
	hw->asid_pool = typed(mercury_cap(MERCURY_CAP_ASID_POOL), HELIOS_CAP_ASID_POOL);
	struct helios_cap_range memory = mercury_cap_range(MERCURY_CAP_DEVICE_MEMORY);
	for (uint32_t i = 0; i < memory.count; i++)
		add_device_memory(hw, memory.first + i);
	/* aarch64: the console UART's page, handed over by sysinit; a driver matching the UART's
	 * device-tree node gets it as that node's reg like any other device's. */
	add_device_memory(hw, mercury_cap(MERCURY_CAP_CONSOLE_MEMORY));
	/* The tree's size is in its header: map the pages, then believe the header only as far
	 * as the pages go. */
	struct helios_cap_range dt = mercury_cap_range(MERCURY_CAP_DEVICE_TREE);
	return map_device_tree(hw, dt, 0);
}

helios_caddr_t devmgr_device_memory_find(const struct devmgr_hardware *hw, uint64_t phys,
					 uint64_t size, uint64_t *offset)
{
	for (unsigned i = 0; i < hw->device_memory_count; i++) {
		const struct devmgr_device_memory *d = &hw->device_memory[i];
		if (phys >= d->base && phys - d->base < d->size && size <= d->size - (phys - d->base)) {
			*offset = phys - d->base;
			return d->cap;
		}
	}
	return HELIOS_CADDR_UNDEF;
}
