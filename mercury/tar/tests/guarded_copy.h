// A copy of bytes (an archive, an ELF file) placed so that its last byte is the last readable
// one: the page after it is inaccessible, so a reader that runs past the end faults even
// without AddressSanitizer.
#ifndef MERCURY_TAR_TESTS_GUARDED_COPY_H
#define MERCURY_TAR_TESTS_GUARDED_COPY_H

#include <cstddef>
#include <vector>

class GuardedCopy {
public:
	explicit GuardedCopy(const std::vector<unsigned char> &bytes);
	~GuardedCopy();
	GuardedCopy(const GuardedCopy &) = delete;
	GuardedCopy &operator=(const GuardedCopy &) = delete;

	const unsigned char *data() const { return data_; }
	size_t size() const { return size_; }

private:
	unsigned char *map_ = nullptr;
	size_t map_size_ = 0;
	const unsigned char *data_ = nullptr;
	size_t size_ = 0;
};

#endif
