// Memory and device memory invocations (helios/kernel/memory_invoke.c), the type table and
// invoke()'s dispatch (object.c): every parameter checked, overflow attempts refused, and a
// failing retype leaving nothing changed.
#include <cstring>
#include <vector>

#include <gtest/gtest.h>

#include "helios/kernel/tests/fake_hooks.h"

namespace {

constexpr uint64_t kPage = HELIOS_PAGE_SIZE;

class RetypeTest : public ::testing::Test {
protected:
	// Every slot of the root cspace from `first` for `count` slots is empty.
	bool AllEmpty(helios_caddr_t first, uint32_t count)
	{
		for (uint32_t i = 0; i < count; i++)
			if (w.Slot(first + i)->type != HELIOS_CAP_NULL)
				return false;
		return true;
	}
	// The state a failed retype must not change.
	struct Snapshot {
		uint64_t free_bytes, largest, live;
		uint32_t free_slots, free_head;
	};
	Snapshot Snap()
	{
		return {w.boot.free_bytes, memory_largest_free(&w.boot), w.boot.live,
			w.cs->free_count, w.cs->free_head};
	}
	// The root cspace's free list, in order.
	std::vector<uint32_t> FreeOrder()
	{
		std::vector<uint32_t> out;
		for (uint32_t i = w.cs->free_head; i != CSPACE_NO_SLOT && out.size() < 256;
		     i = static_cast<uint32_t>(w.Slot(i)->data))
			out.push_back(i);
		return out;
	}
	void ExpectUnchanged(const Snapshot &s)
	{
		EXPECT_EQ(w.boot.free_bytes, s.free_bytes);
		EXPECT_EQ(memory_largest_free(&w.boot), s.largest);
		EXPECT_EQ(w.boot.live, s.live);
		EXPECT_EQ(w.cs->free_count, s.free_slots);
		EXPECT_EQ(w.cs->free_head, s.free_head);
	}

