// Host tests of fdt_devices.c: the device regions init gets, from QEMU's own trees and a
// board-shaped one (dts/), from trees built here with one thing wrong, and from damaged blobs.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

extern "C" {
#include <helios/abi.h>
#include <libfdt.h>

#include "helios/arch/aarch64/aarch64.h"
}

#include "helios/arch/aarch64/tests/dtb_file.h"
#include "helios/arch/aarch64/tests/tree_builder.h"

namespace {

using Ranges = std::vector<std::pair<uint64_t, uint64_t>>; // [base, end)

struct Result {
	int status;
	Ranges ranges;
	unsigned dropped;
};

// A memory map entry: [base, end) of a helios_mem_type.
struct MapEntry {
	uint64_t base, end;
	uint32_t type;
};

// The regions of `blob` and the memory map `map`, with the platform fdt_read_platform finds.
Result Regions(const std::vector<char> &blob, unsigned max = 64,
	       const std::vector<MapEntry> &map = {})
{
	struct platform p = {};
	fdt_read_platform(blob.data(), &p);
	std::vector<helios_mem_region> regions;
	for (const auto &e : map)
		regions.push_back({e.base, e.end - e.base, e.type, 0});
	std::vector<helios_init_region> out(max + 1, helios_init_region{0x5a5a, 0x5a5a});
	Result result;
	result.status = fdt_device_regions(blob.data(), &p, regions.data(),
					   static_cast<unsigned>(regions.size()), out.data(), max,
					   &result.dropped);
	EXPECT_EQ(out[max].base, 0x5a5au) << "written past max";
	for (int i = 0; i < result.status; i++)
		result.ranges.push_back({out[i].base, out[i].base + out[i].size});
	return result;
}

// QEMU virt: flash, the RTC, fw-cfg, GPIO, 32 virtio-mmio slots in four pages, and the PCI
// host's MMIO window, ECAM and 64-bit window; not the GIC (nor its ITS / v2m frame), the
// console PL011 or the I/O port window.
const Ranges kQemuVirt = {
	{0x0, 0x8000000},
	{0x9010000, 0x9011000},
	{0x9020000, 0x9021000},
	{0x9030000, 0x9031000},
	{0xa000000, 0xa004000},
	{0x10000000, 0x3eff0000},
	{0x4010000000, 0x4020000000},
	{0x8000000000, 0x10000000000},
};

TEST(FdtDevicesQemu, GicV3)
{
	Result r = Regions(LoadDtb("qemu_virt_gicv3"));
	EXPECT_EQ(r.status, static_cast<int>(kQemuVirt.size()));
	EXPECT_EQ(r.ranges, kQemuVirt);
	EXPECT_EQ(r.dropped, 0u);
}

TEST(FdtDevicesQemu, GicV2)
{
	Result r = Regions(LoadDtb("qemu_virt_gicv2"));
	EXPECT_EQ(r.ranges, kQemuVirt);
}

// What the memory map says is RAM, of any kind, is cut out too.
TEST(FdtDevicesQemu, RamInTheMemoryMapIsCutOut)
{
	Result r = Regions(LoadDtb("qemu_virt_gicv3"), 64,
			   {{0x4000000, 0x4001000, HELIOS_MEM_USABLE},
			    {0x20000000, 0x20000001, HELIOS_MEM_FIRMWARE}});
	Ranges expected = kQemuVirt;
	expected[0] = {0x0, 0x4000000};
	expected.insert(expected.begin() + 1, {0x4001000, 0x8000000});
	expected[6] = {0x10000000, 0x20000000};
	expected.insert(expected.begin() + 7, {0x20001000, 0x3eff0000});
	EXPECT_EQ(r.ranges, expected);
}

// EFI's runtime services keep QEMU's PL031 and the variable-store half of the flash, and
// AAVMF marks both disabled in the tree it hands over: the memory map's RESERVED regions
// (EfiMemoryMappedIO) bring them back. RAM (memory map or /memory) and the kernel's UART still
// win over them.
TEST(FdtDevicesQemu, ReservedRegionsOfTheMemoryMapAreDevices)
{
	std::vector<char> blob = LoadDtb("qemu_virt_gicv3");
	blob.resize(blob.size() + 1024);
	ASSERT_EQ(fdt_open_into(blob.data(), blob.data(), static_cast<int>(blob.size())), 0);
	for (const char *path : {"/pl031@9010000", "/flash@0"}) {
		int node = fdt_path_offset(blob.data(), path);
		ASSERT_GE(node, 0) << path;
		ASSERT_EQ(fdt_setprop_string(blob.data(), node, "status", "disabled"), 0) << path;
	}
	Ranges without = Regions(blob).ranges;
	EXPECT_EQ(without, Ranges(kQemuVirt.begin() + 2, kQemuVirt.end()));
	Result r = Regions(blob, 64,
			   {{0x4000000, 0x8000000, HELIOS_MEM_RESERVED},
			    {0x9000000, 0x9011000, HELIOS_MEM_RESERVED}, // the UART's page too
			    {0x40000000, 0x5c000000, HELIOS_MEM_USABLE},
			    {0x5b000000, 0x5d000000, HELIOS_MEM_RESERVED}, // inside /memory
			    {0x5d000000, 0x60000000, HELIOS_MEM_KERNEL},
			    {0x70000000, 0x70001000, HELIOS_MEM_RESERVED}});
	Ranges expected = {{0x4000000, 0x8000000}, {0x9001000, 0x9011000}};
	expected.insert(expected.end(), kQemuVirt.begin() + 2, kQemuVirt.begin() + 6);
	expected.push_back({0x70000000, 0x70001000});
	expected.insert(expected.end(), kQemuVirt.begin() + 6, kQemuVirt.end());
	EXPECT_EQ(r.ranges, expected);
}

// Only the lowest fit; the caller is told how many did not.
TEST(FdtDevicesQemu, CappedAtMax)
{
	Result r = Regions(LoadDtb("qemu_virt_gicv3"), 3);
	EXPECT_EQ(r.status, 3);
	EXPECT_EQ(r.ranges, Ranges(kQemuVirt.begin(), kQemuVirt.begin() + 3));
	EXPECT_EQ(r.dropped, 5u);
	EXPECT_EQ(Regions(LoadDtb("qemu_virt_gicv3"), 0).status, 0);
}

// dts/soc_bus.dts: translated through the soc bus and a bus below it; the console's page
// (shared with another PL011), the GIC, disabled nodes, an I2C device, an unreachable bus and
// the PCI I/O window are not there.
TEST(FdtDevicesBoard, BusesDisabledNodesAndSharedPages)
{
	Result r = Regions(LoadDtb("soc_bus"));
	EXPECT_EQ(r.ranges, (Ranges{
				    {0xfe102000, 0xfe103000}, // watchdog on the bus below soc
				    {0xfe200000, 0xfe201000}, // gpio, status "ok"
				    {0xfe205000, 0xfe206000}, // i2c, but not its eeprom
				    {0x600000000, 0x601000000}, // PCI CAM
				    {0x640000000, 0x680000000}, // PCI 32-bit window
				    {0x800000000, 0xa00000000}, // PCI 64-bit prefetchable window
			    }));
}

TEST(FdtDevicesDamaged, NotADeviceTree)
{
	std::vector<char> garbage(256, 'x');
	EXPECT_EQ(Regions(garbage).status, -1);
}

void SetWord(std::vector<char> &blob, size_t offset, uint32_t value)
{
	fdt32_t be = cpu_to_fdt32(value);
	memcpy(blob.data() + offset, &be, sizeof(be));
}

TEST(FdtDevicesDamaged, EveryTruncationIsRejected)
{
	std::vector<char> whole = LoadDtb("qemu_virt_gicv3");
	ASSERT_GT(whole.size(), sizeof(struct fdt_header));
	for (size_t len = sizeof(struct fdt_header); len < whole.size(); len += 7) {
		std::vector<char> cut(whole.begin(), whole.begin() + len);
		SetWord(cut, offsetof(struct fdt_header, totalsize), static_cast<uint32_t>(len));
		EXPECT_EQ(Regions(cut).status, -1) << "cut to " << len;
	}
}

// Every byte of the structure block flipped in turn: whatever is read, nothing crashes and
// what comes out is still sorted, aligned and disjoint.
TEST(FdtDevicesDamaged, FlippedBytesGiveWellFormedAnswers)
{
	std::vector<char> whole = LoadDtb("soc_bus");
	uint32_t start = fdt_off_dt_struct(whole.data());
	uint32_t size = fdt_size_dt_struct(whole.data());
	for (uint32_t at = start; at < start + size; at++) {
		std::vector<char> blob = whole;
		blob[at] = static_cast<char>(blob[at] ^ 0x41);
		Result r = Regions(blob);
		uint64_t previous_end = 0;
		for (const auto &range : r.ranges) {
			EXPECT_EQ(range.first % 4096, 0u);
			EXPECT_EQ(range.second % 4096, 0u);
			EXPECT_LT(range.first, range.second);
			EXPECT_TRUE(previous_end == 0 || range.first > previous_end);
			previous_end = range.second;
		}
	}
}

// A root with #address-cells = #size-cells = 2 holding what `body` adds.
template <typename Body>
std::vector<char> Tree(Body body)
{
	TreeBuilder t;
	t.Cells("#address-cells", {2});
	t.Cells("#size-cells", {2});
	body(t);
	return t.Finish();
}

void Node(TreeBuilder &t, const std::string &name, const std::vector<uint32_t> &reg,
	  const std::string &status = "")
{
	t.Begin(name);
	t.Strings("compatible", {"vendor,device"});
	t.Cells("reg", reg);
	if (!status.empty())
		t.Strings("status", {status});
	t.End();
}

TEST(FdtDevicesBuilt, StatusDecidesAndAllRegsCount)
{
	auto tree = Tree([](TreeBuilder &t) {
		Node(t, "a@1000", {0, 0x1000, 0, 0x10, 0, 0x8000, 0, 0x10});
		Node(t, "b@2000", {0, 0x2000, 0, 0x10}, "okay");
		Node(t, "c@3000", {0, 0x3000, 0, 0x10}, "ok");
		Node(t, "d@4000", {0, 0x4000, 0, 0x10}, "disabled");
		Node(t, "e@5000", {0, 0x5000, 0, 0x10}, "fail");
		Node(t, "f@6000", {0, 0x6000, 0, 0}); // zero-sized: nothing
	});
	EXPECT_EQ(Regions(tree).ranges, (Ranges{{0x1000, 0x4000}, {0x8000, 0x9000}}));
}

TEST(FdtDevicesBuilt, MalformedRegsAreSkippedNotFatal)
{
	auto tree = Tree([](TreeBuilder &t) {
		Node(t, "short@1000", {0, 0x1000, 0});                 // not whole entries
		Node(t, "wrap@2000", {0xffffffff, 0xfffff000, 0, 0x2000}); // wraps around
		t.Begin("bytes@3000");
		t.Bytes("reg", std::string("\0\0\0\0\0\0\x30", 7)); // not whole cells
		t.End();
		Node(t, "good@9000", {0, 0x9000, 0, 0x1000});
	});
	EXPECT_EQ(Regions(tree).ranges, (Ranges{{0x9000, 0xa000}}));
}

// A bus with cell counts a 64-bit number cannot hold, or with malformed "ranges".
TEST(FdtDevicesBuilt, BadBusesAreNotEntered)
{
	auto tree = Tree([](TreeBuilder &t) {
		t.Begin("huge-cells");
		t.Strings("compatible", {"simple-bus"});
		t.Cells("#address-cells", {3});
		t.Cells("#size-cells", {1});
		t.Cells("ranges", {});
		Node(t, "dev@0", {0, 0, 0x1000, 0x100});
		t.End();
		t.Begin("bad-cells");
		t.Strings("compatible", {"simple-bus"});
		t.Cells("#address-cells", {0xffffffff});
		t.Cells("ranges", {});
		Node(t, "dev@0", {0x2000, 0x100});
		t.End();
		t.Begin("short-ranges");
		t.Strings("compatible", {"simple-bus"});
		t.Cells("#address-cells", {1});
		t.Cells("#size-cells", {1});
		t.Cells("ranges", {0, 0, 0x3000});
		Node(t, "dev@0", {0, 0x100});
		t.End();
		t.Begin("outside");
		t.Strings("compatible", {"simple-bus"});
		t.Cells("#address-cells", {1});
		t.Cells("#size-cells", {1});
		t.Cells("ranges", {0, 0, 0x4000, 0x100});
		Node(t, "dev@80", {0x80, 0x100}); // runs past the window
		t.End();
		t.Begin("overflowing");
		t.Strings("compatible", {"simple-bus"});
		t.Cells("#address-cells", {1});
		t.Cells("#size-cells", {1});
		t.Cells("ranges", {0, 0xffffffff, 0xfffff000, 0x10000});
		Node(t, "dev@0", {0x0, 0x2000}); // translated past 2^64
		t.End();
	});
	Result r = Regions(tree);
	EXPECT_EQ(r.status, 0);
	EXPECT_TRUE(r.ranges.empty());
}

// Buses nest, but only so deep: what lies below FDT_MAX_DEPTH is not looked at.
TEST(FdtDevicesBuilt, NestingIsBounded)
{
	auto nest = [](int levels) {
		return Tree([levels](TreeBuilder &t) {
			for (int i = 0; i < levels; i++) {
				t.Begin("bus" + std::to_string(i));
				t.Strings("compatible", {"simple-bus"});
				t.Cells("#address-cells", {2});
				t.Cells("#size-cells", {2});
				t.Cells("ranges", {});
			}
			Node(t, "dev@7000", {0, 0x7000, 0, 0x1000});
			for (int i = 0; i < levels; i++)
				t.End();
		});
	};
	EXPECT_EQ(Regions(nest(6)).ranges, (Ranges{{0x7000, 0x8000}}));
	EXPECT_TRUE(Regions(nest(40)).ranges.empty());
}

TEST(FdtDevicesBuilt, PciRangesMustBeWholeEntries)
{
	auto tree = Tree([](TreeBuilder &t) {
		t.Begin("pcie@10000000");
		t.Strings("compatible", {"pci-host-ecam-generic"});
		t.Cells("#address-cells", {3});
		t.Cells("#size-cells", {2});
		t.Cells("reg", {0, 0x10000000, 0, 0x1000000});
		t.Cells("ranges", {0x02000000, 0, 0x20000000, 0, 0x20000000, 0, 0x1000000, 0x3});
		t.End();
		t.Begin("pcie@30000000");
		t.Strings("compatible", {"pci-host-ecam-generic"});
		t.Cells("#address-cells", {2}); // PCI addresses have three cells
		t.Cells("#size-cells", {2});
		t.Cells("reg", {0, 0x30000000, 0, 0x1000000});
		t.Cells("ranges", {0x02000000, 0x40000000, 0, 0x40000000, 0, 0x1000000});
		t.End();
	});
	// The ECAM windows stay; neither "ranges" is read.
	EXPECT_EQ(Regions(tree).ranges,
		  (Ranges{{0x10000000, 0x11000000}, {0x30000000, 0x31000000}}));
}

// Device registers overlapping RAM (a /memory node) or the GIC's ranges lose the overlap.
TEST(FdtDevicesBuilt, RamAndGicRangesAreHoles)
{
	auto tree = Tree([](TreeBuilder &t) {
		t.Begin("memory@40000000");
		t.Strings("device_type", {"memory"});
		t.Cells("reg", {0, 0x40000000, 0, 0x1000000});
		t.End();
		t.Begin("intc@8000000");
		t.Strings("compatible", {"arm,gic-v3"});
		t.Cells("reg", {0, 0x8000000, 0, 0x10000, 0, 0x80a0000, 0, 0x20000});
		t.End();
		Node(t, "liar@3f000000", {0, 0x3f000000, 0, 0x2000000});
		Node(t, "squatter@8000000", {0, 0x7ff0000, 0, 0x30000});
	});
	EXPECT_EQ(Regions(tree).ranges,
		  (Ranges{{0x7ff0000, 0x8000000}, {0x8010000, 0x8020000}, {0x3f000000, 0x40000000}}));
}

}  // namespace
