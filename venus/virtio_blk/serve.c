/*
 * The block interface (venus/ipc/block.ipc) over the virtio-blk device (blk.h). Every request
 * is checked before anything reaches the device; reads, writes and flushes are answered later,
 * from the interrupt thread, when the device is done (the reply capability is kept).
 */
#include <stddef.h>

#include <helios/rt/invoke.h>
#include <helios/rt/mem.h>
#include <helios/rt/rt.h>
#include <helios/rt/slot.h>
#include <helios/rt/syscall.h>

#include "venus/virtio_blk/blk.h"

static int info(void *ctx, const struct ipcgen_request *req, uint32_t *sector_size,
		uint64_t *sectors, uint32_t *max_sectors, bool *read_only)
{
	(void)req;
	struct blk_driver *d = ctx;
	*sector_size = BLK_SECTOR_SIZE;
	*sectors = d->sectors;
	*max_sectors = BLK_MAX_SECTORS;
	*read_only = d->read_only;
	return HELIOS_OK;
}

/* Drops a capability the client sent and we do not keep. */
static void drop(helios_caddr_t slot)
{
	helios_cspace_delete(rt_cspace, slot);
}

/* A page the device may write into: a PAGE capability with the write right (the client may
 * write it itself), and where it is. */
static int lent_page(helios_caddr_t page, uint64_t *phys)
{
	unsigned type = 0, rights = 0;
	if (helios_identify(page, &type, &rights) || type != HELIOS_CAP_PAGE ||
	    !(rights & HELIOS_RIGHT_WRITE))
		return VENUS_BLOCK_ERROR_BAD_BUFFER;
	if (helios_page_info(page, phys, NULL, NULL) || *phys % BLK_PAGE_SIZE)
		return VENUS_BLOCK_ERROR_BAD_BUFFER;
	return HELIOS_OK;
}

/* Keeps received capability `slot`: the next message is received into a fresh slot instead. */
static int keep(struct blk_driver *d, helios_caddr_t slot)
{
	for (unsigned j = 0; j < HELIOS_MSG_MAX_CAPS; j++) {
		if (d->recv_slots[j] != slot)
			continue;
		helios_caddr_t fresh = rt_slot_alloc();
		if (fresh == HELIOS_CADDR_UNDEF)
			return HELIOS_ERR_CSPACE_FULL;
		d->recv_slots[j] = fresh;
		return HELIOS_OK;
	}
	return HELIOS_ERR_INVALID_PARAM;
}

static int attach(void *ctx, const struct ipcgen_request *req, const helios_caddr_t *pages,
		  unsigned pages_count, uint32_t *buffer)
{
	(void)req;
	struct blk_driver *d = ctx;
	struct blk_buffer b = { .attached = true, .pages = pages_count };
	int err = pages_count == 0 ? VENUS_BLOCK_ERROR_BAD_BUFFER : HELIOS_OK;
	for (unsigned i = 0; i < pages_count && !err; i++)
		err = lent_page(pages[i], &b.phys[i]);
	unsigned index = 0;
	mercury_lock(&d->lock);
	while (!err && index < BLK_MAX_BUFFERS && d->buffers[index].attached)
		index++;
	if (!err && index == BLK_MAX_BUFFERS)
		err = VENUS_BLOCK_ERROR_NO_ROOM;
	unsigned kept = 0; /* pages whose slots are ours now */
	while (!err && kept < pages_count) {
		b.caps[kept] = pages[kept];
		err = keep(d, pages[kept]);
		if (!err)
			kept++;
	}
	if (!err) {
		d->buffers[index] = b;
		*buffer = index;
	}
	mercury_unlock(&d->lock);
	if (err) /* refused: the pages go, and the slots of those kept so far with them */
		for (unsigned i = 0; i < pages_count; i++) {
			if (i < kept)
				rt_free(pages[i]);
			else
				drop(pages[i]);
		}
	return err;
}

static int detach(void *ctx, const struct ipcgen_request *req, uint32_t buffer)
{
	(void)req;
	struct blk_driver *d = ctx;
	int err = VENUS_BLOCK_ERROR_BAD_BUFFER;
	mercury_lock(&d->lock);
	if (buffer < BLK_MAX_BUFFERS && d->buffers[buffer].attached) {
		/* A request in flight still names the frames: they stay the client's, which it
		 * asked for, and nothing of the driver's is at stake. */
		struct blk_buffer *b = &d->buffers[buffer];
		for (unsigned i = 0; i < b->pages; i++)
			rt_free(b->caps[i]);
		*b = (struct blk_buffer){ 0 };
		err = HELIOS_OK;
	}
	mercury_unlock(&d->lock);
	return err;
}

static struct blk_request *free_request(struct blk_driver *d, unsigned *index)
{
	for (unsigned i = 0; i < d->max_requests; i++)
		if (!d->requests[i].busy) {
			*index = i;
			return &d->requests[i];
		}
	return NULL;
}

/*
 * Puts a request on the queue: its header, `data_count` data buffers and its status byte,
 * the reply capability kept. The caller holds the lock and checked everything else.
 */
