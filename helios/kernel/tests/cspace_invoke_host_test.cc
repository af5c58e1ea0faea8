// Cspace invocations (helios/kernel/cspace_invoke.c): copy, mint, move, delete, revoke,
// save_reply and info, with every error they can return.
#include <initializer_list>

#include <gtest/gtest.h>

#include "helios/kernel/tests/fake_hooks.h"

namespace {

constexpr uint64_t kAll = HELIOS_RIGHTS_ALL;
constexpr uint64_t kUndef = HELIOS_CADDR_UNDEF;
constexpr uint32_t kSlots = 64;

class CspaceInvokeTest : public ::testing::Test {
protected:
	CspaceInvokeTest()
	{
		ep = w.Make(HELIOS_CAP_ENDPOINT);
		x = w.Make(HELIOS_CAP_CSPACE, 16);
	}
	int Call(helios_caddr_t cspace, uint64_t label, std::initializer_list<uint64_t> params)
	{
		return w.Invoke(cspace, label, params);
	}
	// Invokes the root cspace (through its capability to itself).
	int Root(uint64_t label, std::initializer_list<uint64_t> params)
	{
		return w.Invoke(kSelfSlot, label, params);
	}
	struct cspace *X() { return reinterpret_cast<struct cspace *>(w.Slot(x)->object); }
	// A capability of `type` in a free slot of the root cspace.
	helios_caddr_t Put(uint8_t type, uint8_t rights = HELIOS_RIGHTS_ALL)
	{
		struct cap *slot;
		EXPECT_EQ(cspace_reserve(w.cs, HELIOS_CADDR_UNDEF, &slot), HELIOS_OK);
		cap_create(slot, type, rights, reinterpret_cast<uintptr_t>(&object_), 0, nullptr,
			   nullptr);
		return cspace_caddr(w.cs, slot);
	}
	// A copy of the root cspace's own capability with fewer rights.
	helios_caddr_t SelfWith(uint64_t rights)
	{
		EXPECT_EQ(Root(HELIOS_CSPACE_COPY, {kUndef, kSelfSlot, kSelfSlot, rights}),
			  HELIOS_OK);
		return static_cast<helios_caddr_t>(w.inv.results[0]);
	}

