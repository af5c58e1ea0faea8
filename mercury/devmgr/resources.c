/*
 * A driver's resources from its manifest (instance.h): the matched device's BARs, reg
 * regions and interrupt, and fixed ports, IRQs and memory, each made once as a capability of
 * the device manager's and granted under the name the manifest parser gave it. Nothing else:
 * a driver can hold no capability its manifest does not name.
 */
#include <stdint.h>

#include <base/fmt.h>
#include <helios/rt/mem.h>
#include <helios/rt/print.h>
#include <helios/rt/rt.h>
#include <helios/rt/slot.h>
#include <helios/rt/invoke.h>
#include <mercury/error.h>

#include "mercury/devmgr/instance.h"
#include "mercury/devmgr/pci_caps.h"

#define PAGE HELIOS_PAGE_SIZE

static int grant(struct devmgr_instance *in, const char *name, helios_caddr_t cap,
		 uint32_t count)
{
	if (in->grant_count == MERCURY_SPAWN_MAX_CAPS)
		return MERCURY_ERR_TOO_MANY;
	in->grants[in->grant_count++] =
		(struct mercury_cap_grant){ name, cap, HELIOS_RIGHTS_ALL, count };
	return HELIOS_OK;
}

/* Page capabilities covering [base, base + size), from the device memory capability that
 * holds it all. */
static int memory_pages(const struct devmgr_world *w, struct devmgr_instance *in,
			const char *name, uint64_t base, uint64_t size)
{
	uint64_t first = base & ~(PAGE - 1), end = base + size;
	if (size == 0 || end < base || end > UINT64_MAX - PAGE)
		return HELIOS_ERR_INVALID_PARAM;
	uint64_t pages = (end - first + PAGE - 1) / PAGE, offset;
	helios_caddr_t dev = devmgr_device_memory_find(w->hw, first, pages * PAGE, &offset);
	if (dev == HELIOS_CADDR_UNDEF)
		return MERCURY_ERR_NOT_FOUND;
	if (pages > 4096)
		return HELIOS_ERR_INVALID_PARAM;
	helios_caddr_t slots = rt_slot_alloc_range((uint32_t)pages);
	if (slots == HELIOS_CADDR_UNDEF)
		return HELIOS_ERR_CSPACE_FULL;
	int err = helios_device_memory_retype(dev, HELIOS_CAP_PAGE, 0, pages, slots, offset, NULL);
	if (err) {
		rt_slot_free_range(slots, (uint32_t)pages);
		return err;
	}
	return grant(in, name, slots, (uint32_t)pages);
}

static int ports(const struct devmgr_world *w, struct devmgr_instance *in, const char *name,
		 uint64_t first, uint64_t last)
{
	if (w->hw->io_control == HELIOS_CADDR_UNDEF)
		return HELIOS_ERR_INVALID_PARAM; /* no I/O ports on this machine */
	if (last > 0xffff || first > last)
		return HELIOS_ERR_INVALID_PARAM;
	helios_caddr_t slot = rt_slot_alloc();
	if (slot == HELIOS_CADDR_UNDEF)
		return HELIOS_ERR_CSPACE_FULL;
	int err = helios_io_control_issue(w->hw->io_control, first, last, slot, NULL);
	if (err) {
		rt_slot_free(slot);
		return err;
	}
	return grant(in, name, slot, 1);
}

/* An IRQ handler (`name`) and the notification it signals (`name`_wait). */
static int irq(const struct devmgr_world *w, struct devmgr_instance *in, const char *name,
	       uint64_t number, unsigned index)
{
	helios_caddr_t note, handler = rt_slot_alloc();
	if (handler == HELIOS_CADDR_UNDEF)
		return HELIOS_ERR_CSPACE_FULL;
	int err = rt_alloc(HELIOS_CAP_NOTIFICATION, 0, &note);
	if (!err)
		err = helios_irq_control_issue(w->hw->irq_control, number, note, handler, NULL);
	if (err) {
		rt_slot_free(handler);
		return err;
	}
	char *wait = in->irq_wait_names[index];
	fmt_snprintf(wait, MERCURY_CAP_NAME_MAX, "%s_wait", name);
	err = grant(in, name, handler, 1);
	return err ? err : grant(in, wait, note, 1);
}

static const struct pci_bar *find_bar(const struct pci_device *d, unsigned index)
{
	for (unsigned i = 0; i < d->bar_count && i < PCI_MAX_BARS; i++)
		if (d->bars[i].index == index)
			return &d->bars[i];
	return NULL;
}

/* The device's interrupt: a device-tree node's first; a PCI function's as the device tree's
 * interrupt-map routes it (aarch64: a GIC ID, found when enumerating), else its line as the
 * firmware routed it (x86_64 pc: an ISA IRQ). */
