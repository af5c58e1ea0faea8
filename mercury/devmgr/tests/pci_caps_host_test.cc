// A function's vendor capabilities as its driver's environment entry (../pci_caps.h), against
// one fake function's configuration space: virtio's layout, and lists that lie.
#include <cstdint>
#include <cstring>
#include <string>

#include <gtest/gtest.h>

extern "C" {
#include "mercury/devmgr/pci.h"
#include "mercury/devmgr/pci_caps.h"
}

namespace {

struct FakeFunction {
	uint8_t bytes[PCI_LEGACY_SPACE_SIZE] = {};

	FakeFunction()
	{
		bytes[PCI_STATUS] = PCI_STATUS_CAP_LIST;
		bytes[PCI_CAP_POINTER] = 0;
	}
	// A capability at `at` linking to `next`, with `len` bytes in all counting ID, next and
	// length; the rest of its bytes count up from `fill`.
	void Cap(unsigned at, uint8_t id, uint8_t next, uint8_t len, uint8_t fill = 0x10)
	{
		bytes[at] = id;
		bytes[at + 1] = next;
		bytes[at + 2] = len;
		for (unsigned i = 3; i < len && at + i < sizeof(bytes); i++)
			bytes[at + i] = (uint8_t)(fill + i);
	}

	static uint32_t Read(void *ctx, pci_address, unsigned offset, unsigned width)
	{
		auto *f = static_cast<FakeFunction *>(ctx);
		uint32_t v = 0;
		for (unsigned i = 0; i < width; i++)
			v |= (uint32_t)f->bytes[offset + i] << (8 * i);
		return v;
	}
	static void Write(void *, pci_address, unsigned, unsigned, uint32_t) {}
	static constexpr pci_config_ops kOps = {Read, Write};

	std::string Env(size_t size = 1024, unsigned *count = nullptr)
	{
		pci_config c{&kOps, this, PCI_LEGACY_SPACE_SIZE, 0, 0};
		std::string out(size, 'x');
		unsigned n = pci_vendor_caps_env(&c, pci_address{0, 1, 0}, out.data(), size);
		if (count)
			*count = n;
		return out.substr(0, strlen(out.c_str()));
	}
};

constexpr pci_config_ops FakeFunction::kOps;

TEST(PciCapsTest, NoCapabilityListGivesAnEmptyEntry)
{
	FakeFunction f;
	f.bytes[PCI_STATUS] = 0;
	f.bytes[PCI_CAP_POINTER] = 0x40;
	f.Cap(0x40, PCI_CAP_ID_VENDOR, 0, 4);
	unsigned n = 9;
	EXPECT_EQ(f.Env(1024, &n), "PCI_VENDOR_CAPS=");
	EXPECT_EQ(n, 0u);
}

TEST(PciCapsTest, VendorCapabilitiesInListOrderOthersLeftOut)
{
	FakeFunction f;
	f.bytes[PCI_CAP_POINTER] = 0x98;
	f.Cap(0x98, 0x11, 0x84, 12);               // MSI-X: not a vendor capability
	f.Cap(0x84, PCI_CAP_ID_VENDOR, 0x70, 0x14); // virtio's notify capability: 20 bytes
	f.Cap(0x70, PCI_CAP_ID_VENDOR, 0x00, 0x10, 0x20);
	unsigned n = 0;
	std::string env = f.Env(1024, &n);
	EXPECT_EQ(n, 2u);
	EXPECT_EQ(env, "PCI_VENDOR_CAPS="
		       "097014131415161718191a1b1c1d1e1f20212223,"
		       "090010232425262728292a2b2c2d2e2f");
}

TEST(PciCapsTest, ALoopEnds)
{
	FakeFunction f;
	f.bytes[PCI_CAP_POINTER] = 0x40;
	f.Cap(0x40, PCI_CAP_ID_VENDOR, 0x40, 3); // points at itself
	unsigned n = 0;
	std::string env = f.Env(4096, &n);
	EXPECT_EQ(n, (unsigned)PCI_CAP_WALK_MAX);
}

TEST(PciCapsTest, PointersIntoTheHeaderEndTheList)
{
	FakeFunction f;
	f.bytes[PCI_CAP_POINTER] = 0x3c;
	f.Cap(0x3c, PCI_CAP_ID_VENDOR, 0, 4);
	EXPECT_EQ(f.Env(), "PCI_VENDOR_CAPS=");
}

TEST(PciCapsTest, ReservedPointerBitsAreDropped)
{
	FakeFunction f;
	f.bytes[PCI_CAP_POINTER] = 0x43;
	f.Cap(0x40, PCI_CAP_ID_VENDOR, 0x00, 3);
	EXPECT_EQ(f.Env(), "PCI_VENDOR_CAPS=090003");
}

TEST(PciCapsTest, BadLengthsAreLeftOut)
{
	FakeFunction f;
	f.bytes[PCI_CAP_POINTER] = 0x40;
	f.Cap(0x40, PCI_CAP_ID_VENDOR, 0x50, 2);          // too short
	f.Cap(0x50, PCI_CAP_ID_VENDOR, 0xf8, 65);         // too long
	f.Cap(0xf8, PCI_CAP_ID_VENDOR, 0x60, 9);          // past byte 255
	f.Cap(0x60, PCI_CAP_ID_VENDOR, 0x00, 4, 0xa0);    // good
	unsigned n = 0;
	EXPECT_EQ(f.Env(1024, &n), "PCI_VENDOR_CAPS=090004a3");
	EXPECT_EQ(n, 1u);
}

TEST(PciCapsTest, OnlyWholeCapabilitiesFit)
{
	FakeFunction f;
	f.bytes[PCI_CAP_POINTER] = 0x40;
	f.Cap(0x40, PCI_CAP_ID_VENDOR, 0x50, 4);
	f.Cap(0x50, PCI_CAP_ID_VENDOR, 0x00, 4);
	// "PCI_VENDOR_CAPS=" (16) + 8 + NUL fits; the second needs 9 more.
	unsigned n = 0;
	EXPECT_EQ(f.Env(16 + 8 + 1 + 8, &n), "PCI_VENDOR_CAPS=09500413");
	EXPECT_EQ(n, 1u);
	EXPECT_EQ(f.Env(5, &n), "");
	EXPECT_EQ(n, 0u);
}

TEST(PciCapsTest, CardbusHeadersHaveNoList)
{
	FakeFunction f;
	f.bytes[PCI_HEADER_TYPE] = PCI_HEADER_CARDBUS;
	f.bytes[PCI_CAP_POINTER] = 0x40;
	f.Cap(0x40, PCI_CAP_ID_VENDOR, 0, 4);
	EXPECT_EQ(f.Env(), "PCI_VENDOR_CAPS=");
}

} // namespace
