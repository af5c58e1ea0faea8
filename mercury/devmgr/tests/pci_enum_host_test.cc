// PCI enumeration (../pci_enum.h) against a fake configuration space: functions with BARs
// that size like hardware (writable address bits, read-only type bits), bridges, and devices
// that report nonsense.
#include <cstdint>
#include <cstring>
#include <map>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

extern "C" {
#include "mercury/devmgr/pci.h"
#include "mercury/devmgr/pci_enum.h"
}

namespace {

struct Function {
	uint8_t bytes[PCI_ECAM_SPACE_SIZE] = {};
	uint32_t writable[6] = {}; // BAR bits that take a written value
};

class FakePci {
public:
	using Key = std::tuple<unsigned, unsigned, unsigned>;

	Function &Add(unsigned bus, unsigned dev, unsigned fn, uint16_t vendor, uint16_t device,
		      uint8_t header = 0, uint32_t class_code = 0x020000)
	{
		Function &f = functions_[Key(bus, dev, fn)];
		Put(f, PCI_VENDOR_ID, 2, vendor);
		Put(f, PCI_DEVICE_ID, 2, device);
		Put(f, PCI_PROG_IF, 1, class_code & 0xff);
		Put(f, PCI_SUBCLASS, 1, (class_code >> 8) & 0xff);
		Put(f, PCI_CLASS, 1, class_code >> 16);
		Put(f, PCI_HEADER_TYPE, 1, header);
		Put(f, PCI_COMMAND, 2, PCI_COMMAND_IO | PCI_COMMAND_MEM);
		return f;
	}
	static void Mem32(Function &f, unsigned i, uint32_t base, uint32_t size, bool pref = false)
	{
		Put(f, PCI_BAR0 + 4 * i, 4, base | (pref ? 8 : 0));
		f.writable[i] = ~(size - 1) & 0xfffffff0u;
	}
	static void Mem64(Function &f, unsigned i, uint64_t base, uint64_t size, bool pref)
	{
		uint64_t mask = ~(size - 1);
		Put(f, PCI_BAR0 + 4 * i, 4, (uint32_t)base | 4 | (pref ? 8 : 0));
		Put(f, PCI_BAR0 + 4 * (i + 1), 4, (uint32_t)(base >> 32));
		f.writable[i] = (uint32_t)mask & 0xfffffff0u;
		f.writable[i + 1] = (uint32_t)(mask >> 32);
	}
	static void Io(Function &f, unsigned i, uint32_t base, uint32_t size)
	{
		Put(f, PCI_BAR0 + 4 * i, 4, base | 1);
		f.writable[i] = ~(size - 1) & 0xfffcu; // 16 address bits, like most devices
	}
	static void Bridge(Function &f, uint8_t secondary, uint8_t subordinate)
	{
		Put(f, PCI_SECONDARY_BUS, 1, secondary);
		Put(f, PCI_SUBORDINATE_BUS, 1, subordinate);
	}
	static void Put(Function &f, unsigned offset, unsigned width, uint32_t v)
	{
		for (unsigned i = 0; i < width; i++)
			f.bytes[offset + i] = (uint8_t)(v >> (8 * i));
	}
	static uint32_t Get(const Function &f, unsigned offset, unsigned width)
	{
		uint32_t v = 0;
		for (unsigned i = 0; i < width; i++)
			v |= (uint32_t)f.bytes[offset + i] << (8 * i);
		return v;
	}

	pci_config Config(uint8_t first = 0, uint8_t last = 255)
	{
		return pci_config{&kOps, this, PCI_LEGACY_SPACE_SIZE, first, last};
	}

