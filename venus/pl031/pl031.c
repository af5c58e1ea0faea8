/* Whether a region holds a PL031 (pl031.h). */
#include "venus/pl031/pl031.h"

/* What each identification register's low byte must be, and which of its bits count: the
 * revision (PeriphID2 bits 7:4) may be any. */
static const uint8_t expected[PL031_ID_REGISTERS] = { 0x31, 0x10, 0x04, 0x00,
						      0x0d, 0xf0, 0x05, 0xb1 };
static const uint8_t checked[PL031_ID_REGISTERS] = { 0xff, 0xff, 0x0f, 0xff,
						     0xff, 0xff, 0xff, 0xff };

bool pl031_identify(const uint32_t id[PL031_ID_REGISTERS])
{
	for (unsigned i = 0; i < PL031_ID_REGISTERS; i++)
		if ((id[i] & checked[i]) != expected[i])
			return false;
	return true;
}

unsigned pl031_revision(const uint32_t id[PL031_ID_REGISTERS])
{
	return (id[2] >> 4) & 0xf;
}
