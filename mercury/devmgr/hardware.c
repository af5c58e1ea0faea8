/*
 * devmgr_hardware from the init info (hardware.h). Capabilities are only taken when the slot
 * really holds one of the type expected: aarch64's IO_CONTROL slot is empty.
 */
#include <stddef.h>
#include <stdint.h>

#include <helios/abi.h>
#include <helios/rt/syscall.h>
#include <mercury/module.h>

#include "mercury/devmgr/hardware.h"

static helios_caddr_t typed(helios_caddr_t slot, unsigned want)
{
	unsigned type;
	if (helios_identify(slot, &type, NULL) != HELIOS_OK || type != want)
		return HELIOS_CADDR_UNDEF;
	return slot;
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
	if (dt->pages.count == 0)
		return HELIOS_OK;
	if (dt->size > (uint64_t)dt->pages.count * HELIOS_PAGE_SIZE)
		return HELIOS_ERR_INVALID_PARAM;
	struct mercury_mapping m;
	int err = mercury_map_copies(dt->pages.first, dt->pages.count, HELIOS_MAP_READ, &m);
	if (err)
		return err;
	hw->devicetree = m.data;
	hw->devicetree_size = dt->size;
	return HELIOS_OK;
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
