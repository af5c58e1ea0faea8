// Capability spaces (helios/kernel/cspace.c): size arithmetic, slot lookup, and the O(1)
// doubly linked free list of empty slots.
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <random>
#include <set>
#include <vector>

#include <gtest/gtest.h>

#include "helios/kernel/tests/fake_hooks.h"

namespace {

// A freshly initialised cspace of `slots` slots on the heap.
class Cspace {
public:
	explicit Cspace(uint32_t slots)
	{
		uint64_t size = cspace_object_size(slots);
		size = (size + MEMORY_GRAIN - 1) & ~(MEMORY_GRAIN - 1ull);
		mem_ = aligned_alloc(MEMORY_GRAIN, size);
		memset(mem_, 0xee, size);
		cs = static_cast<struct cspace *>(mem_);
		cspace_init(cs, slots);
	}
	~Cspace() { free(mem_); }
	helios_caddr_t ReserveAny()
	{
		struct cap *slot = nullptr;
		if (cspace_reserve(cs, HELIOS_CADDR_UNDEF, &slot) != HELIOS_OK)
			return 0;
		return cspace_caddr(cs, slot);
	}
	// Walks the free list checking both directions; returns the slots in list order.
	std::vector<uint32_t> FreeList() const
	{
		std::vector<uint32_t> out;
		uint32_t prev = CSPACE_NO_SLOT;
		for (uint32_t i = cs->free_head; i != CSPACE_NO_SLOT;
		     i = static_cast<uint32_t>(cs->slots[i].data)) {
			EXPECT_LT(i, cs->slot_count);
			EXPECT_NE(i, 0u);
			EXPECT_EQ(cs->slots[i].type, HELIOS_CAP_NULL);
			EXPECT_EQ(cs->slots[i].aux, prev) << "slot " << i;
			EXPECT_EQ(cs->slots[i].owner, cs);
			out.push_back(i);
			prev = i;
			if (out.size() > cs->slot_count)
				break; // a cycle
		}
		EXPECT_EQ(out.size(), cs->free_count);
		return out;
	}
	struct cspace *cs;

private:
	void *mem_;
};

TEST(CspaceTest, ObjectSizeChecksItsRangeBeforeMultiplying)
{
	EXPECT_EQ(cspace_object_size(0), 0u);
	EXPECT_EQ(cspace_object_size(1), 64u + 96u);
	EXPECT_EQ(cspace_object_size(256), 64u + 256u * 96u);
	EXPECT_EQ(cspace_object_size(HELIOS_CSPACE_MAX_SLOTS),
		  64u + uint64_t{HELIOS_CSPACE_MAX_SLOTS} * 96u);
	EXPECT_EQ(cspace_object_size(HELIOS_CSPACE_MAX_SLOTS + 1ull), 0u);
	EXPECT_EQ(cspace_object_size(1ull << 32), 0u);
	EXPECT_EQ(cspace_object_size(1ull << 59), 0u); // 2^59 * 96 wraps to 2^64 * 3 = 0 mod 2^64
	EXPECT_EQ(cspace_object_size(UINT64_MAX), 0u);
}

TEST(CspaceTest, InitPutsSlotsOneOnwardsOnTheFreeList)
{
	Cspace c(8);
	EXPECT_EQ(c.cs->slot_count, 8u);
	EXPECT_EQ(c.cs->free_count, 7u);
	EXPECT_EQ(c.cs->free_head, 1u);
	EXPECT_EQ(c.cs->dying, 0u);
	EXPECT_EQ(c.FreeList(), (std::vector<uint32_t>{1, 2, 3, 4, 5, 6, 7}));
	for (uint32_t i = 0; i < 8; i++) {
		EXPECT_EQ(c.cs->slots[i].type, HELIOS_CAP_NULL);
		EXPECT_EQ(c.cs->slots[i].owner, c.cs);
	}
}

TEST(CspaceTest, SlotZeroAndOutOfRangeAreInvalidAddresses)
{
	Cspace c(8);
	int err = 0;
	EXPECT_EQ(cspace_slot(c.cs, 0, &err), nullptr);
	EXPECT_EQ(err, HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(cspace_slot(c.cs, 8, &err), nullptr);
	EXPECT_EQ(err, HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(cspace_slot(c.cs, HELIOS_CADDR_UNDEF, &err), nullptr);
	EXPECT_EQ(cspace_slot(c.cs, 7, &err), &c.cs->slots[7]);
	EXPECT_EQ(err, HELIOS_OK);
	struct cap *out = nullptr;
	EXPECT_EQ(cspace_lookup(c.cs, 0, &out), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(cspace_lookup(c.cs, 9, &out), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(cspace_reserve(c.cs, 0, &out), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(cspace_reserve(c.cs, 8, &out), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(out, nullptr);
}

TEST(CspaceTest, LookupOfAnEmptySlotIsInvalidCslot)
{
	Cspace c(8);
	struct cap *out = nullptr;
	EXPECT_EQ(cspace_lookup(c.cs, 3, &out), HELIOS_ERR_INVALID_CSLOT);
	struct cap *slot;
	ASSERT_EQ(cspace_reserve(c.cs, 3, &slot), HELIOS_OK);
	cap_create(slot, HELIOS_CAP_ENDPOINT, HELIOS_RIGHTS_ALL, 0x1000, 0, nullptr, nullptr);
	EXPECT_EQ(cspace_lookup(c.cs, 3, &out), HELIOS_OK);
	EXPECT_EQ(out, slot);
	EXPECT_EQ(slot->owner, c.cs); // cap_create keeps the slot's cspace
}

TEST(CspaceTest, ReserveUndefTakesTheLowestFirst)
{
	Cspace c(5);
	EXPECT_EQ(c.ReserveAny(), 1u);
	EXPECT_EQ(c.ReserveAny(), 2u);
	EXPECT_EQ(c.ReserveAny(), 3u);
	EXPECT_EQ(c.cs->free_count, 1u);
	EXPECT_EQ(c.FreeList(), (std::vector<uint32_t>{4}));
}

TEST(CspaceTest, ReserveNamedUnlinksFromTheMiddle)
{
	Cspace c(8);
	struct cap *slot;
	ASSERT_EQ(cspace_reserve(c.cs, 4, &slot), HELIOS_OK);
	EXPECT_EQ(slot, &c.cs->slots[4]);
	EXPECT_EQ(c.FreeList(), (std::vector<uint32_t>{1, 2, 3, 5, 6, 7}));
	ASSERT_EQ(cspace_reserve(c.cs, 1, &slot), HELIOS_OK); // the head
	ASSERT_EQ(cspace_reserve(c.cs, 7, &slot), HELIOS_OK); // the tail
	EXPECT_EQ(c.FreeList(), (std::vector<uint32_t>{2, 3, 5, 6}));
	EXPECT_EQ(c.ReserveAny(), 2u);
}

TEST(CspaceTest, AReservedSlotCannotBeReservedAgain)
{
	Cspace c(8);
	struct cap *slot;
	ASSERT_EQ(cspace_reserve(c.cs, 5, &slot), HELIOS_OK);
	EXPECT_EQ(cspace_reserve(c.cs, 5, &slot), HELIOS_ERR_INVALID_CSLOT);
	// Also when it is the only slot left off the list next to the head.
	Cspace d(2);
	ASSERT_EQ(cspace_reserve(d.cs, 1, &slot), HELIOS_OK);
	EXPECT_EQ(cspace_reserve(d.cs, 1, &slot), HELIOS_ERR_INVALID_CSLOT);
}

TEST(CspaceTest, ReservingAFullSlotIsInvalidCslot)
{
	Cspace c(8);
	struct cap *slot;
	ASSERT_EQ(cspace_reserve(c.cs, 2, &slot), HELIOS_OK);
	cap_create(slot, HELIOS_CAP_NOTIFICATION, HELIOS_RIGHTS_ALL, 0x1000, 0, nullptr, nullptr);
	EXPECT_EQ(cspace_reserve(c.cs, 2, &slot), HELIOS_ERR_INVALID_CSLOT);
}

TEST(CspaceTest, FullCspace)
{
	Cspace c(4);
	EXPECT_EQ(c.ReserveAny(), 1u);
	EXPECT_EQ(c.ReserveAny(), 2u);
	EXPECT_EQ(c.ReserveAny(), 3u);
	EXPECT_EQ(c.cs->free_count, 0u);
	EXPECT_EQ(c.cs->free_head, CSPACE_NO_SLOT);
	struct cap *slot = nullptr;
	EXPECT_EQ(cspace_reserve(c.cs, HELIOS_CADDR_UNDEF, &slot), HELIOS_ERR_CSPACE_FULL);
	EXPECT_EQ(slot, nullptr);
	cspace_unreserve(&c.cs->slots[2]);
	EXPECT_EQ(c.ReserveAny(), 2u);
}

TEST(CspaceTest, OneSlotCspaceIsBornFull)
{
	Cspace c(1);
	EXPECT_EQ(c.cs->free_count, 0u);
	EXPECT_EQ(c.cs->free_head, CSPACE_NO_SLOT);
	struct cap *slot;
	EXPECT_EQ(cspace_reserve(c.cs, HELIOS_CADDR_UNDEF, &slot), HELIOS_ERR_CSPACE_FULL);
	EXPECT_EQ(cspace_reserve(c.cs, 0, &slot), HELIOS_ERR_INVALID_CADDR);
}

TEST(CspaceTest, FreedSlotsAreReusedFirst)
{
	Cspace c(16);
	for (int i = 0; i < 10; i++)
		c.ReserveAny();
	cspace_unreserve(&c.cs->slots[7]);
	cspace_slot_freed(&c.cs->slots[3]);
	EXPECT_EQ(c.cs->free_count, 7u);
	EXPECT_EQ(c.ReserveAny(), 3u);
	EXPECT_EQ(c.ReserveAny(), 7u);
	EXPECT_EQ(c.ReserveAny(), 11u);
}

TEST(CspaceTest, CaddrOfASlot)
{
	Cspace c(16);
	for (uint32_t i = 0; i < 16; i++)
		EXPECT_EQ(cspace_caddr(c.cs, &c.cs->slots[i]), i);
}

TEST(CspaceTest, RandomReserveAndFreeKeepTheListConsistent)
{
	Cspace c(200);
	std::mt19937 rng(7);
	std::set<uint32_t> taken;
	for (int round = 0; round < 5000; round++) {
		int op = static_cast<int>(rng() % 3);
		if (op == 0) {
			helios_caddr_t got = c.ReserveAny();
			if (taken.size() == 199) {
				EXPECT_EQ(got, 0u);
			} else {
				EXPECT_EQ(taken.count(got), 0u);
				taken.insert(got);
			}
		} else if (op == 1) {
			uint32_t want = 1 + rng() % 199;
			struct cap *slot;
			int err = cspace_reserve(c.cs, want, &slot);
			if (taken.count(want)) {
				EXPECT_EQ(err, HELIOS_ERR_INVALID_CSLOT);
			} else {
				EXPECT_EQ(err, HELIOS_OK);
				taken.insert(want);
			}
		} else if (!taken.empty()) {
			auto it = taken.begin();
			std::advance(it, rng() % taken.size());
			cspace_unreserve(&c.cs->slots[*it]);
			taken.erase(it);
		}
		ASSERT_EQ(c.cs->free_count, 199 - taken.size());
	}
	std::vector<uint32_t> list = c.FreeList();
	std::set<uint32_t> free(list.begin(), list.end());
	EXPECT_EQ(free.size(), list.size()) << "a slot is on the list twice";
	for (uint32_t i = 1; i < 200; i++)
		EXPECT_NE(free.count(i), taken.count(i)) << "slot " << i;
}

// Slots in a scrambled order on the free list, as a cspace in use has them.
void Scramble(Cspace &c, std::initializer_list<uint32_t> give_back)
{
	while (c.ReserveAny() != 0) {
	}
	for (uint32_t i : give_back)
		cspace_unreserve(&c.cs->slots[i]);
}

TEST(CspaceTest, ReserveRunTakesAllOrNone)
{
	Cspace c(16);
	Scramble(c, {9, 3, 12, 4, 5, 6, 1, 14});
	std::vector<uint32_t> before = c.FreeList();
	struct cap *first = nullptr;
	EXPECT_EQ(cspace_reserve_run(c.cs, 3, 5, &first), HELIOS_ERR_INVALID_CSLOT); // 7 is taken
	EXPECT_EQ(cspace_reserve_run(c.cs, 12, 5, &first), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(cspace_reserve_run(c.cs, 0, 1, &first), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(cspace_reserve_run(c.cs, HELIOS_CADDR_UNDEF, 2, &first),
		  HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(first, nullptr);
	EXPECT_EQ(c.FreeList(), before);
	ASSERT_EQ(cspace_reserve_run(c.cs, 4, 3, &first), HELIOS_OK);
	EXPECT_EQ(first, &c.cs->slots[4]);
	EXPECT_EQ(c.FreeList(), (std::vector<uint32_t>{14, 1, 12, 3, 9}));
	EXPECT_EQ(cspace_reserve_run(c.cs, 3, 2, &first), HELIOS_ERR_INVALID_CSLOT); // 4 reserved
}

TEST(CspaceTest, UndoReservePutsSlotsBackWhereTheyWere)
{
	Cspace c(16);
	Scramble(c, {9, 3, 12, 4, 5, 6, 1, 14});
	std::vector<uint32_t> before = c.FreeList();
	struct cap *first;
	ASSERT_EQ(cspace_reserve_run(c.cs, 4, 3, &first), HELIOS_OK);
	cspace_undo_reserve(first, 3);
	EXPECT_EQ(c.FreeList(), before);
	ASSERT_EQ(cspace_reserve(c.cs, HELIOS_CADDR_UNDEF, &first), HELIOS_OK);
	EXPECT_EQ(first, &c.cs->slots[14]);
	cspace_undo_reserve(first, 1);
	EXPECT_EQ(c.FreeList(), before);
	ASSERT_EQ(cspace_reserve(c.cs, 1, &first), HELIOS_OK);
	cspace_undo_reserve(first, 1);
	EXPECT_EQ(c.FreeList(), before);
	// Undone, the slots are free again: a run over them can be reserved.
	EXPECT_EQ(cspace_reserve_run(c.cs, 3, 4, &first), HELIOS_OK);
}

TEST(CspaceTest, LargestCspaceInitialisesAndReservesAtBothEnds)
{
	Cspace c(HELIOS_CSPACE_MAX_SLOTS);
	EXPECT_EQ(c.cs->free_count, HELIOS_CSPACE_MAX_SLOTS - 1);
	struct cap *slot;
	EXPECT_EQ(cspace_reserve(c.cs, HELIOS_CSPACE_MAX_SLOTS - 1, &slot), HELIOS_OK);
	EXPECT_EQ(cspace_reserve(c.cs, HELIOS_CSPACE_MAX_SLOTS, &slot),
		  HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(c.ReserveAny(), 1u);
	EXPECT_EQ(c.cs->free_count, HELIOS_CSPACE_MAX_SLOTS - 3);
}

} // namespace
