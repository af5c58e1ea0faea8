/*
 * venus.pci (venus/ipc/pci.ipc): what the enumeration found, served by a thread of the device
 * manager on an endpoint of its own and published as instance "0". The table is read-only once
 * the thread starts; every index and BAR number a client sends is checked.
 */
#include <stdint.h>

#include <helios/rt/invoke.h>
#include <helios/rt/mem.h>
#include <helios/rt/print.h>
#include <helios/rt/rt.h>
#include <helios/rt/slot.h>
#include <helios/rt/thread.h>
#include <mercury/error.h>

#include "mercury/devmgr/pci_service.h"
#include "mercury/registry/policy.h"
#include "mercury/registry/registry.ipc.h"
#include "venus/ipc/pci.ipc.h"

#define PCI_INTERFACE "venus.pci"

static const struct pci_device *devices;
static unsigned device_count;
static helios_caddr_t endpoint;
static struct rt_thread thread;

static const struct pci_device *device_at(uint32_t index)
{
	return index < device_count ? &devices[index] : NULL;
}

static int device(void *ctx, const struct ipcgen_request *req, uint32_t index, uint32_t *address,
		  uint32_t *ids, uint32_t *class_code, uint32_t *interrupt)
{
	(void)ctx;
	(void)req;
	const struct pci_device *d = device_at(index);
	if (!d)
		return VENUS_PCI_ERROR_NO_SUCH_DEVICE;
	*address = (uint32_t)d->address.bus << 16 | (uint32_t)d->address.device << 8 |
		   d->address.function;
	*ids = (uint32_t)d->vendor << 16 | d->device;
	*class_code = (uint32_t)d->class_code << 16 | (uint32_t)d->subclass << 8 | d->prog_if;
	*interrupt = pci_device_interrupt(d);
	return HELIOS_OK;
}

static int bar(void *ctx, const struct ipcgen_request *req, uint32_t index, uint8_t number,
	       uint64_t *base, uint64_t *size, uint8_t *kind, bool *prefetchable)
{
	(void)ctx;
	(void)req;
	const struct pci_device *d = device_at(index);
	for (unsigned i = 0; d && i < d->bar_count && i < PCI_MAX_BARS; i++) {
		const struct pci_bar *b = &d->bars[i];
		if (b->index != number)
			continue;
		*base = b->base;
		*size = b->size;
		*kind = b->kind;
		*prefetchable = b->prefetchable;
		return HELIOS_OK;
	}
	return VENUS_PCI_ERROR_NO_SUCH_DEVICE;
}

static const struct venus_pci_server pci = { .device = device, .bar = bar };

static int serve(void *arg)
{
	(void)arg;
	return venus_pci_serve(endpoint, &pci, NULL, NULL);
}

/* A copy that can call, never receive, published as venus.pci "0". */
static int publish(helios_caddr_t registry)
{
	helios_caddr_t offer = rt_slot_alloc();
	uint64_t generation;
	if (offer == HELIOS_CADDR_UNDEF)
		return HELIOS_ERR_CSPACE_FULL;
	int err = helios_cspace_copy(rt_cspace, offer, rt_cspace, endpoint,
				     HELIOS_RIGHT_WRITE | HELIOS_RIGHT_GRANT, NULL);
	if (!err)
		err = mercury_registry_publish(registry,
					       registry_interface_id(PCI_INTERFACE,
								     sizeof(PCI_INTERFACE) - 1),
					       "0", offer, &generation);
	helios_cspace_delete(rt_cspace, offer);
	rt_slot_free(offer);
	return err;
}

int devmgr_pci_service_start(const struct pci_device *found, unsigned count,
			     helios_caddr_t registry, uint64_t priority)
{
	devices = found;
	device_count = count;
	int err = rt_alloc(HELIOS_CAP_ENDPOINT, 0, &endpoint);
	if (!err)
		err = rt_thread_spawn(&thread, serve, NULL, priority, HELIOS_CADDR_UNDEF);
	if (!err && registry != HELIOS_CADDR_UNDEF)
		err = publish(registry);
	if (err)
		rt_printf("devmgr: %s: not served: %s\n", PCI_INTERFACE, mercury_strerror(err));
	else
		rt_printf("devmgr: %s 0: %u functions\n", PCI_INTERFACE, count);
	return err;
}
