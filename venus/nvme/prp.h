/*
 * Physical Region Page entries for a transfer (NVMe 1.4, 4.3), pure C (host-tested): PRP1
 * points at the first byte, PRP2 at the second page when the transfer touches two, or at a
 * list of the pages after the first when it touches more. Pages are 4 KiB (CC.MPS = 0).
 */
#ifndef VENUS_NVME_PRP_H
#define VENUS_NVME_PRP_H

#include <stdint.h>

#define NVME_PAGE_SIZE 4096u
/* A client buffer is at most 4 pages: at most 3 entries after the first. */
#define NVME_BUFFER_PAGES_MAX 4
#define NVME_PRP_LIST_MAX (NVME_BUFFER_PAGES_MAX - 1)

struct nvme_prp {
	uint64_t prp1, prp2;
	unsigned list_count; /* entries the caller copies to list_phys (0: no list) */
	uint64_t list[NVME_PRP_LIST_MAX];
};

/*
 * The PRPs for `length` bytes at `offset` in a buffer of `count` pages whose physical
 * addresses are pages[] (each page-aligned). list_phys: where the caller puts the list
 * (8-byte aligned, not crossing a page). 0, or -1 when the arguments do not describe such a
 * transfer (length 0, past the buffer, an unaligned page or list): nothing is built.
 */
int nvme_prp_build(const uint64_t *pages, unsigned count, uint32_t offset, uint32_t length,
		   uint64_t list_phys, struct nvme_prp *out);

#endif
