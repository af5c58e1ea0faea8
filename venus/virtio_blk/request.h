/*
 * A virtio-blk request as the driver checks and builds it (virtio 1.x, 5.2.6): the client's
 * range checked against the disk and its buffer, the buffer's bytes split into one descriptor
 * per run of physically contiguous pages. Pure C, host-tested.
 */
#ifndef VENUS_VIRTIO_BLK_REQUEST_H
#define VENUS_VIRTIO_BLK_REQUEST_H

#include <stdbool.h>
#include <stdint.h>

#include "venus/virtio/virtq.h"

#define BLK_SECTOR_SIZE 512u     /* virtio-blk counts in 512-byte sectors, always */
#define BLK_PAGE_SIZE 4096u
#define BLK_BUFFER_PAGES 4u      /* block.ipc: a buffer is 1-4 pages */
#define BLK_MAX_SECTORS (BLK_BUFFER_PAGES * BLK_PAGE_SIZE / BLK_SECTOR_SIZE)
/* A request's descriptors: the header, at most one per buffer page, the status byte. */
#define BLK_MAX_DESCRIPTORS (BLK_BUFFER_PAGES + 2)

/* struct virtio_blk_req's header and its types and statuses (5.2.6). */
struct blk_header {
	uint32_t type;
	uint32_t reserved;
	uint64_t sector;
};
#define BLK_T_IN 0
#define BLK_T_OUT 1
#define BLK_T_FLUSH 4
#define BLK_S_OK 0
#define BLK_S_IOERR 1
#define BLK_S_UNSUPP 2

enum blk_check {
	BLK_CHECK_OK = 0,
	BLK_CHECK_OUT_OF_RANGE, /* sectors outside the disk, or a count of 0 or above the most */
	BLK_CHECK_BAD_BUFFER,   /* the bytes do not fit the buffer, or the offset is unaligned */
};

/* `count` sectors from `sector` of a disk of `sectors`, at `offset` of a buffer of
 * `buffer_bytes`: what is wrong with it, the range first. */
int blk_check_request(uint64_t sectors, uint32_t buffer_bytes, uint32_t offset, uint64_t sector,
		      uint32_t count);

/*
 * The descriptors for `bytes` at `offset` of a buffer whose pages are at physical `phys`
 * (`pages` of them), in order, pages that follow each other physically in one descriptor;
 * returns how many (at most `pages`), 0 if the range is not inside the buffer.
 */
unsigned blk_data_buffers(const uint64_t *phys, unsigned pages, uint32_t offset, uint32_t bytes,
			  bool device_writes, struct virtq_buffer *out);

#endif
