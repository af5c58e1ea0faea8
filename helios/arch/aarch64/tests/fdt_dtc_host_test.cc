// Host tests of fdt.c on device trees compiled by dtc from the .dts files in dts/ (see
// BUILD.bazel), and on damaged copies of one of them.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

extern "C" {
#include <libfdt.h>

#include "helios/arch/aarch64/aarch64.h"
}

#include "helios/arch/aarch64/tests/dtb_file.h"

namespace {

// What fdt_read_platform says about `blob`, with `status` its return value.
struct platform Read(const std::vector<char> &blob, int *status)
{
	struct platform p = {};
	*status = fdt_read_platform(blob.data(), &p);
	return p;
}

struct Case {
	const char *dtb;
	uint64_t uart;
	enum psci_method psci;
};

// Names a case by its tree in gtest's messages.
void PrintTo(const Case &c, std::ostream *os)
{
	*os << c.dtb << ".dtb";
}

class FdtDtc : public testing::TestWithParam<Case> {};

TEST_P(FdtDtc, FindsTheConsoleAndPsci)
{
	const Case &c = GetParam();
	std::vector<char> blob = LoadDtb(c.dtb);
	ASSERT_EQ(fdt_check_header(blob.data()), 0) << c.dtb << ".dtb is not a device tree";
	int status;
	struct platform p = Read(blob, &status);
	EXPECT_EQ(status, 0);
	EXPECT_EQ(p.uart, c.uart);
	EXPECT_EQ(p.psci, c.psci);
}

INSTANTIATE_TEST_SUITE_P(Trees, FdtDtc, testing::Values(
	// QEMU virt's shape: stdout-path is a full path, PSCI 1.0 over hvc.
	Case{"virt", 0x9000000, PSCI_HVC},
	// stdout-path "serial1:115200n8": an alias, options dropped, not the first PL011.
	Case{"stdout_options", 0x9040000, PSCI_HVC},
	// No /chosen: the first "arm,pl011" node, skipping a 16550; no PSCI node.
	Case{"no_chosen", 0x9000000, PSCI_NONE},
	Case{"psci_smc", 0x9000000, PSCI_SMC},
	// Absence is reported as 0 and PSCI_NONE, and the tree is still valid.
	Case{"no_pl011", 0, PSCI_NONE},
	// reg = <address size> in one cell each, under a 64-bit root.
	Case{"bus32", 0x1c090000, PSCI_NONE}),
	[](const testing::TestParamInfo<Case> &info) { return std::string(info.param.dtb); });

// Stores the big-endian word at byte `offset` (a header field, or one in the structure block).
void SetWord(std::vector<char> &blob, size_t offset, uint32_t value)
{
	fdt32_t be = cpu_to_fdt32(value);
	memcpy(blob.data() + offset, &be, sizeof(be));
}

void ExpectRejected(const std::vector<char> &blob, const char *what)
{
	int status;
	struct platform p = Read(blob, &status);
	EXPECT_EQ(status, -1) << what;
	EXPECT_EQ(p.uart, 0u) << what;
	EXPECT_EQ(p.psci, PSCI_NONE) << what;
}

TEST(FdtDtcDamaged, BadMagicIsRejected)
{
	std::vector<char> blob = LoadDtb("virt");
	ASSERT_GT(blob.size(), sizeof(struct fdt_header));
	blob[0] ^= 0x01;
	ExpectRejected(blob, "bad magic");
}

TEST(FdtDtcDamaged, UnsupportedVersionIsRejected)
{
	std::vector<char> blob = LoadDtb("virt");
	ASSERT_GT(blob.size(), sizeof(struct fdt_header));
	SetWord(blob, offsetof(struct fdt_header, last_comp_version), 99);
	ExpectRejected(blob, "last_comp_version 99");
}

// Every cut that keeps the header, in a buffer exactly that long whose totalsize says so:
// the blocks the header points at no longer fit.
TEST(FdtDtcDamaged, EveryTruncationIsRejected)
{
	std::vector<char> whole = LoadDtb("virt");
	ASSERT_GT(whole.size(), sizeof(struct fdt_header));
	for (size_t len = sizeof(struct fdt_header); len < whole.size(); len++) {
		std::vector<char> cut(whole.begin(), whole.begin() + len);
		SetWord(cut, offsetof(struct fdt_header, totalsize), static_cast<uint32_t>(len));
		ExpectRejected(cut, ("cut to " + std::to_string(len) + " bytes").c_str());
	}
}

TEST(FdtDtcDamaged, StructureBlockPastTheEndIsRejected)
{
	std::vector<char> blob = LoadDtb("virt");
	ASSERT_GT(blob.size(), sizeof(struct fdt_header));
	SetWord(blob, offsetof(struct fdt_header, size_dt_struct),
		static_cast<uint32_t>(blob.size()));
	ExpectRejected(blob, "size_dt_struct = totalsize");
}

// A valid header over a garbled structure block: nothing is found, nothing is read astray.
TEST(FdtDtcDamaged, GarbledStructureFindsNothing)
{
	std::vector<char> blob = LoadDtb("virt");
	ASSERT_GT(blob.size(), sizeof(struct fdt_header));
	uint32_t start = fdt_off_dt_struct(blob.data());
	uint32_t size = fdt_size_dt_struct(blob.data());
	ASSERT_LE(static_cast<size_t>(start) + size, blob.size());
	memset(blob.data() + start, 0xa5, size);
	int status;
	struct platform p = Read(blob, &status);
	EXPECT_EQ(status, 0);
	EXPECT_EQ(p.uart, 0u);
	EXPECT_EQ(p.psci, PSCI_NONE);
}

// /chosen's stdout-path claims 256 MiB, far past the structure block: it is not read, and the
// console falls back to the first PL011 (or to none if the scan stops at the broken property).
// (Lengths near 2^31 overflow an int inside libfdt's fdt_next_tag: UBSan reports it.)
TEST(FdtDtcDamaged, OverlongPropertyIsNotRead)
{
	std::vector<char> blob = LoadDtb("virt");
	ASSERT_GT(blob.size(), sizeof(struct fdt_header));
	int chosen = fdt_path_offset(blob.data(), "/chosen");
	ASSERT_GE(chosen, 0);
	int prop = fdt_first_property_offset(blob.data(), chosen);
	ASSERT_GE(prop, 0);
	// struct fdt_property: tag, len, nameoff, then the value.
	SetWord(blob, fdt_off_dt_struct(blob.data()) + prop + 4, 0x10000000);
	int status;
	struct platform p = Read(blob, &status);
	EXPECT_EQ(status, 0);
	EXPECT_TRUE(p.uart == 0 || p.uart == 0x9000000) << std::hex << p.uart;
}

}  // namespace
