/*
 * The modern virtio-pci transport (virtio_pci.h). Registers are reached with accesses of
 * their own width (4.1.3.1); 64-bit queue addresses are written as two 32-bit halves, which
 * the specification allows.
 */
#include <stddef.h>

#include <base/fmt.h>
#include <helios/rt/invoke.h>
#include <helios/rt/mem.h>
#include <helios/rt/rt.h>
#include <helios/rt/syscall.h>
#include <mercury/error.h>
#include <mercury/program.h>
#include <mercury/vm.h>

#include "venus/virtio/barrier.h"
#include "venus/virtio/features.h"
#include "venus/virtio/virtio_pci.h"

/* struct virtio_pci_common_cfg (4.1.4.3). */
#define COMMON_DEVICE_FEATURE_SELECT 0
#define COMMON_DEVICE_FEATURE 4
#define COMMON_DRIVER_FEATURE_SELECT 8
#define COMMON_DRIVER_FEATURE 12
#define COMMON_NUM_QUEUES 18
#define COMMON_DEVICE_STATUS 20
#define COMMON_CONFIG_GENERATION 21
#define COMMON_QUEUE_SELECT 22
#define COMMON_QUEUE_SIZE 24
#define COMMON_QUEUE_MSIX_VECTOR 26
#define COMMON_QUEUE_ENABLE 28
#define COMMON_QUEUE_NOTIFY_OFF 30
#define COMMON_QUEUE_DESC 32
#define COMMON_QUEUE_DRIVER 40
#define COMMON_QUEUE_DEVICE 48
#define COMMON_CFG_SIZE 56
#define MSIX_NO_VECTOR 0xffffu
#define RESET_POLLS 100000
#define GENERATION_TRIES 16

static uint8_t rd8(volatile uint8_t *base, unsigned off)
{
	return *(volatile uint8_t *)(base + off);
}

static uint16_t rd16(volatile uint8_t *base, unsigned off)
{
	return *(volatile uint16_t *)(base + off);
}

static uint32_t rd32(volatile uint8_t *base, unsigned off)
{
	return *(volatile uint32_t *)(base + off);
}

static void wr8(volatile uint8_t *base, unsigned off, uint8_t v)
{
	*(volatile uint8_t *)(base + off) = v;
}

static void wr16(volatile uint8_t *base, unsigned off, uint16_t v)
{
	*(volatile uint16_t *)(base + off) = v;
}

static void wr32(volatile uint8_t *base, unsigned off, uint32_t v)
{
	*(volatile uint32_t *)(base + off) = v;
}

static void wr64(volatile uint8_t *base, unsigned off, uint64_t v)
{
	wr32(base, off, (uint32_t)v);
	wr32(base, off + 4, (uint32_t)(v >> 32));
}

/* Maps the BAR `index` the manifest named (barN), once. */
static int map_bar(struct virtio_pci *d, unsigned index)
{
	if (d->mapped[index])
		return VIRTIO_OK;
	char name[8];
	fmt_snprintf(name, sizeof(name), "bar%u", index);
	struct helios_cap_range range = mercury_cap_range(name);
	if (range.count == 0)
		return VIRTIO_ERR_NO_BAR;
	int err = mercury_map_copies(range.first, range.count, HELIOS_MAP_READ | HELIOS_MAP_WRITE,
				     &d->bars[index]);
	if (err)
		return err;
	d->mapped[index] = true;
	return VIRTIO_OK;
}

/* The region's registers, once they are known to lie inside its mapped BAR and to be at
 * least `minimum` bytes. */
static int region(struct virtio_pci *d, const struct virtio_pci_region *r, uint32_t minimum,
		  volatile uint8_t **out)
{
	int err = map_bar(d, r->bar);
	if (err)
		return err;
	const struct mercury_mapping *m = &d->bars[r->bar];
	if (r->length < minimum || (uint64_t)r->offset + r->length > m->size)
		return VIRTIO_ERR_REGION;
	*out = (volatile uint8_t *)m->data + r->offset;
	return VIRTIO_OK;
}