	World w{1 << 20, kSlots};
	helios_caddr_t ep = 0; // an endpoint
	helios_caddr_t x = 0;  // a second cspace, 16 slots
	alignas(64) uint8_t object_[64] = {};
};

TEST_F(CspaceInvokeTest, CopyIntoANamedSlot)
{
	ASSERT_EQ(Root(HELIOS_CSPACE_COPY, {10, kSelfSlot, ep, kAll}), HELIOS_OK);
	EXPECT_EQ(w.inv.nresults, 1u);
	EXPECT_EQ(w.inv.results[0], 10u);
	struct cap *c = w.Slot(10);
	EXPECT_EQ(c->type, HELIOS_CAP_ENDPOINT);
	EXPECT_EQ(c->object, w.Slot(ep)->object);
	EXPECT_EQ(c->parent, w.Slot(ep));
	EXPECT_EQ(c->ring_next, w.Slot(ep));
	EXPECT_EQ(c->rights, kAll);
}

TEST_F(CspaceInvokeTest, CopyIntoTheFirstFreeSlot)
{
	uint32_t head = w.cs->free_head;
	ASSERT_EQ(Root(HELIOS_CSPACE_COPY, {kUndef, kSelfSlot, ep, kAll}), HELIOS_OK);
	EXPECT_EQ(w.inv.results[0], head);
}

TEST_F(CspaceInvokeTest, RightsOnlyEverShrink)
{
	ASSERT_EQ(Root(HELIOS_CSPACE_COPY, {10, kSelfSlot, ep, HELIOS_RIGHT_READ}), HELIOS_OK);
	EXPECT_EQ(w.Slot(10)->rights, HELIOS_RIGHT_READ);
	ASSERT_EQ(Root(HELIOS_CSPACE_COPY, {11, kSelfSlot, 10, kAll}), HELIOS_OK);
	EXPECT_EQ(w.Slot(11)->rights, HELIOS_RIGHT_READ);
	ASSERT_EQ(Root(HELIOS_CSPACE_MINT, {12, kSelfSlot, 10, kAll, 9}), HELIOS_OK);
	EXPECT_EQ(w.Slot(12)->rights, HELIOS_RIGHT_READ);
	ASSERT_EQ(Root(HELIOS_CSPACE_COPY, {13, kSelfSlot, ep, 0}), HELIOS_OK);
	EXPECT_EQ(w.Slot(13)->rights, 0u);
}

TEST_F(CspaceInvokeTest, UnknownRightBitsAreInvalid)
{
	for (uint64_t rights : std::initializer_list<uint64_t>{8, 15, 1ull << 8, 1ull << 40,
							       UINT64_MAX}) {
		EXPECT_EQ(Root(HELIOS_CSPACE_COPY, {10, kSelfSlot, ep, rights}),
			  HELIOS_ERR_INVALID_PARAM);
		EXPECT_EQ(Root(HELIOS_CSPACE_MINT, {10, kSelfSlot, ep, rights, 1}),
			  HELIOS_ERR_INVALID_PARAM);
	}
	EXPECT_EQ(w.Slot(10)->type, HELIOS_CAP_NULL);
}

TEST_F(CspaceInvokeTest, CopyBetweenCspaces)
{
	ASSERT_EQ(Call(x, HELIOS_CSPACE_COPY, {5, kSelfSlot, ep, kAll}), HELIOS_OK);
	EXPECT_EQ(w.inv.results[0], 5u); // a slot of x, the invoked cspace
	EXPECT_EQ(X()->slots[5].type, HELIOS_CAP_ENDPOINT);
	EXPECT_EQ(X()->slots[5].owner, X());
	EXPECT_EQ(X()->free_count, 14u);
	ASSERT_EQ(Root(HELIOS_CSPACE_COPY, {11, x, 5, HELIOS_RIGHT_WRITE}), HELIOS_OK);
	EXPECT_EQ(w.Slot(11)->parent, &X()->slots[5]);
	EXPECT_EQ(w.Slot(11)->rights, HELIOS_RIGHT_WRITE);
}

TEST_F(CspaceInvokeTest, BadSources)
{
	auto copy = [&](uint64_t src_cspace, uint64_t src_slot) {
		return Root(HELIOS_CSPACE_COPY, {10, src_cspace, src_slot, kAll});
	};
	EXPECT_EQ(copy(ep, ep), HELIOS_ERR_INVALID_TYPE); // not a cspace
	EXPECT_EQ(copy(40, ep), HELIOS_ERR_INVALID_CSLOT);
	EXPECT_EQ(copy(0, ep), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(copy(kSlots, ep), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(copy((1ull << 32) + kSelfSlot, ep), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(copy(kSelfSlot, 40), HELIOS_ERR_INVALID_CSLOT);
	EXPECT_EQ(copy(kSelfSlot, 0), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(copy(kSelfSlot, kSlots), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(copy(kSelfSlot, kUndef), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(copy(kSelfSlot, (1ull << 32) + ep), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(copy(x, 20), HELIOS_ERR_INVALID_CADDR); // x has 16 slots
	EXPECT_EQ(copy(x, 3), HELIOS_ERR_INVALID_CSLOT);
	EXPECT_EQ(w.Slot(10)->type, HELIOS_CAP_NULL);
}

TEST_F(CspaceInvokeTest, BadDestinations)
{
	EXPECT_EQ(Root(HELIOS_CSPACE_COPY, {ep, kSelfSlot, ep, kAll}), HELIOS_ERR_INVALID_CSLOT);
	EXPECT_EQ(Root(HELIOS_CSPACE_COPY, {0, kSelfSlot, ep, kAll}), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(Root(HELIOS_CSPACE_COPY, {kSlots, kSelfSlot, ep, kAll}),
		  HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(Root(HELIOS_CSPACE_COPY, {(1ull << 32) + 10, kSelfSlot, ep, kAll}),
		  HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(Root(HELIOS_CSPACE_COPY, {UINT64_MAX, kSelfSlot, ep, kAll}),
		  HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(Root(HELIOS_CSPACE_MOVE, {kSlots, kSelfSlot, ep}), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(Root(HELIOS_CSPACE_MINT, {x, kSelfSlot, ep, kAll, 1}), HELIOS_ERR_INVALID_CSLOT);
	EXPECT_EQ(Call(x, HELIOS_CSPACE_COPY, {16, kSelfSlot, ep, kAll}),
		  HELIOS_ERR_INVALID_CADDR);
}

TEST_F(CspaceInvokeTest, UndefIntoAFullCspace)
{
	for (int i = 0; i < 15; i++)
		ASSERT_EQ(Call(x, HELIOS_CSPACE_COPY, {kUndef, kSelfSlot, ep, kAll}), HELIOS_OK);
	EXPECT_EQ(X()->free_count, 0u);
	EXPECT_EQ(Call(x, HELIOS_CSPACE_COPY, {kUndef, kSelfSlot, ep, kAll}),
		  HELIOS_ERR_CSPACE_FULL);
	EXPECT_EQ(Call(x, HELIOS_CSPACE_MINT, {kUndef, kSelfSlot, ep, kAll, 3}),
		  HELIOS_ERR_CSPACE_FULL);
	EXPECT_EQ(Call(x, HELIOS_CSPACE_MOVE, {kUndef, kSelfSlot, ep}), HELIOS_ERR_CSPACE_FULL);
	EXPECT_EQ(w.Slot(ep)->type, HELIOS_CAP_ENDPOINT); // not moved
	ASSERT_EQ(Call(x, HELIOS_CSPACE_DELETE, {9}), HELIOS_OK);
	EXPECT_EQ(Call(x, HELIOS_CSPACE_MOVE, {kUndef, kSelfSlot, ep}), HELIOS_OK);
	EXPECT_EQ(w.inv.results[0], 9u);
}

TEST_F(CspaceInvokeTest, ReplyCapsCanOnlyBeMoved)
{
	helios_caddr_t r = Put(HELIOS_CAP_REPLY);
	EXPECT_EQ(Root(HELIOS_CSPACE_COPY, {10, kSelfSlot, r, kAll}), HELIOS_ERR_INVALID_TYPE);
	EXPECT_EQ(Root(HELIOS_CSPACE_MINT, {10, kSelfSlot, r, kAll, 1}), HELIOS_ERR_INVALID_TYPE);
	EXPECT_EQ(w.Slot(10)->type, HELIOS_CAP_NULL);
	ASSERT_EQ(Root(HELIOS_CSPACE_MOVE, {10, kSelfSlot, r}), HELIOS_OK);
	EXPECT_EQ(w.Slot(10)->type, HELIOS_CAP_REPLY);
	EXPECT_EQ(hooks.reply_moved, 1);
	EXPECT_EQ(hooks.last_reply_moved, w.Slot(10));
}

TEST_F(CspaceInvokeTest, TooFewParameters)
{
	EXPECT_EQ(Root(HELIOS_CSPACE_COPY, {10, kSelfSlot, ep}), HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(Root(HELIOS_CSPACE_MINT, {10, kSelfSlot, ep, kAll}), HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(Root(HELIOS_CSPACE_MOVE, {10, kSelfSlot}), HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(Root(HELIOS_CSPACE_DELETE, {}), HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(Root(HELIOS_CSPACE_REVOKE, {}), HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(Root(HELIOS_CSPACE_SAVE_REPLY, {}), HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(w.Slot(10)->type, HELIOS_CAP_NULL);
	EXPECT_EQ(w.Slot(ep)->type, HELIOS_CAP_ENDPOINT);
}

TEST_F(CspaceInvokeTest, WithoutWriteOnlyInfo)
{
	helios_caddr_t ro = SelfWith(HELIOS_RIGHT_READ | HELIOS_RIGHT_GRANT);
	EXPECT_EQ(Call(ro, HELIOS_CSPACE_COPY, {10, kSelfSlot, ep, kAll}), HELIOS_ERR_ACCESS);
	EXPECT_EQ(Call(ro, HELIOS_CSPACE_MINT, {10, kSelfSlot, ep, kAll, 1}), HELIOS_ERR_ACCESS);
	EXPECT_EQ(Call(ro, HELIOS_CSPACE_MOVE, {10, kSelfSlot, ep}), HELIOS_ERR_ACCESS);
	EXPECT_EQ(Call(ro, HELIOS_CSPACE_DELETE, {ep}), HELIOS_ERR_ACCESS);
	EXPECT_EQ(Call(ro, HELIOS_CSPACE_REVOKE, {ep}), HELIOS_ERR_ACCESS);
	EXPECT_EQ(Call(ro, HELIOS_CSPACE_SAVE_REPLY, {10}), HELIOS_ERR_ACCESS);
	EXPECT_EQ(Call(ro, HELIOS_CSPACE_INFO, {}), HELIOS_OK);
	EXPECT_EQ(Call(ro, HELIOS_MEMORY_RETYPE, {}), HELIOS_ERR_INVALID_METHOD);
	EXPECT_EQ(w.Slot(ep)->type, HELIOS_CAP_ENDPOINT);
}

TEST_F(CspaceInvokeTest, SourceCspaceRights)
{
	helios_caddr_t wo = SelfWith(HELIOS_RIGHT_WRITE);
	helios_caddr_t ro = SelfWith(HELIOS_RIGHT_READ);
	EXPECT_EQ(Root(HELIOS_CSPACE_COPY, {10, wo, ep, kAll}), HELIOS_ERR_ACCESS);
	EXPECT_EQ(Root(HELIOS_CSPACE_MINT, {10, wo, ep, kAll, 1}), HELIOS_ERR_ACCESS);
	EXPECT_EQ(Root(HELIOS_CSPACE_MOVE, {10, ro, ep}), HELIOS_ERR_ACCESS); // moving out writes
	EXPECT_EQ(Root(HELIOS_CSPACE_MOVE, {10, wo, ep}), HELIOS_ERR_ACCESS);
	EXPECT_EQ(Root(HELIOS_CSPACE_COPY, {10, ro, ep, kAll}), HELIOS_OK);
}

TEST_F(CspaceInvokeTest, MintBadgesEndpointsAndNotifications)
{
	ASSERT_EQ(Root(HELIOS_CSPACE_MINT, {10, kSelfSlot, ep, kAll, 42}), HELIOS_OK);
	EXPECT_EQ(w.inv.results[0], 10u);
	EXPECT_EQ(w.Slot(10)->data, 42u);
	EXPECT_EQ(w.Slot(10)->flags, CAP_FLAG_BADGED);
	EXPECT_EQ(w.Slot(10)->parent, w.Slot(ep));
	EXPECT_EQ(w.Slot(ep)->flags, 0u); // the source is unchanged
	helios_caddr_t n = w.Make(HELIOS_CAP_NOTIFICATION);
	ASSERT_EQ(Root(HELIOS_CSPACE_MINT, {11, kSelfSlot, n, HELIOS_RIGHT_WRITE, UINT64_MAX}),
		  HELIOS_OK);
	EXPECT_EQ(w.Slot(11)->data, UINT64_MAX);
	EXPECT_EQ(w.Slot(11)->flags, CAP_FLAG_BADGED);
	EXPECT_EQ(w.Slot(11)->rights, HELIOS_RIGHT_WRITE);
}

TEST_F(CspaceInvokeTest, ABadgeIsSetOnce)
{
	ASSERT_EQ(Root(HELIOS_CSPACE_MINT, {10, kSelfSlot, ep, kAll, 42}), HELIOS_OK);
	EXPECT_EQ(Root(HELIOS_CSPACE_MINT, {11, kSelfSlot, 10, kAll, 43}),
		  HELIOS_ERR_INVALID_PARAM);
	// A copy of a badged capability keeps the badge.
	ASSERT_EQ(Root(HELIOS_CSPACE_COPY, {11, kSelfSlot, 10, kAll}), HELIOS_OK);
	EXPECT_EQ(w.Slot(11)->data, 42u);
	EXPECT_EQ(w.Slot(11)->flags, CAP_FLAG_BADGED);
	EXPECT_EQ(Root(HELIOS_CSPACE_MINT, {12, kSelfSlot, 11, kAll, 44}),
		  HELIOS_ERR_INVALID_PARAM);
}

TEST_F(CspaceInvokeTest, BadgeZeroIsInvalid)
{
	EXPECT_EQ(Root(HELIOS_CSPACE_MINT, {10, kSelfSlot, ep, kAll, 0}), HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(w.Slot(10)->type, HELIOS_CAP_NULL);
}

TEST_F(CspaceInvokeTest, MintOfOtherTypesIgnoresTheBadge)
{
	ASSERT_EQ(Root(HELIOS_CSPACE_MINT, {10, kSelfSlot, kMemorySlot, kAll, 5}), HELIOS_OK);
	EXPECT_EQ(w.Slot(10)->type, HELIOS_CAP_MEMORY);
	EXPECT_EQ(w.Slot(10)->data, 0u);
	EXPECT_EQ(w.Slot(10)->flags, 0u);
	ASSERT_EQ(Root(HELIOS_CSPACE_MINT, {11, kSelfSlot, kMemorySlot, kAll, 0}), HELIOS_OK);
}

TEST_F(CspaceInvokeTest, MoveWithinTheCspace)
{
	ASSERT_EQ(Root(HELIOS_CSPACE_COPY, {20, kSelfSlot, ep, kAll}), HELIOS_OK);
	uintptr_t object = w.Slot(ep)->object;
	ASSERT_EQ(Root(HELIOS_CSPACE_MOVE, {10, kSelfSlot, ep}), HELIOS_OK);
	EXPECT_EQ(w.inv.results[0], 10u);
	EXPECT_EQ(w.Slot(ep)->type, HELIOS_CAP_NULL);
	EXPECT_EQ(w.cs->free_head, ep);
	EXPECT_EQ(w.Slot(10)->object, object);
	EXPECT_EQ(w.Slot(20)->parent, w.Slot(10));
	EXPECT_EQ(w.Slot(20)->ring_next, w.Slot(10));
	EXPECT_EQ(w.Slot(10)->parent, w.MemoryCap());
	EXPECT_EQ(hooks.endpoint_finalize, 0);
}

TEST_F(CspaceInvokeTest, MoveOntoItselfIsInvalid)
{
	uint32_t head = w.cs->free_head;
	EXPECT_EQ(Root(HELIOS_CSPACE_MOVE, {ep, kSelfSlot, ep}), HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(w.Slot(ep)->type, HELIOS_CAP_ENDPOINT);
	EXPECT_EQ(w.cs->free_head, head);
	// Through another capability to the same cspace it is still the same slot.
	helios_caddr_t self2 = SelfWith(kAll);
	EXPECT_EQ(Call(self2, HELIOS_CSPACE_MOVE, {ep, kSelfSlot, ep}), HELIOS_ERR_INVALID_PARAM);
	// The same index in another cspace is not the same slot.
	EXPECT_EQ(Call(x, HELIOS_CSPACE_MOVE, {ep, kSelfSlot, ep}), HELIOS_OK);
}

TEST_F(CspaceInvokeTest, MoveAcrossCspaces)
{
	ASSERT_EQ(Call(x, HELIOS_CSPACE_MOVE, {5, kSelfSlot, ep}), HELIOS_OK);
	EXPECT_EQ(X()->slots[5].type, HELIOS_CAP_ENDPOINT);
	EXPECT_EQ(X()->slots[5].owner, X());
	EXPECT_EQ(w.Slot(ep)->type, HELIOS_CAP_NULL);
	// And back, out of x.
	ASSERT_EQ(Root(HELIOS_CSPACE_MOVE, {kUndef, x, 5}), HELIOS_OK);
	EXPECT_EQ(w.inv.results[0], ep);
	EXPECT_EQ(X()->free_count, 15u);
}

TEST_F(CspaceInvokeTest, MoveErrors)
{
	EXPECT_EQ(Root(HELIOS_CSPACE_MOVE, {x, kSelfSlot, ep}), HELIOS_ERR_INVALID_CSLOT);
	EXPECT_EQ(Root(HELIOS_CSPACE_MOVE, {10, kSelfSlot, 11}), HELIOS_ERR_INVALID_CSLOT);
	EXPECT_EQ(Root(HELIOS_CSPACE_MOVE, {10, ep, 11}), HELIOS_ERR_INVALID_TYPE);
	EXPECT_EQ(Root(HELIOS_CSPACE_MOVE, {10, kSelfSlot, 0}), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(w.Slot(ep)->type, HELIOS_CAP_ENDPOINT);
	EXPECT_EQ(w.Slot(10)->type, HELIOS_CAP_NULL);
}

TEST_F(CspaceInvokeTest, MovingTheInvokedCapability)
{
	ASSERT_EQ(Root(HELIOS_CSPACE_MOVE, {10, kSelfSlot, kSelfSlot}), HELIOS_OK);
	EXPECT_EQ(w.inv.nresults, 1u);
	EXPECT_EQ(w.inv.results[0], 10u);
	EXPECT_EQ(w.Slot(kSelfSlot)->type, HELIOS_CAP_NULL);
	EXPECT_EQ(w.Slot(10)->type, HELIOS_CAP_CSPACE);
	EXPECT_EQ(Call(10, HELIOS_CSPACE_INFO, {}), HELIOS_OK);
}

TEST_F(CspaceInvokeTest, Delete)
{
	ASSERT_EQ(Root(HELIOS_CSPACE_DELETE, {ep}), HELIOS_OK);
	EXPECT_EQ(w.inv.nresults, 0u);
	EXPECT_EQ(w.Slot(ep)->type, HELIOS_CAP_NULL);
	EXPECT_EQ(hooks.endpoint_finalize, 1);
	EXPECT_EQ(w.cs->free_head, ep);
}

TEST_F(CspaceInvokeTest, DeleteErrors)
{
	EXPECT_EQ(Root(HELIOS_CSPACE_DELETE, {40}), HELIOS_ERR_INVALID_CSLOT);
	EXPECT_EQ(Root(HELIOS_CSPACE_DELETE, {0}), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(Root(HELIOS_CSPACE_DELETE, {kSlots}), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(Root(HELIOS_CSPACE_DELETE, {kUndef}), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(Root(HELIOS_CSPACE_DELETE, {(1ull << 32) + ep}), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(Root(HELIOS_CSPACE_REVOKE, {40}), HELIOS_ERR_INVALID_CSLOT);
	EXPECT_EQ(Root(HELIOS_CSPACE_REVOKE, {0}), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(Root(HELIOS_CSPACE_REVOKE, {(1ull << 32) + ep}), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(w.Slot(ep)->type, HELIOS_CAP_ENDPOINT);
}

TEST_F(CspaceInvokeTest, DeletingTheLastCapabilityToACspaceEmptiesIt)
{
	ASSERT_EQ(Call(x, HELIOS_CSPACE_MOVE, {1, kSelfSlot, ep}), HELIOS_OK);
	ASSERT_EQ(Root(HELIOS_CSPACE_DELETE, {x}), HELIOS_OK);
	EXPECT_EQ(hooks.endpoint_finalize, 1);
	reap();
	EXPECT_EQ(w.FreeBytes(), w.start_free);
}

TEST_F(CspaceInvokeTest, DeletingItsOwnCapability)
{
	// The root cspace lives on: the caller's kernel slot (root_cap) still names it.
	ASSERT_EQ(Root(HELIOS_CSPACE_DELETE, {kSelfSlot}), HELIOS_OK);
	EXPECT_EQ(w.Slot(kSelfSlot)->type, HELIOS_CAP_NULL);
	EXPECT_EQ(w.cs->dying, 0u);
	EXPECT_EQ(w.Slot(ep)->type, HELIOS_CAP_ENDPOINT);
}

TEST_F(CspaceInvokeTest, RevokeAcrossCspaces)
{
	ASSERT_EQ(Root(HELIOS_CSPACE_COPY, {10, kSelfSlot, ep, kAll}), HELIOS_OK);
	ASSERT_EQ(Call(x, HELIOS_CSPACE_MINT, {3, kSelfSlot, 10, kAll, 7}), HELIOS_OK);
	ASSERT_EQ(Root(HELIOS_CSPACE_COPY, {11, x, 3, kAll}), HELIOS_OK);
	ASSERT_EQ(Root(HELIOS_CSPACE_REVOKE, {ep}), HELIOS_OK);
	EXPECT_EQ(w.Slot(10)->type, HELIOS_CAP_NULL);
	EXPECT_EQ(w.Slot(11)->type, HELIOS_CAP_NULL);
	EXPECT_EQ(X()->slots[3].type, HELIOS_CAP_NULL);
	EXPECT_EQ(w.Slot(ep)->type, HELIOS_CAP_ENDPOINT);
	EXPECT_EQ(hooks.endpoint_finalize, 0);
}

TEST_F(CspaceInvokeTest, RevokeTheMemoryCapability)
{
	ASSERT_EQ(Root(HELIOS_CSPACE_REVOKE, {kMemorySlot}), HELIOS_OK);
	EXPECT_EQ(w.Slot(ep)->type, HELIOS_CAP_NULL);
	EXPECT_EQ(w.Slot(x)->type, HELIOS_CAP_NULL);
	reap();
	EXPECT_EQ(w.FreeBytes(), w.start_free);
}

TEST_F(CspaceInvokeTest, SaveReply)
{
	cap_create(&w.caller.reply_cap, HELIOS_CAP_REPLY, HELIOS_RIGHTS_ALL,
		   reinterpret_cast<uintptr_t>(&object_), 0, nullptr, nullptr);
	ASSERT_EQ(Root(HELIOS_CSPACE_SAVE_REPLY, {10}), HELIOS_OK);
	EXPECT_EQ(w.inv.results[0], 10u);
	EXPECT_EQ(w.Slot(10)->type, HELIOS_CAP_REPLY);
	EXPECT_EQ(w.caller.reply_cap.type, HELIOS_CAP_NULL);
	EXPECT_EQ(hooks.reply_moved, 1);
	EXPECT_EQ(Root(HELIOS_CSPACE_SAVE_REPLY, {11}), HELIOS_ERR_INVALID_CSLOT); // none pending
	EXPECT_EQ(w.Slot(11)->type, HELIOS_CAP_NULL);
}

TEST_F(CspaceInvokeTest, SaveReplyIntoAFreeSlotOrAnotherCspace)
{
	cap_create(&w.caller.reply_cap, HELIOS_CAP_REPLY, HELIOS_RIGHTS_ALL,
		   reinterpret_cast<uintptr_t>(&object_), 0, nullptr, nullptr);
	ASSERT_EQ(Call(x, HELIOS_CSPACE_SAVE_REPLY, {kUndef}), HELIOS_OK);
	EXPECT_EQ(w.inv.results[0], 1u);
	EXPECT_EQ(X()->slots[1].type, HELIOS_CAP_REPLY);
}

TEST_F(CspaceInvokeTest, SaveReplyErrorsKeepTheReplyWhereItIs)
{
	cap_create(&w.caller.reply_cap, HELIOS_CAP_REPLY, HELIOS_RIGHTS_ALL,
		   reinterpret_cast<uintptr_t>(&object_), 0, nullptr, nullptr);
	EXPECT_EQ(Root(HELIOS_CSPACE_SAVE_REPLY, {ep}), HELIOS_ERR_INVALID_CSLOT);
	EXPECT_EQ(Root(HELIOS_CSPACE_SAVE_REPLY, {0}), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(Root(HELIOS_CSPACE_SAVE_REPLY, {1ull << 32}), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(w.caller.reply_cap.type, HELIOS_CAP_REPLY);
	EXPECT_EQ(hooks.reply_moved, 0);
}

TEST_F(CspaceInvokeTest, Info)
{
	ASSERT_EQ(Root(HELIOS_CSPACE_INFO, {}), HELIOS_OK);
	EXPECT_EQ(w.inv.nresults, 2u);
	EXPECT_EQ(w.inv.results[0], kSlots);
	EXPECT_EQ(w.inv.results[1], kSlots - 5u); // slot 0, memory, self, ep, x
	ASSERT_EQ(Call(x, HELIOS_CSPACE_INFO, {}), HELIOS_OK);
	EXPECT_EQ(w.inv.results[0], 16u);
	EXPECT_EQ(w.inv.results[1], 15u);
}

TEST_F(CspaceInvokeTest, UnknownMethods)
{
	EXPECT_EQ(Root(HELIOS_MEMORY_RETYPE, {HELIOS_CAP_ENDPOINT, 0, 1, 10}),
		  HELIOS_ERR_INVALID_METHOD);
	EXPECT_EQ(Root(HELIOS_METHOD(HELIOS_CAP_CSPACE, 0), {}), HELIOS_ERR_INVALID_METHOD);
	EXPECT_EQ(Root(HELIOS_METHOD(HELIOS_CAP_CSPACE, 8), {}), HELIOS_ERR_INVALID_METHOD);
	EXPECT_EQ(Root(HELIOS_LABEL_MAX, {}), HELIOS_ERR_INVALID_METHOD);
}

TEST_F(CspaceInvokeTest, FailuresLeaveTheFreeListAlone)
{
	uint32_t head = w.cs->free_head;
	uint32_t count = w.cs->free_count;
	EXPECT_NE(Root(HELIOS_CSPACE_COPY, {kUndef, kSelfSlot, 40, kAll}), HELIOS_OK);
	EXPECT_NE(Root(HELIOS_CSPACE_MINT, {kUndef, kSelfSlot, ep, kAll, 0}), HELIOS_OK);
	EXPECT_NE(Root(HELIOS_CSPACE_MOVE, {kUndef, ep, ep}), HELIOS_OK);
	EXPECT_NE(Root(HELIOS_CSPACE_SAVE_REPLY, {kUndef}), HELIOS_OK);
	EXPECT_EQ(w.cs->free_head, head);
	EXPECT_EQ(w.cs->free_count, count);
	ASSERT_EQ(Root(HELIOS_CSPACE_COPY, {kUndef, kSelfSlot, ep, kAll}), HELIOS_OK);
	EXPECT_EQ(w.inv.results[0], head);
}

} // namespace
