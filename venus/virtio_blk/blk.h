/*
 * The virtio-blk driver's state (README.md): the device through the virtio-pci transport,
 * its one request queue, the client buffers attached and the requests in flight, each with
 * the reply capability kept to answer it when the used ring says it is done. Two threads share
 * it under `lock`: the server (serve.c) submits, the interrupt thread (complete.c) completes.
 */
#ifndef VENUS_VIRTIO_BLK_BLK_H
#define VENUS_VIRTIO_BLK_BLK_H

#include <stdbool.h>
#include <stdint.h>

#include <helios/abi.h>
#include <mercury/lock.h>

#include "venus/ipc/block.ipc.h"
#include "venus/virtio/virtio_pci.h"
#include "venus/virtio/virtq.h"
#include "venus/virtio_blk/request.h"

#define BLK_MAX_BUFFERS 16
#define BLK_MAX_REQUESTS 8 /* in flight: 8 x 6 descriptors fit a queue of 64 */
#define BLK_QUEUE 0        /* virtio-blk's requestq */
#define BLK_SLOT_BYTES 32  /* a request's header and status byte in the DMA page */
#define BLK_STATUS_AT 16

/* Feature bits of virtio-blk (5.2.3) this driver understands. */
#define VIRTIO_BLK_F_RO (1ull << 5)
#define VIRTIO_BLK_F_FLUSH (1ull << 9)
#define VIRTIO_BLK_CFG_CAPACITY 0 /* le64, in 512-byte sectors */

struct blk_buffer {
	bool attached;
	unsigned pages;
	helios_caddr_t caps[BLK_BUFFER_PAGES]; /* the client's pages: they keep the frames ours
						* to name while attached */
	uint64_t phys[BLK_BUFFER_PAGES];
};

struct blk_request {
	bool busy;
	uint16_t head;     /* its descriptor chain */
	uint32_t writable; /* bytes the device must say it wrote: data read + status */
	uint64_t label;    /* which method to answer */
	helios_caddr_t reply;
};

struct blk_driver {
	const char *name;
	struct virtio_pci dev;
	struct virtq queue;
	struct virtio_dma ring, slots; /* the queue's page; the requests' headers and statuses */
	uint32_t notify_offset;
	unsigned max_requests;
	uint64_t sectors;
	bool read_only, can_flush;
	bool broken; /* the device did something impossible: it was stopped */
	struct blk_buffer buffers[BLK_MAX_BUFFERS];
	struct blk_request requests[BLK_MAX_REQUESTS];
	struct mercury_lock lock;
	helios_caddr_t irq, irq_wait;
	helios_caddr_t recv_slots[HELIOS_MSG_MAX_CAPS];
};

/* serve.c: the block interface's handlers. */
extern const struct venus_block_server blk_server;

/* complete.c: answers a request and frees it (the caller holds the lock). */
void blk_answer(struct blk_driver *d, struct blk_request *r, int error);
/* Takes every finished request off the used ring and answers it (the caller holds the lock). */
void blk_complete(struct blk_driver *d);
/* The interrupt thread: waits, reads the ISR, completes, acknowledges. */
int blk_interrupt_thread(void *arg);

#endif
