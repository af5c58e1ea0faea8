// Valid archives damaged at random, from a fixed seed so every run tries the same archives:
// bits flipped, bytes and fields overwritten (the checksum then made right again, so the
// damage gets past it), sizes and types changed, archives cut short. Whatever the damage, the
// reader must stay inside the buffer (a guarded copy faults past its end; the sanitizer pass
// of tools/ares test catches the rest), finish every iteration in at most one step per
// block, and hand out only names that fit and data that lies in the archive.
#include <cstdint>
#include <cstring>
#include <iterator>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "mercury/tar/tests/archive_builder.h"
#include "mercury/tar/tests/guarded_copy.h"
#include "mercury/tar/tests/reader_listing.h"

extern "C" {
#include "mercury/tar/tar.h"
#include "mercury/tar/tar_path.h"
#include "mercury/tar/ustar.h"
}

namespace {

constexpr uint64_t kSeed = 0x6d657263757279; // "mercury"
constexpr int kIterations = 30000;

const std::vector<std::vector<Entry>> kSeeds = {
	{{.name = "./", .type = '5', .mode = 0755},
	 {.name = "bin/", .type = '5', .mode = 0755},
	 {.name = "bin/sysinit", .data = std::string(1300, 's'), .mode = 0755},
	 {.name = "bin/init", .type = '1', .link = "bin/sysinit"},
	 {.name = "etc/rc", .data = "start\n"},
	 {.name = "lib", .type = '2', .link = "/usr/lib"}},
	{{.name = std::string(100, 'n'), .prefix = std::string(155, 'p'), .data = "full"},
	 {.name = "empty"},
	 {.name = "dev", .type = '3'},
	 {.name = "big", .data = std::string(4096, 'b')}},
};

// The fields the reader parses as numbers, and their widths.
const size_t kNumbers[][2] = {
	{offsetof(ustar_header, mode), 8},  {offsetof(ustar_header, uid), 8},
	{offsetof(ustar_header, gid), 8},   {offsetof(ustar_header, size), 12},
	{offsetof(ustar_header, mtime), 12}, {offsetof(ustar_header, chksum), 8},
};

const size_t kNames[][2] = {
	{offsetof(ustar_header, name), 100},
	{offsetof(ustar_header, linkname), 100},
	{offsetof(ustar_header, prefix), 155},
};

class Mutator {
public:
	explicit Mutator(uint64_t seed) : rng_(seed) {}

	Bytes Mutate(Bytes a)
	{
		for (int n = 1 + Below(4); n > 0 && !a.empty(); n--)
			MutateOnce(a);
		return a;
	}

private:
	uint64_t Below(uint64_t n) { return rng_() % n; }

	std::string Random(size_t len, const std::string &alphabet)
	{
		std::string s;
		for (size_t i = 0; i < len; i++)
			s += alphabet[Below(alphabet.size())];
		return s;
	}

	void MutateOnce(Bytes &a)
	{
		const size_t blocks = a.size() / USTAR_BLOCK;
		const size_t block = blocks ? Below(blocks) * USTAR_BLOCK : 0;
		const bool whole_block = block + USTAR_BLOCK <= a.size();
		switch (Below(8)) {
		case 0: // a bit
			a[Below(a.size())] ^= static_cast<unsigned char>(1u << Below(8));
			return;
		case 1: // a byte
			a[Below(a.size())] = static_cast<unsigned char>(Below(256));
			return;
		case 2: // cut short
			a.resize(Below(a.size()));
			return;
		default:
			break;
		}
		if (!whole_block)
			return;
		switch (Below(5)) {
		case 0: { // a numeric field: digits, terminators and the odd other byte
			const auto &[field, width] = kNumbers[Below(std::size(kNumbers))];
			static const char kDigitsAndMore[] = "000777 \0\0" "8-+\x80";
			Poke(a, block, field, Random(width, std::string(kDigitsAndMore,
								     sizeof(kDigitsAndMore) - 1)));
			break;
		}
		case 1: { // a plausible size, so later headers land anywhere
			char size[16];
			snprintf(size, sizeof(size), "%011llo",
				 static_cast<unsigned long long>(Below(a.size() * 2)));
			Poke(a, block, offsetof(ustar_header, size), size);
			break;
		}
		case 2: // a type
			Poke(a, block, offsetof(ustar_header, typeflag),
			     Random(1, std::string("0123456789xgLKA\0", 16)));
			break;
		case 3: { // a name, prefix or link, not necessarily NUL-terminated
			const auto &[field, width] = kNames[Below(std::size(kNames))];
			Poke(a, block, field, Random(1 + Below(width), std::string("a/.\0", 4)));
			break;
		}
		case 4: // any block made to pass as a header, so garbage gets past the checksum
			FixChecksum(a, block);
			break;
		}
	}