static int submit(struct blk_driver *d, uint32_t type, uint64_t sector,
		  const struct virtq_buffer *data, unsigned data_count, uint32_t data_writable,
		  uint64_t label)
{
	unsigned index;
	struct blk_request *r = free_request(d, &index);
	if (!r)
		return VENUS_BLOCK_ERROR_NO_ROOM;
	uint64_t slot_phys = d->slots.phys + (uint64_t)index * BLK_SLOT_BYTES;
	volatile uint8_t *slot = (volatile uint8_t *)d->slots.data + index * BLK_SLOT_BYTES;
	volatile struct blk_header *h = (volatile struct blk_header *)slot;
	h->type = type;
	h->reserved = 0;
	h->sector = sector;
	slot[BLK_STATUS_AT] = 0xff; /* not a status: a device that leaves it says nothing */
	struct virtq_buffer chain[BLK_MAX_DESCRIPTORS];
	unsigned n = 0;
	chain[n++] = (struct virtq_buffer){ slot_phys, sizeof(struct blk_header), false };
	for (unsigned i = 0; i < data_count; i++)
		chain[n++] = data[i];
	chain[n++] = (struct virtq_buffer){ slot_phys + BLK_STATUS_AT, 1, true };
	helios_caddr_t reply = rt_slot_alloc();
	if (reply == HELIOS_CADDR_UNDEF)
		return HELIOS_ERR_CSPACE_FULL;
	int err = ipcgen_defer(reply, &reply);
	if (err) {
		rt_slot_free(reply);
		return err;
	}
	*r = (struct blk_request){ .busy = true, .writable = data_writable + 1, .label = label,
				   .reply = reply };
	if (virtq_add(&d->queue, chain, n, &r->head) != VIRTQ_OK) {
		blk_answer(d, r, VENUS_BLOCK_ERROR_IO_ERROR); /* a queue the device broke */
		return IPCGEN_DEFERRED;
	}
	virtio_pci_notify(&d->dev, BLK_QUEUE, d->notify_offset);
	return IPCGEN_DEFERRED;
}

#ifdef VIRTIO_BLK_CRASH_SECTOR
/* Test builds only (tests/BUILD.bazel): the driver dies with a read of this sector on the
 * device, to show what a restart does to a request in flight. */
static void crash_if_asked(bool write, uint64_t sector, int err)
{
	if (!write && sector == VIRTIO_BLK_CRASH_SECTOR && err == IPCGEN_DEFERRED)
		__builtin_trap();
}
#else
static void crash_if_asked(bool write, uint64_t sector, int err)
{
	(void)write;
	(void)sector;
	(void)err;
}
#endif

static int transfer(struct blk_driver *d, bool write, uint32_t buffer, uint32_t offset,
		    uint64_t sector, uint32_t count, uint64_t label)
{
	if (write && d->read_only)
		return VENUS_BLOCK_ERROR_READ_ONLY;
	mercury_lock(&d->lock);
	int err = d->broken ? VENUS_BLOCK_ERROR_IO_ERROR : HELIOS_OK;
	const struct blk_buffer *b = buffer < BLK_MAX_BUFFERS ? &d->buffers[buffer] : NULL;
	uint32_t bytes = b && b->attached ? b->pages * BLK_PAGE_SIZE : 0;
	if (!err) {
		switch (blk_check_request(d->sectors, bytes, offset, sector, count)) {
		case BLK_CHECK_OUT_OF_RANGE:
			err = VENUS_BLOCK_ERROR_OUT_OF_RANGE;
			break;
		case BLK_CHECK_BAD_BUFFER:
			err = VENUS_BLOCK_ERROR_BAD_BUFFER;
			break;
		}
	}
	if (!err) {
		struct virtq_buffer data[BLK_BUFFER_PAGES];
		uint32_t length = count * BLK_SECTOR_SIZE;
		unsigned n = blk_data_buffers(b->phys, b->pages, offset, length, !write, data);
		err = n == 0 ? VENUS_BLOCK_ERROR_BAD_BUFFER
			     : submit(d, write ? BLK_T_OUT : BLK_T_IN, sector, data, n,
				      write ? 0 : length, label);
	}
	mercury_unlock(&d->lock);
	crash_if_asked(write, sector, err);
	return err;
}

static int blk_read(void *ctx, const struct ipcgen_request *req, uint32_t buffer, uint32_t offset,
		uint64_t sector, uint32_t count)
{
	(void)req;
	return transfer(ctx, false, buffer, offset, sector, count, VENUS_BLOCK_READ_LABEL);
}

static int blk_write(void *ctx, const struct ipcgen_request *req, uint32_t buffer, uint32_t offset,
		 uint64_t sector, uint32_t count)
{
	(void)req;
	return transfer(ctx, true, buffer, offset, sector, count, VENUS_BLOCK_WRITE_LABEL);
}

/* Without the FLUSH feature the device has no cache it lets the driver flush: every write
 * it answered is as stable as it will be. */
static int blk_flush(void *ctx, const struct ipcgen_request *req)
{
	(void)req;
	struct blk_driver *d = ctx;
	if (!d->can_flush)
		return d->broken ? VENUS_BLOCK_ERROR_IO_ERROR : HELIOS_OK;
	mercury_lock(&d->lock);
	int err = d->broken ? VENUS_BLOCK_ERROR_IO_ERROR
			    : submit(d, BLK_T_FLUSH, 0, NULL, 0, 0, VENUS_BLOCK_FLUSH_LABEL);
	mercury_unlock(&d->lock);
	return err;
}

const struct venus_block_server blk_server = {
	.info = info,
	.attach = attach,
	.detach = detach,
	.read = blk_read,
	.write = blk_write,
	.flush = blk_flush,
};
