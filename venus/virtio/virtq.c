/* A split virtqueue's bookkeeping (virtq.h). */
#include <string.h>

#include "venus/virtio/barrier.h"
#include "venus/virtio/virtq.h"

#define USED_ALIGN 4 /* 2.7: the used ring's alignment */
#define RING_HEADER 4 /* flags, idx */
#define RING_EVENT 2  /* used_event / avail_event after the ring */

size_t virtq_avail_offset(uint16_t size)
{
	return sizeof(struct virtq_desc) * size;
}

size_t virtq_used_offset(uint16_t size)
{
	size_t end = virtq_avail_offset(size) + RING_HEADER + sizeof(uint16_t) * size + RING_EVENT;
	return (end + USED_ALIGN - 1) & ~(size_t)(USED_ALIGN - 1);
}

int virtq_init(struct virtq *q, void *area, uint16_t size)
{
	if (size == 0 || size > VIRTQ_MAX_SIZE || (size & (size - 1)) || !area ||
	    ((uintptr_t)area & 15))
		return VIRTQ_BAD_ARGUMENT;
	memset(q, 0, sizeof(*q));
	memset(area, 0, VIRTQ_AREA_BYTES);
	q->size = size;
	q->desc = area;
	q->avail = (void *)((char *)area + virtq_avail_offset(size));
	q->used = (void *)((char *)area + virtq_used_offset(size));
	for (uint16_t i = 0; i < size; i++)
		q->next[i] = (uint16_t)(i + 1);
	q->free_head = 0;
	q->free_count = size;
	return VIRTQ_OK;
}

int virtq_add(struct virtq *q, const struct virtq_buffer *buffers, unsigned count,
	      uint16_t *head)
{
	if (q->broken)
		return VIRTQ_DEVICE_ERROR;
	if (count == 0 || count > q->size)
		return VIRTQ_BAD_ARGUMENT;
	uint64_t writable = 0;
	for (unsigned i = 0; i < count; i++) {
		if (buffers[i].len == 0)
			return VIRTQ_BAD_ARGUMENT;
		if (buffers[i].device_writes)
			writable += buffers[i].len;
	}
	if (writable > UINT32_MAX)
		return VIRTQ_BAD_ARGUMENT;
	if (count > q->free_count)
		return VIRTQ_FULL;
	uint16_t first = q->free_head, at = first;
	for (unsigned i = 0; i < count; i++) {
		volatile struct virtq_desc *d = &q->desc[at];
		d->addr = buffers[i].addr;
		d->len = buffers[i].len;
		d->flags = (uint16_t)((buffers[i].device_writes ? VIRTQ_DESC_F_WRITE : 0) |
				      (i + 1 < count ? VIRTQ_DESC_F_NEXT : 0));
		d->next = i + 1 < count ? q->next[at] : 0;
		if (i + 1 < count)
			at = q->next[at];
	}
	q->free_head = q->next[at];
	q->free_count = (uint16_t)(q->free_count - count);
	q->chain_length[first] = (uint8_t)count;
	q->chain_writable[first] = (uint32_t)writable;
	q->avail->ring[q->avail_idx & (q->size - 1)] = first;
	virtio_barrier(); /* the descriptors and ring entry before the index that publishes them */
	q->avail_idx++;
	q->avail->idx = q->avail_idx;
	virtio_barrier(); /* the index before the caller's notification */
	*head = first;
	return VIRTQ_OK;
}

/* Gives the chain at `head` back to the free list. */
static void free_chain(struct virtq *q, uint16_t head)
{
	uint16_t last = head;
	for (unsigned i = 1; i < q->chain_length[head]; i++)
		last = q->next[last];
	q->next[last] = q->free_head;
	q->free_head = head;
	q->free_count = (uint16_t)(q->free_count + q->chain_length[head]);
	q->chain_length[head] = 0;
	q->chain_writable[head] = 0;
}

int virtq_take_used(struct virtq *q, uint16_t *head, uint32_t *len)
{
	if (q->broken)
		return VIRTQ_DEVICE_ERROR;
	uint16_t used_idx = q->used->idx;
	if (used_idx == q->last_used)
		return VIRTQ_EMPTY;
	/* The device cannot have finished more chains than we made available. */
	uint16_t ahead = (uint16_t)(used_idx - q->last_used);
	uint16_t outstanding = (uint16_t)(q->avail_idx - q->last_used);
	if (ahead > outstanding) {
		q->broken = true;
		return VIRTQ_DEVICE_ERROR;
	}
	virtio_barrier(); /* the index before the entry it covers */
	volatile struct virtq_used_elem *e = &q->used->ring[q->last_used & (q->size - 1)];
	uint32_t id = e->id, written = e->len;
	if (id >= q->size || q->chain_length[id] == 0 || written > q->chain_writable[id]) {
		q->broken = true;
		return VIRTQ_DEVICE_ERROR;
	}
	q->last_used++;
	free_chain(q, (uint16_t)id);
	*head = (uint16_t)id;
	*len = written;
	return VIRTQ_OK;
}

unsigned virtq_in_flight(const struct virtq *q)
{
	return (uint16_t)(q->avail_idx - q->last_used);
}
