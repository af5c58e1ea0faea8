/*
 * ECAM (pci_access.h): function (bus, device, function) has the 4 KiB at
 * base + (bus - first bus) << 20 | device << 15 | function << 12. Enumeration reads one
 * function at a time, so one page is mapped at a time: a new function's page replaces it.
 */
#include <stdint.h>

#include <helios/abi.h>
#include <helios/rt/invoke.h>
#include <helios/rt/mem.h>
#include <helios/rt/rt.h>
#include <helios/rt/slot.h>
#include <mercury/error.h>
#include <mercury/vm.h>

#include "mercury/devmgr/pci_access.h"

static uint64_t function_offset(const struct pci_ecam *e, struct pci_address a)
{
	return (uint64_t)(a.bus - e->window.bus_first) << 20 | (uint64_t)a.device << 15 |
	       (uint64_t)a.function << 12;
}

static void unmap(struct pci_ecam *e)
{
	if (e->mapped)
		helios_cspace_delete(rt_cspace, e->page); /* deleting the page unmaps it */
	e->mapped = 0;
}

/* Maps the function's page at e->vaddr; a helios_error. */
static int map_function(struct pci_ecam *e, struct pci_address a)
{
	if (e->mapped && e->current.bus == a.bus && e->current.device == a.device &&
	    e->current.function == a.function)
		return HELIOS_OK;
	unmap(e);
	uint64_t offset;
	helios_caddr_t dev = devmgr_device_memory_find(e->hw, e->window.base + function_offset(e, a),
						       HELIOS_PAGE_SIZE, &offset);
	if (dev == HELIOS_CADDR_UNDEF)
		return MERCURY_ERR_NOT_FOUND;
	int err = helios_device_memory_retype(dev, HELIOS_CAP_PAGE, 0, 1, e->page, offset, NULL);
	if (err)
		return err;
	err = rt_map(rt_vspace, e->page, e->vaddr, HELIOS_MAP_READ | HELIOS_MAP_WRITE);
	if (err) {
		helios_cspace_delete(rt_cspace, e->page);
		return err;
	}
	e->mapped = 1;
	e->current = a;
	return HELIOS_OK;
}

static uint32_t ecam_read(void *ctx, struct pci_address a, unsigned offset, unsigned width)
{
	struct pci_ecam *e = ctx;
	int err = map_function(e, a);
	if (err) {
		if (!e->error)
			e->error = err;
		return 0xffffffffu;
	}
	uintptr_t at = e->vaddr + offset;
	if (width == 1)
		return *(volatile uint8_t *)at;
	if (width == 2)
		return *(volatile uint16_t *)at;
	return *(volatile uint32_t *)at;
}

static void ecam_write(void *ctx, struct pci_address a, unsigned offset, unsigned width,
		       uint32_t value)
{
	struct pci_ecam *e = ctx;
	int err = map_function(e, a);
	if (err) {
		if (!e->error)
			e->error = err;
		return;
	}
	uintptr_t at = e->vaddr + offset;
	if (width == 1)
		*(volatile uint8_t *)at = (uint8_t)value;
	else if (width == 2)
		*(volatile uint16_t *)at = (uint16_t)value;
	else
		*(volatile uint32_t *)at = value;
}

static const struct pci_config_ops ecam_ops = {ecam_read, ecam_write};

int pci_ecam_open(const struct devmgr_hardware *hw, const struct dt_pci_ecam *window,
		  struct pci_ecam *e, struct pci_config *config)
{
	*e = (struct pci_ecam){.hw = hw, .window = *window};
	uint64_t offset;
	if (devmgr_device_memory_find(hw, window->base, HELIOS_PAGE_SIZE, &offset) ==
	    HELIOS_CADDR_UNDEF)
		return MERCURY_ERR_NOT_FOUND;
	int err = mercury_vm_reserve(HELIOS_PAGE_SIZE, &e->vaddr);
	if (err)
		return err;
	e->page = rt_slot_alloc();
	if (e->page == HELIOS_CADDR_UNDEF) {
		mercury_vm_release(e->vaddr, HELIOS_PAGE_SIZE);
		return HELIOS_ERR_CSPACE_FULL;
	}
	*config = (struct pci_config){&ecam_ops, e, PCI_ECAM_SPACE_SIZE, window->bus_first,
				      window->bus_last};
	return HELIOS_OK;
}

void pci_ecam_close(struct pci_ecam *e)
{
	unmap(e);
	rt_slot_free(e->page);
	mercury_vm_release(e->vaddr, HELIOS_PAGE_SIZE);
}