	World w{1 << 20, 256};
};

TEST_F(RetypeTest, EndpointIntoANamedSlot)
{
	ASSERT_EQ(w.Retype(HELIOS_CAP_ENDPOINT, 0, 1, 10), HELIOS_OK);
	EXPECT_EQ(w.inv.nresults, 1u);
	EXPECT_EQ(w.inv.results[0], 10u);
	struct cap *c = w.Slot(10);
	EXPECT_EQ(c->type, HELIOS_CAP_ENDPOINT);
	EXPECT_EQ(c->rights, HELIOS_RIGHTS_ALL);
	EXPECT_EQ(c->source, &w.boot);
	EXPECT_EQ(c->parent, w.MemoryCap());
	EXPECT_EQ(c->data, 0u);
	EXPECT_EQ(c->flags, 0u);
	EXPECT_EQ(w.FreeBytes(), w.start_free - kEndpointSize);
	const uint8_t *bytes = reinterpret_cast<const uint8_t *>(c->object);
	for (uint64_t i = 0; i < kEndpointSize; i++)
		ASSERT_EQ(bytes[i], 0) << "byte " << i; // the arena was filled with 0xa5
}

TEST_F(RetypeTest, UndefPicksTheFirstFreeSlot)
{
	ASSERT_EQ(w.Retype(HELIOS_CAP_NOTIFICATION, 0, 1, HELIOS_CADDR_UNDEF), HELIOS_OK);
	EXPECT_EQ(w.inv.results[0], 3u); // 1 and 2 hold the memory and self capabilities
	EXPECT_EQ(w.Slot(3)->type, HELIOS_CAP_NOTIFICATION);
}

TEST_F(RetypeTest, CountObjectsGoToConsecutiveSlots)
{
	ASSERT_EQ(w.Retype(HELIOS_CAP_ENDPOINT, 0, 10, 20), HELIOS_OK);
	EXPECT_EQ(w.inv.results[0], 20u);
	for (helios_caddr_t i = 20; i < 30; i++) {
		EXPECT_EQ(w.Slot(i)->type, HELIOS_CAP_ENDPOINT);
		EXPECT_EQ(w.Slot(i)->parent, w.MemoryCap());
		for (helios_caddr_t j = 20; j < i; j++)
			EXPECT_NE(w.Slot(i)->object, w.Slot(j)->object);
	}
	EXPECT_EQ(w.Slot(19)->type, HELIOS_CAP_NULL);
	EXPECT_EQ(w.Slot(30)->type, HELIOS_CAP_NULL);
	EXPECT_EQ(w.FreeBytes(), w.start_free - 10 * kEndpointSize);
}

TEST_F(RetypeTest, RetypeToTheLastSlots)
{
	EXPECT_EQ(w.Retype(HELIOS_CAP_ENDPOINT, 0, 4, 252), HELIOS_OK);
	EXPECT_EQ(w.Slot(255)->type, HELIOS_CAP_ENDPOINT);
}

TEST_F(RetypeTest, Cspace)
{
	ASSERT_EQ(w.Retype(HELIOS_CAP_CSPACE, 16, 1, 5), HELIOS_OK);
	auto *x = reinterpret_cast<struct cspace *>(w.Slot(5)->object);
	EXPECT_EQ(x->slot_count, 16u);
	EXPECT_EQ(x->free_count, 15u);
	EXPECT_EQ(x->free_head, 1u);
	EXPECT_EQ(x->slots[15].owner, x);
	EXPECT_EQ(w.FreeBytes(), w.start_free - cspace_object_size(16));
}

TEST_F(RetypeTest, CspaceSizesOutOfRange)
{
	Snapshot s = Snap();
	EXPECT_EQ(w.Retype(HELIOS_CAP_CSPACE, 0, 1, 5), HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(w.Retype(HELIOS_CAP_CSPACE, HELIOS_CSPACE_MAX_SLOTS + 1ull, 1, 5),
		  HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(w.Retype(HELIOS_CAP_CSPACE, 1ull << 59, 1, 5), HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(w.Retype(HELIOS_CAP_CSPACE, UINT64_MAX, 1, 5), HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(w.Retype(HELIOS_CAP_CSPACE, (1ull << 32) + 16, 1, 5), HELIOS_ERR_INVALID_PARAM);
	// Valid, but 96 MiB does not fit a 1 MiB arena.
	EXPECT_EQ(w.Retype(HELIOS_CAP_CSPACE, HELIOS_CSPACE_MAX_SLOTS, 1, 5), HELIOS_ERR_NOMEM);
	ExpectUnchanged(s);
}

TEST_F(RetypeTest, ChildMemory)
{
	ASSERT_EQ(w.Retype(HELIOS_CAP_MEMORY, 16 * kPage, 1, 7), HELIOS_OK);
	struct cap *c = w.Slot(7);
	auto *child = reinterpret_cast<struct memory *>(c->object);
	EXPECT_EQ(child->size, 16 * kPage);
	EXPECT_EQ(child->base % kPage, 0u);
	EXPECT_EQ(child->free_bytes, 16 * kPage);
	EXPECT_EQ(child->parent, &w.boot);
	// The descriptor lives in the parent, outside the child's range.
	EXPECT_TRUE(c->object < child->base || c->object >= child->base + child->size);
	EXPECT_EQ(w.FreeBytes(), w.start_free - 16 * kPage - sizeof(struct memory));
	ASSERT_EQ(w.Invoke(7, HELIOS_MEMORY_INFO, {}), HELIOS_OK);
	EXPECT_EQ(w.inv.nresults, 4u);
	EXPECT_EQ(w.inv.results[0], virt_to_phys(child->base));
	EXPECT_EQ(w.inv.results[1], 16 * kPage);
	EXPECT_EQ(w.inv.results[2], 16 * kPage);
	EXPECT_EQ(w.inv.results[3], 16 * kPage);
	// Objects retyped from the child come out of its range.
	ASSERT_EQ(w.Retype(HELIOS_CAP_ENDPOINT, 0, 1, 8, 7), HELIOS_OK);
	EXPECT_GE(w.Slot(8)->object, child->base);
	EXPECT_LT(w.Slot(8)->object, child->base + child->size);
	EXPECT_EQ(w.Slot(8)->source, child);
	EXPECT_EQ(w.Slot(8)->parent, c);
	EXPECT_EQ(child->free_bytes, 16 * kPage - kEndpointSize);
}

TEST_F(RetypeTest, MemorySizesMustBeWholePages)
{
	Snapshot s = Snap();
	const uint64_t sizes[] = {0, 1, 64, 4095, 4097, kPage + 64, UINT64_MAX};
	for (uint64_t size : sizes)
		EXPECT_EQ(w.Retype(HELIOS_CAP_MEMORY, size, 1, 7), HELIOS_ERR_INVALID_PARAM)
			<< size;
	ExpectUnchanged(s);
}

TEST_F(RetypeTest, HugeMemorySizesAreOutOfMemory)
{
	Snapshot s = Snap();
	EXPECT_EQ(w.Retype(HELIOS_CAP_MEMORY, 1ull << 63, 1, 7), HELIOS_ERR_NOMEM);
	EXPECT_EQ(w.Retype(HELIOS_CAP_MEMORY, UINT64_MAX & ~(kPage - 1), 1, 7), HELIOS_ERR_NOMEM);
	// The whole arena fits, but not with its descriptor.
	EXPECT_EQ(w.Retype(HELIOS_CAP_MEMORY, w.arena_size, 1, 7), HELIOS_ERR_NOMEM);
	// count * size overflows 64 bits: still just too much.
	EXPECT_EQ(w.Retype(HELIOS_CAP_MEMORY, 1ull << 62, 8, 7), HELIOS_ERR_NOMEM);
	ExpectUnchanged(s);
}

TEST_F(RetypeTest, TypesMemoryCannotBecome)
{
	Snapshot s = Snap();
	const uint64_t types[] = {HELIOS_CAP_NULL, HELIOS_CAP_DEVICE_MEMORY, HELIOS_CAP_REPLY,
		HELIOS_CAP_ASID_CONTROL, HELIOS_CAP_ASID_POOL, HELIOS_CAP_IO_CONTROL,
		HELIOS_CAP_IO_PORT, HELIOS_CAP_IRQ_CONTROL, HELIOS_CAP_IRQ_HANDLER,
		HELIOS_CAP_TYPE_COUNT, 200};
	for (uint64_t type : types)
		EXPECT_EQ(w.Retype(type, 0, 1, 7), HELIOS_ERR_INVALID_TYPE) << type;
	// Types that would be valid if the kernel truncated them to 8 or 32 bits.
	EXPECT_EQ(w.Retype((1ull << 32) + HELIOS_CAP_ENDPOINT, 0, 1, 7), HELIOS_ERR_INVALID_TYPE);
	EXPECT_EQ(w.Retype(256 + HELIOS_CAP_ENDPOINT, 0, 1, 7), HELIOS_ERR_INVALID_TYPE);
	EXPECT_EQ(w.Retype(UINT64_MAX, 0, 1, 7), HELIOS_ERR_INVALID_TYPE);
	ExpectUnchanged(s);
}

TEST_F(RetypeTest, ArchitectureTypesAskTheArchitecture)
{
	const uint64_t types[] = {HELIOS_CAP_VSPACE, HELIOS_CAP_PDPT, HELIOS_CAP_PD,
		HELIOS_CAP_PT, HELIOS_CAP_PAGE};
	for (uint64_t type : types) {
		helios_caddr_t c = w.Make(type);
		ASSERT_NE(c, 0u) << type;
		EXPECT_EQ(w.Slot(c)->object % kPage, 0u);
		const uint8_t *bytes = reinterpret_cast<const uint8_t *>(w.Slot(c)->object);
		EXPECT_EQ(bytes[0] | bytes[100] | bytes[kPage - 1], 0);
	}
	EXPECT_EQ(hooks.vm_init, 5);
}

TEST_F(RetypeTest, TasksAreInitialisedByTheirHook)
{
	EXPECT_EQ(w.Retype(HELIOS_CAP_TASK, 12345, 3, 40), HELIOS_OK); // size is ignored
	EXPECT_EQ(hooks.task_init, 3);
	EXPECT_EQ(w.FreeBytes(), w.start_free - 3 * ((sizeof(FakeTask) + 63) & ~63ull));
}

TEST_F(RetypeTest, CountZeroOrTooLarge)
{
	Snapshot s = Snap();
	EXPECT_EQ(w.Retype(HELIOS_CAP_ENDPOINT, 0, 0, 10), HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(w.Retype(HELIOS_CAP_ENDPOINT, 0, 4097, 10), HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(w.Retype(HELIOS_CAP_ENDPOINT, 0, 1ull << 32, 10), HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(w.Retype(HELIOS_CAP_ENDPOINT, 0, UINT64_MAX, 10), HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(w.Retype(HELIOS_CAP_ENDPOINT, 0, 2, HELIOS_CADDR_UNDEF),
		  HELIOS_ERR_INVALID_PARAM);
	ExpectUnchanged(s);
}

TEST_F(RetypeTest, DestinationRangesThatWrapOrLeaveTheCspace)
{
	Snapshot s = Snap();
	EXPECT_EQ(w.Retype(HELIOS_CAP_ENDPOINT, 0, 1, 0), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(w.Retype(HELIOS_CAP_ENDPOINT, 0, 1, 256), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(w.Retype(HELIOS_CAP_ENDPOINT, 0, 5, 252), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(w.Retype(HELIOS_CAP_ENDPOINT, 0, 32, 0xfffffff0u), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(w.Retype(HELIOS_CAP_ENDPOINT, 0, 2, 0xfffffffeu), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(w.Retype(HELIOS_CAP_ENDPOINT, 0, 1, 1ull << 32), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(w.Retype(HELIOS_CAP_ENDPOINT, 0, 1, (1ull << 32) + 10), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(w.Retype(HELIOS_CAP_ENDPOINT, 0, 4096, UINT64_MAX - 100),
		  HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(w.Retype(HELIOS_CAP_ENDPOINT, 0, 1, UINT64_MAX), HELIOS_ERR_INVALID_CADDR);
	ExpectUnchanged(s);
}

TEST_F(RetypeTest, AnOccupiedSlotInTheRangeChangesNothing)
{
	ASSERT_EQ(w.Retype(HELIOS_CAP_ENDPOINT, 0, 1, 15), HELIOS_OK);
	Snapshot s = Snap();
	EXPECT_EQ(w.Retype(HELIOS_CAP_ENDPOINT, 0, 10, 10), HELIOS_ERR_INVALID_CSLOT);
	EXPECT_EQ(w.Retype(HELIOS_CAP_ENDPOINT, 0, 1, kMemorySlot), HELIOS_ERR_INVALID_CSLOT);
	ExpectUnchanged(s);
	EXPECT_TRUE(AllEmpty(10, 5));
	EXPECT_TRUE(AllEmpty(16, 4));
}

// A slot can be empty and not free: reserved by a kernel operation under way. Decode used to
// check only that the destination slots were empty, and the act step, reserving them one by
// one, panicked ("decoded slot is gone") on such a slot. Decode now reserves every slot, so it
// refuses, and the act step has nothing left to look up.
TEST_F(RetypeTest, AReservedSlotInTheRangeIsRefusedBeforeAnythingChanges)
{
	struct cap *held;
	ASSERT_EQ(cspace_reserve(w.cs, 12, &held), HELIOS_OK);
	Snapshot s = Snap();
	std::vector<uint32_t> order = FreeOrder();
	EXPECT_EQ(w.Retype(HELIOS_CAP_ENDPOINT, 0, 5, 10), HELIOS_ERR_INVALID_CSLOT);
	EXPECT_EQ(w.Retype(HELIOS_CAP_ENDPOINT, 0, 1, 12), HELIOS_ERR_INVALID_CSLOT);
	ExpectUnchanged(s);
	EXPECT_EQ(FreeOrder(), order);
	EXPECT_TRUE(AllEmpty(10, 5));
	EXPECT_EQ(w.MemoryCap()->first_child, nullptr);
	cspace_unreserve(held);
	EXPECT_EQ(w.Retype(HELIOS_CAP_ENDPOINT, 0, 5, 10), HELIOS_OK);
}

// A retype that reserved its slots and then ran out of memory puts each slot back where it
// was on the free list, so the next UNDEF picks the slot it would have picked.
TEST_F(RetypeTest, OutOfMemoryAfterReservingLeavesTheFreeListInOrder)
{
	ASSERT_EQ(w.Retype(HELIOS_CAP_ENDPOINT, 0, 20, 3), HELIOS_OK);
	for (helios_caddr_t i : {9, 21, 4, 15, 5, 6})
		cap_delete(w.Slot(i));
	std::vector<uint32_t> order = FreeOrder();
	ASSERT_EQ(order.front(), 6u);
	Snapshot s = Snap();
	EXPECT_EQ(w.Retype(HELIOS_CAP_CSPACE, HELIOS_CSPACE_MAX_SLOTS, 2, 4), HELIOS_ERR_NOMEM);
	ExpectUnchanged(s);
	EXPECT_EQ(FreeOrder(), order);
	EXPECT_EQ(w.Retype(HELIOS_CAP_NOTIFICATION, 0, 1, HELIOS_CADDR_UNDEF), HELIOS_OK);
	EXPECT_EQ(w.inv.results[0], 6u);
}

TEST_F(RetypeTest, UndefIntoAFullCspace)
{
	ASSERT_EQ(w.Retype(HELIOS_CAP_ENDPOINT, 0, 253, 3), HELIOS_OK);
	Snapshot s = Snap();
	EXPECT_EQ(w.Retype(HELIOS_CAP_ENDPOINT, 0, 1, HELIOS_CADDR_UNDEF),
		  HELIOS_ERR_CSPACE_FULL);
	ExpectUnchanged(s);
}

TEST_F(RetypeTest, APartialFitChangesNothing)
{
	World small(16 * kPage, 256);
	// Fragment the memory: page 0 free, every other page keeps its first 64 bytes in use.
	std::vector<uintptr_t> grains;
	for (uintptr_t g; (g = memory_alloc(&small.boot, MEMORY_GRAIN, MEMORY_GRAIN));)
		grains.push_back(g);
	std::vector<uintptr_t> kept;
	for (size_t i = 0; i < grains.size(); i++) {
		if (i >= kPage / MEMORY_GRAIN && i % (kPage / MEMORY_GRAIN) == 0)
			kept.push_back(grains[i]);
		else
			memory_free_now(&small.boot, grains[i], MEMORY_GRAIN);
	}
	uint64_t free_before = small.FreeBytes();
	uint64_t largest_before = memory_largest_free(&small.boot);
	uint64_t live_before = small.boot.live;
	ASSERT_EQ(free_before, 16 * kPage - 15 * MEMORY_GRAIN);
	// Two pages fit by bytes, one by layout: the first is allocated, then given back.
	EXPECT_EQ(small.Retype(HELIOS_CAP_PAGE, 0, 2, 20), HELIOS_ERR_NOMEM);
	EXPECT_EQ(small.FreeBytes(), free_before);
	EXPECT_EQ(memory_largest_free(&small.boot), largest_before);
	EXPECT_EQ(small.boot.live, live_before);
	EXPECT_EQ(small.MemoryCap()->first_child, nullptr);
	EXPECT_EQ(small.Slot(20)->type, HELIOS_CAP_NULL);
	EXPECT_EQ(small.Slot(21)->type, HELIOS_CAP_NULL);
	EXPECT_EQ(small.Retype(HELIOS_CAP_PAGE, 0, 1, 20), HELIOS_OK);
	EXPECT_EQ(small.Retype(HELIOS_CAP_PAGE, 0, 1, 21), HELIOS_ERR_NOMEM);
	for (uintptr_t g : kept)
		memory_free_now(&small.boot, g, MEMORY_GRAIN);
}

TEST_F(RetypeTest, ExhaustionAndBackToTheStart)
{
	World small(16 * kPage, 2048);
	uint64_t made = 0;
	while (small.Retype(HELIOS_CAP_ENDPOINT, 0, 1, HELIOS_CADDR_UNDEF) == HELIOS_OK)
		made++;
	EXPECT_EQ(small.inv.nresults, 0u);
	EXPECT_EQ(made, 16 * kPage / kEndpointSize);
	EXPECT_EQ(small.FreeBytes(), 0u);
	EXPECT_EQ(small.Retype(HELIOS_CAP_ENDPOINT, 0, 1, HELIOS_CADDR_UNDEF), HELIOS_ERR_NOMEM);
	EXPECT_EQ(small.Retype(HELIOS_CAP_NOTIFICATION, 0, 3, 1500), HELIOS_ERR_NOMEM);
	cap_revoke(small.MemoryCap());
	EXPECT_EQ(small.FreeBytes(), 0u); // until reap
	reap();
	EXPECT_EQ(small.FreeBytes(), small.start_free);
	EXPECT_EQ(memory_largest_free(&small.boot), 16 * kPage);
	EXPECT_EQ(small.Retype(HELIOS_CAP_MEMORY, 8 * kPage, 1, 3), HELIOS_OK);
}

TEST_F(RetypeTest, MemoryThatFitsButItsDescriptorDoesNot)
{
	World small(8 * kPage, 16);
	EXPECT_EQ(small.Retype(HELIOS_CAP_MEMORY, 8 * kPage, 1, 5), HELIOS_ERR_NOMEM);
	EXPECT_EQ(small.boot.free_bytes, 8 * kPage);
	EXPECT_EQ(memory_largest_free(&small.boot), 8 * kPage);
	EXPECT_EQ(small.boot.live, 0u);
	// Two children where only one fits with its descriptor: the first is given back too.
	EXPECT_EQ(small.Retype(HELIOS_CAP_MEMORY, 4 * kPage, 2, 5), HELIOS_ERR_NOMEM);
	EXPECT_EQ(small.boot.free_bytes, 8 * kPage);
	EXPECT_EQ(memory_largest_free(&small.boot), 8 * kPage);
	EXPECT_EQ(small.Slot(5)->type, HELIOS_CAP_NULL);
	EXPECT_EQ(small.Retype(HELIOS_CAP_MEMORY, 7 * kPage, 1, 5), HELIOS_OK);
}

TEST_F(RetypeTest, RetypeNeedsTheWriteRight)
{
	struct cap *ro;
	ASSERT_EQ(cspace_reserve(w.cs, 9, &ro), HELIOS_OK);
	cap_copy(ro, w.MemoryCap(), HELIOS_RIGHT_READ | HELIOS_RIGHT_GRANT);
	Snapshot s = Snap();
	EXPECT_EQ(w.Retype(HELIOS_CAP_ENDPOINT, 0, 1, 10, 9), HELIOS_ERR_ACCESS);
	ExpectUnchanged(s);
	EXPECT_EQ(w.Invoke(9, HELIOS_MEMORY_INFO, {}), HELIOS_OK); // looking needs no right
}

TEST_F(RetypeTest, TooFewParameters)
{
	EXPECT_EQ(w.Invoke(kMemorySlot, HELIOS_MEMORY_RETYPE, {HELIOS_CAP_ENDPOINT, 0, 1}),
		  HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(w.Invoke(kMemorySlot, HELIOS_MEMORY_RETYPE, {}), HELIOS_ERR_INVALID_PARAM);
}

TEST_F(RetypeTest, MemoryInfo)
{
	ASSERT_EQ(w.Invoke(kMemorySlot, HELIOS_MEMORY_INFO, {}), HELIOS_OK);
	EXPECT_EQ(w.inv.nresults, 4u);
	EXPECT_EQ(w.inv.results[0], virt_to_phys(w.boot.base));
	EXPECT_EQ(w.inv.results[1], w.arena_size);
	EXPECT_EQ(w.inv.results[2], w.arena_size);
	EXPECT_EQ(w.inv.results[3], w.arena_size);
	w.Make(HELIOS_CAP_ENDPOINT);
	ASSERT_EQ(w.Invoke(kMemorySlot, HELIOS_MEMORY_INFO, {}), HELIOS_OK);
	EXPECT_EQ(w.inv.results[2], w.arena_size - kEndpointSize);
	EXPECT_EQ(w.inv.results[3], w.arena_size - kEndpointSize);
}

TEST_F(RetypeTest, MemoryMethodsOnly)
{
	EXPECT_EQ(w.Invoke(kMemorySlot, HELIOS_DEVICE_MEMORY_INFO, {}), HELIOS_ERR_INVALID_METHOD);
	EXPECT_EQ(w.Invoke(kMemorySlot, HELIOS_CSPACE_INFO, {}), HELIOS_ERR_INVALID_METHOD);
	EXPECT_EQ(w.Invoke(kMemorySlot, 0, {}), HELIOS_ERR_INVALID_METHOD);
	EXPECT_EQ(w.Invoke(kMemorySlot, 1ull << 40, {}), HELIOS_ERR_INVALID_METHOD);
}

TEST_F(RetypeTest, DeletingAMemoryCapHandsItsObjectsUpAndItDiesLater)
{
	helios_caddr_t m2 = w.Make(HELIOS_CAP_MEMORY, 4 * kPage);
	helios_caddr_t ep = w.Make(HELIOS_CAP_ENDPOINT, 0, m2);
	ASSERT_NE(ep, 0u);
	cap_delete(w.Slot(m2));
	reap();
	EXPECT_EQ(w.Slot(ep)->parent, w.MemoryCap());
	EXPECT_LT(w.FreeBytes(), w.start_free); // the endpoint keeps m2 alive
	cap_delete(w.Slot(ep));
	reap();
	EXPECT_EQ(w.FreeBytes(), w.start_free);
	EXPECT_EQ(w.Largest(), w.arena_size);
}

TEST_F(RetypeTest, RevokingChildMemoryKeepsIt)
{
	helios_caddr_t m2 = w.Make(HELIOS_CAP_MEMORY, 4 * kPage);
	ASSERT_EQ(w.Retype(HELIOS_CAP_ENDPOINT, 0, 20, 100, m2), HELIOS_OK);
	auto *child = reinterpret_cast<struct memory *>(w.Slot(m2)->object);
	EXPECT_EQ(child->free_bytes, 4 * kPage - 20 * kEndpointSize);
	cap_revoke(w.Slot(m2));
	reap();
	EXPECT_EQ(child->free_bytes, 4 * kPage);
	EXPECT_EQ(child->live, 0u);
	EXPECT_EQ(w.Slot(m2)->type, HELIOS_CAP_MEMORY);
	EXPECT_EQ(w.FreeBytes(), w.start_free - 4 * kPage - sizeof(struct memory));
}

// Device memory: a capability to 64 KiB of registers at a physical address.
class DeviceMemoryTest : public ::testing::Test {
protected:
	static constexpr uint64_t kBase = 0xfe000000;
	static constexpr uint64_t kSize = 16 * kPage;
	static constexpr helios_caddr_t kDev = 9;

	DeviceMemoryTest()
	{
		struct cap *slot;
		EXPECT_EQ(cspace_reserve(w.cs, kDev, &slot), HELIOS_OK);
		cap_create(slot, HELIOS_CAP_DEVICE_MEMORY, HELIOS_RIGHTS_ALL, phys_to_virt(kBase),
			   kSize, nullptr, nullptr);
	}
	int Retype(uint64_t type, uint64_t size, uint64_t count, uint64_t dest, uint64_t offset,
		   helios_caddr_t dev = kDev)
	{
		return w.Invoke(dev, HELIOS_DEVICE_MEMORY_RETYPE,
				{type, size, count, dest, offset});
	}

	World w{64 * kPage, 64};
};

TEST_F(DeviceMemoryTest, PagesFromAnOffset)
{
	ASSERT_EQ(Retype(HELIOS_CAP_PAGE, 0, 4, 20, 2 * kPage), HELIOS_OK);
	EXPECT_EQ(w.inv.results[0], 20u);
	for (helios_caddr_t i = 0; i < 4; i++) {
		struct cap *p = w.Slot(20 + i);
		EXPECT_EQ(p->type, HELIOS_CAP_PAGE);
		EXPECT_EQ(virt_to_phys(p->object), kBase + (2 + i) * kPage);
		EXPECT_EQ(p->source, nullptr);
		EXPECT_EQ(p->parent, w.Slot(kDev));
		EXPECT_EQ(p->data, 0u);
	}
	EXPECT_EQ(hooks.vm_init, 0); // device registers are not touched
	EXPECT_EQ(w.FreeBytes(), w.start_free);
	cap_revoke(w.Slot(kDev));
	EXPECT_EQ(hooks.vm_finalize, 4);
	reap();
	EXPECT_EQ(w.FreeBytes(), w.start_free);
}

TEST_F(DeviceMemoryTest, TheWholeRangeAsPages)
{
	EXPECT_EQ(Retype(HELIOS_CAP_PAGE, 0, 16, 30, 0), HELIOS_OK);
	EXPECT_EQ(virt_to_phys(w.Slot(45)->object), kBase + kSize - kPage);
}

TEST_F(DeviceMemoryTest, SmallerDeviceMemory)
{
	ASSERT_EQ(Retype(HELIOS_CAP_DEVICE_MEMORY, 4 * kPage, 2, 20, 8 * kPage), HELIOS_OK);
	ASSERT_EQ(w.Invoke(21, HELIOS_DEVICE_MEMORY_INFO, {}), HELIOS_OK);
	EXPECT_EQ(w.inv.nresults, 2u);
	EXPECT_EQ(w.inv.results[0], kBase + 12 * kPage);
	EXPECT_EQ(w.inv.results[1], 4 * kPage);
	// And pages from the smaller one, within its own bounds.
	EXPECT_EQ(Retype(HELIOS_CAP_PAGE, 0, 4, 30, 0, 21), HELIOS_OK);
	EXPECT_EQ(Retype(HELIOS_CAP_PAGE, 0, 1, 34, 4 * kPage, 21), HELIOS_ERR_INVALID_PARAM);
}

TEST_F(DeviceMemoryTest, Info)
{
	ASSERT_EQ(w.Invoke(kDev, HELIOS_DEVICE_MEMORY_INFO, {}), HELIOS_OK);
	EXPECT_EQ(w.inv.results[0], kBase);
	EXPECT_EQ(w.inv.results[1], kSize);
	EXPECT_EQ(w.Invoke(kDev, HELIOS_MEMORY_INFO, {}), HELIOS_ERR_INVALID_METHOD);
	EXPECT_EQ(w.Invoke(kDev, HELIOS_MEMORY_RETYPE, {HELIOS_CAP_PAGE, 0, 1, 20}),
		  HELIOS_ERR_INVALID_METHOD);
}

TEST_F(DeviceMemoryTest, KernelObjectsAreRefused)
{
	const uint64_t types[] = {HELIOS_CAP_MEMORY, HELIOS_CAP_CSPACE, HELIOS_CAP_TASK,
		HELIOS_CAP_ENDPOINT, HELIOS_CAP_NOTIFICATION, HELIOS_CAP_VSPACE, HELIOS_CAP_PDPT,
		HELIOS_CAP_PD, HELIOS_CAP_PT, HELIOS_CAP_ASID_POOL, HELIOS_CAP_NULL,
		HELIOS_CAP_REPLY, HELIOS_CAP_TYPE_COUNT, (1ull << 32) + HELIOS_CAP_PAGE};
	for (uint64_t type : types)
		EXPECT_EQ(Retype(type, kPage, 1, 20, 0), HELIOS_ERR_INVALID_TYPE) << type;
	EXPECT_EQ(w.Slot(20)->type, HELIOS_CAP_NULL);
}

TEST_F(DeviceMemoryTest, RangesOutsideTheDevice)
{
	EXPECT_EQ(Retype(HELIOS_CAP_PAGE, 0, 1, 20, kSize), HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(Retype(HELIOS_CAP_PAGE, 0, 1, 20, kSize + kPage), HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(Retype(HELIOS_CAP_PAGE, 0, 3, 20, 14 * kPage), HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(Retype(HELIOS_CAP_PAGE, 0, 1, 20, 100), HELIOS_ERR_INVALID_PARAM); // unaligned
	EXPECT_EQ(Retype(HELIOS_CAP_PAGE, 0, 1, 20, UINT64_MAX & ~(kPage - 1)),
		  HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(Retype(HELIOS_CAP_DEVICE_MEMORY, kSize + kPage, 1, 20, 0),
		  HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(Retype(HELIOS_CAP_DEVICE_MEMORY, 8 * kPage, 3, 20, 0), HELIOS_ERR_INVALID_PARAM);
	// count * size wraps 64 bits to something small.
	EXPECT_EQ(Retype(HELIOS_CAP_DEVICE_MEMORY, 1ull << 63, 2, 20, 0), HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(Retype(HELIOS_CAP_DEVICE_MEMORY, 0, 1, 20, 0), HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(Retype(HELIOS_CAP_DEVICE_MEMORY, 100, 1, 20, 0), HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(Retype(HELIOS_CAP_PAGE, 0, 0, 20, 0), HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(Retype(HELIOS_CAP_PAGE, 0, 4097, 20, 0), HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(Retype(HELIOS_CAP_PAGE, 0, 2, 63, 0), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(Retype(HELIOS_CAP_PAGE, 0, 2, 0xffffffffffffull, 0), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(w.cs->free_count, 64u - 4);
}

TEST_F(DeviceMemoryTest, ABadOffsetGivesTheReservedSlotsBack)
{
	uint32_t head = w.cs->free_head, free = w.cs->free_count;
	EXPECT_EQ(Retype(HELIOS_CAP_PAGE, 0, 4, 20, kSize), HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(w.cs->free_head, head);
	EXPECT_EQ(w.cs->free_count, free);
	struct cap *held;
	ASSERT_EQ(cspace_reserve(w.cs, 22, &held), HELIOS_OK);
	EXPECT_EQ(Retype(HELIOS_CAP_PAGE, 0, 4, 20, 0), HELIOS_ERR_INVALID_CSLOT);
	cspace_unreserve(held);
	EXPECT_EQ(Retype(HELIOS_CAP_PAGE, 0, 4, 20, 0), HELIOS_OK);
}

TEST_F(DeviceMemoryTest, RetypeNeedsWriteAndFiveParameters)
{
	struct cap *ro;
	ASSERT_EQ(cspace_reserve(w.cs, 10, &ro), HELIOS_OK);
	cap_copy(ro, w.Slot(kDev), HELIOS_RIGHT_READ);
	EXPECT_EQ(Retype(HELIOS_CAP_PAGE, 0, 1, 20, 0, 10), HELIOS_ERR_ACCESS);
	EXPECT_EQ(w.Invoke(kDev, HELIOS_DEVICE_MEMORY_RETYPE, {HELIOS_CAP_PAGE, 0, 1, 20}),
		  HELIOS_ERR_INVALID_PARAM);
	EXPECT_EQ(w.Slot(20)->type, HELIOS_CAP_NULL);
}

TEST_F(DeviceMemoryTest, ChildrenKeepTheParentsRights)
{
	struct cap *rw;
	ASSERT_EQ(cspace_reserve(w.cs, 10, &rw), HELIOS_OK);
	cap_copy(rw, w.Slot(kDev), HELIOS_RIGHT_READ | HELIOS_RIGHT_WRITE);
	ASSERT_EQ(Retype(HELIOS_CAP_PAGE, 0, 1, 20, 0, 10), HELIOS_OK);
	EXPECT_EQ(w.Slot(20)->rights, HELIOS_RIGHT_READ | HELIOS_RIGHT_WRITE);
}

class InvokeTest : public ::testing::Test {
protected:
	// A capability of any type to a zeroed stand-in object (no source: nothing is freed).
	helios_caddr_t Put(uint8_t type)
	{
		struct cap *slot;
		EXPECT_EQ(cspace_reserve(w.cs, HELIOS_CADDR_UNDEF, &slot), HELIOS_OK);
		cap_create(slot, type, HELIOS_RIGHTS_ALL, reinterpret_cast<uintptr_t>(object_), 0,
			   nullptr, nullptr);
		return cspace_caddr(w.cs, slot);
	}
	alignas(64) uint8_t object_[sizeof(FakeTask)] = {};
	World w{16 * HELIOS_PAGE_SIZE, 64};
};

TEST_F(InvokeTest, DispatchOnTheCapabilityType)
{
	EXPECT_EQ(w.Invoke(Put(HELIOS_CAP_TASK), HELIOS_TASK_INFO, {}), kTaskInvoked);
	EXPECT_EQ(w.Invoke(Put(HELIOS_CAP_IRQ_CONTROL), 1, {}), kIrqControlInvoked);
	EXPECT_EQ(w.Invoke(Put(HELIOS_CAP_IRQ_HANDLER), 1, {}), kIrqHandlerInvoked);
	const uint8_t types[] = {HELIOS_CAP_VSPACE, HELIOS_CAP_ASID_CONTROL, HELIOS_CAP_ASID_POOL,
		HELIOS_CAP_PDPT, HELIOS_CAP_PD, HELIOS_CAP_PT, HELIOS_CAP_PAGE,
		HELIOS_CAP_IO_CONTROL, HELIOS_CAP_IO_PORT};
	for (uint8_t type : types)
		EXPECT_EQ(w.Invoke(Put(type), 1, {}), kArchInvoked) << int{type};
	EXPECT_EQ(w.inv.nresults, 0u); // reset before dispatch
}

TEST_F(InvokeTest, IpcObjectsAreNeverInvoked)
{
	const uint8_t types[] = {HELIOS_CAP_ENDPOINT, HELIOS_CAP_NOTIFICATION, HELIOS_CAP_REPLY};
	for (uint8_t type : types)
		EXPECT_EQ(w.Invoke(Put(type), HELIOS_MEMORY_INFO, {}), HELIOS_ERR_INVALID_TYPE)
			<< int{type};
	EXPECT_EQ(w.Invoke(40, HELIOS_MEMORY_INFO, {}), HELIOS_ERR_INVALID_TYPE); // empty slot
}

TEST_F(InvokeTest, CapabilityParameters)
{
	w.inv.cspace = w.cs;
	struct cap *out = nullptr;
	EXPECT_EQ(invoke_cap_param(&w.inv, kMemorySlot, HELIOS_CAP_MEMORY, &out), HELIOS_OK);
	EXPECT_EQ(out, w.MemoryCap());
	EXPECT_EQ(invoke_cap_param(&w.inv, kSelfSlot, HELIOS_CAP_NULL, &out), HELIOS_OK);
	EXPECT_EQ(out, w.Slot(kSelfSlot));
	EXPECT_EQ(invoke_cap_param(&w.inv, kMemorySlot, HELIOS_CAP_CSPACE, &out),
		  HELIOS_ERR_INVALID_TYPE);
	EXPECT_EQ(invoke_cap_param(&w.inv, 30, HELIOS_CAP_NULL, &out), HELIOS_ERR_INVALID_CSLOT);
	EXPECT_EQ(invoke_cap_param(&w.inv, 0, HELIOS_CAP_NULL, &out), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(invoke_cap_param(&w.inv, 64, HELIOS_CAP_NULL, &out), HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(invoke_cap_param(&w.inv, (1ull << 32) + kMemorySlot, HELIOS_CAP_NULL, &out),
		  HELIOS_ERR_INVALID_CADDR);
	EXPECT_EQ(invoke_cap_param(&w.inv, HELIOS_CADDR_UNDEF, HELIOS_CAP_NULL, &out),
		  HELIOS_ERR_INVALID_CADDR);
}

TEST(ObjectLayoutTest, SizesAndAlignments)
{
	uint64_t size = 0, align = 0;
	EXPECT_EQ(object_layout(HELIOS_CAP_MEMORY, 3 * HELIOS_PAGE_SIZE, &size, &align), HELIOS_OK);
	EXPECT_EQ(size, 3 * HELIOS_PAGE_SIZE);
	EXPECT_EQ(align, HELIOS_PAGE_SIZE);
	EXPECT_EQ(object_layout(HELIOS_CAP_CSPACE, 10, &size, &align), HELIOS_OK);
	EXPECT_EQ(size, cspace_object_size(10));
	EXPECT_EQ(align, MEMORY_GRAIN);
	EXPECT_EQ(object_layout(HELIOS_CAP_ENDPOINT, 0, &size, &align), HELIOS_OK);
	EXPECT_EQ(size, kEndpointSize);
	EXPECT_EQ(object_layout(HELIOS_CAP_NOTIFICATION, 0, &size, &align), HELIOS_OK);
	EXPECT_EQ(size, kNotificationSize);
	EXPECT_EQ(object_layout(HELIOS_CAP_TASK, 0, &size, &align), HELIOS_OK);
	EXPECT_EQ(size, sizeof(FakeTask));
	EXPECT_EQ(object_layout(HELIOS_CAP_PT, 0, &size, &align), HELIOS_OK);
	EXPECT_EQ(align, HELIOS_PAGE_SIZE);
	EXPECT_EQ(object_layout(HELIOS_CAP_IO_PORT, 0, &size, &align), HELIOS_ERR_INVALID_TYPE);
	EXPECT_EQ(object_layout(HELIOS_CAP_TYPE_COUNT, 0, &size, &align), HELIOS_ERR_INVALID_TYPE);
}

} // namespace
