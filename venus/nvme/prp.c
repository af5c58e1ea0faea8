/* PRP entries for a transfer (prp.h). */
#include "venus/nvme/prp.h"

int nvme_prp_build(const uint64_t *pages, unsigned count, uint32_t offset, uint32_t length,
		   uint64_t list_phys, struct nvme_prp *out)
{
	if (count == 0 || count > NVME_BUFFER_PAGES_MAX || length == 0)
		return -1;
	uint64_t end = (uint64_t)offset + length;
	if (end > (uint64_t)count * NVME_PAGE_SIZE)
		return -1;
	/* A list must fit in its page: a slot of NVME_PRP_LIST_MAX entries. */
	if ((list_phys & 7) != 0 ||
	    (list_phys % NVME_PAGE_SIZE) + sizeof(out->list) > NVME_PAGE_SIZE)
		return -1;
	for (unsigned i = 0; i < count; i++)
		if (pages[i] % NVME_PAGE_SIZE != 0)
			return -1;
	unsigned first = offset / NVME_PAGE_SIZE;
	unsigned last = (unsigned)((end - 1) / NVME_PAGE_SIZE);
	out->prp1 = pages[first] + offset % NVME_PAGE_SIZE;
	out->prp2 = 0;
	out->list_count = 0;
	if (last == first + 1) {
		out->prp2 = pages[last];
	} else if (last > first + 1) {
		for (unsigned p = first + 1; p <= last; p++)
			out->list[out->list_count++] = pages[p];
		out->prp2 = list_phys;
	}
	return 0;
}
