/*
 * A block request checked against the namespace and the buffer it names, pure C
 * (host-tested), before anything reaches the controller.
 */
#ifndef VENUS_NVME_REQUEST_H
#define VENUS_NVME_REQUEST_H

#include <stdint.h>

/* What the driver serves (venus.block info). */
struct nvme_geometry {
	uint32_t sector_size; /* 512-4096, a power of two */
	uint64_t sectors;
	uint32_t max_sectors; /* at most a buffer's 16 KiB, and what the controller takes */
};

enum nvme_request_verdict {
	NVME_REQUEST_OK,
	NVME_REQUEST_OUT_OF_RANGE, /* sectors outside the namespace, count 0 or > max_sectors */
	NVME_REQUEST_BAD_BUFFER,   /* no such buffer, or the bytes do not fit in it */
};

/* buffer_bytes: the named buffer's size, 0 when there is no such buffer. */
enum nvme_request_verdict nvme_request_check(const struct nvme_geometry *g,
					     uint32_t buffer_bytes, uint32_t offset,
					     uint64_t sector, uint32_t count);

#endif
