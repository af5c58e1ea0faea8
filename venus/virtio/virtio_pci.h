/*
 * The modern virtio-pci transport (virtio 1.x, 4.1; no legacy interface) for a driver the
 * device manager started: the layout from its environment (caps.h), the BARs its manifest
 * names (`device bar N`, capabilities barN) mapped, then reset, feature negotiation, split
 * virtqueues in DMA memory of the driver's own, notifications, the ISR and the device-specific
 * configuration. Every offset the device reports is checked against what was mapped.
 */
#ifndef VENUS_VIRTIO_VIRTIO_PCI_H
#define VENUS_VIRTIO_VIRTIO_PCI_H

#include <stdbool.h>
#include <stdint.h>

#include <helios/abi.h>
#include <mercury/module.h>

#include "venus/virtio/caps.h"
#include "venus/virtio/virtq.h"

/* device_status bits (2.1). */
#define VIRTIO_STATUS_ACKNOWLEDGE 1u
#define VIRTIO_STATUS_DRIVER 2u
#define VIRTIO_STATUS_DRIVER_OK 4u
#define VIRTIO_STATUS_FEATURES_OK 8u
#define VIRTIO_STATUS_NEEDS_RESET 64u
#define VIRTIO_STATUS_FAILED 128u

/* ISR status bits (4.1.4.5): reading the register clears them and lowers INTx. */
#define VIRTIO_ISR_QUEUE 1u
#define VIRTIO_ISR_CONFIG 2u

enum virtio_error {
	VIRTIO_OK = 0,
	VIRTIO_ERR_NO_LAYOUT = 1000, /* no PCI_VENDOR_CAPS in the environment */
	VIRTIO_ERR_LAYOUT,           /* it is malformed or lacks a structure */
	VIRTIO_ERR_NO_BAR,           /* a structure is in a BAR the manifest does not name */
	VIRTIO_ERR_REGION,           /* a structure does not fit in its BAR, or is too small */
	VIRTIO_ERR_RESET,            /* the device did not finish resetting */
	VIRTIO_ERR_FEATURES,         /* it lacks a required feature */
	VIRTIO_ERR_FEATURES_REFUSED, /* it did not accept the features chosen */
	VIRTIO_ERR_QUEUE,            /* no such queue, or its notify address is outside */
};

/* A page of memory the device reaches by DMA. */
struct virtio_dma {
	void *data;
	uint64_t phys;
	helios_caddr_t page;
};

struct virtio_pci {
	struct virtio_pci_layout layout;
	struct mercury_mapping bars[VIRTIO_PCI_BARS];
	bool mapped[VIRTIO_PCI_BARS];
	volatile uint8_t *common, *isr, *device, *notify;
	uint32_t device_length, notify_length;
	uint64_t features; /* negotiated */
};

/* The layout from the environment, the BARs holding it mapped, each structure checked to lie
 * inside its BAR. A virtio_error or a helios_error. */
int virtio_pci_open(struct virtio_pci *d);
/* Writes 0 to device_status and waits (bounded) until it reads 0. */
int virtio_pci_reset(struct virtio_pci *d);
/* ACKNOWLEDGE, DRIVER, then the offered features that are `understood` (VERSION_1 always
 * required, and `required`), FEATURES_OK, checked to stick. On failure the device is marked
 * FAILED. */
int virtio_pci_negotiate(struct virtio_pci *d, uint64_t understood, uint64_t required);
/* Sets up queue `index` with at most VIRTQ_MAX_SIZE descriptors (fewer if the device has
 * fewer) in a fresh DMA page, no MSI-X vector, enabled. *notify_offset: for notify. */
int virtio_pci_queue_setup(struct virtio_pci *d, uint16_t index, struct virtq *q,
			   struct virtio_dma *memory, uint32_t *notify_offset);
void virtio_pci_driver_ok(struct virtio_pci *d);
/* Marks the device FAILED (it stops) after it did something impossible. */
void virtio_pci_fail(struct virtio_pci *d);
uint8_t virtio_pci_status(const struct virtio_pci *d);
/* Tells the device queue `index` has new buffers. */
void virtio_pci_notify(struct virtio_pci *d, uint16_t index, uint32_t notify_offset);
/* Reads (and so clears) the ISR status. */
uint8_t virtio_pci_isr(struct virtio_pci *d);
/* The device-specific configuration, bounds-checked (VIRTIO_ERR_REGION); a 64-bit field is
 * read in halves until the configuration generation holds still (4.1.3.1). */
int virtio_pci_config_read32(const struct virtio_pci *d, uint32_t offset, uint32_t *value);
int virtio_pci_config_read64(const struct virtio_pci *d, uint32_t offset, uint64_t *value);

/* One zeroed page mapped read-write and its physical address. */
int virtio_dma_alloc(struct virtio_dma *dma);

const char *virtio_strerror(int err);

#endif
