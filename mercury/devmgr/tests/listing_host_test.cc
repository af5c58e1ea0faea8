// The listing's lines (../listing.h): the format README.md documents, and cutting to size.
#include <cstring>
#include <string>

#include <gtest/gtest.h>

extern "C" {
#include "mercury/devmgr/listing.h"
}

namespace {

TEST(ListingTest, PciDeviceWithBarsAndInterrupt)
{
	pci_device d = {};
	d.address = {0, 3, 0};
	d.vendor = 0x1b36;
	d.device = 0x0005;
	d.class_code = 0x00;
	d.subclass = 0xff;
	d.interrupt_pin = 1;
	d.interrupt_line = 11;
	d.bar_count = 3;
	d.bars[0] = {0, PCI_BAR_MEM32, false, 0xfebf1000, 0x1000};
	d.bars[1] = {1, PCI_BAR_IO, false, 0xc000, 0x100};
	d.bars[2] = {2, PCI_BAR_MEM64, true, 0x8000000000ull, 0x4000};
	char line[DEVMGR_LINE_MAX];
	devmgr_format_pci(line, sizeof(line), &d);
	EXPECT_STREQ(line, "devmgr: pci 00:03.0 1b36:0005 class 00ff00 irq pin A line 11 "
			   "bar0 mem 0xfebf1000 size 0x1000 bar1 io 0xc000 size 0x100 "
			   "bar2 mem64 pref 0x8000000000 size 0x4000");
}

TEST(ListingTest, BridgeWithoutInterruptRouting)
{
	pci_device d = {};
	d.address = {0, 0x1f, 7};
	d.vendor = 0x1b36;
	d.device = 0x000c;
	d.class_code = 0x06;
	d.subclass = 0x04;
	d.header_type = PCI_HEADER_BRIDGE;
	d.secondary_bus = 1;
	d.subordinate_bus = 2;
	d.interrupt_pin = 1;
	d.interrupt_line = 0xff;
	char line[DEVMGR_LINE_MAX];
	devmgr_format_pci(line, sizeof(line), &d);
	EXPECT_STREQ(line, "devmgr: pci 00:1f.7 1b36:000c class 060400 bridge 01-02 irq pin A");
	d.interrupt_id = 38; // routed through the device tree's interrupt-map
	devmgr_format_pci(line, sizeof(line), &d);
	EXPECT_STREQ(line,
		     "devmgr: pci 00:1f.7 1b36:000c class 060400 bridge 01-02 irq pin A id 38");
}

TEST(ListingTest, DeviceTreeDevice)
{
	dt_device d = {};
	std::strcpy(d.path, "/pl011@9000000");
	std::strcpy(d.compatible, "arm,pl011");
	d.reg_count = 1;
	d.regs[0] = {0x9000000, 0x1000};
	d.irq_count = 1;
	d.irqs[0] = 33;
	char line[DEVMGR_LINE_MAX];
	devmgr_format_dt(line, sizeof(line), &d);
	EXPECT_STREQ(line, "devmgr: dt /pl011@9000000 arm,pl011 reg 0x9000000+0x1000 irq 33");
	d.reg_count = 0;
	d.irq_count = 0;
	devmgr_format_dt(line, sizeof(line), &d);
	EXPECT_STREQ(line, "devmgr: dt /pl011@9000000 arm,pl011");
	d.reg_count = 2;
	d.regs[1] = {0x5000, 0x100};
	d.reg_more = 3;
	devmgr_format_dt(line, sizeof(line), &d);
	EXPECT_STREQ(line, "devmgr: dt /pl011@9000000 arm,pl011 reg 0x9000000+0x1000 "
			   "0x5000+0x100 (+3 more)");
}

TEST(ListingTest, CutToTheBuffer)
{
	dt_device d = {};
	std::memset(d.path, 'x', DT_PATH_MAX - 1);
	std::strcpy(d.compatible, "c");
	d.reg_count = DT_MAX_REGS;
	char line[40];
	std::memset(line, '#', sizeof(line));
	devmgr_format_dt(line, sizeof(line), &d);
	EXPECT_EQ(std::strlen(line), sizeof(line) - 1);
	EXPECT_EQ(std::string(line).substr(0, 11), "devmgr: dt ");
}

} // namespace
