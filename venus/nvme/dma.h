/*
 * Memory the controller reads and writes: fresh pages of the driver's own memory, mapped
 * read-write, with each page's physical address (PAGE_INFO) for the controller.
 */
#ifndef VENUS_NVME_DMA_H
#define VENUS_NVME_DMA_H

#include <stdint.h>

#include <helios/abi.h>

#define NVME_DMA_PAGES_MAX 8

struct nvme_dma {
	uint8_t *data; /* count pages, zeroed */
	uint32_t count;
	helios_caddr_t first; /* the pages' capabilities, consecutive */
	uint64_t phys[NVME_DMA_PAGES_MAX];
};

/* A helios_error (or MERCURY_ERR_*); on failure nothing stays allocated. */
int nvme_dma_alloc(uint32_t count, struct nvme_dma *out);

static inline void *nvme_dma_page(const struct nvme_dma *d, unsigned i)
{
	return d->data + (uint64_t)i * HELIOS_PAGE_SIZE;
}

#endif
