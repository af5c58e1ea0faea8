// A legacy interrupt's way through bridges to the host bridge (../pci_enum.h,
// pci_irq_at_root), on device lists made by hand: the swizzle at each bridge, functions on the
// root bus as they are, and lists that lie (no bridge to a bus, a loop of bridges).
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

extern "C" {
#include "mercury/devmgr/pci_enum.h"
}

namespace {

pci_device Function(uint8_t bus, uint8_t device, uint8_t pin = 0)
{
	pci_device d = {};
	d.address = {bus, device, 0};
	d.interrupt_pin = pin;
	return d;
}

pci_device Bridge(uint8_t bus, uint8_t device, uint8_t secondary)
{
	pci_device d = Function(bus, device);
	d.header_type = PCI_HEADER_BRIDGE;
	d.secondary_bus = d.subordinate_bus = secondary;
	return d;
}

struct Root {
	bool ok;
	pci_address at;
	uint8_t pin;
};

Root AtRoot(const std::vector<pci_device> &devices, unsigned index, uint8_t root_bus = 0)
{
	Root r = {false, {0xee, 0xee, 0xee}, 0xee};
	r.ok = pci_irq_at_root(devices.data(), (unsigned)devices.size(), index, root_bus, &r.at,
			       &r.pin);
	return r;
}

TEST(PciIrqTest, RootBusFunctionsKeepTheirPin)
{
	std::vector<pci_device> devices = {Function(0, 3, 1), Function(0, 7, 4)};
	Root r = AtRoot(devices, 1);
	ASSERT_TRUE(r.ok);
	EXPECT_EQ(r.at.device, 7);
	EXPECT_EQ(r.pin, 4);
}

TEST(PciIrqTest, SwizzledAtEachBridge)
{
	// 00:01.0 -> bus 1; 01:02.0 -> bus 2; 02:05.0 pin B.
	std::vector<pci_device> devices = {Bridge(0, 1, 1), Bridge(1, 2, 2), Function(2, 5, 2),
					   Function(1, 0, 4)};
	Root r = AtRoot(devices, 2);
	ASSERT_TRUE(r.ok);
	EXPECT_EQ(r.at.bus, 0);
	EXPECT_EQ(r.at.device, 1);
	// Pin B (1) on device 5: (1 + 5) % 4 = 2, C on bus 1; from device 2: (2 + 2) % 4 = 0, A.
	EXPECT_EQ(r.pin, 1);
	r = AtRoot(devices, 3); // device 0 behind a bridge keeps its pin (a PCIe port's child)
	ASSERT_TRUE(r.ok);
	EXPECT_EQ(r.pin, 4);
	EXPECT_EQ(r.at.device, 1);
}

TEST(PciIrqTest, NoPinOrNoWayIsFalse)
{
	std::vector<pci_device> devices = {Function(0, 1, 0), Function(0, 2, 5),
					   Function(4, 0, 1)};
	EXPECT_FALSE(AtRoot(devices, 0).ok);
	EXPECT_FALSE(AtRoot(devices, 1).ok);
	EXPECT_FALSE(AtRoot(devices, 2).ok); // no bridge leads to bus 4
	EXPECT_FALSE(AtRoot(devices, 3).ok); // beyond the list
}

TEST(PciIrqTest, BridgeLoopsEnd)
{
	// Buses 1 and 2 lead to each other; neither reaches bus 0.
	std::vector<pci_device> devices = {Bridge(1, 0, 2), Bridge(2, 0, 1), Function(2, 3, 1)};
	EXPECT_FALSE(AtRoot(devices, 2).ok);
	// The root bus need not be 0.
	devices = {Bridge(0x10, 1, 0x11), Function(0x11, 0, 3)};
	Root r = AtRoot(devices, 1, 0x10);
	ASSERT_TRUE(r.ok);
	EXPECT_EQ(r.at.bus, 0x10);
	EXPECT_EQ(r.pin, 3);
}

} // namespace
