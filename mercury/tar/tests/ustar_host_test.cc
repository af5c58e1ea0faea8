// The checks on one header block (ustar.h): numeric fields, checksum, magic, zero blocks and
// the bounds of an entry's data, with the arithmetic at its limits.
#include <cstdint>
#include <cstring>
#include <string>

#include <gtest/gtest.h>

#include "mercury/tar/tests/archive_builder.h"

extern "C" {
#include "mercury/tar/ustar.h"
}

namespace {

// ustar_number on `text` as a field of `width` bytes (`text` fills its start, NULs the rest).
bool Number(const std::string &text, unsigned width, uint64_t *value)
{
	char field[32] = {};
	memcpy(field, text.data(), text.size());
	return ustar_number(field, width, value);
}

TEST(UstarNumber, ReadsWhatWritersWrite)
{
	uint64_t v = 1;
	EXPECT_TRUE(Number("0000755", 8, &v)); // GNU tar, Python: zero-padded, NUL
	EXPECT_EQ(v, 0755u);
	EXPECT_TRUE(Number("00000001750 ", 12, &v)); // space-terminated
	EXPECT_EQ(v, 01750u);
	EXPECT_TRUE(Number("   644 ", 8, &v)); // leading spaces (old writers)
	EXPECT_EQ(v, 0644u);
	EXPECT_TRUE(Number("0", 8, &v)); // one digit, then NULs
	EXPECT_EQ(v, 0u);
	EXPECT_TRUE(Number("77777777777", 12, &v)); // the largest: 11 digits
	EXPECT_EQ(v, 077777777777u);
}

TEST(UstarNumber, RefusesAnythingElse)
{
	uint64_t v = 42;
	EXPECT_FALSE(Number("", 8, &v));           // no digits
	EXPECT_FALSE(Number("       ", 8, &v));    // only spaces
	EXPECT_FALSE(Number("0000758", 8, &v));    // not octal
	EXPECT_FALSE(Number("00007a5", 8, &v));
	EXPECT_FALSE(Number("-000755", 8, &v));    // no signs
	EXPECT_FALSE(Number("+000755", 8, &v));
	EXPECT_FALSE(Number("00000755", 8, &v));   // fills the field: no terminator (overlong)
	EXPECT_FALSE(Number("777777777777", 12, &v));
	EXPECT_FALSE(Number("07 55", 8, &v));      // digits after the terminator
	EXPECT_FALSE(Number(std::string("07\0" "5", 4), 8, &v));
	EXPECT_FALSE(Number("\x80\0\0\0\0\0\0\x01", 8, &v)); // GNU base-256
	EXPECT_EQ(v, 42u) << "a refused field leaves the value alone";
}

TEST(UstarChecksum, UnsignedSumWithTheFieldAsSpaces)
{
	Entry e{.name = "f", .data = "x"};
	Bytes block = Header(e);
	ustar_header h;
	memcpy(&h, block.data(), sizeof(h));
	EXPECT_TRUE(ustar_checksum_ok(&h));
	h.name[1] = 'g'; // any byte changes the sum
	EXPECT_FALSE(ustar_checksum_ok(&h));
}

TEST(UstarChecksum, RefusesSignedSums)
{
	// A byte >= 0x80 makes the signed sum differ; only the unsigned one (POSIX) is taken.
	Entry e{.name = "caf\xc3\xa9"};
	Bytes block = Header(e);
	ustar_header h;
	memcpy(&h, block.data(), sizeof(h));
	ASSERT_TRUE(ustar_checksum_ok(&h));
	int signed_sum = 0;
	for (size_t i = 0; i < USTAR_BLOCK; i++) {
		bool in_field = i >= offsetof(ustar_header, chksum) &&
				i < offsetof(ustar_header, chksum) + sizeof(h.chksum);
		signed_sum += in_field ? ' ' : static_cast<signed char>(block[i]);
	}
	snprintf(h.chksum, sizeof(h.chksum), "%06o", signed_sum);
	EXPECT_FALSE(ustar_checksum_ok(&h));
}

TEST(UstarChecksum, MalformedFieldIsWrong)
{
	Bytes block = Header(Entry{.name = "f"});
	ustar_header h;
	memcpy(&h, block.data(), sizeof(h));
	memcpy(h.chksum, "zzzzzz\0 ", 8);
	EXPECT_FALSE(ustar_checksum_ok(&h));
}

TEST(UstarMagic, OnlyPosixUstar)
{
	Bytes block = Header(Entry{.name = "f"});
	ustar_header h;
	memcpy(&h, block.data(), sizeof(h));
	EXPECT_TRUE(ustar_magic_ok(&h));
	memcpy(h.magic, "ustar ", 6); // old GNU: "ustar  \0"
	memcpy(h.version, " \0", 2);
	EXPECT_FALSE(ustar_magic_ok(&h));
	memcpy(h.magic, "ustar", 6);
	memcpy(h.version, "01", 2);
	EXPECT_FALSE(ustar_magic_ok(&h));
	memset(h.magic, 0, 8); // v7: no magic
	EXPECT_FALSE(ustar_magic_ok(&h));
}

TEST(UstarZeroBlock, EveryByteCounts)
{
	unsigned char block[USTAR_BLOCK] = {};
	EXPECT_TRUE(ustar_is_zero_block(block));
	block[USTAR_BLOCK - 1] = 1;
	EXPECT_FALSE(ustar_is_zero_block(block));
}

TEST(UstarDataSpan, RoundsUpToBlocks)
{
	uint64_t span = 7;
	EXPECT_TRUE(ustar_data_span(0, 0, &span));
	EXPECT_EQ(span, 0u);
	EXPECT_TRUE(ustar_data_span(1, 512, &span));
	EXPECT_EQ(span, 512u);
	EXPECT_TRUE(ustar_data_span(512, 512, &span));
	EXPECT_EQ(span, 512u);
	EXPECT_TRUE(ustar_data_span(513, 1024, &span));
	EXPECT_EQ(span, 1024u);
}

TEST(UstarDataSpan, RefusesDataOrPaddingPastTheRoom)
{
	uint64_t span = 7;
	EXPECT_FALSE(ustar_data_span(1, 0, &span));
	EXPECT_FALSE(ustar_data_span(1, 511, &span)); // the data fits, its padding does not
	EXPECT_FALSE(ustar_data_span(513, 1023, &span));
	EXPECT_EQ(span, 7u);
}

TEST(UstarDataSpan, NoOverflowAtTheLimits)
{
	uint64_t span = 7;
	// Rounding UINT64_MAX up would wrap to 0; so would any size in the last block.
	EXPECT_FALSE(ustar_data_span(UINT64_MAX, UINT64_MAX, &span));
	EXPECT_FALSE(ustar_data_span(UINT64_MAX - 510, UINT64_MAX, &span));
	EXPECT_FALSE(ustar_data_span(UINT64_MAX, 0, &span));
	EXPECT_EQ(span, 7u);
	const uint64_t last_block = UINT64_MAX - UINT64_MAX % 512;
	EXPECT_TRUE(ustar_data_span(last_block - 1, UINT64_MAX, &span));
	EXPECT_EQ(span, last_block);
	EXPECT_TRUE(ustar_data_span(last_block, last_block, &span));
	EXPECT_EQ(span, last_block);
}

} // namespace