	unsigned reads = 0;
	std::vector<uint16_t> command_at_bar_write; // the command register when a BAR was written
	std::map<Key, Function> functions_;

private:
	static uint32_t Read(void *ctx, pci_address a, unsigned offset, unsigned width)
	{
		auto *self = static_cast<FakePci *>(ctx);
		self->reads++;
		auto it = self->functions_.find(Key(a.bus, a.device, a.function));
		if (it == self->functions_.end())
			return 0xffffffffu;
		return Get(it->second, offset, width);
	}
	static void Write(void *ctx, pci_address a, unsigned offset, unsigned width, uint32_t v)
	{
		auto *self = static_cast<FakePci *>(ctx);
		auto it = self->functions_.find(Key(a.bus, a.device, a.function));
		if (it == self->functions_.end())
			return;
		Function &f = it->second;
		if (offset >= PCI_BAR0 && offset < PCI_BAR0 + 24 && width == 4) {
			unsigned i = (offset - PCI_BAR0) / 4;
			uint32_t old = Get(f, offset, 4);
			Put(f, offset, 4, (v & f.writable[i]) | (old & ~f.writable[i]));
			self->command_at_bar_write.push_back((uint16_t)Get(f, PCI_COMMAND, 2));
			return;
		}
		Put(f, offset, width, v);
	}
	static constexpr pci_config_ops kOps = {Read, Write};
};

constexpr pci_config_ops FakePci::kOps;

struct Enumerated {
	std::vector<pci_device> devices;
	pci_enum_result result;
};

Enumerated Enumerate(const pci_config &config, unsigned max = 64)
{
	Enumerated e;
	e.devices.resize(max);
	pci_enumerate(&config, e.devices.data(), max, &e.result);
	e.devices.resize(e.result.count);
	return e;
}

TEST(PciEnumTest, EmptyBusHasNoDevices)
{
	FakePci pci;
	pci_config c = pci.Config();
	Enumerated e = Enumerate(c);
	EXPECT_EQ(e.result.count, 0u);
	EXPECT_EQ(e.result.buses, 1u);
}

TEST(PciEnumTest, ReadsIdentityClassAndInterrupt)
{
	FakePci pci;
	Function &f = pci.Add(0, 3, 0, 0x1b36, 0x0005, 0, 0x00ff00);
	FakePci::Put(f, PCI_REVISION, 1, 0x02);
	FakePci::Put(f, PCI_INTERRUPT_PIN, 1, 1);
	FakePci::Put(f, PCI_INTERRUPT_LINE, 1, 11);
	pci_config c = pci.Config();
	Enumerated e = Enumerate(c);
	ASSERT_EQ(e.devices.size(), 1u);
	const pci_device &d = e.devices[0];
	EXPECT_EQ(d.address.bus, 0);
	EXPECT_EQ(d.address.device, 3);
	EXPECT_EQ(d.address.function, 0);
	EXPECT_EQ(d.vendor, 0x1b36);
	EXPECT_EQ(d.device, 0x0005);
	EXPECT_EQ(d.class_code, 0x00);
	EXPECT_EQ(d.subclass, 0xff);
	EXPECT_EQ(d.prog_if, 0x00);
	EXPECT_EQ(d.revision, 0x02);
	EXPECT_EQ(d.interrupt_pin, 1);
	EXPECT_EQ(d.interrupt_line, 11);
	EXPECT_EQ(d.bar_count, 0);
}

TEST(PciEnumTest, SizesEveryKindOfBar)
{
	FakePci pci;
	Function &f = pci.Add(0, 4, 0, 0x1234, 0x11e8);
	FakePci::Mem32(f, 0, 0xfea00000, 0x100000);
	FakePci::Io(f, 1, 0xc040, 0x20);
	FakePci::Mem64(f, 2, 0x800000000ull, 0x4000, true);
	// BAR 4 is not implemented (reads 0, takes nothing); BAR 5 is prefetchable 32-bit.
	FakePci::Mem32(f, 5, 0xe0000000, 0x10000000, true);
	pci_config c = pci.Config();
	Enumerated e = Enumerate(c);
	ASSERT_EQ(e.devices.size(), 1u);
	const pci_device &d = e.devices[0];
	ASSERT_EQ(d.bar_count, 4);
	EXPECT_EQ(d.bars[0].index, 0);
	EXPECT_EQ(d.bars[0].kind, PCI_BAR_MEM32);
	EXPECT_FALSE(d.bars[0].prefetchable);
	EXPECT_EQ(d.bars[0].base, 0xfea00000u);
	EXPECT_EQ(d.bars[0].size, 0x100000u);
	EXPECT_EQ(d.bars[1].index, 1);
	EXPECT_EQ(d.bars[1].kind, PCI_BAR_IO);
	EXPECT_EQ(d.bars[1].base, 0xc040u);
	EXPECT_EQ(d.bars[1].size, 0x20u);
	EXPECT_EQ(d.bars[2].index, 2);
	EXPECT_EQ(d.bars[2].kind, PCI_BAR_MEM64);
	EXPECT_TRUE(d.bars[2].prefetchable);
	EXPECT_EQ(d.bars[2].base, 0x800000000ull);
	EXPECT_EQ(d.bars[2].size, 0x4000u);
	EXPECT_EQ(d.bars[3].index, 5);
	EXPECT_TRUE(d.bars[3].prefetchable);
	EXPECT_EQ(d.bars[3].size, 0x10000000u);
}

TEST(PciEnumTest, ProbingDisablesDecodingAndRestoresEverything)
{
	FakePci pci;
	Function &f = pci.Add(0, 1, 0, 0x8086, 0x100e);
	FakePci::Mem32(f, 0, 0xfebc0000, 0x20000);
	FakePci::Mem64(f, 2, 0x1234500000ull, 0x100000, false);
	FakePci::Io(f, 4, 0xc000, 0x40);
	std::vector<uint8_t> before(f.bytes, f.bytes + PCI_LEGACY_SPACE_SIZE);
	pci_config c = pci.Config();
	Enumerated e = Enumerate(c);
	ASSERT_EQ(e.devices.size(), 1u);
	EXPECT_EQ(e.devices[0].bar_count, 3);
	ASSERT_FALSE(pci.command_at_bar_write.empty());
	for (uint16_t command : pci.command_at_bar_write)
		EXPECT_EQ(command & (PCI_COMMAND_IO | PCI_COMMAND_MEM), 0);
	const Function &after = pci.functions_.begin()->second;
	EXPECT_EQ(std::vector<uint8_t>(after.bytes, after.bytes + PCI_LEGACY_SPACE_SIZE), before);
}

TEST(PciEnumTest, SixtyFourBitBarInTheLastRegisterIsIgnored)
{
	FakePci pci;
	Function &f = pci.Add(0, 0, 0, 0x1af4, 0x1000);
	FakePci::Put(f, PCI_BAR0 + 20, 4, 0x4); // type 64-bit, no upper half after it
	f.writable[5] = 0xfffff000u;
	pci_config c = pci.Config();
	Enumerated e = Enumerate(c);
	ASSERT_EQ(e.devices.size(), 1u);
	EXPECT_EQ(e.devices[0].bar_count, 0);
}

TEST(PciEnumTest, FunctionsOnlyOfMultiFunctionDevices)
{
	FakePci pci;
	pci.Add(0, 1, 0, 0x8086, 0x7000, PCI_HEADER_MULTIFUNCTION);
	pci.Add(0, 1, 1, 0x8086, 0x7010);
	pci.Add(0, 1, 3, 0x8086, 0x7113);
	pci.Add(0, 2, 0, 0x1234, 0x1111);
	pci.Add(0, 2, 1, 0x1234, 0x2222); // no multi-function bit on function 0: not looked at
	pci_config c = pci.Config();
	Enumerated e = Enumerate(c);
	ASSERT_EQ(e.devices.size(), 4u);
	EXPECT_EQ(e.devices[0].address.function, 0);
	EXPECT_EQ(e.devices[1].address.function, 1);
	EXPECT_EQ(e.devices[2].address.function, 3);
	EXPECT_EQ(e.devices[3].device, 0x1111);
}

TEST(PciEnumTest, FollowsBridgesToTheirSecondaryBus)
{
	FakePci pci;
	Function &bridge = pci.Add(0, 1, 0, 0x1b36, 0x000c, PCI_HEADER_BRIDGE, 0x060400);
	FakePci::Bridge(bridge, 1, 2);
	FakePci::Mem32(bridge, 0, 0x10000000, 0x1000);
	Function &inner = pci.Add(1, 0, 0, 0x1b36, 0x000c, PCI_HEADER_BRIDGE, 0x060400);
	FakePci::Bridge(inner, 2, 2);
	pci.Add(2, 5, 0, 0x1234, 0x11e8);
	pci.Add(0, 2, 0, 0x8086, 0x100e);
	pci_config c = pci.Config();
	Enumerated e = Enumerate(c);
	ASSERT_EQ(e.devices.size(), 4u);
	EXPECT_EQ(e.result.buses, 3u);
	EXPECT_EQ(e.result.bad_bridges, 0u);
	EXPECT_EQ(e.devices[0].secondary_bus, 1);
	EXPECT_EQ(e.devices[0].subordinate_bus, 2);
	EXPECT_EQ(e.devices[0].bar_count, 1);
	EXPECT_EQ(e.devices[1].device, 0x100e); // bus 0 first, then the buses behind it
	EXPECT_EQ(e.devices[2].address.bus, 1);
	EXPECT_EQ(e.devices[3].address.bus, 2);
	EXPECT_EQ(e.devices[3].address.device, 5);
}

TEST(PciEnumTest, BridgeLoopsAndBogusBusNumbersEnd)
{
	FakePci pci;
	FakePci::Bridge(pci.Add(0, 1, 0, 0x1b36, 0x000c, PCI_HEADER_BRIDGE), 1, 1);
	FakePci::Bridge(pci.Add(1, 0, 0, 0x1b36, 0x000c, PCI_HEADER_BRIDGE), 0, 0);   // unset
	FakePci::Bridge(pci.Add(1, 1, 0, 0x1b36, 0x000c, PCI_HEADER_BRIDGE), 1, 1);   // itself
	FakePci::Bridge(pci.Add(1, 2, 0, 0x1b36, 0x000c, PCI_HEADER_BRIDGE), 200, 9); // too high
	pci_config c = pci.Config(0, 15);
	Enumerated e = Enumerate(c);
	EXPECT_EQ(e.devices.size(), 4u);
	EXPECT_EQ(e.result.buses, 2u);
	EXPECT_EQ(e.result.bad_bridges, 3u);
}

TEST(PciEnumTest, EveryFunctionPresentStillEndsAndCountsWhatDidNotFit)
{
	// A broken root complex answering on every address of buses 0-3, each function a bridge
	// to the next bus.
	FakePci pci;
	for (unsigned bus = 0; bus < 4; bus++)
		for (unsigned dev = 0; dev < PCI_DEVICES_PER_BUS; dev++)
			for (unsigned fn = 0; fn < PCI_FUNCTIONS_PER_DEVICE; fn++)
				FakePci::Bridge(pci.Add(bus, dev, fn, 0x1b36, 0x000c,
							PCI_HEADER_MULTIFUNCTION | PCI_HEADER_BRIDGE),
						(uint8_t)(bus + 1), (uint8_t)(bus + 1));
	pci_config c = pci.Config();
	Enumerated e = Enumerate(c, 10);
	EXPECT_EQ(e.result.count, 10u);
	EXPECT_EQ(e.result.dropped, 4u * 256 - 10);
	EXPECT_EQ(e.result.buses, 5u);
}

TEST(PciEnumTest, StartsAtTheFirstBusOfTheRange)
{
	FakePci pci;
	pci.Add(0, 0, 0, 0x1111, 0x1111);
	pci.Add(4, 0, 0, 0x2222, 0x2222);
	pci_config c = pci.Config(4, 7);
	Enumerated e = Enumerate(c);
	ASSERT_EQ(e.devices.size(), 1u);
	EXPECT_EQ(e.devices[0].vendor, 0x2222);
}

TEST(PciConfigTest, RefusesMisalignedOrOutOfRangeAccesses)
{
	FakePci pci;
	Function &f = pci.Add(0, 0, 0, 0x1234, 0x5678);
	pci_config c = pci.Config(0, 3);
	pci_address a = {0, 0, 0};
	EXPECT_EQ(pci_read16(&c, a, PCI_DEVICE_ID), 0x5678);
	EXPECT_EQ(pci_read8(&c, a, PCI_DEVICE_ID + 1), 0x56);
	unsigned reads = pci.reads;
	EXPECT_EQ(pci_read16(&c, a, 1), 0xffff);
	EXPECT_EQ(pci_read32(&c, a, 2), 0xffffffffu);
	EXPECT_EQ(pci_read32(&c, a, PCI_LEGACY_SPACE_SIZE), 0xffffffffu);
	EXPECT_EQ(pci_read8(&c, a, 0x1000), 0xff);
	EXPECT_EQ(pci_read16(&c, pci_address{0, 32, 0}, 0), 0xffff);
	EXPECT_EQ(pci_read16(&c, pci_address{0, 0, 8}, 0), 0xffff);
	EXPECT_EQ(pci_read16(&c, pci_address{4, 0, 0}, 0), 0xffff);
	EXPECT_EQ(pci.reads, reads); // none of those reached the backend
	pci_write16(&c, a, 1, 0);
	pci_write32(&c, a, PCI_LEGACY_SPACE_SIZE - 2, 0);
	EXPECT_EQ(FakePci::Get(f, 0, 4), 0x56781234u);
}

} // namespace
