// An archive's entries as //mercury/tar reads them: as structs for the tests' assertions, and
// as text in the format of list_tar.py (Python's tarfile), so the two readers can be compared.
#ifndef MERCURY_TAR_TESTS_READER_LISTING_H
#define MERCURY_TAR_TESTS_READER_LISTING_H

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

extern "C" {
#include "mercury/tar/tar.h"
}

struct Reading {
	std::vector<tar_entry> entries; // those read with TAR_OK, in order
	tar_error end;                  // the first other result: TAR_END if all went well
};

// Reads entries with tar_next until the first result other than TAR_OK.
Reading ReadAll(const void *archive, size_t size);

// One line per entry: "<type> <mode> <uid> <gid> <mtime> <size> <name>[ -> <link>]", the
// mode in four octal digits, the type one of file, hardlink, symlink, chardev, blockdev, dir,
// fifo, other.
std::string Listing(const Reading &reading);

// How GoogleTest prints an error in a failed assertion: its number and message.
void PrintTo(tar_error err, std::ostream *os);

#endif
