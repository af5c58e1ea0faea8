/* DMA pages (dma.h). */
#include "venus/nvme/dma.h"

#include <helios/rt/invoke.h>
#include <helios/rt/mem.h>
#include <mercury/vm.h>

int nvme_dma_alloc(uint32_t count, struct nvme_dma *out)
{
	if (count == 0 || count > NVME_DMA_PAGES_MAX)
		return HELIOS_ERR_INVALID_PARAM;
	uintptr_t addr = 0;
	size_t bytes = (size_t)count * HELIOS_PAGE_SIZE;
	int err = mercury_vm_reserve(bytes, &addr);
	if (err)
		return err;
	err = rt_map_pages(addr, count, HELIOS_MAP_READ | HELIOS_MAP_WRITE, &out->first);
	if (err) {
		mercury_vm_release(addr, bytes);
		return err;
	}
	for (uint32_t i = 0; i < count; i++) {
		err = helios_page_info(out->first + i, &out->phys[i], NULL, NULL);
		/* The controller addresses whole pages: anything else is not a page we can use. */
		if (!err && out->phys[i] % HELIOS_PAGE_SIZE != 0)
			err = HELIOS_ERR_INVALID_PARAM;
		if (err) {
			rt_unmap_pages(out->first, count);
			mercury_vm_release(addr, bytes);
			return err;
		}
	}
	out->data = (uint8_t *)addr;
	out->count = count;
	return HELIOS_OK;
}
