/*
 * Where a virtio-pci device's registers are (virtio 1.x, 4.1.4 "Virtio Structure PCI
 * Capabilities"): its vendor capabilities name, for each structure, a BAR, an offset and a
 * length. The device manager hands a driver those capabilities' bytes in its environment
 * (PCI_VENDOR_CAPS, hex, comma-separated: mercury/devmgr/pci_caps.h); this parses them. Pure C,
 * host-tested; nothing in the text is trusted.
 */
#ifndef VENUS_VIRTIO_CAPS_H
#define VENUS_VIRTIO_CAPS_H

#include <stdbool.h>
#include <stdint.h>

#define VIRTIO_PCI_CAP_VENDOR 0x09
#define VIRTIO_PCI_CAP_COMMON 1
#define VIRTIO_PCI_CAP_NOTIFY 2
#define VIRTIO_PCI_CAP_ISR 3
#define VIRTIO_PCI_CAP_DEVICE 4
#define VIRTIO_PCI_CAP_LEN 16        /* struct virtio_pci_cap */
#define VIRTIO_PCI_NOTIFY_CAP_LEN 20 /* ... and notify_off_multiplier */
#define VIRTIO_PCI_BARS 6
#define VIRTIO_PCI_CAP_BYTES_MAX 64 /* what the device manager passes on of one */

struct virtio_pci_region {
	bool present;
	uint8_t bar;     /* 0-5 */
	uint32_t offset; /* in the BAR; offset + length fits 32 bits */
	uint32_t length;
};

struct virtio_pci_layout {
	struct virtio_pci_region common, notify, isr, device;
	uint32_t notify_multiplier; /* bytes between queues' notify addresses */
};

enum virtio_caps_status {
	VIRTIO_CAPS_OK = 0,
	VIRTIO_CAPS_MALFORMED, /* not hex bytes in comma-separated groups of at most 64 */
	VIRTIO_CAPS_MISSING,   /* no common, notify or ISR structure */
};

/*
 * Reads `text` (the environment value: "" or "hex,hex,..."). For each structure type the
 * first usable capability is taken (4.1.4: the driver uses the first it can); a capability
 * is left out when it is not vendor-specific, its length byte disagrees with its bytes, it is
 * shorter than its type needs, its BAR is not 0-5 (reserved values), its offset + length
 * overflows 32 bits, or its type is one this transport does not use. *out is zeroed first.
 */
int virtio_pci_caps_parse(const char *text, struct virtio_pci_layout *out);

#endif
