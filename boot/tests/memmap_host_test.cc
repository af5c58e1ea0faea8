// The memory map builder: priorities, carving, merging, alignment, a full map, find_free;
// and a randomised comparison with a page-by-page model.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#if !defined(__clang__)
#endif
extern "C" {
#include "boot/memmap.h"
}

namespace {

constexpr uint64_t K = 1024, M = K * K, G = M * K, P = 4096;
constexpr uint32_t USABLE = HELIOS_MEM_USABLE, RESERVED = HELIOS_MEM_RESERVED,
		   ACPI = HELIOS_MEM_ACPI_RECLAIMABLE, NVS = HELIOS_MEM_ACPI_NVS,
		   BAD = HELIOS_MEM_BAD, LOADER = HELIOS_MEM_LOADER, KERNEL = HELIOS_MEM_KERNEL,
		   MODULE = HELIOS_MEM_MODULE;

struct R {
	uint64_t base, size;
	uint32_t type;
	bool operator==(const R &o) const
	{
		return base == o.base && size == o.size && type == o.type;
	}
};

std::ostream &operator<<(std::ostream &os, const R &r)
{
	return os << std::hex << "{0x" << r.base << ", 0x" << r.size << ", " << std::dec << r.type
		  << "}";
}

std::vector<R> Regions(const memmap &m)
{
	std::vector<R> v;
	for (unsigned i = 0; i < m.count; i++)
		v.push_back({m.regions[i].base, m.regions[i].size, m.regions[i].type});
	return v;
}

// The promises of memmap.h.
void ExpectWellFormed(const memmap &m)
{
	for (unsigned i = 0; i < m.count; i++) {
		const helios_mem_region &r = m.regions[i];
		EXPECT_EQ(r.base % P, 0u) << i;
		EXPECT_EQ(r.size % P, 0u) << i;
		EXPECT_GT(r.size, 0u) << i;
		EXPECT_EQ(r.reserved, 0u) << i;
		if (i > 0) {
			const helios_mem_region &p = m.regions[i - 1];
			EXPECT_GE(r.base, p.base + p.size) << "unsorted or overlapping at " << i;
			if (r.base == p.base + p.size) {
				EXPECT_NE(r.type, p.type) << "not merged at " << i;
			}
		}
	}
}

struct MemmapTest : ::testing::Test {
	memmap m;
	void SetUp() override
	{
		memset(&m, 0xa5, sizeof(m)); // init must not rely on zeroed memory
		memmap_init(&m);
	}
	void TearDown() override
	{
		ExpectWellFormed(m);
	}
};

TEST_F(MemmapTest, StartsEmpty)
{
	EXPECT_EQ(m.count, 0u);
	EXPECT_EQ(memmap_type_at(&m, 0), 0u);
	EXPECT_EQ(memmap_top(&m, USABLE), 0u);
}

TEST_F(MemmapTest, TypicalPcMap)
{
	ASSERT_EQ(memmap_add(&m, 0, 0x9fc00, USABLE), 0);
	ASSERT_EQ(memmap_add(&m, 0x9fc00, 0x400, RESERVED), 0);
	ASSERT_EQ(memmap_add(&m, 0xf0000, 0x10000, RESERVED), 0);
	ASSERT_EQ(memmap_add(&m, 0x100000, 0x1fee0000, USABLE), 0);
	ASSERT_EQ(memmap_add(&m, 0x1ffe0000, 0x20000, RESERVED), 0);
	EXPECT_EQ(Regions(m), (std::vector<R>{
				      {0, 0x9f000, USABLE},
				      {0x9f000, 0x1000, RESERVED},
				      {0xf0000, 0x10000, RESERVED},
				      {0x100000, 0x1fee0000, USABLE},
				      {0x1ffe0000, 0x20000, RESERVED},
			      }));
	EXPECT_EQ(memmap_type_at(&m, 0x9efff), USABLE);
	EXPECT_EQ(memmap_type_at(&m, 0x9fc00), RESERVED);
	EXPECT_EQ(memmap_type_at(&m, 0xa0000), 0u);
	EXPECT_EQ(memmap_top(&m, USABLE), 0x1ffe0000u);
	EXPECT_EQ(memmap_top(&m, RESERVED), 0x20000000u);
	EXPECT_EQ(memmap_top(&m, KERNEL), 0u);
}

TEST_F(MemmapTest, UsableShrinksInwardsOthersGrowOutwards)
{
	ASSERT_EQ(memmap_add(&m, 0x1001, 0x2ffe, USABLE), 0); // [0x1001, 0x3fff)
	EXPECT_EQ(Regions(m), (std::vector<R>{{0x2000, 0x1000, USABLE}}));
	ASSERT_EQ(memmap_add(&m, 0x10001, 0x10, RESERVED), 0);
	EXPECT_EQ(Regions(m), (std::vector<R>({{0x2000, 0x1000, USABLE},
					       {0x10000, 0x1000, RESERVED}})));
	// Usable smaller than a page after shrinking: nothing.
	ASSERT_EQ(memmap_add(&m, 0x20001, 0x1000, USABLE), 0);
	ASSERT_EQ(memmap_add(&m, 0x30000, 0xfff, USABLE), 0);
	EXPECT_EQ(m.count, 2u);
	// Size zero: nothing, for any type.
	ASSERT_EQ(memmap_add(&m, 0x40000, 0, RESERVED), 0);
	ASSERT_EQ(memmap_carve(&m, 0x40000, 0, KERNEL), 0);
	EXPECT_EQ(m.count, 2u);
}

TEST_F(MemmapTest, AnythingBeatsUsable)
{
	ASSERT_EQ(memmap_add(&m, 0, 16 * P, USABLE), 0);
	ASSERT_EQ(memmap_add(&m, 4 * P, 2 * P, ACPI), 0); // after: splits usable
	ASSERT_EQ(memmap_add(&m, 12 * P, 8 * P, RESERVED), 0); // straddles the end
	EXPECT_EQ(Regions(m), (std::vector<R>{{0, 4 * P, USABLE},
					      {4 * P, 2 * P, ACPI},
					      {6 * P, 6 * P, USABLE},
					      {12 * P, 8 * P, RESERVED}}));
	// Usable reported later over the same places changes nothing there, fills gaps.
	ASSERT_EQ(memmap_add(&m, 0, 24 * P, USABLE), 0);
	EXPECT_EQ(Regions(m), (std::vector<R>{{0, 4 * P, USABLE},
					      {4 * P, 2 * P, ACPI},
					      {6 * P, 6 * P, USABLE},
					      {12 * P, 8 * P, RESERVED},
					      {20 * P, 4 * P, USABLE}}));
}

TEST_F(MemmapTest, HigherTypeWinsAmongOthers)
{
	ASSERT_EQ(memmap_add(&m, 0, 8 * P, ACPI), 0);
	ASSERT_EQ(memmap_add(&m, 2 * P, 2 * P, NVS), 0); // NVS > ACPI: wins
	ASSERT_EQ(memmap_add(&m, 4 * P, 8 * P, RESERVED), 0); // RESERVED < ACPI: only the gap
	EXPECT_EQ(Regions(m), (std::vector<R>{{0, 2 * P, ACPI},
					      {2 * P, 2 * P, NVS},
					      {4 * P, 4 * P, ACPI},
					      {8 * P, 4 * P, RESERVED}}));
	ASSERT_EQ(memmap_add(&m, 0, 12 * P, BAD), 0); // BAD beats all of those
	EXPECT_EQ(Regions(m), (std::vector<R>{{0, 12 * P, BAD}}));
}

TEST_F(MemmapTest, UnknownTypesBecomeReserved)
{
	ASSERT_EQ(memmap_add(&m, 0, P, 0), 0);
	ASSERT_EQ(memmap_add(&m, P, P, 1000), 0);
	EXPECT_EQ(Regions(m), (std::vector<R>{{0, 2 * P, RESERVED}}));
}

TEST_F(MemmapTest, CarveInTheMiddle)
{
	ASSERT_EQ(memmap_add(&m, 0, 64 * M, USABLE), 0);
	ASSERT_EQ(memmap_carve(&m, 2 * M + 5, 3 * M, KERNEL), 0); // grows to pages
	EXPECT_EQ(Regions(m), (std::vector<R>{{0, 2 * M, USABLE},
					      {2 * M, 3 * M + P, KERNEL},
					      {5 * M + P, 59 * M - P, USABLE}}));
}

TEST_F(MemmapTest, CarveAtTheEdges)
{
	ASSERT_EQ(memmap_add(&m, 16 * P, 16 * P, USABLE), 0);
	ASSERT_EQ(memmap_carve(&m, 16 * P, P, LOADER), 0); // first page
	ASSERT_EQ(memmap_carve(&m, 31 * P, P, MODULE), 0); // last page
	EXPECT_EQ(Regions(m), (std::vector<R>{{16 * P, P, LOADER},
					      {17 * P, 14 * P, USABLE},
					      {31 * P, P, MODULE}}));
	// Carving beyond the edges covers the gaps too.
	ASSERT_EQ(memmap_carve(&m, 10 * P, 8 * P, KERNEL), 0);
	EXPECT_EQ(Regions(m), (std::vector<R>{{10 * P, 8 * P, KERNEL},
					      {18 * P, 13 * P, USABLE},
					      {31 * P, P, MODULE}}));
}

TEST_F(MemmapTest, CarveAcrossSeveralRegions)
{
	ASSERT_EQ(memmap_add(&m, 0, 4 * P, USABLE), 0);
	ASSERT_EQ(memmap_add(&m, 4 * P, 4 * P, ACPI), 0);
	ASSERT_EQ(memmap_add(&m, 10 * P, 4 * P, USABLE), 0);
	ASSERT_EQ(memmap_add(&m, 14 * P, 4 * P, RESERVED), 0);
	// Carve overrides even stronger types, and fills the hole at 8..10.
	ASSERT_EQ(memmap_carve(&m, 2 * P, 14 * P, LOADER), 0);
	EXPECT_EQ(Regions(m), (std::vector<R>{{0, 2 * P, USABLE},
					      {2 * P, 14 * P, LOADER},
					      {16 * P, 2 * P, RESERVED}}));
}

TEST_F(MemmapTest, CarveMergesWithNeighboursOfTheSameType)
{
	ASSERT_EQ(memmap_add(&m, 0, 32 * P, USABLE), 0);
	ASSERT_EQ(memmap_carve(&m, 4 * P, 4 * P, MODULE), 0);
	ASSERT_EQ(memmap_carve(&m, 12 * P, 4 * P, MODULE), 0);
	ASSERT_EQ(m.count, 5u);
	ASSERT_EQ(memmap_carve(&m, 8 * P, 4 * P, MODULE), 0); // joins both
	EXPECT_EQ(Regions(m), (std::vector<R>{{0, 4 * P, USABLE},
					      {4 * P, 12 * P, MODULE},
					      {16 * P, 16 * P, USABLE}}));
	// Giving it back as usable merges everything again.
	ASSERT_EQ(memmap_carve(&m, 4 * P, 12 * P, USABLE), 0);
	EXPECT_EQ(Regions(m), (std::vector<R>{{0, 32 * P, USABLE}}));
}

TEST_F(MemmapTest, AdjacentAddsMerge)
{
	ASSERT_EQ(memmap_add(&m, 8 * P, 8 * P, USABLE), 0);
	ASSERT_EQ(memmap_add(&m, 0, 8 * P, USABLE), 0);
	ASSERT_EQ(memmap_add(&m, 16 * P, 8 * P, USABLE), 0);
	ASSERT_EQ(memmap_add(&m, 4 * P, 16 * P, USABLE), 0); // overlaps all
	EXPECT_EQ(Regions(m), (std::vector<R>{{0, 24 * P, USABLE}}));
}

TEST_F(MemmapTest, AddsOutOfOrderAreSorted)
{
	ASSERT_EQ(memmap_add(&m, 4 * G, 4 * G, USABLE), 0);
	ASSERT_EQ(memmap_add(&m, 0, G, USABLE), 0);
	ASSERT_EQ(memmap_add(&m, 3 * G, 256 * M, RESERVED), 0);
	EXPECT_EQ(Regions(m), (std::vector<R>{{0, G, USABLE},
					      {3 * G, 256 * M, RESERVED},
					      {4 * G, 4 * G, USABLE}}));
}

TEST_F(MemmapTest, TopOfAddressSpace)
{
	// Sizes that run past 2^64 are cut at the last whole page below it.
	ASSERT_EQ(memmap_add(&m, UINT64_MAX - 3 * P + 1, 10 * P, RESERVED), 0);
	EXPECT_EQ(Regions(m), (std::vector<R>{{UINT64_MAX - 3 * P + 1, 2 * P, RESERVED}}));
	ASSERT_EQ(memmap_add(&m, UINT64_MAX - 100, 50, USABLE), 0); // less than a page
	ASSERT_EQ(memmap_add(&m, UINT64_MAX, UINT64_MAX, USABLE), 0);
	ASSERT_EQ(memmap_carve(&m, UINT64_MAX - 10, 5, KERNEL), 0);
	EXPECT_EQ(m.count, 1u);
}

TEST_F(MemmapTest, FullMapFailsAndStaysUnchanged)
{
	// Every other page reserved: 256 regions.
	for (unsigned i = 0; i < MEMMAP_MAX_REGIONS; i++)
		ASSERT_EQ(memmap_add(&m, 2 * i * P, P, RESERVED), 0) << i;
	ASSERT_EQ(m.count, (unsigned)MEMMAP_MAX_REGIONS);
	memmap before = m;
	std::vector<R> saved = Regions(m);

	EXPECT_EQ(memmap_add(&m, 1000 * P, P, USABLE), -1); // a new region at the end
	EXPECT_EQ(Regions(m), saved);
	EXPECT_EQ(memmap_carve(&m, P, P / 2, KERNEL), -1); // a new region in a gap
	EXPECT_EQ(Regions(m), saved);
	EXPECT_EQ(memmap_add(&m, 0, 4 * P, USABLE), -1); // fills two gaps: 258
	EXPECT_EQ(Regions(m), saved);
	EXPECT_EQ(0, memcmp(&before, &m, sizeof(m)));

	// Changes that keep or shrink the count still work on a full map.
	EXPECT_EQ(memmap_carve(&m, 0, P, BAD), 0); // a retype: still 256
	EXPECT_EQ(m.count, (unsigned)MEMMAP_MAX_REGIONS);
	EXPECT_EQ(memmap_add(&m, 3 * P, P, RESERVED), 0); // fills a gap, merges: 255
	EXPECT_EQ(m.count, (unsigned)MEMMAP_MAX_REGIONS - 1);
	EXPECT_EQ(memmap_carve(&m, 0, 512 * P, USABLE), 0); // everything: 1
	EXPECT_EQ(m.count, 1u);
}

TEST_F(MemmapTest, FindFreeLowestFirst)
{
	ASSERT_EQ(memmap_add(&m, 0, 16 * P, USABLE), 0);
	ASSERT_EQ(memmap_add(&m, 16 * P, 16 * P, RESERVED), 0);
	ASSERT_EQ(memmap_add(&m, 32 * P, 64 * P, USABLE), 0);
	uint64_t out = 1;
	ASSERT_EQ(memmap_find_free(&m, 4 * P, P, 0, UINT64_MAX, &out), 0);
	EXPECT_EQ(out, 0u);
	ASSERT_EQ(memmap_find_free(&m, 16 * P, P, 0, UINT64_MAX, &out), 0);
	EXPECT_EQ(out, 0u);
	ASSERT_EQ(memmap_find_free(&m, 17 * P, P, 0, UINT64_MAX, &out), 0); // not in the first
	EXPECT_EQ(out, 32 * P);
	EXPECT_EQ(memmap_find_free(&m, 65 * P, P, 0, UINT64_MAX, &out), -1);
	// find_free does not change the map.
	EXPECT_EQ(m.count, 3u);
}

TEST_F(MemmapTest, FindFreeAlignment)
{
	ASSERT_EQ(memmap_add(&m, P, 2 * M, USABLE), 0); // [4K, 2M + 4K)
	uint64_t out;
	ASSERT_EQ(memmap_find_free(&m, P, 2 * M, 0, UINT64_MAX, &out), 0);
	EXPECT_EQ(out, 2 * M); // the only 2M-aligned page
	EXPECT_EQ(memmap_find_free(&m, 2 * P, 2 * M, 0, UINT64_MAX, &out), -1);
	ASSERT_EQ(memmap_find_free(&m, P, 64 * K, 0, UINT64_MAX, &out), 0);
	EXPECT_EQ(out, 64 * K);
	// Alignment below a page counts as a page.
	ASSERT_EQ(memmap_find_free(&m, P, 16, 0, UINT64_MAX, &out), 0);
	EXPECT_EQ(out, P);
	// Bad arguments.
	EXPECT_EQ(memmap_find_free(&m, 0, P, 0, UINT64_MAX, &out), -1);
	EXPECT_EQ(memmap_find_free(&m, 100, P, 0, UINT64_MAX, &out), -1);
	EXPECT_EQ(memmap_find_free(&m, P, 3 * P, 0, UINT64_MAX, &out), -1);
}

TEST_F(MemmapTest, FindFreeBounds)
{
	ASSERT_EQ(memmap_add(&m, 0, 64 * M, USABLE), 0);
	uint64_t out;
	ASSERT_EQ(memmap_find_free(&m, M, P, 16 * M + 1, UINT64_MAX, &out), 0);
	EXPECT_EQ(out, 16 * M + P); // min rounded up to the alignment
	ASSERT_EQ(memmap_find_free(&m, M, P, 0, 2 * M, &out), 0);
	EXPECT_EQ(out, 0u);
	// [min, max) must hold the whole range, max exclusive.
	ASSERT_EQ(memmap_find_free(&m, M, P, 63 * M, 64 * M, &out), 0);
	EXPECT_EQ(out, 63 * M);
	EXPECT_EQ(memmap_find_free(&m, M, P, 63 * M + P, 64 * M, &out), -1);
	EXPECT_EQ(memmap_find_free(&m, M, P, 63 * M, 64 * M - 1, &out), -1);
	EXPECT_EQ(memmap_find_free(&m, M, P, 128 * M, UINT64_MAX, &out), -1);
	EXPECT_EQ(memmap_find_free(&m, M, P, 8 * M, 8 * M, &out), -1);
	EXPECT_EQ(memmap_find_free(&m, M, P, UINT64_MAX - 10, UINT64_MAX, &out), -1);
	// Only usable memory counts.
	ASSERT_EQ(memmap_carve(&m, 0, 32 * M, KERNEL), 0);
	ASSERT_EQ(memmap_find_free(&m, M, P, 0, UINT64_MAX, &out), 0);
	EXPECT_EQ(out, 32 * M);
}

TEST_F(MemmapTest, TypeNames)
{
	EXPECT_STREQ(memmap_type_name(USABLE), "usable");
	EXPECT_STREQ(memmap_type_name(RESERVED), "reserved");
	EXPECT_STREQ(memmap_type_name(KERNEL), "kernel");
	EXPECT_STREQ(memmap_type_name(MODULE), "module");
	EXPECT_STREQ(memmap_type_name(0), "unknown");
	EXPECT_STREQ(memmap_type_name(HELIOS_MEM_TYPE_MAX + 1), "unknown");
	for (uint32_t t = 1; t <= HELIOS_MEM_TYPE_MAX; t++) {
		std::string name = memmap_type_name(t);
		EXPECT_NE(name, "unknown") << t;
		for (char c : name)
			EXPECT_FALSE(c >= 'A' && c <= 'Z') << name;
	}
}

// A model that keeps one type per page over a small space.
struct Model {
	static constexpr uint64_t kPages = 128;
	uint32_t page[kPages] = {};

