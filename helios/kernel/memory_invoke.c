/*
 * MEMORY_* and DEVICE_MEMORY_* methods: RETYPE makes new objects (each with a capability that
 * is a child of the memory capability, in count consecutive slots), INFO describes the range.
 *
 * A retype's decode step checks every parameter, reserves every destination slot and (from a
 * memory object) allocates every object; if anything is refused or does not fit, it gives back
 * what it took, exactly, and nothing has changed. The invoke step then fills the reserved slots
 * with the allocated objects, which cannot fail (invoke.h).
 */
#include "helios/kernel/memory.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "helios/kernel/cspace.h"
#include "helios/kernel/directmap.h"
#include "helios/kernel/invoke.h"
#include "helios/kernel/object.h"

/* Most objects one retype makes: bounds the work of one invocation. */
#define RETYPE_MAX_COUNT 4096u

/* A decoded MEMORY_RETYPE or DEVICE_MEMORY_RETYPE. */
struct retype {
	unsigned type;
	uint64_t size;       /* bytes of each object */
	uint64_t size_param; /* MEMORY_RETYPE: object_init's */
	uint32_t count;
	struct cap *dest;    /* the first of count consecutive reserved slots */
	uintptr_t objects;   /* MEMORY_RETYPE: the allocated objects, chained (struct pending);
			      * DEVICE_MEMORY_RETYPE: the first object's address */
};

/* Reserves `count` consecutive slots from `dest` of the caller's cspace (or, with UNDEF and
 * count 1, a free slot) for the new capabilities. */
static int reserve_dest(struct invocation *inv, uint64_t dest, uint64_t count,
			struct retype *r)
{
	if (count == 0 || count > RETYPE_MAX_COUNT)
		return HELIOS_ERR_INVALID_PARAM;
	if (dest > UINT32_MAX)
		return HELIOS_ERR_INVALID_CADDR;
	r->count = (uint32_t)count;
	return cspace_reserve_run(inv->cspace, (helios_caddr_t)dest, r->count, &r->dest);
}

/*
 * Objects allocated but not yet handed out are chained through their first bytes (every
 * object is at least MEMORY_GRAIN bytes), so a retype of any count needs no array.
 */
struct pending {
	uintptr_t next;       /* the next object, 0 at the end */
	uintptr_t descriptor; /* MEMORY: its descriptor, else 0 */
};

/* Gives back every object on a chain (a retype that ran out of memory). */
static void free_chain(struct memory *m, uintptr_t obj, uint64_t size)
{
	while (obj) {
		struct pending p = *(struct pending *)obj;
		if (p.descriptor)
			memory_free_now(m, p.descriptor, sizeof(struct memory));
		memory_free_now(m, obj, size);
		obj = p.next;
	}
}

/* Allocates count objects (and a descriptor for each MEMORY object) into a chain: all of them,
 * or none and NOMEM. */
static int allocate_chain(struct memory *m, unsigned type, uint64_t size, uint64_t align,
			  uint64_t count, uintptr_t *chain)
{
	uintptr_t first = 0;
	uintptr_t *tail = &first;
	if (size > m->free_bytes / count)
		return HELIOS_ERR_NOMEM;
	for (uint64_t i = 0; i < count; i++) {
		uintptr_t obj = memory_alloc(m, size, align);
		uintptr_t descriptor = 0;
		if (obj && type == HELIOS_CAP_MEMORY) {
			descriptor = memory_alloc(m, sizeof(struct memory), MEMORY_GRAIN);
			if (!descriptor) {
				memory_free_now(m, obj, size);
				obj = 0;
			}
		}
		if (!obj) {
			free_chain(m, first, size);
			return HELIOS_ERR_NOMEM;
		}
		struct pending *p = (struct pending *)obj;
		p->next = 0;
		p->descriptor = descriptor;
		*tail = obj;
		tail = &p->next;
	}
	*chain = first;
	return HELIOS_OK;
}

/* MEMORY_RETYPE (type, size, count, dest_slot). */
static int decode_memory_retype(struct invocation *inv, struct retype *r)
{
	INVOKE_NEED_PARAMS(inv, 4);
	uint64_t type = inv->params[0], count = inv->params[2];
	struct memory *m = (struct memory *)inv->cap->object;
	if (!(inv->cap->rights & HELIOS_RIGHT_WRITE))
		return HELIOS_ERR_ACCESS;
	if (type >= HELIOS_CAP_TYPE_COUNT)
		return HELIOS_ERR_INVALID_TYPE;
	r->type = (unsigned)type;
	r->size_param = inv->params[1];
	uint64_t align;
	int err = object_layout(r->type, r->size_param, &r->size, &align);
	if (!err)
		err = reserve_dest(inv, inv->params[3], count, r);
	if (err)
		return err;
	err = allocate_chain(m, r->type, r->size, align, count, &r->objects);
	if (err)
		cspace_undo_reserve(r->dest, r->count);
	return err;
}

