// x86_64 user page table entries (helios/arch/x86_64/pte.c) and the walks over them
// (helios/kernel/vm/pagetable.c) in host memory: host tests map the direct
// map 1:1 (HOST_TEST), so a table's "physical" address is its host address.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

extern "C" {
#include <helios/abi.h>

#include "helios/kernel/vm/pagetable.h"
}

namespace {

constexpr uint64_t kP = 1ull << 0, kRW = 1ull << 1, kUS = 1ull << 2, kPWT = 1ull << 3,
		   kPCD = 1ull << 4, kPS = 1ull << 7, kG = 1ull << 8, kNX = 1ull << 63;
constexpr uint64_t kFrame = 0x12345000ull;

// Zeroed, page-aligned 4 KiB blocks that live as long as the test.
class Pages {
    public:
	uint64_t *New()
	{
		void *p = aligned_alloc(4096, 4096);
		std::memset(p, 0, 4096);
		pages_.emplace_back(static_cast<uint64_t *>(p));
		return static_cast<uint64_t *>(p);
	}

    private:
	struct Free {
		void operator()(uint64_t *p) const { std::free(p); }
	};
	std::vector<std::unique_ptr<uint64_t, Free>> pages_;
};

uint64_t Phys(const void *p)
{
	return reinterpret_cast<uintptr_t>(p);
}

// A vspace root with tables down to a PT for `vaddr`, as PDPT/PD/PT_MAP would build them.
struct Space {
	Pages pages;
	uint64_t *root = pages.New();

	uint64_t *PtFor(uint64_t vaddr)
	{
		uint64_t *table = root;
		for (int level = PT_ROOT_LEVEL; level > 0; level--) {
			uint64_t &e = table[pt_index(vaddr, level)];
			if (!pte_present(e))
				e = pte_table(Phys(pages.New()));
			table = reinterpret_cast<uint64_t *>(pte_address(e));
		}
		return table;
	}