int virtio_pci_open(struct virtio_pci *d)
{
	*d = (struct virtio_pci){ 0 };
	const char *text = mercury_getenv("PCI_VENDOR_CAPS");
	if (!text)
		return VIRTIO_ERR_NO_LAYOUT;
	if (virtio_pci_caps_parse(text, &d->layout) != VIRTIO_CAPS_OK)
		return VIRTIO_ERR_LAYOUT;
	int err = region(d, &d->layout.common, COMMON_CFG_SIZE, &d->common);
	if (!err)
		err = region(d, &d->layout.isr, 1, &d->isr);
	if (!err)
		err = region(d, &d->layout.notify, sizeof(uint16_t), &d->notify);
	if (!err && d->layout.device.present)
		err = region(d, &d->layout.device, 1, &d->device);
	d->notify_length = d->layout.notify.length;
	d->device_length = d->device ? d->layout.device.length : 0;
	return err;
}

int virtio_pci_reset(struct virtio_pci *d)
{
	wr8(d->common, COMMON_DEVICE_STATUS, 0);
	for (unsigned i = 0; i < RESET_POLLS; i++) {
		if (rd8(d->common, COMMON_DEVICE_STATUS) == 0)
			return VIRTIO_OK;
		helios_yield();
	}
	return VIRTIO_ERR_RESET;
}

static void status_add(struct virtio_pci *d, uint8_t bits)
{
	wr8(d->common, COMMON_DEVICE_STATUS, (uint8_t)(rd8(d->common, COMMON_DEVICE_STATUS) | bits));
}

void virtio_pci_fail(struct virtio_pci *d)
{
	status_add(d, VIRTIO_STATUS_FAILED);
}

uint8_t virtio_pci_status(const struct virtio_pci *d)
{
	return rd8(d->common, COMMON_DEVICE_STATUS);
}

int virtio_pci_negotiate(struct virtio_pci *d, uint64_t understood, uint64_t required)
{
	status_add(d, VIRTIO_STATUS_ACKNOWLEDGE);
	status_add(d, VIRTIO_STATUS_DRIVER);
	uint64_t offered = 0;
	for (uint32_t half = 0; half < 2; half++) {
		wr32(d->common, COMMON_DEVICE_FEATURE_SELECT, half);
		offered |= (uint64_t)rd32(d->common, COMMON_DEVICE_FEATURE) << (32 * half);
	}
	uint64_t chosen;
	if (!virtio_features_choose(offered, understood, required, &chosen)) {
		virtio_pci_fail(d);
		return VIRTIO_ERR_FEATURES;
	}
	for (uint32_t half = 0; half < 2; half++) {
		wr32(d->common, COMMON_DRIVER_FEATURE_SELECT, half);
		wr32(d->common, COMMON_DRIVER_FEATURE, (uint32_t)(chosen >> (32 * half)));
	}
	status_add(d, VIRTIO_STATUS_FEATURES_OK);
	if (!(rd8(d->common, COMMON_DEVICE_STATUS) & VIRTIO_STATUS_FEATURES_OK)) {
		virtio_pci_fail(d);
		return VIRTIO_ERR_FEATURES_REFUSED;
	}
	d->features = chosen;
	return VIRTIO_OK;
}

int virtio_dma_alloc(struct virtio_dma *dma)
{
	uintptr_t vaddr;
	int err = mercury_vm_reserve(HELIOS_PAGE_SIZE, &vaddr);
	if (err)
		return err;
	err = rt_map_pages(vaddr, 1, HELIOS_MAP_READ | HELIOS_MAP_WRITE, &dma->page);
	if (!err)
		err = helios_page_info(dma->page, &dma->phys, NULL, NULL);
	if (err) {
		mercury_vm_release(vaddr, HELIOS_PAGE_SIZE);
		return err;
	}
	dma->data = (void *)vaddr;
	return VIRTIO_OK;
}

