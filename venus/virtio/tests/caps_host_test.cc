// The virtio-pci layout from the device manager's hex text (../caps.h), and feature choice
// (../features.h): QEMU's layout, and texts and capabilities that lie.
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

extern "C" {
#include "venus/virtio/caps.h"
#include "venus/virtio/features.h"
}

namespace {

// One capability's hex: vendor ID, next, length, type, BAR, id, padding, offset, length
// (little-endian) and, for notify, the multiplier.
std::string Cap(uint8_t type, uint8_t bar, uint32_t offset, uint32_t length,
		int64_t multiplier = -1, int cap_len = -1)
{
	std::vector<uint8_t> b = {0x09, 0x00, 0, type, bar, 0, 0, 0};
	for (uint32_t v : {offset, length})
		for (int i = 0; i < 4; i++)
			b.push_back((uint8_t)(v >> (8 * i)));
	if (multiplier >= 0)
		for (int i = 0; i < 4; i++)
			b.push_back((uint8_t)((uint64_t)multiplier >> (8 * i)));
	b[2] = (uint8_t)(cap_len >= 0 ? cap_len : (int)b.size());
	static const char digits[] = "0123456789abcdef";
	std::string s;
	for (uint8_t x : b) {
		s += digits[x >> 4];
		s += digits[x & 15];
	}
	return s;
}

// QEMU's modern virtio-pci: everything in BAR 4, 4 KiB apart, notify multiplier 4.
std::string Qemu()
{
	return Cap(VIRTIO_PCI_CAP_COMMON, 4, 0x0, 0x1000) + "," +
	       Cap(VIRTIO_PCI_CAP_ISR, 4, 0x1000, 0x1000) + "," +
	       Cap(VIRTIO_PCI_CAP_DEVICE, 4, 0x2000, 0x1000) + "," +
	       Cap(VIRTIO_PCI_CAP_NOTIFY, 4, 0x3000, 0x1000, 4) + "," +
	       Cap(5 /* PCI configuration access */, 0, 0, 0);
}

TEST(VirtioCapsTest, QemuLayout)
{
	virtio_pci_layout l;
	ASSERT_EQ(virtio_pci_caps_parse(Qemu().c_str(), &l), VIRTIO_CAPS_OK);
	EXPECT_TRUE(l.common.present);
	EXPECT_EQ(l.common.bar, 4);
	EXPECT_EQ(l.common.offset, 0u);
	EXPECT_EQ(l.isr.offset, 0x1000u);
	EXPECT_EQ(l.device.offset, 0x2000u);
	EXPECT_EQ(l.device.length, 0x1000u);
	EXPECT_EQ(l.notify.offset, 0x3000u);
	EXPECT_EQ(l.notify_multiplier, 4u);
}

TEST(VirtioCapsTest, TheFirstOfEachTypeWins)
{
	std::string text = Cap(VIRTIO_PCI_CAP_COMMON, 2, 0x100, 0x38) + "," + Qemu();
	virtio_pci_layout l;
	ASSERT_EQ(virtio_pci_caps_parse(text.c_str(), &l), VIRTIO_CAPS_OK);
	EXPECT_EQ(l.common.bar, 2);
	EXPECT_EQ(l.common.offset, 0x100u);
}

TEST(VirtioCapsTest, MissingStructuresAreReported)
{
	virtio_pci_layout l;
	EXPECT_EQ(virtio_pci_caps_parse("", &l), VIRTIO_CAPS_MISSING);
	std::string no_notify = Cap(VIRTIO_PCI_CAP_COMMON, 4, 0, 0x1000) + "," +
				Cap(VIRTIO_PCI_CAP_ISR, 4, 0x1000, 0x1000);
	EXPECT_EQ(virtio_pci_caps_parse(no_notify.c_str(), &l), VIRTIO_CAPS_MISSING);
}

TEST(VirtioCapsTest, UnusableCapabilitiesAreLeftOut)
{
	std::string base = Cap(VIRTIO_PCI_CAP_ISR, 4, 0x1000, 0x1000) + "," +
			   Cap(VIRTIO_PCI_CAP_NOTIFY, 4, 0x3000, 0x1000, 4) + ",";
	const std::string bad[] = {
		Cap(VIRTIO_PCI_CAP_COMMON, 6, 0, 0x1000),                // reserved BAR
		Cap(VIRTIO_PCI_CAP_COMMON, 4, 0xffffff00u, 0x1000),      // offset + length overflows
		Cap(VIRTIO_PCI_CAP_COMMON, 4, 0, 0x1000, -1, 20),        // length byte disagrees
		Cap(VIRTIO_PCI_CAP_COMMON, 4, 0, 0x1000).replace(0, 2, "11"), // not vendor-specific
	};
	for (const std::string &b : bad) {
		virtio_pci_layout l;
		EXPECT_EQ(virtio_pci_caps_parse((base + b).c_str(), &l), VIRTIO_CAPS_MISSING) << b;
	}
	// A notify capability without its multiplier is too short for its type.
	std::string short_notify = Cap(VIRTIO_PCI_CAP_COMMON, 4, 0, 0x1000) + "," +
				   Cap(VIRTIO_PCI_CAP_ISR, 4, 0x1000, 0x1000) + "," +
				   Cap(VIRTIO_PCI_CAP_NOTIFY, 4, 0x3000, 0x1000);
	virtio_pci_layout l;
	EXPECT_EQ(virtio_pci_caps_parse(short_notify.c_str(), &l), VIRTIO_CAPS_MISSING);
}

TEST(VirtioCapsTest, MalformedTextIsRefused)
{
	std::string good = Qemu();
	const std::string bad[] = {
		good + ",",                 // an empty group at the end
		"," + good,                 // ... at the start
		good.substr(0, 5),          // an odd number of digits
		good + ",0g",               // not hex
		std::string(130, 'a'),      // more than 64 bytes
		good.substr(0, 40) + ",," + good,
	};
	for (const std::string &b : bad) {
		virtio_pci_layout l;
		EXPECT_EQ(virtio_pci_caps_parse(b.c_str(), &l), VIRTIO_CAPS_MALFORMED) << b;
	}
}

TEST(VirtioFeaturesTest, OnlyUnderstoodFeaturesAreTaken)
{
	uint64_t chosen = 1;
	const uint64_t ro = 1ull << 5, flush = 1ull << 9, other = 1ull << 20;
	ASSERT_TRUE(virtio_features_choose(VIRTIO_F_VERSION_1 | ro | flush | other, ro | flush, 0,
					   &chosen));
	EXPECT_EQ(chosen, VIRTIO_F_VERSION_1 | ro | flush);
	ASSERT_TRUE(virtio_features_choose(VIRTIO_F_VERSION_1, ro | flush, 0, &chosen));
	EXPECT_EQ(chosen, VIRTIO_F_VERSION_1);
}

TEST(VirtioFeaturesTest, RequiredFeaturesMustBeOffered)
{
	uint64_t chosen = 1;
	EXPECT_FALSE(virtio_features_choose(1ull << 9, 1ull << 9, 0, &chosen)); // no VERSION_1
	EXPECT_EQ(chosen, 0u);
	EXPECT_FALSE(virtio_features_choose(VIRTIO_F_VERSION_1, 0, 1ull << 9, &chosen));
}

} // namespace
