#include "mercury/tar/tests/archive_builder.h"

#include <cstdio>
#include <cstring>

#include <gtest/gtest.h>

extern "C" {
#include "mercury/tar/ustar.h"
}

namespace {

// Copies `s` into a field of `width` bytes (the rest stays NUL).
void PutString(char *field, size_t width, const std::string &s)
{
	EXPECT_LE(s.size(), width) << "a test wrote a too long field: " << s;
	memcpy(field, s.data(), std::min(s.size(), width));
}

// An octal number as GNU tar writes it: zero-padded to width - 1 digits, then NUL.
void PutNumber(char *field, size_t width, unsigned long long value)
{
	char text[32];
	snprintf(text, sizeof(text), "%0*llo", static_cast<int>(width - 1), value);
	PutString(field, width, text);
}

size_t Padded(size_t size)
{
	return (size + USTAR_BLOCK - 1) / USTAR_BLOCK * USTAR_BLOCK;
}

} // namespace

Bytes Header(const Entry &e)
{
	ustar_header h{};
	PutString(h.name, sizeof(h.name), e.name);
	PutNumber(h.mode, sizeof(h.mode), e.mode);
	PutNumber(h.uid, sizeof(h.uid), e.uid);
	PutNumber(h.gid, sizeof(h.gid), e.gid);
	PutNumber(h.size, sizeof(h.size), e.data.size());
	PutNumber(h.mtime, sizeof(h.mtime), e.mtime);
	h.typeflag = e.type;
	PutString(h.linkname, sizeof(h.linkname), e.link);
	memcpy(h.magic, "ustar", sizeof(h.magic));
	memcpy(h.version, "00", sizeof(h.version));
	PutString(h.uname, sizeof(h.uname), "root");
	PutString(h.gname, sizeof(h.gname), "root");
	PutNumber(h.devmajor, sizeof(h.devmajor), 0);
	PutNumber(h.devminor, sizeof(h.devminor), 0);
	PutString(h.prefix, sizeof(h.prefix), e.prefix);
	Bytes block(USTAR_BLOCK);
	memcpy(block.data(), &h, sizeof(h));
	FixChecksum(block, 0);
	return block;
}

Bytes Archive(const std::vector<Entry> &entries, int end_blocks)
{
	Bytes out;
	for (const Entry &e : entries) {
		Bytes header = Header(e);
		out.insert(out.end(), header.begin(), header.end());
		out.insert(out.end(), e.data.begin(), e.data.end());
		out.resize(Padded(out.size()), 0);
	}
	out.resize(out.size() + end_blocks * USTAR_BLOCK, 0);
	return out;
}

size_t HeaderOffset(const std::vector<Entry> &entries, size_t index)
{
	size_t offset = 0;
	for (size_t i = 0; i < index; i++)
		offset += USTAR_BLOCK + Padded(entries[i].data.size());
	return offset;
}

void Poke(Bytes &archive, size_t header, size_t field, const std::string &bytes,
	  bool fix_checksum)
{
	ASSERT_LE(header + field + bytes.size(), archive.size());
	memcpy(archive.data() + header + field, bytes.data(), bytes.size());
	if (fix_checksum)
		FixChecksum(archive, header);
}

void FixChecksum(Bytes &archive, size_t header)
{
	ASSERT_LE(header + USTAR_BLOCK, archive.size());
	unsigned char *block = archive.data() + header;
	const size_t field = offsetof(ustar_header, chksum);
	memset(block + field, ' ', sizeof(ustar_header::chksum));
	unsigned sum = 0;
	for (size_t i = 0; i < USTAR_BLOCK; i++)
		sum += block[i];
	char text[16];
	snprintf(text, sizeof(text), "%06o", sum);
	memcpy(block + field, text, 7); // six digits and NUL; the eighth byte stays a space
}
