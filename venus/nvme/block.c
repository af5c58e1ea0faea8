/*
 * venus.block served (driver.h): info from Identify; attach keeps a client's pages and their
 * physical addresses; read, write and flush are checked, submitted with the caller's reply
 * capability kept, and answered by the completion thread.
 */
#include <helios/rt/invoke.h>
#include <helios/rt/rt.h>
#include <helios/rt/slot.h>
#include <helios/rt/syscall.h>
#include <mercury/abort.h>

#include "venus/nvme/driver.h"
#include "venus/nvme/request.h"

static int serve_info(void *ctx, const struct ipcgen_request *req, uint32_t *sector_size,
		      uint64_t *sectors, uint32_t *max_sectors, bool *read_only)
{
	(void)req;
	const struct nvme_geometry *g = &((struct nvme_driver *)ctx)->ctl.geometry;
	*sector_size = g->sector_size;
	*sectors = g->sectors;
	*max_sectors = g->max_sectors;
	*read_only = false;
	return HELIOS_OK;
}

/* The frame of a lent page, which the device will read and write: *phys, or an error
 * (BAD_BUFFER: not a page the client may write). */
static int page_frame(helios_caddr_t page, uint64_t *phys)
{
	unsigned type = 0, rights = 0;
	int err = helios_identify(page, &type, &rights);
	if (err)
		return err;
	/* The device writes what a read brings: a read-only page must not be lent to it. */
	if (type != HELIOS_CAP_PAGE ||
	    (rights & (HELIOS_RIGHT_READ | HELIOS_RIGHT_WRITE)) !=
		    (HELIOS_RIGHT_READ | HELIOS_RIGHT_WRITE))
		return VENUS_BLOCK_ERROR_BAD_BUFFER;
	err = helios_page_info(page, phys, NULL, NULL);
	if (!err && *phys % NVME_PAGE_SIZE != 0)
		err = VENUS_BLOCK_ERROR_BAD_BUFFER;
	return err;
}

/* The buffer is the driver's now: the receive slots it took are replaced by fresh ones. */
static int keep_pages(struct nvme_driver *d, const helios_caddr_t *pages, unsigned count)
{
	helios_caddr_t fresh[HELIOS_MSG_MAX_CAPS];
	for (unsigned i = 0; i < count; i++) {
		fresh[i] = rt_slot_alloc();
		if (fresh[i] == HELIOS_CADDR_UNDEF) {
			while (i--)
				rt_slot_free(fresh[i]);
			return VENUS_BLOCK_ERROR_NO_ROOM;
		}
	}
	for (unsigned i = 0; i < count; i++)
		for (unsigned j = 0; j < HELIOS_MSG_MAX_CAPS; j++)
			if (d->recv_slots[j] == pages[i])
				d->recv_slots[j] = fresh[i];
	return HELIOS_OK;
}

static int attach_pages(struct nvme_driver *d, const helios_caddr_t *pages, unsigned count,
			uint32_t *buffer)
{
	if (count == 0 || count > NVME_BUFFER_PAGES_MAX)
		return VENUS_BLOCK_ERROR_BAD_BUFFER;
	uint64_t phys[NVME_BUFFER_PAGES_MAX];
	for (unsigned i = 0; i < count; i++) {
		int err = page_frame(pages[i], &phys[i]);
		if (err)
			return err;
	}
	mercury_lock(&d->lock);
	int err = VENUS_BLOCK_ERROR_NO_ROOM;
	for (uint32_t b = 0; b < NVME_BUFFERS_MAX; b++) {
		struct nvme_buffer *buf = &d->buffers[b];
		if (buf->used)
			continue;
		err = keep_pages(d, pages, count);
		if (err)
			break;
		buf->used = true;
		buf->count = count;
		for (unsigned i = 0; i < count; i++) {
			buf->pages[i] = pages[i];
			buf->phys[i] = phys[i];
		}
		*buffer = b;
		break;
	}
	mercury_unlock(&d->lock);
	return err;
}

static int serve_attach(void *ctx, const struct ipcgen_request *req,
			const helios_caddr_t *pages, unsigned pages_count, uint32_t *buffer)
{
	(void)req;
	int err = attach_pages(ctx, pages, pages_count, buffer);
	if (err)
		for (unsigned i = 0; i < pages_count; i++)
			helios_cspace_delete(rt_cspace, pages[i]);
	return err;
}

static int serve_detach(void *ctx, const struct ipcgen_request *req, uint32_t buffer)
{
	(void)req;
	struct nvme_driver *d = ctx;
	int err = VENUS_BLOCK_ERROR_BAD_BUFFER;
	mercury_lock(&d->lock);
	if (buffer < NVME_BUFFERS_MAX && d->buffers[buffer].used) {
		struct nvme_buffer *buf = &d->buffers[buffer];
		/* A transfer still in flight goes on into the client's own frames: it holds them. */
		for (unsigned i = 0; i < buf->count; i++)
			helios_cspace_delete(rt_cspace, buf->pages[i]);
		buf->used = false;
		err = HELIOS_OK;
	}
	mercury_unlock(&d->lock);
	return err;
}

