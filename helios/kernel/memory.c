/*
 * Memory objects: a first-fit allocator whose free list lives in the free memory itself
 * (address order, neighbours merged), and the deferred freeing that lets destroyed objects
 * stay readable until the kernel is about to return to userspace (see cap.h).
 *
 * The panics here are kernel invariants, never user input: ranges come from the kernel's own
 * allocations and object sizes.
 */
#include "helios/kernel/memory.h"

#include <stddef.h>
#include <stdint.h>

#include "helios/kernel/kernel.h"

/* The header at the start of every free block. */
struct free_block {
	uint64_t size;
	uintptr_t next; /* next free block, at a higher address; 0 at the end */
};

/* A queued memory_free_deferred: kept in the first bytes of the object being freed. */
struct deferred {
	struct deferred *next;
	struct memory *m;
	uint64_t size;
};
_Static_assert(sizeof(struct deferred) <= 32, "the queue link fits an object's first 32 bytes");

static struct deferred *deferred_head;
static struct memory *dead_head; /* memory objects whose caps are gone and live is 0 */

/* Rounds size up to MEMORY_GRAIN; 0 when that would overflow. */
static uint64_t grain_round(uint64_t size)
{
	if (size > UINT64_MAX - (MEMORY_GRAIN - 1))
		return 0;
	return (size + MEMORY_GRAIN - 1) & ~(uint64_t)(MEMORY_GRAIN - 1);
}

static struct free_block *block(uintptr_t addr)
{
	return (struct free_block *)addr;
}

/* Makes `m` describe [base, base+size), all free; a tail smaller than the grain is unused. */
void memory_init(struct memory *m, uintptr_t base, uint64_t size, struct memory *parent)
{
	if (base & (MEMORY_GRAIN - 1))
		panic("memory_init: base %#lx not aligned", (unsigned long)base);
	size &= ~(uint64_t)(MEMORY_GRAIN - 1);
	*m = (struct memory){
		.base = base,
		.size = size,
		.free_list = size ? base : 0,
		.free_bytes = size,
		.parent = parent,
	};
	if (size)
		*block(base) = (struct free_block){ .size = size, .next = 0 };
}

/* First fit: the first free block that holds `size` bytes at an `align`-aligned address. The
 * block is split in up to three: a free head (alignment padding), the allocation, a free tail. */
uintptr_t memory_alloc(struct memory *m, uint64_t size, uint64_t align)
{
	size = grain_round(size);
	if (size == 0 || align == 0 || (align & (align - 1)) != 0)
		return 0;
	if (align < MEMORY_GRAIN)
		align = MEMORY_GRAIN;
	uintptr_t *link = &m->free_list;
	for (uintptr_t b = m->free_list; b; link = &block(b)->next, b = block(b)->next) {
		uint64_t bsize = block(b)->size;
		uintptr_t next = block(b)->next;
		uint64_t pad = (align - (b & (align - 1))) & (align - 1);
		if (pad > bsize || size > bsize - pad)
			continue;
		uintptr_t a = b + pad;
		uint64_t tail = bsize - pad - size;
		if (tail) {
			*block(a + size) = (struct free_block){ .size = tail, .next = next };
			next = a + size;
		}
		if (pad) {
			block(b)->size = pad;
			block(b)->next = next;
		} else {
			*link = next;
		}
		m->free_bytes -= size;
		m->live++;
		return a;
	}
	return 0;
}

/* Gives [addr, addr+size) back at once: inserted in address order, merged with the free
 * blocks it touches. A range outside `m` or overlapping a free block is a kernel bug. */
void memory_free_now(struct memory *m, uintptr_t addr, uint64_t size)
{
	size = grain_round(size);
	if (size == 0 || (addr & (MEMORY_GRAIN - 1)) || addr < m->base ||
	    addr - m->base > m->size || size > m->size - (addr - m->base) || m->live == 0)
		panic("memory_free_now: bad range %#lx+%#lx", (unsigned long)addr,
		      (unsigned long)size);
	uintptr_t prev = 0;
	uintptr_t next = m->free_list;
	while (next && next < addr) {
		prev = next;
		next = block(next)->next;
	}
	if ((prev && prev + block(prev)->size > addr) || (next && addr + size > next))
		panic("memory_free_now: %#lx+%#lx is already free", (unsigned long)addr,
		      (unsigned long)size);
	*block(addr) = (struct free_block){ .size = size, .next = next };
	if (next && addr + size == next) {
		block(addr)->size += block(next)->size;
		block(addr)->next = block(next)->next;
	}
	if (!prev) {
		m->free_list = addr;
	} else if (prev + block(prev)->size == addr) {
		block(prev)->size += block(addr)->size;
		block(prev)->next = block(addr)->next;
	} else {
		block(prev)->next = addr;
	}
	m->free_bytes += size;
	m->live--;
}

/* The largest free block, for MEMORY_INFO. */
uint64_t memory_largest_free(const struct memory *m)
{
	uint64_t largest = 0;
	for (uintptr_t b = m->free_list; b; b = block(b)->next)
		if (block(b)->size > largest)
			largest = block(b)->size;
	return largest;
}

/* Queues an object's bytes to be freed at the next reap. Objects with no source (boot-time
 * objects, device memory) have nowhere to go. */
void memory_free_deferred(struct memory *m, uintptr_t addr, uint64_t size)
{
	if (!m)
		return;
	struct deferred *d = (struct deferred *)addr;
	d->next = deferred_head;
	d->m = m;
	d->size = size;
	deferred_head = d;
	reap_pending = true;
}

/* The last capability to `m` is gone: it dies at reap, now if nothing is allocated from it,
 * else when its last allocation is freed. */
void memory_caps_gone(struct memory *m)
{
	m->caps_gone = 1;
	if (m->live == 0 && m->parent) {
		m->next_dead = dead_head;
		dead_head = m;
		reap_pending = true;
	}
}

/* Gives `m` back to its parent if it is finished (caps gone, nothing allocated), and so on up
 * the chain: each parent may be finished in turn once its child's bytes come home. */
static void memory_release(struct memory *m)
{
	while (m && m->caps_gone && m->live == 0 && m->parent) {
		struct memory *parent = m->parent;
		uintptr_t base = m->base;
		uint64_t size = m->size;
		memory_free_now(parent, base, size);
		memory_free_now(parent, (uintptr_t)m, sizeof *m);
		m = parent;
	}
}

bool reap_pending;

/* Frees everything queued since the last reap, then the memory objects that died. */
void reap_queued(void)
{
	while (deferred_head) {
		struct deferred *d = deferred_head;
		struct memory *m = d->m;
		deferred_head = d->next;
		memory_free_now(m, (uintptr_t)d, d->size);
		memory_release(m);
	}
	while (dead_head) {
		struct memory *m = dead_head;
		dead_head = m->next_dead;
		memory_release(m);
	}
	reap_pending = false;
}
