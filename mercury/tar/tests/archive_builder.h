// USTAR archives built in memory for the host tests of //mercury/tar: entries whose headers
// hold what GNU tar writes, any field of which a test may then spoil in place.
#ifndef MERCURY_TAR_TESTS_ARCHIVE_BUILDER_H
#define MERCURY_TAR_TESTS_ARCHIVE_BUILDER_H

#include <cstddef>
#include <string>
#include <vector>

using Bytes = std::vector<unsigned char>;

struct Entry {
	std::string name;   // the name field, at most 100 bytes (NUL-terminated only if shorter)
	std::string prefix; // the prefix field, at most 155 bytes
	char type = '0';
	std::string data;   // its size is the size field
	std::string link;   // the linkname field
	unsigned mode = 0644;
	unsigned uid = 0, gid = 0;
	unsigned long long mtime = 0;
};

// The header block of `e`, its checksum right.
Bytes Header(const Entry &e);

// Each entry's header and data (padded to whole blocks), then `end_blocks` zero blocks.
Bytes Archive(const std::vector<Entry> &entries, int end_blocks = 2);

// Where the header of entries[index] is in Archive(entries).
size_t HeaderOffset(const std::vector<Entry> &entries, size_t index);

// Writes `bytes` at the field that starts `field` bytes into the header at `header` (an
// offsetof(struct ustar_header, ...)), leaving the rest of the field, then makes the header's
// checksum right again unless `fix_checksum` is false.
void Poke(Bytes &archive, size_t header, size_t field, const std::string &bytes,
	  bool fix_checksum = true);

// Makes the checksum of the header at `header` right.
void FixChecksum(Bytes &archive, size_t header);

#endif
