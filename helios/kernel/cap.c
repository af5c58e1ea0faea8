/*
 * Capabilities: filling slots, the object ring (every capability to one object), the
 * derivation tree (copies are children of their source, retyped objects of their memory), and
 * deletion. Deleting the last capability on a ring finalizes the object; a cspace that dies
 * is not emptied on the spot but queued and emptied by a loop at the outermost deletion_end,
 * so deletion never recurses through cspaces however they nest.
 *
 * The panics here are kernel invariants, never user input: a slot handed to cap_create, copy or
 * move was reserved empty by its caller's decode step, and the deletion brackets are the
 * kernel's own.
 */
#include "helios/kernel/cap.h"

#include <stddef.h>
#include <stdint.h>

#include "helios/kernel/cspace.h"
#include "helios/kernel/kernel.h"
#include "helios/kernel/memory.h"
#include "helios/kernel/object.h"
#include "helios/kernel/task.h"

static unsigned deletion_depth;
static struct cspace *dying_head;

/* Empties a slot, keeping the cspace it belongs to. */
static void slot_clear(struct cap *c)
{
	struct cspace *owner = c->owner;
	*c = (struct cap){ .owner = owner };
}

/* Makes `c` the first child of `parent` (no-op when parent is NULL: a root). */
static void tree_add_child(struct cap *c, struct cap *parent)
{
	c->parent = parent;
	c->prev_sibling = NULL;
	c->next_sibling = NULL;
	if (!parent)
		return;
	c->next_sibling = parent->first_child;
	if (parent->first_child)
		parent->first_child->prev_sibling = c;
	parent->first_child = c;
}

/* Takes `c` out of the tree; its children take its place under its parent, in order. */
static void tree_unlink(struct cap *c)
{
	struct cap *parent = c->parent;
	struct cap *first = c->first_child;
	struct cap *last = NULL;
	for (struct cap *ch = first; ch; ch = ch->next_sibling) {
		ch->parent = parent;
		last = ch;
	}
	struct cap *before = c->prev_sibling;
	struct cap *after = c->next_sibling;
	if (first) {
		first->prev_sibling = before;
		last->next_sibling = after;
		if (after)
			after->prev_sibling = last;
	} else {
		first = after;
		if (after)
			after->prev_sibling = before;
	}
	if (before)
		before->next_sibling = first;
	else if (parent)
		parent->first_child = first;
	c->parent = c->first_child = c->next_sibling = c->prev_sibling = NULL;
}

/* Gives `dst` the tree position of `src` (parent, siblings and children). */
static void tree_replace(struct cap *dst, struct cap *src)
{
	dst->parent = src->parent;
	dst->first_child = src->first_child;
	dst->next_sibling = src->next_sibling;
	dst->prev_sibling = src->prev_sibling;
	if (dst->prev_sibling)
		dst->prev_sibling->next_sibling = dst;
	else if (dst->parent)
		dst->parent->first_child = dst;
	if (dst->next_sibling)
		dst->next_sibling->prev_sibling = dst;
	for (struct cap *ch = dst->first_child; ch; ch = ch->next_sibling)
		ch->parent = dst;
}

static void ring_insert_after(struct cap *c, struct cap *at)
{
	c->ring_prev = at;
	c->ring_next = at->ring_next;
	at->ring_next->ring_prev = c;
	at->ring_next = c;
}

static void ring_unlink(struct cap *c)
{
	c->ring_prev->ring_next = c->ring_next;
	c->ring_next->ring_prev = c->ring_prev;
	c->ring_next = c->ring_prev = c;
}

/* Fills the empty slot `dst` with a new capability: a ring of one, child of `parent`. */
void cap_create(struct cap *dst, uint8_t type, uint8_t rights, uintptr_t object, uint64_t data,
		struct memory *source, struct cap *parent)
{
	if (dst->type != HELIOS_CAP_NULL)
		panic("cap_create: slot %p is not empty", (void *)dst);
	*dst = (struct cap){
		.type = type,
		.rights = rights,
		.data = data,
		.object = object,
		.source = source,
		.owner = dst->owner,
	};
	dst->ring_next = dst->ring_prev = dst;
	tree_add_child(dst, parent);
}

/* True for the types whose capability records a mapping in data and aux: a copy of such a
 * capability names the same object but is not mapped anywhere. */
static bool records_mapping(uint8_t type)
{
	return type == HELIOS_CAP_PAGE || type == HELIOS_CAP_PT || type == HELIOS_CAP_PD ||
	       type == HELIOS_CAP_PDPT;
}