/* -> (first slot). */
static void invoke_memory_retype(struct invocation *inv, const struct retype *r)
{
	struct memory *m = (struct memory *)inv->cap->object;
	uintptr_t obj = r->objects;
	for (struct cap *slot = r->dest; obj; slot++) {
		struct pending p = *(struct pending *)obj;
		if (r->type == HELIOS_CAP_MEMORY) {
			struct memory *child = (struct memory *)p.descriptor;
			memory_init(child, obj, r->size, m);
			cap_create(slot, HELIOS_CAP_MEMORY, HELIOS_RIGHTS_ALL, (uintptr_t)child, 0,
				   m, inv->cap);
		} else {
			memset((void *)obj, 0, r->size);
			object_init(r->type, obj, r->size_param);
			cap_create(slot, (uint8_t)r->type, HELIOS_RIGHTS_ALL, obj, 0, m, inv->cap);
		}
		obj = p.next;
	}
	invoke_result_slot(inv, r->dest);
}

/* MEMORY_INFO () -> (base, size, free bytes, largest free block). */
static void memory_info(struct invocation *inv)
{
	const struct memory *m = (const struct memory *)inv->cap->object;
	inv->results[0] = virt_to_phys(m->base);
	inv->results[1] = m->size;
	inv->results[2] = m->free_bytes;
	inv->results[3] = memory_largest_free(m);
	inv->nresults = 4;
}

int memory_invoke(struct invocation *inv)
{
	struct retype r;
	int err;
	switch (inv->label) {
	case HELIOS_MEMORY_RETYPE:
		if ((err = decode_memory_retype(inv, &r)))
			return err;
		invoke_memory_retype(inv, &r);
		return HELIOS_OK;
	case HELIOS_MEMORY_INFO: /* looking needs no right */
		memory_info(inv);
		return HELIOS_OK;
	default:
		return HELIOS_ERR_INVALID_METHOD;
	}
}

/*
 * DEVICE_MEMORY_RETYPE (type, size, count, dest_slot, offset): count pages, or count device
 * memory pieces of size bytes, one after another from offset.
 */
static int decode_device_retype(struct invocation *inv, struct retype *r)
{
	INVOKE_NEED_PARAMS(inv, 5);
	uint64_t type = inv->params[0], size = inv->params[1], count = inv->params[2];
	uint64_t offset = inv->params[4];
	const struct cap *dev = inv->cap;
	if (!(dev->rights & HELIOS_RIGHT_WRITE))
		return HELIOS_ERR_ACCESS;
	if (type == HELIOS_CAP_PAGE) {
		r->size = HELIOS_PAGE_SIZE;
	} else if (type == HELIOS_CAP_DEVICE_MEMORY) {
		if (size < HELIOS_PAGE_SIZE || size % HELIOS_PAGE_SIZE != 0)
			return HELIOS_ERR_INVALID_PARAM;
		r->size = size;
	} else {
		return HELIOS_ERR_INVALID_TYPE;
	}
	r->type = (unsigned)type;
	int err = reserve_dest(inv, inv->params[3], count, r);
	if (err)
		return err;
	if (offset % HELIOS_PAGE_SIZE != 0 || offset > dev->data ||
	    r->size > (dev->data - offset) / count) {
		cspace_undo_reserve(r->dest, r->count);
		return HELIOS_ERR_INVALID_PARAM;
	}
	r->objects = dev->object + offset;
	return HELIOS_OK;
}

/* -> (first slot). The new caps carry the parent's rights (the same registers) and no source:
 * device memory is never freed. */
static void invoke_device_retype(struct invocation *inv, const struct retype *r)
{
	struct cap *dev = inv->cap;
	uint64_t data = r->type == HELIOS_CAP_PAGE ? 0 : r->size;
	for (uint32_t i = 0; i < r->count; i++) {
		struct cap *slot = r->dest + i;
		cap_create(slot, (uint8_t)r->type, dev->rights, r->objects + i * r->size, data, NULL,
			   dev);
		if (r->type == HELIOS_CAP_PAGE)
			slot->flags |= CAP_FLAG_DEVICE; /* mapped uncached, never an IPC buffer */
	}
	invoke_result_slot(inv, r->dest);
}

/* DEVICE_MEMORY_INFO () -> (base, size). */
static void device_memory_info(struct invocation *inv)
{
	inv->results[0] = virt_to_phys(inv->cap->object);
	inv->results[1] = inv->cap->data;
	inv->nresults = 2;
}

int device_memory_invoke(struct invocation *inv)
{
	struct retype r;
	int err;
	switch (inv->label) {
	case HELIOS_DEVICE_MEMORY_RETYPE:
		if ((err = decode_device_retype(inv, &r)))
			return err;
		invoke_device_retype(inv, &r);
		return HELIOS_OK;
	case HELIOS_DEVICE_MEMORY_INFO:
		device_memory_info(inv);
		return HELIOS_OK;
	default:
		return HELIOS_ERR_INVALID_METHOD;
	}
}
