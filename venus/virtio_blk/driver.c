/*
 * The virtio-blk driver (README.md): started by the device manager for a virtio block device
 * (PCI 1af4:1042 modern, or 1af4:1001 transitional, driven through its modern interface) with
 * the BAR its virtio structures are in, its interrupt and an endpoint published as
 * venus.block. Sets the device up (reset, features, one request queue, DRIVER_OK), starts the
 * interrupt thread that finishes requests, and serves block.ipc.
 */
#include <stdint.h>

#include <helios/rt/invoke.h>
#include <helios/rt/print.h>
#include <helios/rt/rt.h>
#include <helios/rt/slot.h>
#include <helios/rt/thread.h>
#include <mercury/program.h>
#include <mercury/startup_block.h>

#include "venus/virtio/features.h"
#include "venus/virtio_blk/blk.h"

static struct blk_driver driver = { .lock = MERCURY_LOCK_INIT };
static struct rt_thread interrupt_thread;

/* Reset, features, the request queue, the disk's size; then the device runs. */
static int set_up(struct blk_driver *d)
{
	int err = virtio_pci_open(&d->dev);
	if (!err)
		err = virtio_pci_reset(&d->dev);
	if (!err)
		err = virtio_pci_negotiate(&d->dev, VIRTIO_BLK_F_RO | VIRTIO_BLK_F_FLUSH, 0);
	if (!err)
		err = virtio_pci_config_read64(&d->dev, VIRTIO_BLK_CFG_CAPACITY, &d->sectors);
	if (!err)
		err = virtio_pci_queue_setup(&d->dev, BLK_QUEUE, &d->queue, &d->ring,
					     &d->notify_offset);
	if (!err)
		err = virtio_dma_alloc(&d->slots);
	if (err) {
		if (d->dev.common)
			virtio_pci_fail(&d->dev);
		return err;
	}
	d->read_only = d->dev.features & VIRTIO_BLK_F_RO;
	d->can_flush = d->dev.features & VIRTIO_BLK_F_FLUSH;
	d->max_requests = d->queue.size / BLK_MAX_DESCRIPTORS;
	if (d->max_requests > BLK_MAX_REQUESTS)
		d->max_requests = BLK_MAX_REQUESTS;
	if (d->max_requests == 0) {
		virtio_pci_fail(&d->dev);
		return VIRTIO_ERR_QUEUE;
	}
	virtio_pci_driver_ok(&d->dev);
	return HELIOS_OK;
}

static int receive_slots(struct blk_driver *d)
{
	for (unsigned i = 0; i < HELIOS_MSG_MAX_CAPS; i++)
		if ((d->recv_slots[i] = rt_slot_alloc()) == HELIOS_CADDR_UNDEF)
			return HELIOS_ERR_CSPACE_FULL;
	return HELIOS_OK;
}

int main(int argc, char **argv)
{
	struct blk_driver *d = &driver;
	d->name = argv[0];
	helios_caddr_t ep = mercury_cap("endpoint");
	d->irq = mercury_cap("irq");
	d->irq_wait = mercury_cap("irq_wait");
	if (ep == HELIOS_CADDR_UNDEF || d->irq == HELIOS_CADDR_UNDEF ||
	    d->irq_wait == HELIOS_CADDR_UNDEF) {
		rt_printf("%s: error: missing its endpoint or interrupt\n", d->name);
		return 1;
	}
	int err = set_up(d);
	if (err) {
		rt_printf("%s: error: %s: %s\n", d->name, argc > 1 ? argv[1] : "device",
			  virtio_strerror(err));
		return 1;
	}
	rt_printf("%s: %s: %llu sectors, %s%s, %u requests in flight\n", d->name,
		  argc > 1 ? argv[1] : "device", (unsigned long long)d->sectors,
		  d->read_only ? "read-only" : "read-write", d->can_flush ? ", flush" : "",
		  d->max_requests);
	/* A fault in the interrupt thread ends the driver as one in main would: the device
	 * manager hears of it and restarts us. */
	helios_caddr_t fault_ep = rt_startup ? rt_startup->exit_endpoint : HELIOS_CADDR_UNDEF;
	/* A predecessor that died between an interrupt and its acknowledgement left the line
	 * masked; the device is reset now, so unmasking it can only let our own through. */
	if ((err = helios_irq_handler_ack(d->irq)) || (err = mercury_lock_prepare(&d->lock)) ||
	    (err = receive_slots(d)) ||
	    (err = rt_thread_spawn(&interrupt_thread, blk_interrupt_thread, d,
				   rt_startup->priority, fault_ep))) {
		rt_printf("%s: error: cannot start: %s\n", d->name, rt_strerror(err));
		return 1;
	}
	err = venus_block_serve(ep, &blk_server, d, d->recv_slots);
	rt_printf("%s: error: stopped serving: %s\n", d->name, rt_strerror(err));
	return 1;
}
