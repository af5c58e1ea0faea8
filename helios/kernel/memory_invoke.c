/*
 * Invocations of memory and device memory capabilities: RETYPE makes new objects (each with a
 * capability that is a child of the memory capability, in count consecutive slots), INFO
 * describes the range. Decoding checks every parameter and slot first; a retype then
 * allocates all its objects and, if one does not fit, frees the others and fails with
 * nothing changed. Only after that are slots filled, which cannot fail.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "helios/kernel/invoke.h"
#include "helios/kernel/kernel.h"
#include "helios/kernel/object.h"

/* Most objects one retype makes: bounds the work of one invocation. */
#define RETYPE_MAX_COUNT 4096u

/* Checks that `count` consecutive slots from `dest` of the caller's cspace are empty (or, with
 * UNDEF and count 1, that there is a free slot). */
static int decode_dest(struct invocation *inv, uint64_t dest, uint64_t count)
{
	struct cspace *cs = inv->cspace;
	if (count == 0 || count > RETYPE_MAX_COUNT)
		return HELIOS_ERR_INVALID_PARAM;
	if (dest == HELIOS_CADDR_UNDEF) {
		if (count != 1)
			return HELIOS_ERR_INVALID_PARAM;
		return cs->free_count ? HELIOS_OK : HELIOS_ERR_CSPACE_FULL;
	}
	if (dest == 0 || dest >= cs->slot_count || count > cs->slot_count - dest)
		return HELIOS_ERR_INVALID_CADDR;
	for (uint64_t i = 0; i < count; i++)
		if (cs->slots[dest + i].type != HELIOS_CAP_NULL)
			return HELIOS_ERR_INVALID_CSLOT;
	return HELIOS_OK;
}

/* The i-th destination slot, checked by decode_dest; result 0 names the first. */
static struct cap *take_dest(struct invocation *inv, uint64_t dest, uint64_t i)
{
	helios_caddr_t caddr = dest == HELIOS_CADDR_UNDEF ? HELIOS_CADDR_UNDEF
							  : (helios_caddr_t)(dest + i);
	struct cap *slot;
	if (cspace_reserve(inv->cspace, caddr, &slot) != HELIOS_OK)
		panic("retype: decoded slot %u is gone", caddr);
	if (i == 0) {
		inv->results[0] = cspace_caddr(inv->cspace, slot);
		inv->nresults = 1;
	}
	return slot;
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

/* MEMORY_RETYPE (type, size, count, dest_slot) -> (first slot). */
static int memory_retype(struct invocation *inv)
{
	INVOKE_NEED_PARAMS(inv, 4);
	uint64_t type = inv->params[0], size_param = inv->params[1];
	uint64_t count = inv->params[2], dest = inv->params[3];
	struct memory *m = (struct memory *)inv->cap->object;
	if (!(inv->cap->rights & HELIOS_RIGHT_WRITE))
		return HELIOS_ERR_ACCESS;
	if (type >= HELIOS_CAP_TYPE_COUNT)
		return HELIOS_ERR_INVALID_TYPE;
	uint64_t size, align;
	int err = object_layout((unsigned)type, size_param, &size, &align);
	if (err)
		return err;
	err = decode_dest(inv, dest, count);
	if (err)
		return err;
	uintptr_t obj;
	err = allocate_chain(m, (unsigned)type, size, align, count, &obj);
	if (err)
		return err;

	for (uint64_t i = 0; obj; i++) {
		struct pending p = *(struct pending *)obj;
		struct cap *slot = take_dest(inv, dest, i);
		if (type == HELIOS_CAP_MEMORY) {
			struct memory *child = (struct memory *)p.descriptor;
			memory_init(child, obj, size, m);
			cap_create(slot, HELIOS_CAP_MEMORY, HELIOS_RIGHTS_ALL, (uintptr_t)child, 0,
				   m, inv->cap);
		} else {
			memset((void *)obj, 0, size);
			object_init((unsigned)type, obj, size_param);
			cap_create(slot, (uint8_t)type, HELIOS_RIGHTS_ALL, obj, 0, m, inv->cap);
		}
		obj = p.next;
	}
	return HELIOS_OK;
}

/* MEMORY_INFO () -> (base, size, free bytes, largest free block). */
static int memory_info(struct invocation *inv)
{
	const struct memory *m = (const struct memory *)inv->cap->object;
	inv->results[0] = virt_to_phys(m->base);
	inv->results[1] = m->size;
	inv->results[2] = m->free_bytes;
	inv->results[3] = memory_largest_free(m);
	inv->nresults = 4;
	return HELIOS_OK;
}

int memory_invoke(struct invocation *inv)
{
	switch (inv->label) {
	case HELIOS_MEMORY_RETYPE:
		return memory_retype(inv);
	case HELIOS_MEMORY_INFO:
		return memory_info(inv);
	default:
		return HELIOS_ERR_INVALID_METHOD;
	}
}

/*
 * DEVICE_MEMORY_RETYPE (type, size, count, dest_slot, offset) -> (first slot): count pages, or
 * count device memory pieces of size bytes, one after another from offset. The new caps carry
 * the parent's rights (the same registers) and no source: device memory is never freed.
 */
static int device_memory_retype(struct invocation *inv)
{
	INVOKE_NEED_PARAMS(inv, 5);
	uint64_t type = inv->params[0], size = inv->params[1], count = inv->params[2];
	uint64_t dest = inv->params[3], offset = inv->params[4];
	struct cap *dev = inv->cap;
	if (!(dev->rights & HELIOS_RIGHT_WRITE))
		return HELIOS_ERR_ACCESS;
	uint64_t piece;
	if (type == HELIOS_CAP_PAGE) {
		piece = HELIOS_PAGE_SIZE;
	} else if (type == HELIOS_CAP_DEVICE_MEMORY) {
		if (size < HELIOS_PAGE_SIZE || size % HELIOS_PAGE_SIZE != 0)
			return HELIOS_ERR_INVALID_PARAM;
		piece = size;
	} else {
		return HELIOS_ERR_INVALID_TYPE;
	}
	int err = decode_dest(inv, dest, count);
	if (err)
		return err;
	if (offset % HELIOS_PAGE_SIZE != 0 || offset > dev->data ||
	    piece > (dev->data - offset) / count)
		return HELIOS_ERR_INVALID_PARAM;

	for (uint64_t i = 0; i < count; i++) {
		struct cap *slot = take_dest(inv, dest, i);
		uintptr_t object = dev->object + offset + i * piece;
		uint64_t data = type == HELIOS_CAP_PAGE ? 0 : piece;
		cap_create(slot, (uint8_t)type, dev->rights, object, data, NULL, dev);
		if (type == HELIOS_CAP_PAGE)
			slot->flags |= CAP_FLAG_DEVICE; /* mapped uncached, never an IPC buffer */
	}
	return HELIOS_OK;
}

/* DEVICE_MEMORY_INFO () -> (base, size). */
static int device_memory_info(struct invocation *inv)
{
	inv->results[0] = virt_to_phys(inv->cap->object);
	inv->results[1] = inv->cap->data;
	inv->nresults = 2;
	return HELIOS_OK;
}

int device_memory_invoke(struct invocation *inv)
{
	switch (inv->label) {
	case HELIOS_DEVICE_MEMORY_RETYPE:
		return device_memory_retype(inv);
	case HELIOS_DEVICE_MEMORY_INFO:
		return device_memory_info(inv);
	default:
		return HELIOS_ERR_INVALID_METHOD;
	}
}
