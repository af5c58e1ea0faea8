// The device-tree walk and the ECAM host bridge (../dt.h) on blobs dtc made from dts/, and on
// damaged copies of them: every damage is an error, never a crash or a read past the blob
// (the tests run under the host's sanitizers when asked: --config=asan).
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

extern "C" {
#include "mercury/devmgr/dt.h"
}

namespace {

std::vector<char> LoadDtb(const std::string &name)
{
	std::string path = "mercury/devmgr/tests/dts/" + name + ".dtb";
	std::ifstream file(path, std::ios::binary);
	EXPECT_TRUE(file.good()) << "cannot open " << path;
	return std::vector<char>(std::istreambuf_iterator<char>(file), {});
}

std::vector<dt_device> Walk(const std::vector<char> &blob, dt_error *err)
{
	std::vector<dt_device> found;
	unsigned count = 0;
	*err = dt_enumerate(blob.data(), blob.size(),
			    [](void *ctx, const dt_device *d) {
				    static_cast<std::vector<dt_device> *>(ctx)->push_back(*d);
			    },
			    &found, &count);
	EXPECT_EQ(count, found.size());
	return found;
}

const dt_device *Find(const std::vector<dt_device> &devices, const std::string &path)
{
	for (const dt_device &d : devices)
		if (path == d.path)
			return &d;
	return nullptr;
}

std::vector<uint32_t> Irqs(const dt_device &d)
{
	return std::vector<uint32_t>(d.irqs, d.irqs + d.irq_count);
}

uint32_t Be32(const std::vector<char> &blob, size_t at)
{
	const auto *p = reinterpret_cast<const uint8_t *>(blob.data() + at);
	return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

void PutBe32(std::vector<char> &blob, size_t at, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		blob[at + i] = (char)(v >> (24 - 8 * i));
}

TEST(DtEnumTest, ListsEnabledDevicesInTreeOrder)
{
	dt_error err;
	std::vector<dt_device> devices = Walk(LoadDtb("virt"), &err);
	ASSERT_EQ(err, DT_OK);
	std::vector<std::string> paths;
	for (const dt_device &d : devices)
		paths.push_back(d.path);
	EXPECT_EQ(paths, (std::vector<std::string>{
				 "/intc@8000000", "/timer", "/pl011@9000000", "/pl031@9010000",
				 "/pcie@10000000", "/soc", "/soc/gpio@3000", "/soc/button@4000"}));
}

TEST(DtEnumTest, ReadsRegionsInTheParentsCells)
{
	dt_error err;
	std::vector<dt_device> devices = Walk(LoadDtb("virt"), &err);
	const dt_device *uart = Find(devices, "/pl011@9000000");
	ASSERT_NE(uart, nullptr);
	EXPECT_STREQ(uart->compatible, "arm,pl011");
	ASSERT_EQ(uart->reg_count, 1u);
	EXPECT_EQ(uart->regs[0].base, 0x9000000u);
	EXPECT_EQ(uart->regs[0].size, 0x1000u);
	const dt_device *ecam = Find(devices, "/pcie@10000000");
	ASSERT_NE(ecam, nullptr);
	ASSERT_EQ(ecam->reg_count, 1u);
	EXPECT_EQ(ecam->regs[0].base, 0x4010000000ull);
	EXPECT_EQ(ecam->regs[0].size, 0x10000000u);
	const dt_device *gpio = Find(devices, "/soc/gpio@3000");
	ASSERT_NE(gpio, nullptr);
	ASSERT_EQ(gpio->reg_count, 2u);
	EXPECT_EQ(gpio->regs[0].base, 0x3000u);
	EXPECT_EQ(gpio->regs[0].size, 0x1000u);
	EXPECT_EQ(gpio->regs[1].base, 0x5000u);
	EXPECT_EQ(gpio->regs[1].size, 0x100u);
	const dt_device *gic = Find(devices, "/intc@8000000");
	ASSERT_NE(gic, nullptr);
	EXPECT_EQ(gic->reg_count, 2u);
	EXPECT_EQ(Find(devices, "/soc")->reg_count, 0u);
}

TEST(DtEnumTest, DecodesGicInterruptSpecifiers)
{
	dt_error err;
	std::vector<dt_device> devices = Walk(LoadDtb("virt"), &err);
	EXPECT_EQ(Irqs(*Find(devices, "/pl011@9000000")), std::vector<uint32_t>{33});
	EXPECT_EQ(Irqs(*Find(devices, "/pl031@9010000")), std::vector<uint32_t>{34});
	EXPECT_EQ(Irqs(*Find(devices, "/soc/gpio@3000")), std::vector<uint32_t>{39});
	EXPECT_EQ(Irqs(*Find(devices, "/timer")), (std::vector<uint32_t>{29, 30, 27, 26}));
	// A two-cell interrupt controller's specifiers are not the GIC's: left out.
	EXPECT_EQ(Find(devices, "/soc/button@4000")->irq_count, 0u);
}

TEST(DtEnumTest, PropertiesThatLieAreLeftOut)
{
	dt_error err;
	std::vector<dt_device> devices = Walk(LoadDtb("bad_props"), &err);
	ASSERT_EQ(err, DT_OK);
	const dt_device *shorty = Find(devices, "/short-reg");
	ASSERT_NE(shorty, nullptr);
	EXPECT_EQ(shorty->reg_count, 0u);
	EXPECT_EQ(shorty->irq_count, 0u);
	EXPECT_EQ(Irqs(*Find(devices, "/big-irqs")), std::vector<uint32_t>{1019});
	const dt_device *many = Find(devices, "/many-regs");
	EXPECT_EQ(many->reg_count, (unsigned)DT_MAX_REGS);
	EXPECT_EQ(many->reg_more, 2u);
	EXPECT_EQ(many->regs[3].base, 0x4000u);
	EXPECT_EQ(Find(devices, "/wide-bus/child@0")->reg_count, 0u);
	EXPECT_EQ(Find(devices, "/lost-parent")->irq_count, 0u);
	EXPECT_STREQ(Find(devices, "/no-terminator")->compatible, "abc");
}

TEST(DtEnumTest, DisabledNodesAreSkipped)
{
	dt_error err;
	std::vector<dt_device> devices = Walk(LoadDtb("no_pci"), &err);
	EXPECT_EQ(err, DT_OK);
	EXPECT_TRUE(devices.empty());
}

TEST(DtEcamTest, FindsTheHostBridgeAndItsBuses)
{
	std::vector<char> blob = LoadDtb("virt");
	dt_pci_ecam ecam;
	int found;
	ASSERT_EQ(dt_find_pci_ecam(blob.data(), blob.size(), &ecam, &found), DT_OK);
	ASSERT_TRUE(found);
	EXPECT_EQ(ecam.base, 0x4010000000ull);
	EXPECT_EQ(ecam.size, 0x10000000u);
	EXPECT_EQ(ecam.bus_first, 0);
	EXPECT_EQ(ecam.bus_last, 255);
}

TEST(DtEcamTest, SkipsBadBridgesAndCutsTheBusRangeToTheWindow)
{
	std::vector<char> blob = LoadDtb("bad_props");
	dt_pci_ecam ecam;
	int found;
	ASSERT_EQ(dt_find_pci_ecam(blob.data(), blob.size(), &ecam, &found), DT_OK);
	ASSERT_TRUE(found);
	EXPECT_EQ(ecam.base, 0x50000000u); // pcie@1: bus 0x300; pcie@2: under one bus
	EXPECT_EQ(ecam.bus_first, 0x10);
	EXPECT_EQ(ecam.bus_last, 0x11);
}

TEST(DtEcamTest, NoBridgeIsNotAnError)
{
	std::vector<char> blob = LoadDtb("no_pci");
	dt_pci_ecam ecam;
	int found = 1;
	EXPECT_EQ(dt_find_pci_ecam(blob.data(), blob.size(), &ecam, &found), DT_OK);
	EXPECT_FALSE(found);
}

// Every damaged blob: both functions refuse it, and nothing is reported.
void ExpectRefused(const std::vector<char> &blob, size_t size, dt_error expected)
{
	unsigned count = 1;
	bool called = false;
	EXPECT_EQ(dt_enumerate(blob.data(), size,
			       [](void *ctx, const dt_device *) { *static_cast<bool *>(ctx) = true; },
			       &called, &count),
		  expected);
	EXPECT_FALSE(called);
	EXPECT_EQ(count, 0u);
	dt_pci_ecam ecam;
	int found = 1;
	EXPECT_EQ(dt_find_pci_ecam(blob.data(), size, &ecam, &found), expected);
	EXPECT_FALSE(found);
}

TEST(DtMalformedTest, TruncatedBlobs)
{
	std::vector<char> blob = LoadDtb("virt");
	ExpectRefused(blob, 0, DT_ERR_HEADER);
	ExpectRefused(blob, 39, DT_ERR_HEADER);
	ExpectRefused(blob, blob.size() / 2, DT_ERR_HEADER);
	ExpectRefused(blob, blob.size() - 1, DT_ERR_HEADER);
}

TEST(DtMalformedTest, BadHeaderFields)
{
	const std::vector<char> good = LoadDtb("virt");
	const size_t kMagic = 0, kTotalSize = 4, kOffStruct = 8, kOffStrings = 12,
		     kSizeStrings = 32, kSizeStruct = 36;
	std::vector<std::pair<size_t, uint32_t>> damage = {
		{kMagic, 0xd00dfeee},
		{kTotalSize, 0xffffffff},
		{kOffStruct, 0xfffffff0},
		{kOffStruct, (uint32_t)good.size()},
		{kOffStrings, 0x7ffffff0},
		{kSizeStrings, 0x7fffffff},
		{kSizeStruct, 0xfffffff8},
	};
	for (auto [at, value] : damage) {
		std::vector<char> blob = good;
		PutBe32(blob, at, value);
		SCOPED_TRACE(at);
		ExpectRefused(blob, blob.size(), DT_ERR_HEADER);
	}
}

TEST(DtMalformedTest, BrokenStructureBlock)
{
	const std::vector<char> good = LoadDtb("virt");
	size_t start = Be32(good, 8), size = Be32(good, 36);
	// Overwrite each tag-aligned word of the structure block in turn with nonsense: the walk
	// must end with an error or with a tree it can read; it never crashes.
	unsigned refused = 0;
	for (size_t at = start; at + 4 <= start + size; at += 4) {
		for (uint32_t value : {0x00000009u, 0xffffffffu, 0x00000003u, 0x7fff0000u}) {
			std::vector<char> blob = good;
			PutBe32(blob, at, value);
			dt_error err;
			Walk(blob, &err);
			dt_pci_ecam ecam;
			int found;
			dt_find_pci_ecam(blob.data(), blob.size(), &ecam, &found);
			refused += err != DT_OK;
		}
	}
	EXPECT_GT(refused, 0u);
	// The structure block said to end mid-tree: the walk runs off it.
	std::vector<char> blob = good;
	PutBe32(blob, 36, (uint32_t)size / 2 & ~3u);
	dt_error err;
	EXPECT_TRUE(Walk(blob, &err).empty());
	EXPECT_EQ(err, DT_ERR_STRUCTURE);
}

TEST(DtMalformedTest, RandomBytes)
{
	std::vector<char> blob(4096);
	uint32_t x = 12345;
	for (char &c : blob) {
		x = x * 1103515245u + 12345u;
		c = (char)(x >> 16);
	}
	ExpectRefused(blob, blob.size(), DT_ERR_HEADER);
}

} // namespace
