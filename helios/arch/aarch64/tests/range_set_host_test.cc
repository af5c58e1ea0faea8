// Host tests of range_set.c: sorted, merged, page-aligned ranges in a fixed array.
#include <cstdint>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

extern "C" {
#include "helios/arch/aarch64/range_set.h"
}

namespace {

using Ranges = std::vector<std::pair<uint64_t, uint64_t>>; // [base, end)

class Set {
public:
	explicit Set(unsigned max, bool widen = false) : storage_(max + 1)
	{
		// One guard entry past max: nothing may be written there.
		storage_[max] = {0xdead, 0xbeef};
		range_set_init(&set_, storage_.data(), max, widen);
	}
	Set &Add(uint64_t base, uint64_t end)
	{
		range_set_add(&set_, base, end);
		return *this;
	}
	Set &AddExcept(uint64_t base, uint64_t end, const Set &holes)
	{
		range_set_add_except(&set_, base, end, &holes.set_);
		return *this;
	}
	Ranges Get() const
	{
		EXPECT_EQ(storage_[set_.max].base, 0xdeadu);
		EXPECT_EQ(storage_[set_.max].size, 0xbeefu);
		Ranges out;
		for (unsigned i = 0; i < set_.count; i++)
			out.push_back({set_.r[i].base, set_.r[i].base + set_.r[i].size});
		return out;
	}
	unsigned Dropped() const { return set_.dropped; }

private:
	std::vector<helios_init_region> storage_;
	struct range_set set_;
};

TEST(RangeSet, RoundsOutToPages)
{
	Set s(4);
	s.Add(0x1234, 0x1235).Add(0x5000, 0x6000).Add(0x9fff, 0xa001);
	EXPECT_EQ(s.Get(), (Ranges{{0x1000, 0x2000}, {0x5000, 0x6000}, {0x9000, 0xb000}}));
}

TEST(RangeSet, KeepsRangesSortedWhateverTheOrder)
{
	Set s(4);
	s.Add(0x9000, 0xa000).Add(0x1000, 0x2000).Add(0x5000, 0x6000);
	EXPECT_EQ(s.Get(), (Ranges{{0x1000, 0x2000}, {0x5000, 0x6000}, {0x9000, 0xa000}}));
}

TEST(RangeSet, MergesOverlappingAndTouchingRanges)
{
	Set s(8);
	s.Add(0x1000, 0x3000).Add(0x2000, 0x4000);       // overlaps
	s.Add(0x4000, 0x5000);                           // touches the end
	s.Add(0x8000, 0x9000).Add(0x7000, 0x8000);       // touches the start
	s.Add(0x10000, 0x10200).Add(0x10200, 0x10400);   // share a page once rounded
	EXPECT_EQ(s.Get(), (Ranges{{0x1000, 0x5000}, {0x7000, 0x9000}, {0x10000, 0x11000}}));
}

TEST(RangeSet, OneRangeCanSwallowSeveral)
{
	Set s(8);
	s.Add(0x1000, 0x2000).Add(0x3000, 0x4000).Add(0x5000, 0x6000).Add(0x9000, 0xa000);
	s.Add(0x1800, 0x5800);
	EXPECT_EQ(s.Get(), (Ranges{{0x1000, 0x6000}, {0x9000, 0xa000}}));
	s.Add(0, 0x100000);
	EXPECT_EQ(s.Get(), (Ranges{{0, 0x100000}}));
}

TEST(RangeSet, EmptyAndReversedRangesAddNothing)
{
	Set s(2);
	s.Add(0x5000, 0x5000).Add(0x6000, 0x5000);
	EXPECT_TRUE(s.Get().empty());
}

TEST(RangeSet, TheTopOfTheAddressSpaceDoesNotWrap)
{
	Set s(2);
	s.Add(UINT64_MAX - 0x2fff, UINT64_MAX);
	EXPECT_EQ(s.Get(), (Ranges{{UINT64_MAX - 0x2fff, UINT64_MAX - 0xfff}}));
}

TEST(RangeSet, WhenFullTheHighestRangesAreDropped)
{
	Set s(2);
	s.Add(0x5000, 0x6000).Add(0x3000, 0x4000).Add(0x9000, 0xa000); // 0x9000 has no room
	EXPECT_EQ(s.Dropped(), 1u);
	s.Add(0x1000, 0x2000); // pushes 0x5000 out
	EXPECT_EQ(s.Dropped(), 2u);
	EXPECT_EQ(s.Get(), (Ranges{{0x1000, 0x2000}, {0x3000, 0x4000}}));
	s.Add(0x2000, 0x3000); // merges: no room needed, nothing dropped
	EXPECT_EQ(s.Dropped(), 2u);
	EXPECT_EQ(s.Get(), (Ranges{{0x1000, 0x4000}}));
}

TEST(RangeSet, NoRoomAtAll)
{
	Set s(0);
	s.Add(0x1000, 0x2000);
	EXPECT_EQ(s.Dropped(), 1u);
	EXPECT_TRUE(s.Get().empty());
}

// Holes must never be lost: a full widening set grows a neighbour over the new range.
TEST(RangeSet, AWideningSetGrowsInsteadOfDropping)
{
	Set s(2, true);
	s.Add(0x1000, 0x2000).Add(0x5000, 0x6000);
	s.Add(0x9000, 0xa000); // above everything: the last range grows up to it
	EXPECT_EQ(s.Get(), (Ranges{{0x1000, 0x2000}, {0x5000, 0xa000}}));
	s.Add(0x3000, 0x4000); // in between: the range above grows down to it
	EXPECT_EQ(s.Get(), (Ranges{{0x1000, 0x2000}, {0x3000, 0xa000}}));
	EXPECT_EQ(s.Dropped(), 0u);
}

TEST(RangeSet, AddExceptCutsHolesOut)
{
	Set holes(4);
	holes.Add(0x3000, 0x4000).Add(0x6800, 0x6900).Add(0x20000, 0x30000);
	Set s(8);
	s.AddExcept(0x1000, 0x10000, holes);
	EXPECT_EQ(s.Get(), (Ranges{{0x1000, 0x3000}, {0x4000, 0x6000}, {0x7000, 0x10000}}));
}

TEST(RangeSet, AddExceptOfARangeInsideAHoleAddsNothing)
{
	Set holes(2);
	holes.Add(0x1000, 0x9000);
	Set s(2);
	s.AddExcept(0x2000, 0x2100, holes).AddExcept(0x1000, 0x9000, holes);
	EXPECT_TRUE(s.Get().empty());
	// A range sharing only a page with a hole loses that page.
	s.AddExcept(0x8f00, 0xa000, holes);
	EXPECT_EQ(s.Get(), (Ranges{{0x9000, 0xa000}}));
}

TEST(RangeSet, AddExceptWithoutHoles)
{
	Set holes(1);
	Set s(2);
	s.AddExcept(0x1000, 0x2000, holes);
	EXPECT_EQ(s.Get(), (Ranges{{0x1000, 0x2000}}));
}

}  // namespace
