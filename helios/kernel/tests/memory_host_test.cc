// The memory allocator (helios/kernel/memory.c): first fit over an address-ordered, merged
// free list kept in the free memory; deferred freeing; memory objects dying up their chain.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "helios/kernel/tests/fake_hooks.h"

namespace {

constexpr uint64_t kGrain = MEMORY_GRAIN;
constexpr uint64_t kPage = HELIOS_PAGE_SIZE;

// A page-aligned arena with a memory descriptor over it.
class Arena {
public:
	explicit Arena(uint64_t size, uint64_t skew = 0)
	{
		// Room for the skew, in whole pages (aligned_alloc wants a multiple).
		uint64_t bytes = (size + 2 * kPage - 1) & ~(kPage - 1);
		mem_ = aligned_alloc(kPage, bytes);
		memset(mem_, 0x5a, bytes);
		base = reinterpret_cast<uintptr_t>(mem_) + skew;
		memory_init(&m, base, size, nullptr);
	}
	~Arena()
	{
		reap();
		free(mem_);
	}
	// The free blocks as (offset, size) pairs, in list order.
	std::vector<std::pair<uint64_t, uint64_t>> Blocks() const
	{
		std::vector<std::pair<uint64_t, uint64_t>> out;
		for (uintptr_t b = m.free_list; b; b = reinterpret_cast<const uint64_t *>(b)[1])
			out.emplace_back(b - base, reinterpret_cast<const uint64_t *>(b)[0]);
		return out;
	}
	struct memory m;
	uintptr_t base;

private:
	void *mem_;
};

using Blocks = std::vector<std::pair<uint64_t, uint64_t>>;

TEST(MemoryTest, InitLeavesEverythingFree)
{
	Arena a(64 * kPage);
	EXPECT_EQ(a.m.base, a.base);
	EXPECT_EQ(a.m.size, 64 * kPage);
	EXPECT_EQ(a.m.free_bytes, 64 * kPage);
	EXPECT_EQ(a.m.live, 0u);
	EXPECT_EQ(a.m.parent, nullptr);
	EXPECT_EQ(memory_largest_free(&a.m), 64 * kPage);
	EXPECT_EQ(a.Blocks(), (Blocks{{0, 64 * kPage}}));
}

TEST(MemoryTest, InitIgnoresATailSmallerThanTheGrain)
{
	Arena a(kPage);
	memory_init(&a.m, a.base, 1000, nullptr);
	EXPECT_EQ(a.m.size, 960u);
	EXPECT_EQ(a.m.free_bytes, 960u);
	memory_init(&a.m, a.base, 63, nullptr);
	EXPECT_EQ(a.m.free_bytes, 0u);
	EXPECT_EQ(a.m.free_list, 0u);
	EXPECT_EQ(memory_alloc(&a.m, 1, kGrain), 0u);
}

TEST(MemoryTest, AllocRoundsUpToTheGrain)
{
	Arena a(kPage);
	uintptr_t p = memory_alloc(&a.m, 1, 1);
	ASSERT_EQ(p, a.base);
	EXPECT_EQ(a.m.free_bytes, kPage - kGrain);
	EXPECT_EQ(a.m.live, 1u);
	uintptr_t q = memory_alloc(&a.m, 65, kGrain);
	EXPECT_EQ(q, a.base + kGrain);
	EXPECT_EQ(a.m.free_bytes, kPage - 3 * kGrain);
	EXPECT_EQ(a.Blocks(), (Blocks{{3 * kGrain, kPage - 3 * kGrain}}));
}

TEST(MemoryTest, AllocAlignsAndKeepsThePaddingFree)
{
	Arena a(8 * kPage, kGrain); // base is 64 bytes past a page boundary
	uintptr_t p = memory_alloc(&a.m, kPage, kPage);
	ASSERT_NE(p, 0u);
	EXPECT_EQ(p % kPage, 0u);
	EXPECT_EQ(p - a.base, kPage - kGrain);
	EXPECT_EQ(a.m.free_bytes, 7 * kPage);
	// The padding before it is still free and used by the next small allocation.
	EXPECT_EQ(memory_alloc(&a.m, kGrain, kGrain), a.base);
	EXPECT_EQ(a.m.free_bytes, 7 * kPage - kGrain);
	uintptr_t big = memory_alloc(&a.m, 2 * kPage, 2 * kPage);
	ASSERT_NE(big, 0u);
	EXPECT_EQ(big % (2 * kPage), 0u);
}

TEST(MemoryTest, AllocRefusesBadArguments)
{
	Arena a(kPage);
	EXPECT_EQ(memory_alloc(&a.m, 0, kGrain), 0u);
	EXPECT_EQ(memory_alloc(&a.m, kGrain, 0), 0u);
	EXPECT_EQ(memory_alloc(&a.m, kGrain, 96), 0u); // not a power of two
	EXPECT_EQ(memory_alloc(&a.m, kGrain, 3), 0u);
	EXPECT_EQ(a.m.free_bytes, kPage);
	EXPECT_EQ(a.m.live, 0u);
}

TEST(MemoryTest, HugeSizesFailWithoutOverflow)
{
	Arena a(kPage);
	EXPECT_EQ(memory_alloc(&a.m, UINT64_MAX, kGrain), 0u);
	EXPECT_EQ(memory_alloc(&a.m, UINT64_MAX - 10, kGrain), 0u);
	EXPECT_EQ(memory_alloc(&a.m, UINT64_MAX - kGrain + 1, kGrain), 0u);
	EXPECT_EQ(memory_alloc(&a.m, 1ull << 63, kGrain), 0u);
	EXPECT_EQ(memory_alloc(&a.m, kPage + 1, kGrain), 0u);
	EXPECT_EQ(memory_alloc(&a.m, kGrain, 1ull << 63), 0u); // alignment beyond the arena
	EXPECT_EQ(a.m.free_bytes, kPage);
	EXPECT_EQ(memory_alloc(&a.m, kPage, kGrain), a.base); // exactly everything fits
	EXPECT_EQ(a.m.free_bytes, 0u);
	EXPECT_EQ(a.m.free_list, 0u);
}

TEST(MemoryTest, ExhaustionThenEverythingBack)
{
	Arena a(4 * kPage);
	std::vector<uintptr_t> got;
	for (;;) {
		uintptr_t p = memory_alloc(&a.m, kGrain, kGrain);
		if (!p)
			break;
		got.push_back(p);
	}
	ASSERT_EQ(got.size(), 4 * kPage / kGrain);
	EXPECT_EQ(a.m.free_bytes, 0u);
	EXPECT_EQ(memory_largest_free(&a.m), 0u);
	for (size_t i = 0; i < got.size(); i++)
		EXPECT_EQ(got[i], a.base + i * kGrain); // first fit hands them out in order
	for (uintptr_t p : got)
		memory_free_now(&a.m, p, kGrain);
	EXPECT_EQ(a.m.free_bytes, 4 * kPage);
	EXPECT_EQ(a.m.live, 0u);
	EXPECT_EQ(a.Blocks(), (Blocks{{0, 4 * kPage}}));
}

TEST(MemoryTest, FreeMergesWithBothNeighbours)
{
	Arena a(kPage);
	uintptr_t x = memory_alloc(&a.m, kGrain, kGrain);
	uintptr_t y = memory_alloc(&a.m, kGrain, kGrain);
	uintptr_t z = memory_alloc(&a.m, kGrain, kGrain);
	uintptr_t w = memory_alloc(&a.m, kGrain, kGrain); // keeps z off the tail block
	memory_free_now(&a.m, x, kGrain);
	memory_free_now(&a.m, z, kGrain);
	EXPECT_EQ(a.Blocks(),
		  (Blocks{{0, kGrain}, {2 * kGrain, kGrain}, {4 * kGrain, kPage - 4 * kGrain}}));
	memory_free_now(&a.m, y, kGrain); // joins x and z
	EXPECT_EQ(a.Blocks(), (Blocks{{0, 3 * kGrain}, {4 * kGrain, kPage - 4 * kGrain}}));
	memory_free_now(&a.m, w, kGrain); // joins everything
	EXPECT_EQ(a.Blocks(), (Blocks{{0, kPage}}));
}

TEST(MemoryTest, FragmentationAndFirstFit)
{
	Arena a(8 * kGrain);
	uintptr_t p[8];
	for (int i = 0; i < 8; i++)
		p[i] = memory_alloc(&a.m, kGrain, kGrain);
	for (int i = 0; i < 8; i += 2)
		memory_free_now(&a.m, p[i], kGrain);
	EXPECT_EQ(a.m.free_bytes, 4 * kGrain);
	EXPECT_EQ(memory_largest_free(&a.m), kGrain);
	// Enough bytes in total, but no two adjacent: fragmentation.
	EXPECT_EQ(memory_alloc(&a.m, 2 * kGrain, kGrain), 0u);
	memory_free_now(&a.m, p[5], kGrain); // 4, 5, 6 now form one block
	EXPECT_EQ(memory_largest_free(&a.m), 3 * kGrain);
	EXPECT_EQ(memory_alloc(&a.m, 2 * kGrain, kGrain), p[4]);
	// First fit: a single grain goes to the lowest hole.
	EXPECT_EQ(memory_alloc(&a.m, kGrain, kGrain), p[0]);
}

TEST(MemoryTest, FreedBlockIsReused)
{
	Arena a(kPage);
	uintptr_t x = memory_alloc(&a.m, 256, kGrain);
	uintptr_t y = memory_alloc(&a.m, 256, kGrain);
	memory_free_now(&a.m, x, 256);
	EXPECT_EQ(memory_alloc(&a.m, 128, kGrain), x);
	EXPECT_EQ(memory_alloc(&a.m, 128, kGrain), x + 128);
	EXPECT_EQ(memory_alloc(&a.m, 128, kGrain), y + 256);
}

TEST(MemoryTest, RandomOrderFreeRestoresTheStart)
{
	Arena a(256 * kPage);
	std::mt19937_64 rng(42);
	struct Alloc {
		uintptr_t addr;
		uint64_t size;
	};
	std::vector<Alloc> live;
	for (int round = 0; round < 2000; round++) {
		if (live.empty() || rng() % 3 != 0) {
			uint64_t size = 1 + rng() % (3 * kPage);
			uint64_t align = kGrain << (rng() % 7);
			uintptr_t p = memory_alloc(&a.m, size, align);
			if (p) {
				EXPECT_EQ(p % align, 0u);
				for (const Alloc &o : live) // no overlap with anything live
					EXPECT_TRUE(p + size <= o.addr || o.addr + o.size <= p);
				live.push_back({p, size});
			}
		} else {
			size_t i = rng() % live.size();
			memory_free_now(&a.m, live[i].addr, live[i].size);
			live.erase(live.begin() + static_cast<long>(i));
		}
		// The list stays address-ordered, merged and consistent with free_bytes.
		uint64_t sum = 0, end = 0;
		for (auto [off, size] : a.Blocks()) {
			EXPECT_TRUE(sum == 0 || off > end) << "unmerged or unordered";
			sum += size;
			end = off + size;
		}
		ASSERT_EQ(sum, a.m.free_bytes);
		ASSERT_EQ(a.m.live, live.size());
	}
	std::shuffle(live.begin(), live.end(), rng);
	for (const Alloc &o : live)
		memory_free_now(&a.m, o.addr, o.size);
	EXPECT_EQ(a.Blocks(), (Blocks{{0, 256 * kPage}}));
}

TEST(MemoryDeathTest, DoubleFreePanics)
{
	Arena a(kPage);
	uintptr_t x = memory_alloc(&a.m, kGrain, kGrain);
	memory_alloc(&a.m, kGrain, kGrain);
	memory_free_now(&a.m, x, kGrain);
	EXPECT_DEATH(memory_free_now(&a.m, x, kGrain), "already free");
}

TEST(MemoryDeathTest, FreeOutsideTheRangePanics)
{
	Arena a(kPage);
	memory_alloc(&a.m, kGrain, kGrain);
	EXPECT_DEATH(memory_free_now(&a.m, a.base + kPage, kGrain), "bad range");
	EXPECT_DEATH(memory_free_now(&a.m, a.base - kGrain, kGrain), "bad range");
	EXPECT_DEATH(memory_free_now(&a.m, a.base + 8, kGrain), "bad range");
	EXPECT_DEATH(memory_free_now(&a.m, a.base, 2 * kPage), "bad range");
}

TEST(MemoryTest, DeferredFreeWaitsForReap)
{
	Arena a(kPage);
	uintptr_t x = memory_alloc(&a.m, 2 * kGrain, kGrain);
	uint64_t *words = reinterpret_cast<uint64_t *>(x);
	words[5] = 0x1234; // past the 32-byte queue link
	memory_free_deferred(&a.m, x, 2 * kGrain);
	EXPECT_EQ(a.m.free_bytes, kPage - 2 * kGrain); // not yet
	EXPECT_EQ(a.m.live, 1u);
	EXPECT_EQ(words[5], 0x1234u); // still readable by whoever was looking at it
	reap();
	EXPECT_EQ(a.m.free_bytes, kPage);
	EXPECT_EQ(a.m.live, 0u);
	reap(); // nothing left: a no-op
	EXPECT_EQ(a.m.free_bytes, kPage);
}

TEST(MemoryTest, DeferredFreeWithoutSourceIsIgnored)
{
	Arena a(kPage);
	uintptr_t x = memory_alloc(&a.m, kGrain, kGrain);
	memory_free_deferred(nullptr, x, kGrain);
	reap();
	EXPECT_EQ(a.m.free_bytes, kPage - kGrain);
}

// A child memory object inside `parent`, as MEMORY_RETYPE makes one.
struct memory *MakeChild(struct memory *parent, uint64_t size)
{
	uintptr_t range = memory_alloc(parent, size, kPage);
	uintptr_t desc = memory_alloc(parent, sizeof(struct memory), kGrain);
	if (!range || !desc)
		return nullptr;
	auto *child = reinterpret_cast<struct memory *>(desc);
	memory_init(child, range, size, parent);
	return child;
}

TEST(MemoryTest, EmptyChildGoesBackWhenItsCapsAreGone)
{
	Arena a(16 * kPage);
	struct memory *child = MakeChild(&a.m, 4 * kPage);
	ASSERT_NE(child, nullptr);
	EXPECT_EQ(a.m.free_bytes, 12 * kPage - kGrain);
	memory_caps_gone(child);
	EXPECT_EQ(a.m.free_bytes, 12 * kPage - kGrain); // at reap, not before
	reap();
	EXPECT_EQ(a.m.free_bytes, 16 * kPage);
	EXPECT_EQ(a.m.live, 0u);
	EXPECT_EQ(a.Blocks(), (Blocks{{0, 16 * kPage}}));
}

TEST(MemoryTest, ChildWaitsForItsLastAllocation)
{
	Arena a(16 * kPage);
	struct memory *child = MakeChild(&a.m, 4 * kPage);
	uintptr_t x = memory_alloc(child, 100, kGrain);
	uintptr_t y = memory_alloc(child, 100, kGrain);
	memory_caps_gone(child);
	memory_free_deferred(child, x, 100);
	reap();
	EXPECT_EQ(child->live, 1u);
	EXPECT_EQ(a.m.free_bytes, 12 * kPage - kGrain); // y still lives in it
	memory_free_deferred(child, y, 100);
	reap();
	EXPECT_EQ(a.m.free_bytes, 16 * kPage);
}

TEST(MemoryTest, ChildWithLiveCapsStays)
{
	Arena a(16 * kPage);
	struct memory *child = MakeChild(&a.m, 4 * kPage);
	uintptr_t x = memory_alloc(child, 100, kGrain);
	memory_free_deferred(child, x, 100);
	reap();
	EXPECT_EQ(child->free_bytes, 4 * kPage);
	EXPECT_EQ(a.m.free_bytes, 12 * kPage - kGrain);
}

TEST(MemoryTest, ChainDiesUpwardsInOneReap)
{
	Arena a(64 * kPage);
	struct memory *child = MakeChild(&a.m, 16 * kPage);
	struct memory *grandchild = MakeChild(child, 4 * kPage);
	struct memory *great = MakeChild(grandchild, kPage);
	ASSERT_NE(great, nullptr);
	uintptr_t obj = memory_alloc(great, kGrain, kGrain);
	memory_caps_gone(child);
	memory_caps_gone(grandchild);
	memory_caps_gone(great);
	reap();
	EXPECT_EQ(a.m.free_bytes, 48 * kPage - kGrain); // obj keeps the whole chain alive
	memory_free_deferred(great, obj, kGrain);
	reap();
	EXPECT_EQ(a.m.free_bytes, 64 * kPage);
	EXPECT_EQ(a.m.live, 0u);
}

TEST(MemoryTest, BootMemoryStaysWhenItsCapsAreGone)
{
	Arena a(kPage);
	memory_caps_gone(&a.m);
	reap();
	EXPECT_EQ(a.m.free_bytes, kPage);
	EXPECT_NE(memory_alloc(&a.m, kGrain, kGrain), 0u);
}

TEST(MemoryTest, LargestFreeBlock)
{
	Arena a(16 * kPage);
	uintptr_t x = memory_alloc(&a.m, 3 * kPage, kGrain);
	memory_alloc(&a.m, kGrain, kGrain);
	memory_alloc(&a.m, 10 * kPage, kGrain);
	EXPECT_EQ(memory_largest_free(&a.m), 3 * kPage - kGrain);
	memory_free_now(&a.m, x, 3 * kPage);
	EXPECT_EQ(memory_largest_free(&a.m), 3 * kPage);
}

} // namespace