static int device_irq(const struct devmgr_device *d, uint64_t *number)
{
	if (d->kind == DEVMGR_DEVICE_DT && d->dt->irq_count) {
		*number = d->dt->irqs[0];
		return HELIOS_OK;
	}
	if (d->kind == DEVMGR_DEVICE_PCI && pci_device_interrupt(d->pci)) {
		*number = pci_device_interrupt(d->pci);
		return HELIOS_OK;
	}
	return MERCURY_ERR_NOT_FOUND;
}

/* Firmware may leave a device's decoding off when no firmware driver used it (aarch64's
 * UEFI does): the BAR handed over must answer. A memory BAR's driver also gets bus mastering:
 * a device it drives through memory may move data by DMA (virtio does), and without an
 * IOMMU a driver of the device could make it do so anyway once it is on. */
static void enable_decoding(const struct devmgr_world *w, const struct pci_device *d,
			    const struct pci_bar *bar)
{
	if (!w->pci)
		return;
	uint16_t command = pci_read16(w->pci, d->address, PCI_COMMAND);
	uint16_t bit = bar->kind == PCI_BAR_IO ? PCI_COMMAND_IO
					       : PCI_COMMAND_MEM | PCI_COMMAND_MASTER;
	if ((command & bit) != bit)
		pci_write16(w->pci, d->address, PCI_COMMAND, (uint16_t)(command | bit));
}

/* Bus mastering of a PCI driver's device on or off. Off before its dead driver's memory is
 * taken back: a transfer the device still has in flight would otherwise write into memory the
 * kernel may already keep its free lists in (there is no IOMMU). On again before a restart, if
 * the driver had it. */
void devmgr_device_dma(const struct devmgr_world *w, struct devmgr_instance *in, bool on)
{
	if (!w->pci || in->device.kind != DEVMGR_DEVICE_PCI)
		return;
	struct pci_address a = in->device.pci->address;
	uint16_t command = pci_read16(w->pci, a, PCI_COMMAND);
	if (!on) {
		in->dma_was_on = (command & PCI_COMMAND_MASTER) != 0;
		if (in->dma_was_on)
			pci_write16(w->pci, a, PCI_COMMAND,
				    (uint16_t)(command & ~PCI_COMMAND_MASTER));
	} else if (in->dma_was_on && !(command & PCI_COMMAND_MASTER)) {
		pci_write16(w->pci, a, PCI_COMMAND, (uint16_t)(command | PCI_COMMAND_MASTER));
	}
}

static int make_one(const struct devmgr_world *w, struct devmgr_instance *in,
		    const struct mercury_manifest_resource *r, unsigned index)
{
	const struct devmgr_device *d = &in->device;
	const struct pci_bar *bar;
	uint64_t number;
	int err;
	switch (r->kind) {
	case MERCURY_RESOURCE_DEVICE_BAR:
		if (d->kind != DEVMGR_DEVICE_PCI || !(bar = find_bar(d->pci, r->number)) ||
		    bar->base == 0)
			return MERCURY_ERR_NOT_FOUND;
		err = bar->kind == PCI_BAR_IO
			      ? ports(w, in, r->cap_name, bar->base, bar->base + bar->size - 1)
			      : memory_pages(w, in, r->cap_name, bar->base, bar->size);
		if (!err)
			enable_decoding(w, d->pci, bar);
		return err;
	case MERCURY_RESOURCE_DEVICE_REG:
		if (d->kind != DEVMGR_DEVICE_DT || r->number >= d->dt->reg_count)
			return MERCURY_ERR_NOT_FOUND;
		return memory_pages(w, in, r->cap_name, d->dt->regs[r->number].base,
				    d->dt->regs[r->number].size);
	case MERCURY_RESOURCE_DEVICE_IRQ:
		err = device_irq(d, &number);
		return err ? err : irq(w, in, r->cap_name, number, index);
	case MERCURY_RESOURCE_PORTS:
		return ports(w, in, r->cap_name, r->first_port, r->last_port);
	case MERCURY_RESOURCE_IRQ:
		return irq(w, in, r->cap_name, r->number, index);
	case MERCURY_RESOURCE_MEMORY:
		return memory_pages(w, in, r->cap_name, r->base, r->size);
	}
	return HELIOS_ERR_INVALID_PARAM;
}

int devmgr_resources_make(const struct devmgr_world *w, struct devmgr_instance *in)
{
	const struct mercury_manifest *m = &in->driver->manifest;
	in->env[0] = '\0';
	if (in->device.kind == DEVMGR_DEVICE_PCI && w->pci)
		pci_vendor_caps_env(w->pci, in->device.pci->address, in->env, sizeof(in->env));
	for (unsigned i = 0; i < m->resource_count; i++) {
		int err = make_one(w, in, &m->resources[i], i);
		if (err) {
			rt_printf("devmgr: %s: not started: %s (manifest line %u): %s\n", in->label,
				  m->resources[i].cap_name, m->resources[i].line,
				  err == MERCURY_ERR_NOT_FOUND ? "the device has no such resource"
							       : mercury_strerror(err));
			return err;
		}
	}
	return HELIOS_OK;
}