	std::mt19937_64 rng_;
};

// What every entry the reader hands out must satisfy, whatever the archive.
void CheckEntry(const tar_entry &e, tar_error err, const unsigned char *archive, size_t size)
{
	ASSERT_LT(strnlen(e.name, sizeof(e.name)), sizeof(e.name));
	ASSERT_LT(strnlen(e.link, sizeof(e.link)), sizeof(e.link));
	ASSERT_LE(e.offset + USTAR_BLOCK, size);
	ASSERT_EQ(e.data, archive + e.offset + USTAR_BLOCK);
	ASSERT_LE(e.size, size - e.offset - USTAR_BLOCK);
	if (err == TAR_OK) { // a name handed out as good is canonical
		char canonical[TAR_NAME_MAX + 1];
		ASSERT_EQ(tar_path_canonical(e.name, strlen(e.name), canonical), TAR_OK) << e.name;
		ASSERT_STREQ(canonical, e.name);
	}
}

// Iterates over `a` the way a careful caller does (skipping entries with errors of their own)
// and checks every step; returns the final result.
tar_error Walk(const GuardedCopy &a)
{
	tar_iter it;
	tar_entry e;
	tar_error err;
	size_t steps = 0, last_offset = 0;
	tar_iter_init(&it, a.data(), a.size());
	while ((err = tar_next(&it, &e)) != TAR_END && !tar_error_is_fatal(err)) {
		EXPECT_LE(++steps, a.size() / USTAR_BLOCK) << "more entries than blocks";
		if (steps > a.size() / USTAR_BLOCK)
			return err;
		CheckEntry(e, err, a.data(), a.size());
		EXPECT_TRUE(steps == 1 || e.offset > last_offset);
		last_offset = e.offset;
	}
	EXPECT_EQ(tar_next(&it, &e), err) << "an iteration that ended must stay ended";
	return err;
}

TEST(TarFuzz, DamagedArchivesNeverLeadOutOfBounds)
{
	Mutator mutator(kSeed);
	std::map<tar_error, int> outcomes; // of tar_check
	for (int i = 0; i < kIterations; i++) {
		SCOPED_TRACE("iteration " + std::to_string(i));
		const Bytes damaged = mutator.Mutate(Archive(kSeeds[i % kSeeds.size()]));
		GuardedCopy copy(damaged);
		const tar_error walked = Walk(copy);
		ASSERT_FALSE(testing::Test::HasFatalFailure());

		size_t count;
		const tar_error checked = tar_check(copy.data(), copy.size(), &count);
		ASSERT_LE(count, copy.size() / USTAR_BLOCK);
		outcomes[checked]++;
		// A check stops at the first error; a walk skips only the errors of one entry.
		if (checked == TAR_OK || tar_error_is_fatal(checked))
			ASSERT_EQ(walked, checked == TAR_OK ? TAR_END : checked);
		tar_entry e;
		const tar_error found = tar_find(copy.data(), copy.size(), "bin/sysinit", &e);
		if (checked != TAR_OK) // a lookup answers only from a valid archive
			ASSERT_EQ(found, checked);
		else if (found == TAR_OK)
			CheckEntry(e, found, copy.data(), copy.size());
		else
			ASSERT_EQ(found, TAR_ERR_NOT_FOUND);
	}
	// The damage is varied enough to reach every check of an archive, many times each.
	EXPECT_GE(outcomes[TAR_OK], kIterations / 10);
	for (int err = TAR_ERR_TRUNCATED; err <= TAR_ERR_LINK; err++)
		EXPECT_GE(outcomes[static_cast<tar_error>(err)], 50) << static_cast<tar_error>(err);
}

} // namespace
