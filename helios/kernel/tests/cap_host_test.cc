// Capabilities (helios/kernel/cap.c and object.c's finalize): object rings and last-cap
// detection, the derivation tree under copy, move and delete, revoke, and the cascading
// destruction of cspaces without recursion.
#include <vector>

#include <gtest/gtest.h>

#include "helios/kernel/tests/fake_hooks.h"

namespace {

// The children of `c` in order, checking the sibling links and parent pointers.
std::vector<struct cap *> Children(const struct cap *c)
{
	std::vector<struct cap *> out;
	struct cap *prev = nullptr;
	for (struct cap *ch = c->first_child; ch; ch = ch->next_sibling) {
		EXPECT_EQ(ch->parent, c);
		EXPECT_EQ(ch->prev_sibling, prev);
		out.push_back(ch);
		prev = ch;
	}
	return out;
}

// The capabilities on the ring of `c`, starting with c, checking both directions.
std::vector<struct cap *> Ring(struct cap *c)
{
	std::vector<struct cap *> out;
	struct cap *at = c;
	do {
		EXPECT_EQ(at->ring_next->ring_prev, at);
		out.push_back(at);
		at = at->ring_next;
	} while (at != c && out.size() < 100000);
	return out;
}

class CapTest : public ::testing::Test {
protected:
	// An empty slot of the root cspace, off its free list.
	struct cap *Reserve(helios_caddr_t caddr = HELIOS_CADDR_UNDEF, struct cspace *cs = nullptr)
	{
		struct cap *slot = nullptr;
		EXPECT_EQ(cspace_reserve(cs ? cs : w.cs, caddr, &slot), HELIOS_OK);
		return slot;
	}
	struct cap *Copy(struct cap *src, uint8_t rights = HELIOS_RIGHTS_ALL,
			 struct cspace *cs = nullptr)
	{
		struct cap *dst = Reserve(HELIOS_CADDR_UNDEF, cs);
		cap_copy(dst, src, rights);
		return dst;
	}
	struct cap *Make(unsigned type, uint64_t size = 0)
	{
		helios_caddr_t c = w.Make(type, size);
		EXPECT_NE(c, 0u);
		return w.Slot(c);
	}
	struct cspace *CspaceOf(const struct cap *c)
	{
		return reinterpret_cast<struct cspace *>(c->object);
	}
	// Moves the capability `c` into a free slot of cs.
	struct cap *MoveInto(struct cap *c, struct cspace *cs)
	{
		struct cap *dst = Reserve(HELIOS_CADDR_UNDEF, cs);
		cap_move(dst, c);
		return dst;
	}