int virtio_pci_queue_setup(struct virtio_pci *d, uint16_t index, struct virtq *q,
			   struct virtio_dma *memory, uint32_t *notify_offset)
{
	if (index >= rd16(d->common, COMMON_NUM_QUEUES))
		return VIRTIO_ERR_QUEUE;
	wr16(d->common, COMMON_QUEUE_SELECT, index);
	uint16_t max = rd16(d->common, COMMON_QUEUE_SIZE), size = VIRTQ_MAX_SIZE;
	if (max == 0)
		return VIRTIO_ERR_QUEUE;
	while (size > max)
		size /= 2;
	/* The notify address: inside the notify region, whatever the device says. */
	uint64_t offset = (uint64_t)rd16(d->common, COMMON_QUEUE_NOTIFY_OFF) *
			  d->layout.notify_multiplier;
	if (offset + sizeof(uint16_t) > d->notify_length)
		return VIRTIO_ERR_QUEUE;
	int err = virtio_dma_alloc(memory);
	if (err)
		return err;
	if (virtq_init(q, memory->data, size) != VIRTQ_OK)
		return VIRTIO_ERR_QUEUE;
	wr16(d->common, COMMON_QUEUE_SIZE, size);
	wr16(d->common, COMMON_QUEUE_MSIX_VECTOR, MSIX_NO_VECTOR);
	wr64(d->common, COMMON_QUEUE_DESC, memory->phys);
	wr64(d->common, COMMON_QUEUE_DRIVER, memory->phys + virtq_avail_offset(size));
	wr64(d->common, COMMON_QUEUE_DEVICE, memory->phys + virtq_used_offset(size));
	virtio_barrier();
	wr16(d->common, COMMON_QUEUE_ENABLE, 1);
	*notify_offset = (uint32_t)offset;
	return VIRTIO_OK;
}

void virtio_pci_driver_ok(struct virtio_pci *d)
{
	virtio_barrier();
	status_add(d, VIRTIO_STATUS_DRIVER_OK);
}

void virtio_pci_notify(struct virtio_pci *d, uint16_t index, uint32_t notify_offset)
{
	virtio_barrier();
	wr16(d->notify, notify_offset, index);
}

uint8_t virtio_pci_isr(struct virtio_pci *d)
{
	return rd8(d->isr, 0);
}

int virtio_pci_config_read32(const struct virtio_pci *d, uint32_t offset, uint32_t *value)
{
	if (!d->device || offset % 4 || (uint64_t)offset + 4 > d->device_length)
		return VIRTIO_ERR_REGION;
	*value = rd32(d->device, offset);
	return VIRTIO_OK;
}

int virtio_pci_config_read64(const struct virtio_pci *d, uint32_t offset, uint64_t *value)
{
	if (!d->device || offset % 4 || (uint64_t)offset + 8 > d->device_length)
		return VIRTIO_ERR_REGION;
	for (unsigned i = 0; i < GENERATION_TRIES; i++) {
		uint8_t before = rd8(d->common, COMMON_CONFIG_GENERATION);
		uint64_t v = rd32(d->device, offset) | (uint64_t)rd32(d->device, offset + 4) << 32;
		if (rd8(d->common, COMMON_CONFIG_GENERATION) == before) {
			*value = v;
			return VIRTIO_OK;
		}
	}
	return VIRTIO_ERR_REGION;
}

const char *virtio_strerror(int err)
{
	switch (err) {
	case VIRTIO_ERR_NO_LAYOUT:
		return "no PCI_VENDOR_CAPS in the environment";
	case VIRTIO_ERR_LAYOUT:
		return "the virtio capabilities are malformed or incomplete";
	case VIRTIO_ERR_NO_BAR:
		return "a structure is in a BAR the manifest does not name";
	case VIRTIO_ERR_REGION:
		return "a structure lies outside its BAR";
	case VIRTIO_ERR_RESET:
		return "the device did not reset";
	case VIRTIO_ERR_FEATURES:
		return "the device lacks a required feature";
	case VIRTIO_ERR_FEATURES_REFUSED:
		return "the device refused the features chosen";
	case VIRTIO_ERR_QUEUE:
		return "no usable queue";
	}
	return mercury_strerror(err);
}
