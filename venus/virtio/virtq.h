/*
 * A split virtqueue (virtio 1.x, 2.7): the descriptor table, the available ring (driver to
 * device) and the used ring (device to driver), all in one page of memory the driver owns,
 * and the driver's bookkeeping of them. Pure C over memory given by the caller (the host tests
 * play the device on plain memory). Everything the device writes (the used ring's index,
 * each id and length) is checked before it is believed.
 */
#ifndef VENUS_VIRTIO_VIRTQ_H
#define VENUS_VIRTIO_VIRTQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VIRTQ_MAX_SIZE 64     /* descriptors: the three parts then fit one page */
#define VIRTQ_AREA_BYTES 4096 /* the page they are laid out in */

#define VIRTQ_DESC_F_NEXT 1u  /* the chain goes on at `next` */
#define VIRTQ_DESC_F_WRITE 2u /* the device writes this buffer (else it reads it) */

struct virtq_desc {
	uint64_t addr; /* physical */
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

struct virtq_avail {
	uint16_t flags;
	uint16_t idx;
	uint16_t ring[]; /* size entries, then used_event (not used: no EVENT_IDX) */
};

struct virtq_used_elem {
	uint32_t id;  /* the head of the chain the device is done with */
	uint32_t len; /* bytes it wrote into the chain's writable buffers */
};

struct virtq_used {
	uint16_t flags;
	uint16_t idx;
	struct virtq_used_elem ring[]; /* size entries, then avail_event */
};

/* One buffer of a request: physical address, bytes, who writes it. */
struct virtq_buffer {
	uint64_t addr;
	uint32_t len;
	bool device_writes;
};

enum virtq_status {
	VIRTQ_OK = 0,
	VIRTQ_EMPTY,        /* take_used: the device has finished nothing new */
	VIRTQ_FULL,         /* add: not enough free descriptors */
	VIRTQ_BAD_ARGUMENT, /* a size, count or buffer the caller got wrong */
	VIRTQ_DEVICE_ERROR, /* the device wrote something impossible; the queue is not usable */
};

struct virtq {
	uint16_t size; /* a power of two, 1 to VIRTQ_MAX_SIZE */
	volatile struct virtq_desc *desc;
	volatile struct virtq_avail *avail;
	volatile struct virtq_used *used;
	uint16_t free_head, free_count;
	uint16_t avail_idx; /* what we last published in avail->idx */
	uint16_t last_used; /* the used entries we have taken */
	bool broken;        /* the device wrote something impossible: nothing more is taken */
	/* The driver's own copy of each descriptor's link and of each chain in flight (length
	 * 0: that descriptor heads none): never read back from memory the device can write. */
	uint16_t next[VIRTQ_MAX_SIZE];
	uint8_t chain_length[VIRTQ_MAX_SIZE];
	uint32_t chain_writable[VIRTQ_MAX_SIZE]; /* the most used.len may say for that chain */
};

/* Where each part lies in the area, for a queue of `size`. */
size_t virtq_avail_offset(uint16_t size);
size_t virtq_used_offset(uint16_t size);

/* Lays out a queue of `size` (a power of two up to VIRTQ_MAX_SIZE) in `area`
 * (VIRTQ_AREA_BYTES, 16-byte aligned), zeroed, every descriptor free. */
int virtq_init(struct virtq *q, void *area, uint16_t size);

/* Chains `count` buffers (each at least a byte; device-readable ones may come in any order)
 * and makes the chain available to the device; *head names it in take_used. The caller then
 * notifies the device. VIRTQ_FULL leaves everything as it was. */
int virtq_add(struct virtq *q, const struct virtq_buffer *buffers, unsigned count,
	      uint16_t *head);

/*
 * The next chain the device is done with: *head (as add gave it) and *len (bytes it says it
 * wrote); its descriptors are free again. VIRTQ_EMPTY when there is none. VIRTQ_DEVICE_ERROR,
 * after which the queue gives nothing more, when the used index ran ahead of what is in
 * flight, an id is not the head of a chain in flight, or a length exceeds the chain's
 * writable bytes.
 */
int virtq_take_used(struct virtq *q, uint16_t *head, uint32_t *len);

/* Chains made available and not yet taken back. */
unsigned virtq_in_flight(const struct virtq *q);

#endif
