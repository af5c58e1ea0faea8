/*
 * Identify data (controller, namespace) read into what the driver needs, pure C
 * (host-tested). The data is the device's: every field is checked before it is used.
 */
#ifndef VENUS_NVME_IDENTIFY_H
#define VENUS_NVME_IDENTIFY_H

#include <stdbool.h>
#include <stdint.h>

#include "venus/nvme/request.h"

struct nvme_controller_info {
	char serial[21]; /* trailing spaces cut, non-printable bytes as '?' */
	char model[41];
	uint8_t mdts;        /* max transfer: 2^mdts minimum-size pages, 0: no limit */
	uint32_t namespaces; /* NN */
	bool volatile_cache;
};

void nvme_identify_controller_parse(const uint8_t *data, struct nvme_controller_info *out);

enum nvme_identify_error {
	NVME_IDENTIFY_OK,
	NVME_IDENTIFY_EMPTY,          /* size 0: no namespace */
	NVME_IDENTIFY_BAD_FORMAT,     /* the format in use is beyond the formats reported */
	NVME_IDENTIFY_BAD_SECTOR,     /* sector size outside 512-4096 bytes */
};

/*
 * The namespace's geometry: its sector size from the format in use, its size, and the most
 * sectors one request moves (a 16 KiB buffer, and MDTS in pages of 2^(12 + mpsmin) bytes).
 */
enum nvme_identify_error nvme_identify_namespace_parse(const uint8_t *data, uint8_t mdts,
						       uint32_t mpsmin,
						       struct nvme_geometry *out);
const char *nvme_identify_error_name(enum nvme_identify_error e);

#endif