static int request_error(enum nvme_request_verdict v)
{
	return v == NVME_REQUEST_OUT_OF_RANGE ? VENUS_BLOCK_ERROR_OUT_OF_RANGE
					      : VENUS_BLOCK_ERROR_BAD_BUFFER;
}

/* The command for a checked transfer, its PRP list written: 0, or a venus.block error. */
static int transfer_command(struct nvme_driver *d, uint16_t cid, uint8_t opcode,
			    const struct nvme_buffer *buf, uint32_t offset, uint64_t sector,
			    uint32_t count, struct nvme_command *cmd)
{
	struct nvme_prp prp;
	uint32_t bytes = count * d->ctl.geometry.sector_size;
	if (nvme_prp_build(buf->phys, buf->count, offset, bytes,
			   nvme_prp_list_phys(&d->ctl, cid), &prp))
		return VENUS_BLOCK_ERROR_BAD_BUFFER;
	uint64_t *list = nvme_prp_list(&d->ctl, cid);
	for (unsigned i = 0; i < prp.list_count; i++)
		list[i] = prp.list[i];
	*cmd = (struct nvme_command){
		.cdw0 = NVME_CDW0(opcode, cid),
		.nsid = NVME_NAMESPACE,
		.prp1 = prp.prp1,
		.prp2 = prp.prp2,
		.cdw10 = (uint32_t)sector,
		.cdw11 = (uint32_t)(sector >> 32),
		.cdw12 = count - 1,
	};
	return HELIOS_OK;
}

/* Checks, submits with the caller's reply kept: IPCGEN_DEFERRED, or the error to answer now. */
static int submit(struct nvme_driver *d, uint8_t opcode, uint32_t buffer, uint32_t offset,
		  uint64_t sector, uint32_t count)
{
	mercury_lock(&d->lock);
	const struct nvme_buffer *buf = NULL;
	if (opcode != NVME_CMD_FLUSH) {
		buf = buffer < NVME_BUFFERS_MAX && d->buffers[buffer].used ? &d->buffers[buffer]
									  : NULL;
		enum nvme_request_verdict v =
			nvme_request_check(&d->ctl.geometry, buf ? buf->count * NVME_PAGE_SIZE : 0,
					   offset, sector, count);
		if (v != NVME_REQUEST_OK) {
			mercury_unlock(&d->lock);
			return request_error(v);
		}
	}
	uint16_t cid = 0;
	if (!nvme_slot_alloc(&d->slots, &cid)) {
		mercury_unlock(&d->lock);
		return VENUS_BLOCK_ERROR_NO_ROOM;
	}
	struct nvme_command cmd = { .cdw0 = NVME_CDW0(opcode, cid), .nsid = NVME_NAMESPACE };
	int err = buf ? transfer_command(d, cid, opcode, buf, offset, sector, count, &cmd)
		      : HELIOS_OK;
	if (!err)
		err = ipcgen_defer(HELIOS_CADDR_UNDEF, &d->pending[cid].reply);
	if (err) {
		nvme_slot_free(&d->slots, cid);
		mercury_unlock(&d->lock);
		return err;
	}
	d->pending[cid].opcode = opcode;
	nvme_ring_sq(&d->ctl, NVME_IO_QUEUE, nvme_sq_push(&d->ctl.io_sq, &cmd));
#ifdef NVME_TEST_KILL_SECTOR
	/* Test builds only (tests/killed): the driver dies with this read at the controller and
	 * its caller's reply capability held; the lock kept, so no completion answers it. */
	if (opcode == NVME_CMD_READ && sector == NVME_TEST_KILL_SECTOR)
		mercury_abort("killed on purpose with a read in flight");
#endif
	mercury_unlock(&d->lock);
	return IPCGEN_DEFERRED;
}

static int serve_read(void *ctx, const struct ipcgen_request *req, uint32_t buffer,
		      uint32_t offset, uint64_t sector, uint32_t count)
{
	(void)req;
	return submit(ctx, NVME_CMD_READ, buffer, offset, sector, count);
}

static int serve_write(void *ctx, const struct ipcgen_request *req, uint32_t buffer,
		       uint32_t offset, uint64_t sector, uint32_t count)
{
	(void)req;
	return submit(ctx, NVME_CMD_WRITE, buffer, offset, sector, count);
}

static int serve_flush(void *ctx, const struct ipcgen_request *req)
{
	(void)req;
	return submit(ctx, NVME_CMD_FLUSH, 0, 0, 0, 0);
}

const struct venus_block_server nvme_block_server = {
	.info = serve_info,
	.attach = serve_attach,
	.detach = serve_detach,
	.read = serve_read,
	.write = serve_write,
	.flush = serve_flush,
};