	static uint32_t Stronger(uint32_t old, uint32_t now)
	{
		if (old == 0 || old == USABLE)
			return now;
		if (now == USABLE)
			return old;
		return std::max(old, now);
	}

	void Apply(uint64_t base, uint64_t size, uint32_t type, bool carve)
	{
		if (size == 0)
			return;
		uint64_t first, end;
		if (type == USABLE && !carve) {
			first = (base + P - 1) / P;
			end = (base + size) / P;
		} else {
			first = base / P;
			end = (base + size + P - 1) / P;
		}
		for (uint64_t p = first; p < end && p < kPages; p++)
			page[p] = carve ? type : Stronger(page[p], type);
	}
};

TEST_F(MemmapTest, RandomOperationsMatchPageModel)
{
	std::mt19937_64 rng(7);
	for (int round = 0; round < 300; round++) {
		memmap_init(&m);
		Model model;
		for (int op = 0; op < 40; op++) {
			uint64_t base = rng() % (100 * P);
			uint64_t size = rng() % (24 * P);
			if (rng() % 2) { // page-aligned often, to make merges likely
				base &= ~(P - 1);
				size &= ~(P - 1);
			}
			uint32_t type = 1 + rng() % HELIOS_MEM_TYPE_MAX;
			if (rng() % 3 == 0)
				type = USABLE;
			bool carve = rng() % 4 == 0;
			int rc = carve ? memmap_carve(&m, base, size, type)
				       : memmap_add(&m, base, size, type);
			ASSERT_EQ(rc, 0);
			model.Apply(base, size, type, carve);
			ExpectWellFormed(m);
			for (uint64_t p = 0; p < Model::kPages; p++) {
				ASSERT_EQ(memmap_type_at(&m, p * P + rng() % P), model.page[p])
					<< "round " << round << " op " << op << " page " << p;
			}
		}
	}
}

} // namespace
