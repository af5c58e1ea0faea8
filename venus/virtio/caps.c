/* virtio-pci capabilities from the device manager's hex text (caps.h). */
#include <stddef.h>
#include <string.h>

#include <base/fields.h>

#include "venus/virtio/caps.h"

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* One capability's bytes, as struct virtio_pci_cap says (4.1.4). */
static void take(const uint8_t *cap, size_t len, struct virtio_pci_layout *out)
{
	if (len < VIRTIO_PCI_CAP_LEN || cap[0] != VIRTIO_PCI_CAP_VENDOR || cap[2] != len)
		return;
	uint8_t type = cap[3], bar = cap[4];
	uint32_t offset = le32(cap + 8), length = le32(cap + 12);
	if (bar >= VIRTIO_PCI_BARS || (uint64_t)offset + length > UINT32_MAX)
		return;
	struct virtio_pci_region *r;
	switch (type) {
	case VIRTIO_PCI_CAP_COMMON:
		r = &out->common;
		break;
	case VIRTIO_PCI_CAP_NOTIFY:
		if (len < VIRTIO_PCI_NOTIFY_CAP_LEN)
			return;
		r = &out->notify;
		break;
	case VIRTIO_PCI_CAP_ISR:
		r = &out->isr;
		break;
	case VIRTIO_PCI_CAP_DEVICE:
		r = &out->device;
		break;
	default:
		return; /* PCI configuration access, shared memory, vendor data: not used */
	}
	if (r->present)
		return;
	*r = (struct virtio_pci_region){ true, bar, offset, length };
	if (type == VIRTIO_PCI_CAP_NOTIFY)
		out->notify_multiplier = le32(cap + 16);
}

int virtio_pci_caps_parse(const char *text, struct virtio_pci_layout *out)
{
	memset(out, 0, sizeof(*out));
	uint8_t cap[VIRTIO_PCI_CAP_BYTES_MAX];
	size_t len = 0;
	for (const char *p = text;; p += 2) {
		if (*p == ',' || *p == '\0') {
			if (len == 0 && (*p == ',' || p != text))
				return VIRTIO_CAPS_MALFORMED; /* an empty group */
			take(cap, len, out);
			len = 0;
			if (*p == '\0')
				break;
			p--; /* the loop's step skips the comma and lands on the next group */
			continue;
		}
		uint64_t byte;
		if (p[1] == '\0' || len == sizeof(cap) ||
		    !base_field_number((struct base_field){ p, 2 }, 16, 0xff, &byte))
			return VIRTIO_CAPS_MALFORMED;
		cap[len++] = (uint8_t)byte;
	}
	if (!out->common.present || !out->notify.present || !out->isr.present)
		return VIRTIO_CAPS_MISSING;
	return VIRTIO_CAPS_OK;
}
