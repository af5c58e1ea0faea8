// PCI legacy interrupts through the host bridge's interrupt-map (../dt.h, dt_pci_route_irq):
// QEMU virt's map from dts/virt.dts, and copies of it edited with libfdt into every kind of
// lie (lengths, phandles, cell counts, specifiers): each one an error, never a read past the
// property (run under --config=asan to see).
#include <cstdint>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

extern "C" {
#include <libfdt.h>

#include "mercury/devmgr/dt.h"
}

namespace {

constexpr uint32_t kSpiBase = 32;
constexpr uint32_t kFirstSpi = 3; // QEMU virt's PCIe SPIs are 3-6
constexpr int kEntryCells = 10;   // 3 + 1 child, phandle, 2 + 3 parent (the GIC)

std::vector<char> LoadDtb(const std::string &name)
{
	std::string path = "mercury/devmgr/tests/dts/" + name + ".dtb";
	std::ifstream file(path, std::ios::binary);
	EXPECT_TRUE(file.good()) << "cannot open " << path;
	return std::vector<char>(std::istreambuf_iterator<char>(file), {});
}

// virt.dtb, changed by `edit` (handed the blob and the bridge's and the GIC's offsets).
std::vector<char> Edited(const std::function<void(void *, int, int)> &edit)
{
	std::vector<char> blob = LoadDtb("virt");
	blob.resize(blob.size() + 4096);
	EXPECT_EQ(fdt_open_into(blob.data(), blob.data(), (int)blob.size()), 0);
	int bridge = fdt_path_offset(blob.data(), "/pcie@10000000");
	int gic = fdt_path_offset(blob.data(), "/intc@8000000");
	EXPECT_GE(bridge, 0);
	EXPECT_GE(gic, 0);
	edit(blob.data(), bridge, gic);
	EXPECT_EQ(fdt_pack(blob.data()), 0);
	blob.resize(fdt_totalsize(blob.data()));
	return blob;
}

// The map's cells, for editing.
std::vector<uint32_t> MapCells(const void *blob, int bridge)
{
	int len;
	const auto *p = static_cast<const fdt32_t *>(fdt_getprop(blob, bridge, "interrupt-map", &len));
	EXPECT_NE(p, nullptr);
	std::vector<uint32_t> cells;
	for (int i = 0; p && i < len / 4; i++)
		cells.push_back(fdt32_to_cpu(p[i]));
	return cells;
}

void SetCells(void *blob, int node, const char *name, const std::vector<uint32_t> &cells,
	      size_t bytes)
{
	std::vector<fdt32_t> be;
	for (uint32_t c : cells)
		be.push_back(cpu_to_fdt32(c));
	EXPECT_EQ(fdt_setprop(blob, node, name, be.data(), (int)bytes), 0);
}

void SetMap(void *blob, int bridge, const std::function<void(std::vector<uint32_t> &)> &change,
	    int trim_bytes = 0)
{
	std::vector<uint32_t> cells = MapCells(blob, bridge);
	change(cells);
	SetCells(blob, bridge, "interrupt-map", cells, cells.size() * 4 - trim_bytes);
}

// Routes bus 0 device.function pin on `blob`'s bridge.
dt_error Route(const std::vector<char> &blob, uint8_t device, uint8_t pin, uint32_t *id,
	       uint8_t function = 0, uint8_t bus = 0)
{
	dt_pci_ecam ecam;
	int found = 0;
	EXPECT_EQ(dt_find_pci_ecam(blob.data(), blob.size(), &ecam, &found), DT_OK);
	EXPECT_TRUE(found);
	*id = 12345;
	return dt_pci_route_irq(blob.data(), blob.size(), &ecam, bus, device, function, pin, id);
}

TEST(DtPciIrqTest, RoutesLikeQemuVirt)
{
	std::vector<char> blob = LoadDtb("virt");
	uint32_t id;
	// Slot s, pin p (1-4) is SPI 3 + (s + p - 1) % 4; the mask folds slots 4-31 onto 0-3 and
	// ignores the bus and the function.
	for (uint8_t slot = 0; slot < 32; slot++)
		for (uint8_t pin = 1; pin <= 4; pin++) {
			SCOPED_TRACE(testing::Message() << "slot " << +slot << " pin " << +pin);
			ASSERT_EQ(Route(blob, slot, pin, &id), DT_OK);
			EXPECT_EQ(id, kSpiBase + kFirstSpi + (slot + pin - 1) % 4);
		}
	ASSERT_EQ(Route(blob, 3, 1, &id), DT_OK); // edu at 00:03.0 under QEMU 7.2
	EXPECT_EQ(id, 38u);
	ASSERT_EQ(Route(blob, 2, 1, &id, 5, 7), DT_OK);
	EXPECT_EQ(id, 37u);
}

TEST(DtPciIrqTest, NoPinOrNoMapIsNoRoute)
{
	std::vector<char> blob = LoadDtb("virt");
	uint32_t id;
	EXPECT_EQ(Route(blob, 0, 0, &id), DT_ERR_NO_ROUTE);
	EXPECT_EQ(id, 0u);
	EXPECT_EQ(Route(blob, 0, 5, &id), DT_ERR_NO_ROUTE);
	EXPECT_EQ(Route(blob, 32, 1, &id), DT_ERR_NO_ROUTE);
	EXPECT_EQ(Route(blob, 0, 1, &id, 8), DT_ERR_NO_ROUTE);
	blob = Edited([](void *b, int bridge, int) { fdt_delprop(b, bridge, "interrupt-map"); });
	EXPECT_EQ(Route(blob, 0, 1, &id), DT_ERR_NO_ROUTE);
	// Without a mask every cell must match: only slot 0-3's exact entries route.
	blob = Edited([](void *b, int bridge, int) { fdt_delprop(b, bridge, "interrupt-map-mask"); });
	ASSERT_EQ(Route(blob, 1, 2, &id), DT_OK);
	EXPECT_EQ(id, 37u);
	EXPECT_EQ(Route(blob, 4, 1, &id), DT_ERR_NO_ROUTE);
	EXPECT_EQ(Route(blob, 1, 1, &id, 1), DT_ERR_NO_ROUTE);
}

TEST(DtPciIrqTest, BridgeOffsetsThatAreNoBridge)
{
	std::vector<char> blob = LoadDtb("virt");
	uint32_t id;
	for (int node : {-1, 0, 1, 3, 8, 1 << 20, INT32_MAX}) {
		dt_pci_ecam ecam = {0, 0, 0, 0, node};
		dt_error err = dt_pci_route_irq(blob.data(), blob.size(), &ecam, 0, 0, 0, 1, &id);
		EXPECT_NE(err, DT_OK) << node;
	}
}

// Each edit breaks the map for slot 3 pin D (the last entry) or for every slot.
TEST(DtPciIrqTest, MalformedMapsAreErrors)
{
	struct Case {
		const char *what;
		std::function<void(void *, int, int)> edit;
		uint8_t slot, pin;
	};
	auto map = [](std::function<void(std::vector<uint32_t> &)> change, int trim = 0) {
		return [change, trim](void *b, int bridge, int) { SetMap(b, bridge, change, trim); };
	};
	auto nothing = [](std::vector<uint32_t> &) {};
	std::vector<Case> cases = {
		{"length not whole cells", map(nothing, 2), 3, 4},
		{"last entry one cell short", map(nothing, 4), 3, 4},
		{"only a child address", map([](auto &c) { c.resize(3); }), 0, 1},
		{"phandle 0", map([](auto &c) { c[4] = 0; }), 0, 1},
		{"phandle -1", map([](auto &c) { c[4] = 0xffffffff; }), 0, 1},
		{"phandle of nothing", map([](auto &c) { c[4] = 0x1234; }), 0, 1},
		// The two-cell "mux" controller: its entries are 7 cells, the rest misaligned.
		{"parent not a GIC", map([](auto &c) { c[4] = 0x77; }), 0, 1},
		{"SGI specifier", map([](auto &c) { c[kEntryCells - 3] = 2; }), 0, 1},
		{"SPI beyond the GIC's IDs", map([](auto &c) { c[kEntryCells - 2] = 988; }), 0, 1},
		{"parent address cells huge",
		 [](void *b, int, int gic) { fdt_setprop_u32(b, gic, "#address-cells", 0xffffffff); },
		 0, 1},
		{"parent address cells eat the map",
		 [](void *b, int, int gic) { fdt_setprop_u32(b, gic, "#address-cells", 4); }, 3, 4},
		{"parent interrupt cells huge",
		 [](void *b, int, int gic) { fdt_setprop_u32(b, gic, "#interrupt-cells", 0x40000000); },
		 0, 1},
		{"parent interrupt cells 0",
		 [](void *b, int, int gic) { fdt_setprop_u32(b, gic, "#interrupt-cells", 0); }, 0, 1},
		{"parent without interrupt cells",
		 [](void *b, int, int gic) { fdt_delprop(b, gic, "#interrupt-cells"); }, 0, 1},
		{"parent not a controller",
		 [](void *b, int, int gic) { fdt_delprop(b, gic, "interrupt-controller"); }, 0, 1},
		{"parent cells not one cell",
		 [](void *b, int, int gic) { SetCells(b, gic, "#address-cells", {0, 2}, 8); }, 0, 1},
		{"bridge address cells 2",
		 [](void *b, int bridge, int) { fdt_setprop_u32(b, bridge, "#address-cells", 2); },
		 0, 1},
		{"bridge interrupt cells 2",
		 [](void *b, int bridge, int) { fdt_setprop_u32(b, bridge, "#interrupt-cells", 2); },
		 0, 1},
		{"bridge without interrupt cells",
		 [](void *b, int bridge, int) { fdt_delprop(b, bridge, "#interrupt-cells"); }, 0, 1},
		{"mask of 3 cells",
		 [](void *b, int bridge, int) {
			 SetCells(b, bridge, "interrupt-map-mask", {0x1800, 0, 0}, 12);
		 },
		 0, 1},
		{"mask of 5 cells",
		 [](void *b, int bridge, int) {
			 SetCells(b, bridge, "interrupt-map-mask", {0x1800, 0, 0, 7, 0}, 20);
		 },
		 0, 1},
	};
	for (const Case &c : cases) {
		SCOPED_TRACE(c.what);
		std::vector<char> blob = Edited(c.edit);
		uint32_t id;
		EXPECT_EQ(Route(blob, c.slot, c.pin, &id), DT_ERR_BAD_MAP);
	}
}

TEST(DtPciIrqTest, DamagedBlobsAreRefused)
{
	std::vector<char> blob = LoadDtb("virt");
	dt_pci_ecam ecam;
	int found;
	ASSERT_EQ(dt_find_pci_ecam(blob.data(), blob.size(), &ecam, &found), DT_OK);
	uint32_t id;
	EXPECT_EQ(dt_pci_route_irq(blob.data(), blob.size() - 1, &ecam, 0, 0, 0, 1, &id),
		  DT_ERR_HEADER);
	EXPECT_EQ(dt_pci_route_irq(nullptr, 0, &ecam, 0, 0, 0, 1, &id), DT_ERR_HEADER);
	// Every word of the map overwritten in turn: an answer or an error, never a crash.
	int len;
	const char *map = static_cast<const char *>(
		fdt_getprop(blob.data(), ecam.node, "interrupt-map", &len));
	ASSERT_NE(map, nullptr);
	size_t start = (size_t)(map - blob.data());
	for (size_t at = start; at < start + (size_t)len; at += 4)
		for (uint32_t value : {0u, 0x7fffffffu, 0xffffffffu, 0x77u}) {
			std::vector<char> damaged = blob;
			uint32_t be = cpu_to_fdt32(value);
			memcpy(&damaged[at], &be, 4);
			for (uint8_t slot = 0; slot < 4; slot++)
				dt_pci_route_irq(damaged.data(), damaged.size(), &ecam, 0, slot, 0, 4,
						 &id);
		}
}

} // namespace
