/* Checking and building virtio-blk requests (request.h). */
#include "venus/virtio_blk/request.h"

int blk_check_request(uint64_t sectors, uint32_t buffer_bytes, uint32_t offset, uint64_t sector,
		      uint32_t count)
{
	if (count == 0 || count > BLK_MAX_SECTORS || sector >= sectors || count > sectors - sector)
		return BLK_CHECK_OUT_OF_RANGE;
	uint64_t end = (uint64_t)offset + (uint64_t)count * BLK_SECTOR_SIZE;
	if (offset % BLK_SECTOR_SIZE || end > buffer_bytes)
		return BLK_CHECK_BAD_BUFFER;
	return BLK_CHECK_OK;
}

unsigned blk_data_buffers(const uint64_t *phys, unsigned pages, uint32_t offset, uint32_t bytes,
			  bool device_writes, struct virtq_buffer *out)
{
	if (bytes == 0 || pages > BLK_BUFFER_PAGES ||
	    (uint64_t)offset + bytes > (uint64_t)pages * BLK_PAGE_SIZE)
		return 0;
	unsigned n = 0;
	while (bytes > 0) {
		unsigned page = offset / BLK_PAGE_SIZE, in_page = offset % BLK_PAGE_SIZE;
		uint32_t take = BLK_PAGE_SIZE - in_page;
		if (take > bytes)
			take = bytes;
		uint64_t addr = phys[page] + in_page;
		if (n > 0 && out[n - 1].addr + out[n - 1].len == addr)
			out[n - 1].len += take; /* physically contiguous with the last */
		else
			out[n++] = (struct virtq_buffer){ addr, take, device_writes };
		offset += take;
		bytes -= take;
	}
	return n;
}
