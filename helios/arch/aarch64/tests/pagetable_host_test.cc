// aarch64 user page table entries (helios/arch/aarch64/pte.c), and the portable walks
// (helios/kernel/vm/pagetable.c) over them. Host tests map the direct map 1:1 (HOST_TEST).
#include <cstdint>
#include <cstring>
#include <string>

#include <gtest/gtest.h>

extern "C" {
#include <helios/abi.h>

#include "helios/kernel/vm/pagetable.h"
}

namespace {

constexpr uint64_t kValid = 1ull << 0, kPage = 3ull << 0, kAttrDevice = 1ull << 2,
		   kApEl0 = 1ull << 6, kApRo = 1ull << 7, kShInner = 3ull << 8, kAf = 1ull << 10,
		   kNg = 1ull << 11, kPxn = 1ull << 53, kUxn = 1ull << 54,
		   kPxnTable = 1ull << 59;
constexpr uint64_t kFrame = 0x12345000ull;
constexpr uint64_t kUserPage = kFrame | kPage | kAf | kNg | kApEl0 | kPxn;

TEST(A64PteTest, ReadOnlyPageIsUserNonGlobalNeverExecutable)
{
	uint64_t e = pte_page(kFrame, HELIOS_MAP_READ, false);
	EXPECT_EQ(e, kUserPage | kShInner | kApRo | kUxn);
	EXPECT_TRUE(pte_present(e));
	EXPECT_TRUE(pte_user(e));
	EXPECT_EQ(pte_address(e), kFrame);
}

TEST(A64PteTest, WriteRightClearsReadOnly)
{
	EXPECT_EQ(pte_page(kFrame, HELIOS_MAP_READ | HELIOS_MAP_WRITE, false),
		  kUserPage | kShInner | kUxn);
}

TEST(A64PteTest, ExecRightAllowsEl0OnlyNeverEl1)
{
	uint64_t e = pte_page(kFrame, HELIOS_MAP_READ | HELIOS_MAP_EXEC, false);
	EXPECT_EQ(e, kUserPage | kShInner | kApRo);
	for (unsigned rights = 0; rights < 8; rights++)
		for (bool device : {false, true})
			EXPECT_EQ(pte_page(kFrame, rights, device) & (kPxn | kNg | kAf),
				  kPxn | kNg | kAf);
}

TEST(A64PteTest, DevicePagesUseDeviceMemoryAndNeverExecute)
{
	uint64_t e = pte_page(kFrame, HELIOS_MAP_READ | HELIOS_MAP_WRITE | HELIOS_MAP_EXEC, true);
	EXPECT_EQ(e, kUserPage | kAttrDevice | kUxn);
	EXPECT_EQ(pte_page(kFrame, HELIOS_MAP_READ, false) & (7ull << 2), 0u); // MAIR index 0
	EXPECT_TRUE(pte_device(e));
	EXPECT_FALSE(pte_device(pte_page(kFrame, HELIOS_MAP_READ | HELIOS_MAP_EXEC, false)));
}

TEST(A64PteTest, TablesForbidEl1ExecutionBelowThem)
{
	uint64_t e = pte_table(kFrame);
	EXPECT_EQ(e, kFrame | 3 | kPxnTable);
	EXPECT_EQ(pte_address(e), kFrame);
	EXPECT_FALSE(pte_user(e));
}

TEST(A64PteTest, AddressDropsUpperAndLowerAttributes)
{
	EXPECT_EQ(pte_address(0x0000fffffffff000ull | kUxn | kPxn | 0xfff), 0x0000fffffffff000ull);
	EXPECT_FALSE(pte_present(kFrame | kAf | kApEl0));
	EXPECT_TRUE(pte_present(kFrame | kValid));
}

// A walk through aarch64 entries, and copies that only follow pages EL0 may read.
TEST(A64WalkTest, CopyFromUserNeedsEl0Access)
{
	alignas(4096) static uint64_t root[512], l1[512], l2[512], l3[512];
	alignas(4096) static uint8_t page[4096];
	uint64_t v = 0x0000123456789000ull;
	root[pt_index(v, 3)] = pte_table(reinterpret_cast<uintptr_t>(l1));
	l1[pt_index(v, 2)] = pte_table(reinterpret_cast<uintptr_t>(l2));
	int missing = -1;
	EXPECT_EQ(pt_lookup(root, v, 0, &missing), nullptr);
	EXPECT_EQ(missing, 1);
	l2[pt_index(v, 1)] = pte_table(reinterpret_cast<uintptr_t>(l3));
	uint64_t *entry = pt_lookup(root, v, 0, &missing);
	ASSERT_EQ(entry, &l3[pt_index(v, 0)]);
	std::memcpy(page, "helios", 7);
	char buf[8] = {};
	*entry = pte_page(reinterpret_cast<uintptr_t>(page), HELIOS_MAP_READ, false);
	ASSERT_TRUE(pt_copy_from_user(root, buf, v, 7));
	EXPECT_EQ(std::string(buf), "helios");
	*entry &= ~kApEl0; // a kernel-only page: not the user's to read
	EXPECT_FALSE(pt_copy_from_user(root, buf, v, 7));
}

} // namespace