/* Fills the empty slot `dst` with a copy of `src`: same object, on its ring, its child. */
void cap_copy(struct cap *dst, struct cap *src, uint8_t rights)
{
	if (dst->type != HELIOS_CAP_NULL || src->type == HELIOS_CAP_NULL)
		panic("cap_copy: %p <- %p", (void *)dst, (void *)src);
	*dst = (struct cap){
		.type = src->type,
		.rights = src->rights & rights,
		.flags = src->flags,
		.aux = src->aux,
		.data = src->data,
		.object = src->object,
		.source = src->source,
		.owner = dst->owner,
	};
	if (records_mapping(src->type)) {
		dst->aux = 0;
		dst->data = 0;
	}
	ring_insert_after(dst, src);
	tree_add_child(dst, src);
}

/* Moves `src` into the empty slot `dst`: same ring and tree position; src becomes empty. */
void cap_move(struct cap *dst, struct cap *src)
{
	if (dst->type != HELIOS_CAP_NULL || src->type == HELIOS_CAP_NULL || dst == src)
		panic("cap_move: %p <- %p", (void *)dst, (void *)src);
	struct cspace *owner = dst->owner;
	*dst = *src;
	dst->owner = owner;
	if (src->ring_next == src) {
		dst->ring_next = dst->ring_prev = dst;
	} else {
		dst->ring_next->ring_prev = dst;
		dst->ring_prev->ring_next = dst;
	}
	tree_replace(dst, src);
	slot_clear(src);
	if (src->owner)
		cspace_slot_freed(src);
	if (dst->type == HELIOS_CAP_REPLY)
		reply_cap_moved(dst);
}

/* True when `c` is the only capability to its object. */
bool cap_is_last(const struct cap *c)
{
	return c->type != HELIOS_CAP_NULL && c->ring_next == c;
}

/* Deletes one capability; the caller holds a deletion bracket. */
static void delete_one(struct cap *c)
{
	if (c->type == HELIOS_CAP_NULL)
		return;
	object_cap_deleted(c);
	bool last = c->type != HELIOS_CAP_REPLY && c->ring_next == c;
	tree_unlink(c);
	ring_unlink(c);
	if (last)
		object_finalize(c);
	slot_clear(c);
	if (c->owner)
		cspace_slot_freed(c);
}

/* Deletes one capability (a no-op on an empty slot). Never fails. */
void cap_delete(struct cap *c)
{
	deletion_begin();
	delete_one(c);
	deletion_end();
}

/*
 * Deletes every descendant of `c`, deepest first, so no deletion ever hands children on. The
 * walk resumes at the deleted leaf's parent, so a chain of n copies takes O(n). A finalize hook
 * may delete other capabilities (a task deletes the ones it holds); if that empties the slot
 * the walk stands on, it restarts from c. If it deletes c itself, c has no children left.
 */
void cap_revoke(struct cap *c)
{
	deletion_begin();
	struct cap *at = c;
	while (c->first_child) {
		if (at->type == HELIOS_CAP_NULL)
			at = c;
		while (at->first_child)
			at = at->first_child;
		struct cap *parent = at->parent;
		delete_one(at);
		at = parent;
	}
	deletion_end();
}

void deletion_begin(void)
{
	deletion_depth++;
}

/* Empties the queued cspaces one by one and frees them. Deleting a slot may queue more; they
 * are taken by the same loop. Runs inside the outermost bracket, so nested ends never
 * recurse into it. */
static void drain_dying(void)
{
	while (dying_head) {
		struct cspace *cs = dying_head;
		dying_head = cs->next_dying;
		for (uint32_t i = 1; i < cs->slot_count && cs->free_count + 1 < cs->slot_count; i++)
			cap_delete(&cs->slots[i]);
		memory_free_deferred(cs->source, (uintptr_t)cs, cspace_object_size(cs->slot_count));
	}
}

void deletion_end(void)
{
	if (deletion_depth == 0)
		panic("deletion_end without deletion_begin");
	if (deletion_depth == 1)
		drain_dying();
	deletion_depth--;
}

/* Queues a cspace whose last capability was deleted (see object_finalize). */
void deletion_queue_cspace(struct cspace *cs, struct memory *source)
{
	if (deletion_depth == 0)
		panic("cspace %p dies outside a deletion", (void *)cs);
	cs->dying = 1;
	cs->source = source;
	cs->next_dying = dying_head;
	dying_head = cs;
}
