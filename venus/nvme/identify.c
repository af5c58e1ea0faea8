/* Identify data read and checked (identify.h). */
#include "venus/nvme/identify.h"

#include "venus/nvme/nvme_spec.h"
#include "venus/nvme/prp.h"

#define BUFFER_BYTES (NVME_BUFFER_PAGES_MAX * NVME_PAGE_SIZE)
#define SECTOR_SHIFT_MIN 9
#define SECTOR_SHIFT_MAX 12

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const uint8_t *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* An ASCII field, space padded, as a C string. */
static void copy_text(char *dst, const uint8_t *src, unsigned len)
{
	unsigned n = len;
	while (n > 0 && (src[n - 1] == ' ' || src[n - 1] == 0))
		n--;
	for (unsigned i = 0; i < n; i++)
		dst[i] = (src[i] >= 0x20 && src[i] < 0x7f) ? (char)src[i] : '?';
	dst[n] = 0;
}

void nvme_identify_controller_parse(const uint8_t *data, struct nvme_controller_info *out)
{
	copy_text(out->serial, data + NVME_IDC_SERIAL, NVME_IDC_SERIAL_LEN);
	copy_text(out->model, data + NVME_IDC_MODEL, NVME_IDC_MODEL_LEN);
	out->mdts = data[NVME_IDC_MDTS];
	out->namespaces = le32(data + NVME_IDC_NN);
	out->volatile_cache = data[NVME_IDC_VWC] & 1;
}

enum nvme_identify_error nvme_identify_namespace_parse(const uint8_t *data, uint8_t mdts,
						       uint32_t mpsmin,
						       struct nvme_geometry *out)
{
	uint64_t sectors = le64(data + NVME_IDN_NSZE);
	if (sectors == 0)
		return NVME_IDENTIFY_EMPTY;
	unsigned format = data[NVME_IDN_FLBAS] & 0xf;
	if (format > data[NVME_IDN_NLBAF])
		return NVME_IDENTIFY_BAD_FORMAT;
	unsigned shift = (le32(data + NVME_IDN_LBAF + 4 * format) >> 16) & 0xff;
	if (shift < SECTOR_SHIFT_MIN || shift > SECTOR_SHIFT_MAX)
		return NVME_IDENTIFY_BAD_SECTOR;
	uint32_t sector_size = 1u << shift;
	uint64_t max_bytes = BUFFER_BYTES;
	/* MDTS counts pages of the minimum size (4 KiB or more, so it always holds a sector);
	 * limits beyond 16 KiB change nothing. */
	if (mdts != 0 && mdts + 12 + mpsmin < 20) {
		uint64_t limit = 1ull << (mdts + 12 + mpsmin);
		if (limit < max_bytes)
			max_bytes = limit;
	}
	out->sector_size = sector_size;
	out->sectors = sectors;
	out->max_sectors = (uint32_t)(max_bytes / sector_size);
	return NVME_IDENTIFY_OK;
}

const char *nvme_identify_error_name(enum nvme_identify_error e)
{
	switch (e) {
	case NVME_IDENTIFY_OK:
		return "ok";
	case NVME_IDENTIFY_EMPTY:
		return "namespace of size 0";
	case NVME_IDENTIFY_BAD_FORMAT:
		return "LBA format in use beyond those reported";
	case NVME_IDENTIFY_BAD_SECTOR:
		return "sector size outside 512-4096 bytes";
	}
	return "?";
}
