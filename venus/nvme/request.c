/* Block requests checked (request.h). */
#include "venus/nvme/request.h"

enum nvme_request_verdict nvme_request_check(const struct nvme_geometry *g,
					     uint32_t buffer_bytes, uint32_t offset,
					     uint64_t sector, uint32_t count)
{
	if (buffer_bytes == 0)
		return NVME_REQUEST_BAD_BUFFER;
	if (count == 0 || count > g->max_sectors || sector >= g->sectors ||
	    count > g->sectors - sector)
		return NVME_REQUEST_OUT_OF_RANGE;
	if (offset % g->sector_size != 0 ||
	    (uint64_t)offset + (uint64_t)count * g->sector_size > buffer_bytes)
		return NVME_REQUEST_BAD_BUFFER;
	return NVME_REQUEST_OK;
}