	World w{4 << 20, 4096};
};

TEST_F(CapTest, ANewCapabilityIsARingOfOneUnderItsMemory)
{
	struct cap *ep = Make(HELIOS_CAP_ENDPOINT);
	EXPECT_EQ(Ring(ep), std::vector<struct cap *>{ep});
	EXPECT_TRUE(cap_is_last(ep));
	EXPECT_EQ(ep->parent, w.MemoryCap());
	EXPECT_EQ(Children(w.MemoryCap()), std::vector<struct cap *>{ep});
	EXPECT_EQ(ep->source, &w.boot);
	EXPECT_EQ(ep->rights, HELIOS_RIGHTS_ALL);
	EXPECT_EQ(ep->owner, w.cs);
}

TEST_F(CapTest, CopyJoinsTheRingAndBecomesAChild)
{
	struct cap *ep = Make(HELIOS_CAP_ENDPOINT);
	struct cap *a = Copy(ep, HELIOS_RIGHT_READ | HELIOS_RIGHT_GRANT);
	struct cap *b = Copy(a, HELIOS_RIGHTS_ALL);
	EXPECT_EQ(Ring(ep).size(), 3u);
	EXPECT_FALSE(cap_is_last(ep));
	EXPECT_FALSE(cap_is_last(b));
	EXPECT_EQ(a->object, ep->object);
	EXPECT_EQ(a->source, ep->source);
	EXPECT_EQ(a->rights, HELIOS_RIGHT_READ | HELIOS_RIGHT_GRANT);
	EXPECT_EQ(b->rights, HELIOS_RIGHT_READ | HELIOS_RIGHT_GRANT); // never more than the source
	EXPECT_EQ(Children(ep), std::vector<struct cap *>{a});
	EXPECT_EQ(Children(a), std::vector<struct cap *>{b});
}

TEST_F(CapTest, ACopyOfAMappedPageIsNotMapped)
{
	struct cap *page = Make(HELIOS_CAP_PAGE);
	page->data = CAP_MAPPING(3, 0x400000);
	page->aux = HELIOS_MAP_READ;
	struct cap *copy = Copy(page);
	EXPECT_EQ(copy->data, 0u);
	EXPECT_EQ(copy->aux, 0u);
	EXPECT_EQ(copy->object, page->object);
	EXPECT_EQ(page->data, CAP_MAPPING(3, 0x400000));
	page->data = 0; // let it be deleted like an unmapped page
}

TEST_F(CapTest, ACopyKeepsTheBadge)
{
	struct cap *ep = Make(HELIOS_CAP_ENDPOINT);
	ep->data = 77;
	ep->flags = CAP_FLAG_BADGED;
	struct cap *copy = Copy(ep);
	EXPECT_EQ(copy->data, 77u);
	EXPECT_EQ(copy->flags, CAP_FLAG_BADGED);
}

TEST_F(CapTest, OnlyTheLastDeletionFinalizes)
{
	struct cap *ep = Make(HELIOS_CAP_ENDPOINT);
	uintptr_t object = ep->object;
	struct cap *a = Copy(ep);
	struct cap *b = Copy(ep);
	cap_delete(ep);
	cap_delete(b);
	EXPECT_EQ(hooks.endpoint_finalize, 0);
	EXPECT_TRUE(cap_is_last(a));
	reap();
	EXPECT_EQ(w.FreeBytes(), w.start_free - kEndpointSize);
	cap_delete(a);
	EXPECT_EQ(hooks.endpoint_finalize, 1);
	EXPECT_EQ(hooks.finalized, std::vector<uintptr_t>{object});
	EXPECT_EQ(w.FreeBytes(), w.start_free - kEndpointSize); // freed at reap
	reap();
	EXPECT_EQ(w.FreeBytes(), w.start_free);
}

TEST_F(CapTest, NotificationsAndIrqHandlersAreFinalizedByTheirHooks)
{
	struct cap *n = Make(HELIOS_CAP_NOTIFICATION);
	cap_delete(n);
	EXPECT_EQ(hooks.notification_finalize, 1);
	struct cap *irq = Reserve();
	cap_create(irq, HELIOS_CAP_IRQ_HANDLER, HELIOS_RIGHTS_ALL, 0, 5, nullptr, nullptr);
	struct cap *irq2 = Copy(irq);
	cap_delete(irq);
	EXPECT_EQ(hooks.irq_finalize, 0);
	cap_delete(irq2);
	EXPECT_EQ(hooks.irq_finalize, 1);
	reap();
	EXPECT_EQ(w.FreeBytes(), w.start_free);
}

TEST_F(CapTest, DeleteHandsChildrenToTheParentInPlace)
{
	struct cap *e1 = Make(HELIOS_CAP_ENDPOINT);
	struct cap *e2 = Make(HELIOS_CAP_ENDPOINT);
	struct cap *e3 = Make(HELIOS_CAP_ENDPOINT);
	struct cap *mem = w.MemoryCap();
	ASSERT_EQ(Children(mem), (std::vector<struct cap *>{e3, e2, e1}));
	struct cap *x = Copy(e2);
	struct cap *y = Copy(e2);
	ASSERT_EQ(Children(e2), (std::vector<struct cap *>{y, x}));
	cap_delete(e2);
	EXPECT_EQ(Children(mem), (std::vector<struct cap *>{e3, y, x, e1}));
	cap_delete(e3); // first child, no children
	EXPECT_EQ(Children(mem), (std::vector<struct cap *>{y, x, e1}));
	cap_delete(e1); // last child
	EXPECT_EQ(Children(mem), (std::vector<struct cap *>{y, x}));
	EXPECT_EQ(hooks.endpoint_finalize, 2); // e1, e3; e2's object lives on in x and y
}

TEST_F(CapTest, DeletingAFirstChildWithChildren)
{
	struct cap *e1 = Make(HELIOS_CAP_ENDPOINT);
	struct cap *e2 = Make(HELIOS_CAP_ENDPOINT);
	struct cap *x = Copy(e2);
	cap_delete(e2);
	EXPECT_EQ(Children(w.MemoryCap()), (std::vector<struct cap *>{x, e1}));
}

TEST_F(CapTest, DeletingARootMakesItsChildrenRoots)
{
	struct cap *root = Reserve();
	cap_create(root, HELIOS_CAP_ASID_CONTROL, HELIOS_RIGHTS_ALL, 0, 0, nullptr, nullptr);
	struct cap *a = Copy(root);
	struct cap *b = Copy(root);
	cap_delete(root);
	EXPECT_EQ(a->parent, nullptr);
	EXPECT_EQ(b->parent, nullptr);
	// They stay linked to each other (a consistent sibling list with no parent).
	EXPECT_EQ(b->next_sibling, a);
	EXPECT_EQ(a->prev_sibling, b);
	EXPECT_EQ(b->prev_sibling, nullptr);
	EXPECT_EQ(a->next_sibling, nullptr);
	cap_delete(b);
	EXPECT_EQ(a->prev_sibling, nullptr);
	EXPECT_EQ(Ring(a), std::vector<struct cap *>{a});
	EXPECT_EQ(hooks.vm_finalize, 0);
	EXPECT_EQ(hooks.vm_cap_deleted, 2);
}

TEST_F(CapTest, MoveTakesOverRingAndTreePosition)
{
	struct cap *e1 = Make(HELIOS_CAP_ENDPOINT);
	struct cap *a = Make(HELIOS_CAP_ENDPOINT);
	struct cap *e3 = Make(HELIOS_CAP_ENDPOINT);
	struct cap *b = Copy(a);
	struct cap *c = Copy(a);
	helios_caddr_t old = cspace_caddr(w.cs, a);
	struct cap *moved = Reserve();
	cap_move(moved, a);
	EXPECT_EQ(a->type, HELIOS_CAP_NULL);
	EXPECT_EQ(a->owner, w.cs);
	EXPECT_EQ(w.cs->free_head, old); // the emptied slot is free again, first in line
	EXPECT_EQ(Children(w.MemoryCap()), (std::vector<struct cap *>{e3, moved, e1}));
	EXPECT_EQ(Children(moved), (std::vector<struct cap *>{c, b}));
	EXPECT_EQ(Ring(moved).size(), 3u);
	EXPECT_EQ(Ring(b).size(), 3u);
	for (struct cap *r : Ring(b))
		EXPECT_NE(r, a);
	EXPECT_EQ(moved->type, HELIOS_CAP_ENDPOINT);
	EXPECT_EQ(moved->owner, w.cs);
	EXPECT_EQ(hooks.reply_moved, 0);
}

TEST_F(CapTest, MoveOfACapabilityAloneOnItsRingAcrossCspaces)
{
	struct cap *ep = Make(HELIOS_CAP_ENDPOINT);
	struct cspace *x = CspaceOf(Make(HELIOS_CAP_CSPACE, 8));
	struct cap *moved = MoveInto(ep, x);
	EXPECT_EQ(moved->owner, x);
	EXPECT_EQ(Ring(moved), std::vector<struct cap *>{moved});
	EXPECT_TRUE(cap_is_last(moved));
	EXPECT_EQ(x->free_count, 6u);
}

TEST_F(CapTest, MovingAReplyCapTellsItsCaller)
{
	cap_create(&w.caller.reply_cap, HELIOS_CAP_REPLY, HELIOS_RIGHTS_ALL, 0x1000, 0, nullptr,
		   nullptr);
	struct cap *dst = Reserve();
	cap_move(dst, &w.caller.reply_cap);
	EXPECT_EQ(hooks.reply_moved, 1);
	EXPECT_EQ(hooks.last_reply_moved, dst);
	EXPECT_EQ(w.caller.reply_cap.type, HELIOS_CAP_NULL);
	EXPECT_EQ(w.caller.reply_cap.owner, nullptr); // a kernel slot stays a kernel slot
}

TEST_F(CapTest, ReplyCapsAreNeverFinalized)
{
	struct cap *r = Reserve();
	cap_create(r, HELIOS_CAP_REPLY, HELIOS_RIGHTS_ALL, 0x1000, 0, nullptr, nullptr);
	cap_delete(r);
	EXPECT_EQ(hooks.reply_deleted, 1);
	EXPECT_EQ(hooks.task_finalize, 0);
	EXPECT_EQ(hooks.vm_finalize, 0);
	EXPECT_EQ(r->type, HELIOS_CAP_NULL);
}

TEST_F(CapTest, DeletingAnEmptySlotDoesNothing)
{
	uint32_t free_before = w.cs->free_count;
	cap_delete(w.Slot(100));
	EXPECT_EQ(w.cs->free_count, free_before);
	EXPECT_EQ(w.cs->free_head, 3u);
}

TEST_F(CapTest, ADeletedSlotIsTheNextOneHandedOut)
{
	struct cap *ep = Make(HELIOS_CAP_ENDPOINT);
	helios_caddr_t at = cspace_caddr(w.cs, ep);
	Make(HELIOS_CAP_ENDPOINT);
	uint32_t free_before = w.cs->free_count;
	cap_delete(ep);
	EXPECT_EQ(w.cs->free_count, free_before + 1);
	EXPECT_EQ(w.Make(HELIOS_CAP_NOTIFICATION), at);
}

TEST_F(CapTest, ArchitectureCapabilitiesUseTheArchHooks)
{
	struct cap *page = Make(HELIOS_CAP_PAGE);
	struct cap *copy = Copy(page);
	cap_delete(copy);
	EXPECT_EQ(hooks.vm_cap_deleted, 1);
	EXPECT_EQ(hooks.vm_finalize, 0);
	cap_delete(page);
	EXPECT_EQ(hooks.vm_cap_deleted, 2);
	EXPECT_EQ(hooks.vm_finalize, 1);
	reap();
	EXPECT_EQ(w.FreeBytes(), w.start_free);
}

TEST_F(CapTest, RevokeDeletesEveryDescendantAcrossCspaces)
{
	struct cap *a = Make(HELIOS_CAP_ENDPOINT);
	struct cap *other = Make(HELIOS_CAP_ENDPOINT);
	struct cap *other_copy = Copy(other);
	struct cspace *x = CspaceOf(Make(HELIOS_CAP_CSPACE, 16));
	struct cap *b = Copy(a);
	struct cap *c = Copy(b, HELIOS_RIGHTS_ALL, x);
	struct cap *d = Copy(a, HELIOS_RIGHT_READ, x);
	struct cap *e = Copy(c);
	Copy(d, HELIOS_RIGHTS_ALL, x);
	uint32_t root_free = w.cs->free_count;
	cap_revoke(a);
	EXPECT_EQ(a->type, HELIOS_CAP_ENDPOINT); // revoke keeps the capability itself
	EXPECT_EQ(a->first_child, nullptr);
	EXPECT_EQ(Ring(a), std::vector<struct cap *>{a});
	for (struct cap *gone : {b, c, d, e})
		EXPECT_EQ(gone->type, HELIOS_CAP_NULL);
	EXPECT_EQ(x->free_count, 15u);
	EXPECT_EQ(w.cs->free_count, root_free + 2);
	EXPECT_EQ(hooks.endpoint_finalize, 0); // a still names it
	EXPECT_EQ(other_copy->parent, other); // an unrelated tree is untouched
	EXPECT_EQ(Ring(other).size(), 2u);
}

TEST_F(CapTest, RevokeWithNoChildrenDoesNothing)
{
	struct cap *a = Make(HELIOS_CAP_ENDPOINT);
	cap_revoke(a);
	EXPECT_EQ(a->type, HELIOS_CAP_ENDPOINT);
	EXPECT_EQ(hooks.endpoint_finalize, 0);
}

TEST_F(CapTest, RevokeOfALongChainIsIterative)
{
	World big(1 << 20, 40000);
	struct cap *a = big.Slot(big.Make(HELIOS_CAP_ENDPOINT));
	struct cap *at = a;
	for (int i = 0; i < 30000; i++) {
		struct cap *next;
		ASSERT_EQ(cspace_reserve(big.cs, HELIOS_CADDR_UNDEF, &next), HELIOS_OK);
		cap_copy(next, at, HELIOS_RIGHTS_ALL);
		at = next;
	}
	cap_revoke(a);
	EXPECT_EQ(Ring(a), std::vector<struct cap *>{a});
	EXPECT_EQ(big.cs->free_count, 40000u - 1 - 3);
}

TEST_F(CapTest, DeleteOfTheMiddleOfALongChainKeepsTheRest)
{
	struct cap *a = Make(HELIOS_CAP_ENDPOINT);
	std::vector<struct cap *> chain{a};
	for (int i = 0; i < 5; i++)
		chain.push_back(Copy(chain.back()));
	cap_delete(chain[2]);
	EXPECT_EQ(chain[3]->parent, chain[1]);
	EXPECT_EQ(Children(chain[1]), std::vector<struct cap *>{chain[3]});
	cap_revoke(chain[1]);
	EXPECT_EQ(Ring(a).size(), 2u);
}

TEST_F(CapTest, RevokeOfMemoryGivesEverythingBack)
{
	Make(HELIOS_CAP_ENDPOINT);
	Make(HELIOS_CAP_NOTIFICATION);
	Make(HELIOS_CAP_TASK);
	Make(HELIOS_CAP_PAGE);
	struct cap *x = Make(HELIOS_CAP_CSPACE, 32);
	struct cap *mem2 = Make(HELIOS_CAP_MEMORY, 8 * HELIOS_PAGE_SIZE);
	helios_caddr_t ep2 = w.Make(HELIOS_CAP_ENDPOINT, 0, cspace_caddr(w.cs, mem2));
	ASSERT_NE(ep2, 0u);
	MoveInto(w.Slot(ep2), CspaceOf(x));
	EXPECT_LT(w.FreeBytes(), w.start_free);
	cap_revoke(w.MemoryCap());
	reap();
	EXPECT_EQ(w.FreeBytes(), w.start_free);
	EXPECT_EQ(w.Largest(), w.arena_size);
	EXPECT_EQ(w.boot.live, 0u);
	EXPECT_EQ(w.cs->free_count, w.cs->slot_count - 3); // memory and self caps remain
	EXPECT_EQ(hooks.endpoint_finalize, 2);
	EXPECT_EQ(hooks.task_finalize, 1);
}

TEST_F(CapTest, DestroyingACspaceDeletesWhatItHolds)
{
	struct cap *xcap = Make(HELIOS_CAP_CSPACE, 8);
	struct cspace *x = CspaceOf(xcap);
	for (int i = 0; i < 3; i++)
		MoveInto(Make(HELIOS_CAP_ENDPOINT), x);
	struct cap *shared = Make(HELIOS_CAP_NOTIFICATION);
	Copy(shared, HELIOS_RIGHTS_ALL, x);
	cap_delete(xcap);
	EXPECT_EQ(hooks.endpoint_finalize, 3);
	EXPECT_EQ(hooks.notification_finalize, 0); // the root still holds one
	EXPECT_EQ(Ring(shared), std::vector<struct cap *>{shared});
	cap_delete(shared);
	reap();
	EXPECT_EQ(w.FreeBytes(), w.start_free);
}

TEST_F(CapTest, ADyingCspaceIsEmptiedAtTheOutermostDeletionEnd)
{
	struct cap *xcap = Make(HELIOS_CAP_CSPACE, 8);
	struct cspace *x = CspaceOf(xcap);
	struct cap *held = MoveInto(Make(HELIOS_CAP_ENDPOINT), x);
	deletion_begin();
	cap_delete(xcap);
	EXPECT_EQ(x->dying, 1u);
	EXPECT_EQ(held->type, HELIOS_CAP_ENDPOINT); // not yet: nothing disappears mid-loop
	EXPECT_EQ(hooks.endpoint_finalize, 0);
	deletion_end();
	EXPECT_EQ(held->type, HELIOS_CAP_NULL);
	EXPECT_EQ(hooks.endpoint_finalize, 1);
	reap(); // (x's header is now the free queue's link: not to be looked at)
	EXPECT_EQ(w.FreeBytes(), w.start_free);
}

TEST_F(CapTest, AThousandNestedCspacesDieWithoutRecursion)
{
	World big(2 << 20, 2100);
	std::vector<struct cap *> caps;
	for (int i = 0; i < 2000; i++) {
		helios_caddr_t c = big.Make(HELIOS_CAP_CSPACE, 2);
		ASSERT_NE(c, 0u);
		caps.push_back(big.Slot(c));
	}
	// Cspace i holds the only capability to cspace i + 1.
	for (size_t i = caps.size() - 1; i > 0; i--) {
		struct cap *dst;
		ASSERT_EQ(cspace_reserve(CspaceOf(caps[i - 1]), 1, &dst), HELIOS_OK);
		cap_move(dst, caps[i]);
	}
	EXPECT_EQ(big.cs->free_count, 2100u - 3 - 1);
	cap_delete(caps[0]);
	reap();
	EXPECT_EQ(big.FreeBytes(), big.start_free);
	EXPECT_EQ(big.boot.live, 0u);
}

// Documented behaviour: a cspace that holds a capability to itself keeps itself alive. Deleting
// every other capability to it does not destroy it (nothing can reach it any more, and its
// memory is not given back); revoking the memory it came from does, since the capability it
// holds is a descendant of that memory's capability.
TEST_F(CapTest, ACspaceHoldingACapabilityToItselfOutlivesItsOtherCaps)
{
	struct cap *xcap = Make(HELIOS_CAP_CSPACE, 8);
	struct cspace *x = CspaceOf(xcap);
	struct cap *self = Copy(xcap, HELIOS_RIGHTS_ALL, x);
	struct cap *held = MoveInto(Make(HELIOS_CAP_ENDPOINT), x);
	cap_delete(xcap);
	reap();
	EXPECT_EQ(x->dying, 0u);
	EXPECT_EQ(self->type, HELIOS_CAP_CSPACE);
	EXPECT_EQ(held->type, HELIOS_CAP_ENDPOINT);
	EXPECT_LT(w.FreeBytes(), w.start_free); // leaked until its memory is revoked
	EXPECT_EQ(self->parent, w.MemoryCap());
	cap_revoke(w.MemoryCap());
	reap();
	EXPECT_EQ(hooks.endpoint_finalize, 1);
	EXPECT_EQ(w.FreeBytes(), w.start_free);
}

// The same when the only capability to a cspace is moved into it.
TEST_F(CapTest, ACspaceWhoseOnlyCapabilityIsInsideItself)
{
	struct cap *xcap = Make(HELIOS_CAP_CSPACE, 4);
	struct cspace *x = CspaceOf(xcap);
	struct cap *inside = MoveInto(xcap, x);
	EXPECT_TRUE(cap_is_last(inside));
	EXPECT_EQ(x->dying, 0u);
	cap_revoke(w.MemoryCap());
	reap();
	EXPECT_EQ(w.FreeBytes(), w.start_free);
}

// And for two cspaces holding the only capabilities to each other.
TEST_F(CapTest, TwoCspacesHoldingEachOtherAreReclaimedByRevoke)
{
	struct cap *xcap = Make(HELIOS_CAP_CSPACE, 4);
	struct cap *ycap = Make(HELIOS_CAP_CSPACE, 4);
	struct cspace *x = CspaceOf(xcap);
	struct cspace *y = CspaceOf(ycap);
	MoveInto(xcap, y);
	MoveInto(ycap, x);
	EXPECT_EQ(x->dying + y->dying, 0u);
	cap_revoke(w.MemoryCap());
	reap();
	EXPECT_EQ(w.FreeBytes(), w.start_free);
}

TEST_F(CapTest, ADyingTaskDeletesTheCapabilitiesItHolds)
{
	struct cap *task = Make(HELIOS_CAP_TASK);
	EXPECT_EQ(hooks.task_init, 1);
	auto *ft = reinterpret_cast<FakeTask *>(task->object);
	EXPECT_EQ(ft->cspace_cap.type, HELIOS_CAP_NULL);
	EXPECT_EQ(ft->cspace_cap.owner, nullptr);
	struct cap *xcap = Make(HELIOS_CAP_CSPACE, 4);
	MoveInto(Make(HELIOS_CAP_ENDPOINT), CspaceOf(xcap));
	cap_move(&ft->cspace_cap, xcap);
	cap_delete(task);
	EXPECT_EQ(hooks.task_finalize, 1);
	EXPECT_EQ(hooks.endpoint_finalize, 1);
	reap();
	EXPECT_EQ(w.FreeBytes(), w.start_free);
}

// A task made from memory m2 holds m2's capability in one of its own slots: destroying the task
// deletes that capability, and m2 goes back to its parent once the task's bytes are freed.
TEST_F(CapTest, ATaskHoldingTheMemoryItCameFrom)
{
	struct cap *m2 = Make(HELIOS_CAP_MEMORY, 4 * HELIOS_PAGE_SIZE);
	struct cap *task = w.Slot(w.Make(HELIOS_CAP_TASK, 0, cspace_caddr(w.cs, m2)));
	auto *ft = reinterpret_cast<FakeTask *>(task->object);
	cap_move(&ft->cspace_cap, m2);
	cap_delete(task);
	EXPECT_EQ(hooks.task_finalize, 1);
	reap();
	EXPECT_EQ(w.FreeBytes(), w.start_free);
	EXPECT_EQ(w.boot.live, 0u);
}

// Revoke walks down to the task's capability (a leaf under m2's capability). Deleting it
// destroys the task, which deletes m2's capability: the very slot the walk would resume at.
// The walk starts again from the top and still deletes everything.
TEST_F(CapTest, RevokeSurvivesAFinalizeDeletingTheSlotItWouldResumeAt)
{
	struct cap *ep = Make(HELIOS_CAP_ENDPOINT);
	struct cap *m2 = Make(HELIOS_CAP_MEMORY, 4 * HELIOS_PAGE_SIZE);
	struct cap *task = w.Slot(w.Make(HELIOS_CAP_TASK, 0, cspace_caddr(w.cs, m2)));
	auto *ft = reinterpret_cast<FakeTask *>(task->object);
	cap_move(&ft->cspace_cap, m2);
	ASSERT_EQ(w.MemoryCap()->first_child, &ft->cspace_cap);
	ASSERT_EQ(ft->cspace_cap.first_child, task);
	cap_revoke(w.MemoryCap());
	EXPECT_EQ(hooks.task_finalize, 1);
	EXPECT_EQ(hooks.endpoint_finalize, 1);
	EXPECT_EQ(ep->type, HELIOS_CAP_NULL);
	EXPECT_EQ(w.MemoryCap()->first_child, nullptr);
	reap();
	EXPECT_EQ(w.FreeBytes(), w.start_free);
}

} // namespace
