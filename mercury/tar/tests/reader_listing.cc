#include "mercury/tar/tests/reader_listing.h"

#include <cinttypes>
#include <cstdio>

namespace {

const char *TypeWord(tar_type type)
{
	switch (type) {
	case TAR_FILE:
		return "file";
	case TAR_HARDLINK:
		return "hardlink";
	case TAR_SYMLINK:
		return "symlink";
	case TAR_CHARDEV:
		return "chardev";
	case TAR_BLOCKDEV:
		return "blockdev";
	case TAR_DIRECTORY:
		return "dir";
	case TAR_FIFO:
		return "fifo";
	case TAR_OTHER:
		return "other";
	}
	return "?";
}

} // namespace

Reading ReadAll(const void *archive, size_t size)
{
	Reading r;
	tar_iter it;
	tar_entry e;
	tar_iter_init(&it, archive, size);
	while ((r.end = tar_next(&it, &e)) == TAR_OK)
		r.entries.push_back(e);
	return r;
}

std::string Listing(const Reading &reading)
{
	std::string out;
	for (const tar_entry &e : reading.entries) {
		char fields[128];
		snprintf(fields, sizeof(fields), "%s %04o %u %u %" PRIu64 " %" PRIu64 " ",
			 TypeWord(e.type), static_cast<unsigned>(e.mode), static_cast<unsigned>(e.uid),
			 static_cast<unsigned>(e.gid), e.mtime, e.size);
		out += fields;
		out += e.name;
		if (e.link[0])
			out += std::string(" -> ") + e.link;
		out += "\n";
	}
	return out;
}

void PrintTo(tar_error err, std::ostream *os)
{
	*os << static_cast<int>(err) << " (" << tar_strerror(err) << ")";
}