	// Maps a new page holding `fill` bytes at vaddr; returns the page.
	uint8_t *MapPage(uint64_t vaddr, uint8_t fill, unsigned rights = HELIOS_MAP_READ)
	{
		uint64_t *page = pages.New();
		std::memset(page, fill, 4096);
		PtFor(vaddr)[pt_index(vaddr, 0)] = pte_page(Phys(page), rights, false);
		return reinterpret_cast<uint8_t *>(page);
	}
};

TEST(PteTest, ReadOnlyPageIsUserPresentNotWritableNotExecutable)
{
	uint64_t e = pte_page(kFrame, HELIOS_MAP_READ, false);
	EXPECT_EQ(e, kFrame | kP | kUS | kNX);
	EXPECT_TRUE(pte_present(e));
	EXPECT_TRUE(pte_user(e));
	EXPECT_EQ(pte_address(e), kFrame);
}

TEST(PteTest, WriteRightMakesItWritable)
{
	EXPECT_EQ(pte_page(kFrame, HELIOS_MAP_READ | HELIOS_MAP_WRITE, false),
		  kFrame | kP | kUS | kRW | kNX);
}

TEST(PteTest, ExecRightClearsNoExecute)
{
	EXPECT_EQ(pte_page(kFrame, HELIOS_MAP_READ | HELIOS_MAP_EXEC, false), kFrame | kP | kUS);
	EXPECT_EQ(pte_page(kFrame, HELIOS_MAP_READ | HELIOS_MAP_WRITE | HELIOS_MAP_EXEC, false),
		  kFrame | kP | kUS | kRW);
}

TEST(PteTest, DevicePagesAreUncached)
{
	uint64_t e = pte_page(kFrame, HELIOS_MAP_READ | HELIOS_MAP_WRITE, true);
	EXPECT_EQ(e & (kPCD | kPWT), kPCD | kPWT);
	EXPECT_EQ(pte_page(kFrame, HELIOS_MAP_READ, false) & (kPCD | kPWT), 0u);
	EXPECT_TRUE(pte_device(e));
	EXPECT_FALSE(pte_device(pte_page(kFrame, HELIOS_MAP_READ | HELIOS_MAP_WRITE, false)));
}

TEST(PteTest, UserPagesAreNeverGlobalOrLarge)
{
	for (unsigned rights = 0; rights < 8; rights++)
		for (bool device : { false, true })
			EXPECT_EQ(pte_page(kFrame, rights, device) & (kG | kPS), 0u);
}

TEST(PteTest, TableEntriesArePermissive)
{
	uint64_t e = pte_table(kFrame);
	EXPECT_EQ(e, kFrame | kP | kRW | kUS);
	EXPECT_EQ(pte_address(e), kFrame);
}

TEST(PteTest, AddressDropsFlagsAndNoExecute)
{
	EXPECT_EQ(pte_address(0x000ffffffffff000ull | kNX | 0xfff), 0x000ffffffffff000ull);
	EXPECT_FALSE(pte_present(kFrame | kRW | kUS));
}

TEST(PtIndexTest, LevelsAndSizes)
{
	uint64_t v = 0x00007fffffffe000ull;
	EXPECT_EQ(pt_index(v, 3), 255u);
	EXPECT_EQ(pt_index(v, 2), 511u);
	EXPECT_EQ(pt_index(v, 1), 511u);
	EXPECT_EQ(pt_index(v, 0), 510u);
	EXPECT_EQ(pt_level_size(0), 4096u);
	EXPECT_EQ(pt_level_size(1), 2ull << 20);
	EXPECT_EQ(pt_level_size(2), 1ull << 30);
	EXPECT_EQ(pt_level_size(3), 512ull << 30);
}

TEST(PtLookupTest, EmptyRootReportsTheMissingPdpt)
{
	Space s;
	for (int level = 0; level < PT_ROOT_LEVEL; level++) {
		int missing = -1;
		EXPECT_EQ(pt_lookup(s.root, 0x400000, level, &missing), nullptr);
		EXPECT_EQ(missing, 3);
	}
	// The root entry itself always exists.
	EXPECT_EQ(pt_lookup(s.root, 0x8000000000ull, 3, nullptr), &s.root[1]);
}

TEST(PtLookupTest, ReportsTheHighestMissingLevel)
{
	Space s;
	uint64_t v = 0x40201000ull; // PML4 0, PDPT 1, PD 1, PT 1
	s.root[0] = pte_table(Phys(s.pages.New()));
	int missing = -1;
	EXPECT_EQ(pt_lookup(s.root, v, 0, &missing), nullptr);
	EXPECT_EQ(missing, 2);
	EXPECT_NE(pt_lookup(s.root, v, 2, &missing), nullptr); // a PD may go in
	uint64_t *pt = s.PtFor(v);
	EXPECT_EQ(pt_lookup(s.root, v, 0, &missing), &pt[1]);
	// A neighbour in another 2 MiB block has no PT yet.
	missing = -1;
	EXPECT_EQ(pt_lookup(s.root, v + (2ull << 20), 0, &missing), nullptr);
	EXPECT_EQ(missing, 1);
}

TEST(PtLookupTest, FindsEntriesAtEveryLevel)
{
	Space s;
	uint64_t v = 0x00007f0000000000ull;
	uint64_t *pt = s.PtFor(v);
	uint64_t *pdpt = reinterpret_cast<uint64_t *>(pte_address(s.root[pt_index(v, 3)]));
	uint64_t *pd = reinterpret_cast<uint64_t *>(pte_address(pdpt[pt_index(v, 2)]));
	EXPECT_EQ(pt_lookup(s.root, v, 3, nullptr), &s.root[pt_index(v, 3)]);
	EXPECT_EQ(pt_lookup(s.root, v, 2, nullptr), &pdpt[pt_index(v, 2)]);
	EXPECT_EQ(pt_lookup(s.root, v, 1, nullptr), &pd[pt_index(v, 1)]);
	EXPECT_EQ(pt_lookup(s.root, v, 0, nullptr), &pt[pt_index(v, 0)]);
}

TEST(CopyFromUserTest, CopiesAcrossPages)
{
	Space s;
	uint8_t *a = s.MapPage(0x10000, 'a');
	uint8_t *b = s.MapPage(0x11000, 'b');
	a[4095] = 'x';
	b[0] = 'y';
	char buf[8] = {};
	ASSERT_TRUE(pt_copy_from_user(s.root, buf, 0x10ffc, 6));
	EXPECT_EQ(std::string(buf, 6), "aaaxyb");
}

TEST(CopyFromUserTest, RefusesUnmappedPages)
{
	Space s;
	s.MapPage(0x10000, 'a');
	char buf[16];
	EXPECT_FALSE(pt_copy_from_user(s.root, buf, 0x10ff8, 16)); // runs into 0x11000
	EXPECT_FALSE(pt_copy_from_user(s.root, buf, 0x20000, 1));  // no PT at all
	EXPECT_FALSE(pt_copy_from_user(s.root, buf, 0x40000000, 1)); // no PD
	EXPECT_TRUE(pt_copy_from_user(s.root, buf, 0x10ff0, 16));
}

// Device memory is never read on a task's behalf: side effects, and no direct map (aarch64).
TEST(CopyFromUserTest, RefusesDevicePages)
{
	Space s;
	s.MapPage(0x10000, 'a');
	uint64_t &e = s.PtFor(0x10000)[pt_index(0x10000, 0)];
	e = pte_page(pte_address(e), HELIOS_MAP_READ, true);
	char c;
	EXPECT_FALSE(pt_copy_from_user(s.root, &c, 0x10000, 1));
}

TEST(CopyFromUserTest, RefusesEntriesWithoutTheUserBit)
{
	Space s;
	s.MapPage(0x10000, 'a');
	s.PtFor(0x10000)[pt_index(0x10000, 0)] &= ~kUS;
	char c;
	EXPECT_FALSE(pt_copy_from_user(s.root, &c, 0x10000, 1));
}

TEST(CopyFromUserTest, RefusesRangesReachingTheKernel)
{
	Space s;
	char buf[2];
	EXPECT_FALSE(pt_copy_from_user(s.root, buf, HELIOS_USER_TOP, 1));
	EXPECT_FALSE(pt_copy_from_user(s.root, buf, HELIOS_USER_TOP - 1, 2));
	EXPECT_FALSE(pt_copy_from_user(s.root, buf, 0xffff800000000000ull, 1));
	EXPECT_FALSE(pt_copy_from_user(s.root, buf, 1, UINT64_MAX)); // length wraps
	EXPECT_FALSE(pt_copy_from_user(s.root, buf, HELIOS_USER_TOP, 0));
}

TEST(CopyFromUserTest, ZeroBytesBelowTheTopNeedNoMapping)
{
	Space s;
	char c;
	EXPECT_TRUE(pt_copy_from_user(s.root, &c, 0x1000, 0));
}

TEST(CopyFromUserTest, LastUserPageWorks)
{
	Space s;
	uint64_t last = HELIOS_USER_TOP - 4096;
	s.MapPage(last, 'z');
	char buf[4096];
	ASSERT_TRUE(pt_copy_from_user(s.root, buf, last, sizeof(buf)));
	EXPECT_EQ(buf[0], 'z');
	EXPECT_EQ(buf[4095], 'z');
}

} // namespace
