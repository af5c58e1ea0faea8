/*
 * Finishing requests (blk.h): the interrupt thread reads the ISR (which lowers the line),
 * takes every chain the device is done with off the used ring, checks what the device says
 * (the chain is one in flight, it wrote exactly the bytes the request let it write, a status
 * it defines) and answers the client on the reply capability kept. A device that breaks the
 * rules is stopped and every request in flight answered IO_ERROR.
 */
#include <helios/rt/invoke.h>
#include <helios/rt/mem.h>
#include <helios/rt/print.h>
#include <helios/rt/rt.h>
#include <helios/rt/slot.h>
#include <helios/rt/syscall.h>

#include "venus/virtio_blk/blk.h"

void blk_answer(struct blk_driver *d, struct blk_request *r, int error)
{
	(void)d;
	/* A client that went away meanwhile fails only this send. */
	switch (r->label) {
	case VENUS_BLOCK_READ_LABEL:
		venus_block_read_reply(r->reply, error);
		break;
	case VENUS_BLOCK_WRITE_LABEL:
		venus_block_write_reply(r->reply, error);
		break;
	default:
		venus_block_flush_reply(r->reply, error);
		break;
	}
	rt_free(r->reply); /* used up by the send; the slot is free again */
	*r = (struct blk_request){ 0 };
}

/* The device did something impossible: it is stopped (reset: no more DMA) and every request
 * in flight is answered. */
static void stop_device(struct blk_driver *d, const char *why)
{
	rt_printf("%s: error: the device %s: stopped\n", d->name, why);
	d->broken = true;
	virtio_pci_reset(&d->dev);
	for (unsigned i = 0; i < d->max_requests; i++)
		if (d->requests[i].busy)
			blk_answer(d, &d->requests[i], VENUS_BLOCK_ERROR_IO_ERROR);
}

static struct blk_request *request_of(struct blk_driver *d, uint16_t head)
{
	for (unsigned i = 0; i < d->max_requests; i++)
		if (d->requests[i].busy && d->requests[i].head == head)
			return &d->requests[i];
	return NULL;
}

void blk_complete(struct blk_driver *d)
{
	uint16_t head;
	uint32_t len;
	int status;
	while (!d->broken && (status = virtq_take_used(&d->queue, &head, &len)) == VIRTQ_OK) {
		struct blk_request *r = request_of(d, head);
		if (!r || len != r->writable) {
			stop_device(d, "answered a request wrongly");
			return;
		}
		unsigned index = (unsigned)(r - d->requests);
		volatile uint8_t *slot = (volatile uint8_t *)d->slots.data + index * BLK_SLOT_BYTES;
		uint8_t result = slot[BLK_STATUS_AT];
		blk_answer(d, r, result == BLK_S_OK ? HELIOS_OK : VENUS_BLOCK_ERROR_IO_ERROR);
	}
	if (!d->broken && status == VIRTQ_DEVICE_ERROR)
		stop_device(d, "wrote an impossible used ring");
}

int blk_interrupt_thread(void *arg)
{
	struct blk_driver *d = arg;
	for (;;) {
		int err = helios_wait(d->irq_wait, NULL);
		if (err) {
			rt_printf("%s: error: interrupt wait: %s\n", d->name, rt_strerror(err));
			return err;
		}
		uint8_t isr = virtio_pci_isr(&d->dev);
		mercury_lock(&d->lock);
		if (!d->broken) {
			if ((isr & VIRTIO_ISR_CONFIG) &&
			    (virtio_pci_status(&d->dev) & VIRTIO_STATUS_NEEDS_RESET))
				stop_device(d, "needs a reset");
			blk_complete(d);
		}
		mercury_unlock(&d->lock);
		if ((err = helios_irq_handler_ack(d->irq))) {
			rt_printf("%s: error: interrupt ack: %s\n", d->name, rt_strerror(err));
			return err;
		}
	}
}
