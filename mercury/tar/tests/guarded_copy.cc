#include "mercury/tar/tests/guarded_copy.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

GuardedCopy::GuardedCopy(const std::vector<unsigned char> &bytes) : size_(bytes.size())
{
	const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
	const size_t readable = (size_ + page - 1) / page * page;
	map_size_ = readable + page;
	void *map = mmap(nullptr, map_size_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			 -1, 0);
	if (map == MAP_FAILED || mprotect(static_cast<char *>(map) + readable, page, PROT_NONE))
		abort();
	map_ = static_cast<unsigned char *>(map);
	unsigned char *start = map_ + readable - size_;
	if (size_)
		memcpy(start, bytes.data(), size_);
	data_ = start;
}

GuardedCopy::~GuardedCopy()
{
	munmap(map_, map_size_);
}
