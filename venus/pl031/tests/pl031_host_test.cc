// The PL031 identification check (pl031.h): QEMU's registers pass, any revision passes, and
// every other byte in any register, another PrimeCell, or an empty bus fails.
#include <cstring>

#include <gtest/gtest.h>

extern "C" {
#include "venus/pl031/pl031.h"
}

namespace {

// What QEMU's PL031 reads: PeriphID0-3 (part 0x031, ARM, revision 1), PCellID0-3.
const uint32_t kQemu[PL031_ID_REGISTERS] = { 0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

TEST(Pl031, QemusIdentification)
{
	EXPECT_TRUE(pl031_identify(kQemu));
	EXPECT_EQ(pl031_revision(kQemu), 1u);
}

TEST(Pl031, AnyRevision)
{
	uint32_t id[PL031_ID_REGISTERS];
	for (uint32_t rev = 0; rev < 16; rev++) {
		memcpy(id, kQemu, sizeof(id));
		id[2] = rev << 4 | 0x4;
		EXPECT_TRUE(pl031_identify(id)) << rev;
		EXPECT_EQ(pl031_revision(id), rev);
	}
}

TEST(Pl031, ReservedBitsIgnored)
{
	uint32_t id[PL031_ID_REGISTERS];
	memcpy(id, kQemu, sizeof(id));
	for (uint32_t &r : id)
		r |= 0xabcd0000;
	EXPECT_TRUE(pl031_identify(id));
}

TEST(Pl031, EveryOtherByteOfEveryRegisterFails)
{
	for (unsigned i = 0; i < PL031_ID_REGISTERS; i++) {
		for (uint32_t v = 0; v < 256; v++) {
			uint32_t id[PL031_ID_REGISTERS];
			memcpy(id, kQemu, sizeof(id));
			id[i] = v;
			bool same = i == 2 ? (v & 0xf) == (kQemu[2] & 0xf) : v == kQemu[i];
			EXPECT_EQ(pl031_identify(id), same) << "register " << i << " = " << v;
		}
	}
}

TEST(Pl031, OtherDevicesFail)
{
	// A PL011 UART: the same designer and PrimeCell identification, part 0x011.
	const uint32_t pl011[PL031_ID_REGISTERS] = { 0x11, 0x10, 0x14, 0x00,
						     0x0d, 0xf0, 0x05, 0xb1 };
	const uint32_t zeros[PL031_ID_REGISTERS] = {};
	uint32_t ones[PL031_ID_REGISTERS];
	memset(ones, 0xff, sizeof(ones)); // what an empty bus often reads
	EXPECT_FALSE(pl031_identify(pl011));
	EXPECT_FALSE(pl031_identify(zeros));
	EXPECT_FALSE(pl031_identify(ones));
}

} // namespace
