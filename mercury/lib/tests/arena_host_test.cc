// The arena on the host, over a fake page source: a range reserved with mmap whose pages are
// made accessible on commit and inaccessible again on release, so a touch of a page the
// arena does not hold crashes the test. The fake also checks the arena's bookkeeping (no page
// committed or released twice) and can run out of memory on demand.
#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include <gtest/gtest.h>

extern "C" {
#include <mercury/arena.h>
}

namespace {

constexpr size_t kPage = MERCURY_ARENA_PAGE;

class FakePages {
      public:
	explicit FakePages(size_t bytes) : size_(bytes), committed_(bytes / kPage)
	{
		int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
		void *p = mmap(nullptr, bytes, PROT_NONE, flags, -1, 0);
		EXPECT_NE(p, MAP_FAILED);
		base_ = (uintptr_t)p;
	}
	~FakePages() { munmap((void *)base_, size_); }

	mercury_page_source Source() { return { Commit, Release, this }; }
	uintptr_t base() const { return base_; }
	size_t committed() const { return std::count(committed_.begin(), committed_.end(), true); }
	// Pages the next commits may still take before they fail (-1: no limit).
	long budget = -1;
	int commits = 0;

      private:
	static int Commit(void *ctx, uintptr_t addr, size_t pages)
	{
		FakePages *f = static_cast<FakePages *>(ctx);
		if (f->budget >= 0 && (long)pages > f->budget)
			return 1;
		if (f->budget >= 0)
			f->budget -= (long)pages;
		f->commits++;
		for (size_t i = 0; i < pages; i++) {
			size_t index = (addr - f->base_) / kPage + i;
			EXPECT_LT(index, f->committed_.size());
			EXPECT_FALSE(f->committed_[index]) << "page committed twice";
			f->committed_[index] = true;
		}
		EXPECT_EQ(mprotect((void *)addr, pages * kPage, PROT_READ | PROT_WRITE), 0);
		memset((void *)addr, 0xa5, pages * kPage); // fresh pages are not assumed zero
		return 0;
	}

	static void Release(void *ctx, uintptr_t addr, size_t pages)
	{
		FakePages *f = static_cast<FakePages *>(ctx);
		for (size_t i = 0; i < pages; i++) {
			size_t index = (addr - f->base_) / kPage + i;
			EXPECT_TRUE(f->committed_[index]) << "page released but not committed";
			f->committed_[index] = false;
		}
		madvise((void *)addr, pages * kPage, MADV_DONTNEED);
		EXPECT_EQ(mprotect((void *)addr, pages * kPage, PROT_NONE), 0);
	}

	uintptr_t base_;
	size_t size_;
	std::vector<bool> committed_;
};

class Arena : public ::testing::Test {
      protected:
	static constexpr size_t kSize = 64ull << 20;
	FakePages pages{ kSize };
	mercury_arena a;

	void SetUp() override
	{
		mercury_page_source src = pages.Source();
		ASSERT_EQ(mercury_arena_init(&a, pages.base(), kSize, &src), MERCURY_ARENA_OK);
	}
	void TearDown() override
	{
		EXPECT_EQ(mercury_arena_check(&a), MERCURY_ARENA_OK);
		mercury_arena_destroy(&a);
		EXPECT_EQ(pages.committed(), 0u);
	}

	void *Alloc(size_t size, size_t align = 16)
	{
		void *p = nullptr;
		EXPECT_EQ(mercury_arena_alloc(&a, size, align, &p), MERCURY_ARENA_OK) << size;
		return p;
	}
	void Free(void *p) { EXPECT_EQ(mercury_arena_free(&a, p), MERCURY_ARENA_OK); }
	void Check() { ASSERT_EQ(mercury_arena_check(&a), MERCURY_ARENA_OK); }
	size_t Usable(void *p)
	{
		size_t n = 0;
		EXPECT_EQ(mercury_arena_usable(&a, p, &n), MERCURY_ARENA_OK);
		return n;
	}
};

TEST_F(Arena, ManySizesAlignedAndDistinct)
{
	std::vector<std::pair<uint8_t *, size_t>> blocks;
	for (size_t size = 0; size < 5000; size += 37) {
		uint8_t *p = (uint8_t *)Alloc(size);
		ASSERT_NE(p, nullptr);
		EXPECT_EQ((uintptr_t)p % 16, 0u);
		EXPECT_GE(Usable(p), size);
		memset(p, (int)(size & 0xff), size);
		blocks.push_back({ p, size });
	}
	Check();
	for (auto &b : blocks)
		for (size_t i = 0; i < b.second; i++)
			ASSERT_EQ(b.first[i], (uint8_t)(b.second & 0xff)) << b.second;
	for (auto &b : blocks)
		Free(b.first);
	EXPECT_EQ(a.stats.used_bytes, 0u);
	EXPECT_EQ(a.stats.used_blocks, 0u);
}

TEST_F(Arena, ReuseAfterFree)
{
	void *p = Alloc(100);
	Free(p);
	EXPECT_EQ(Alloc(100), p); // the block just freed is the first reused
	void *q = Alloc(3000);
	void *guard = Alloc(16);
	Free(q);
	EXPECT_EQ(Alloc(2000), q); // a larger free chunk is split for a smaller block
	Free(guard);
}

TEST_F(Arena, FreeMergesNeighbours)
{
	void *x = Alloc(1000), *y = Alloc(1000), *z = Alloc(1000), *guard = Alloc(16);
	Free(x);
	Free(z);
	Free(y); // x, y and z become one chunk
	Check();
	void *big = Alloc(3000);
	EXPECT_EQ(big, x);
	Free(big);
	Free(guard);
}

TEST_F(Arena, Alignment)
{
	for (size_t align = 16; align <= 65536; align *= 2) {
		for (size_t size : { 1, 100, 5000 }) {
			void *p = Alloc(size, align);
			EXPECT_EQ((uintptr_t)p % align, 0u) << align;
			memset(p, 1, size);
			Check();
			Free(p);
		}
	}
	void *p = nullptr;
	EXPECT_EQ(mercury_arena_alloc(&a, 8, 48, &p), MERCURY_ARENA_ERR_PARAM);
	EXPECT_EQ(p, nullptr);
}

TEST_F(Arena, Realloc)
{
	uint8_t *p = nullptr;
	ASSERT_EQ(mercury_arena_realloc(&a, nullptr, 10, (void **)&p), MERCURY_ARENA_OK);
	for (int i = 0; i < 10; i++)
		p[i] = (uint8_t)i;
	// Growing, over and over (in place at the end, or moved): contents stay.
	for (size_t size = 20; size < 300000; size = size * 3 / 2) {
		uint8_t *q = nullptr;
		ASSERT_EQ(mercury_arena_realloc(&a, p, size, (void **)&q), MERCURY_ARENA_OK);
		for (int i = 0; i < 10; i++)
			ASSERT_EQ(q[i], i);
		p = q;
		Check();
	}
	// Shrinking keeps the block where it is.
	uint8_t *small = nullptr;
	ASSERT_EQ(mercury_arena_realloc(&a, p, 10, (void **)&small), MERCURY_ARENA_OK);
	EXPECT_EQ(small, p);
	Check();
	// Growing into a free neighbour.
	void *next = Alloc(4000), *guard = Alloc(16);
	void *grown = nullptr;
	uint8_t *first = (uint8_t *)Alloc(100);
	Free(next);
	(void)first;
	ASSERT_EQ(mercury_arena_realloc(&a, small, 2000, &grown), MERCURY_ARENA_OK);
	for (int i = 0; i < 10; i++)
		EXPECT_EQ(((uint8_t *)grown)[i], i);
	Free(grown);
	Free(guard);
	Free(first);
}

TEST_F(Arena, DoubleFreeAndInvalidPointers)
{
	void *r = Alloc(256), *p = Alloc(64), *q = Alloc(64), *guard = Alloc(16);
	Free(p);
	EXPECT_EQ(mercury_arena_free(&a, p), MERCURY_ARENA_ERR_DOUBLE_FREE);
	Free(q); // q merges with p: p's header is inside a free chunk, still marked free
	EXPECT_EQ(mercury_arena_free(&a, p), MERCURY_ARENA_ERR_DOUBLE_FREE);
	EXPECT_EQ(mercury_arena_free(&a, q), MERCURY_ARENA_ERR_DOUBLE_FREE);
	int local = 0;
	EXPECT_EQ(mercury_arena_free(&a, &local), MERCURY_ARENA_ERR_INVALID);
	EXPECT_EQ(mercury_arena_free(&a, (char *)r + 16), MERCURY_ARENA_ERR_INVALID);
	EXPECT_EQ(mercury_arena_free(&a, (char *)r + 1), MERCURY_ARENA_ERR_INVALID);
	size_t n;
	EXPECT_EQ(mercury_arena_usable(&a, (char *)r + 32, &n), MERCURY_ARENA_ERR_INVALID);
	void *moved;
	EXPECT_EQ(mercury_arena_realloc(&a, p, 10, &moved), MERCURY_ARENA_ERR_DOUBLE_FREE);
	Check(); // none of it changed the arena
	Free(r);
	Free(guard);
}

TEST_F(Arena, OverwrittenHeaderFound)
{
	uint8_t *p = (uint8_t *)Alloc(32), *q = (uint8_t *)Alloc(32);
	memset(p, 0x41, 32 + 8); // runs 8 bytes into q's header
	EXPECT_EQ(mercury_arena_free(&a, q), MERCURY_ARENA_ERR_INVALID);
	EXPECT_EQ(mercury_arena_check(&a), MERCURY_ARENA_ERR_CORRUPT);
	// Freeing p needs its neighbour's header: refused as well, nothing changed.
	EXPECT_EQ(mercury_arena_free(&a, p), MERCURY_ARENA_ERR_CORRUPT);
	// Repair the header so TearDown can check and destroy the arena.
	memset(p + 32, 0, 8);
	uint8_t *header = q - 16;
	uint64_t size = 48 | 0;
	memcpy(header, &size, 8);
	EXPECT_EQ(mercury_arena_free(&a, q), MERCURY_ARENA_OK);
	Free(p);
}

TEST_F(Arena, MemoryGoesBackOnFree)
{
	size_t idle = pages.committed();
	void *big = Alloc(4 << 20);
	EXPECT_GE(pages.committed(), idle + (4 << 20) / kPage);
	Free(big); // the free last chunk, at the start, goes: the arena is empty again
	EXPECT_EQ(pages.committed(), idle);
	// A large free chunk in the middle gives back its inner pages.
	void *middle = Alloc(1 << 20), *after = Alloc(64);
	size_t before = pages.committed();
	Free(middle);
	EXPECT_LE(pages.committed(), before - (1 << 20) / kPage + 2);
	Check();
	// ... and gets them back when used again; the memory is usable.
	uint8_t *again = (uint8_t *)Alloc(1 << 20);
	EXPECT_EQ(again, middle);
	memset(again, 7, 1 << 20);
	Free(again);
	Free(after);
	EXPECT_EQ(pages.committed(), idle);
}

TEST_F(Arena, TrimGivesBackEveryFreePage)
{
	a.release_min = SIZE_MAX; // the policy alone would keep everything
	a.trim_min = SIZE_MAX;
	std::vector<void *> blocks;
	for (int i = 0; i < 64; i++)
		blocks.push_back(Alloc(20000));
	for (size_t i = 0; i < blocks.size(); i += 2)
		Free(blocks[i]);
	size_t before = pages.committed();
	mercury_arena_trim(&a);
	EXPECT_LT(pages.committed(), before - 100);
	Check();
	for (size_t i = 1; i < blocks.size(); i += 2)
		memset(blocks[i], 3, 20000); // the used blocks are untouched
	for (size_t i = 1; i < blocks.size(); i += 2)
		Free(blocks[i]);
}

TEST_F(Arena, OutOfMemoryLosesNothing)
{
	void *p = Alloc(100);
	pages.budget = 0;
	void *q = nullptr;
	EXPECT_EQ(mercury_arena_alloc(&a, 1 << 20, 16, &q), MERCURY_ARENA_ERR_NOMEM);
	EXPECT_EQ(q, nullptr);
	void *moved = nullptr;
	EXPECT_EQ(mercury_arena_realloc(&a, p, 1 << 20, &moved), MERCURY_ARENA_ERR_NOMEM);
	EXPECT_EQ(moved, nullptr);
	Check();
	EXPECT_GE(Usable(p), 100u); // p still there
	// A request larger than the whole range.
	pages.budget = -1;
	EXPECT_EQ(mercury_arena_alloc(&a, kSize, 16, &q), MERCURY_ARENA_ERR_NOMEM);
	EXPECT_EQ(mercury_arena_alloc(&a, SIZE_MAX - 8, 16, &q), MERCURY_ARENA_ERR_NOMEM);
	EXPECT_EQ(mercury_arena_alloc(&a, 64, (size_t)1 << 63, &q), MERCURY_ARENA_ERR_NOMEM);
	Free(p);
}

// A released chunk whose pages cannot come back stays free and whole.
TEST_F(Arena, ReleasedChunkWithoutMemory)
{
	void *middle = Alloc(1 << 20), *after = Alloc(64);
	Free(middle);
	pages.budget = 0;
	void *p = nullptr;
	EXPECT_EQ(mercury_arena_alloc(&a, 512 << 10, 16, &p), MERCURY_ARENA_ERR_NOMEM);
	Check();
	pages.budget = -1;
	Free(after);
}

TEST_F(Arena, RandomStress)
{
	std::mt19937 rng(1234);
	struct Block {
		uint8_t *p;
		size_t size;
		uint8_t fill;
	};
	std::vector<Block> live;
	for (int step = 0; step < 20000; step++) {
		unsigned op = rng() % 10;
		if (op < 4 || live.empty()) {
			size_t size = rng() % 16 == 0 ? rng() % 200000 : rng() % 512;
			size_t align = rng() % 8 == 0 ? (size_t)16 << (rng() % 9) : 16;
			uint8_t *p = (uint8_t *)Alloc(size, align);
			ASSERT_NE(p, nullptr);
			uint8_t fill = (uint8_t)rng();
			memset(p, fill, size);
			live.push_back({ p, size, fill });
		} else if (op < 8) {
			size_t i = rng() % live.size();
			for (size_t k = 0; k < live[i].size; k += 97)
				ASSERT_EQ(live[i].p[k], live[i].fill) << "step " << step;
			Free(live[i].p);
			live[i] = live.back();
			live.pop_back();
		} else {
			size_t i = rng() % live.size();
			size_t size = rng() % 16 == 0 ? rng() % 100000 : rng() % 1024;
			uint8_t *q = nullptr;
			ASSERT_EQ(mercury_arena_realloc(&a, live[i].p, size, (void **)&q),
				  MERCURY_ARENA_OK);
			for (size_t k = 0; k < std::min(size, live[i].size); k += 61)
				ASSERT_EQ(q[k], live[i].fill) << "step " << step;
			memset(q, live[i].fill, size);
			live[i].p = q;
			live[i].size = size;
		}
		if (step % 1000 == 0)
			Check();
	}
	for (auto &b : live)
		Free(b.p);
	mercury_arena_trim(&a);
	EXPECT_EQ(pages.committed(), 1u); // the bitmap's page
	EXPECT_EQ(a.end, a.start);
}

TEST(ArenaInit, RefusesBadRanges)
{
	FakePages pages(1 << 20);
	mercury_page_source src = pages.Source();
	mercury_arena a;
	EXPECT_EQ(mercury_arena_init(&a, pages.base() + 8, 1 << 19, &src), MERCURY_ARENA_ERR_PARAM);
	EXPECT_EQ(mercury_arena_init(&a, pages.base(), kPage, &src), MERCURY_ARENA_ERR_PARAM);
	pages.budget = 0;
	EXPECT_EQ(mercury_arena_init(&a, pages.base(), 1 << 20, &src), MERCURY_ARENA_ERR_NOMEM);
	EXPECT_EQ(pages.committed(), 0u);
}

// A range so large its bitmap spans pages: they are committed as the arena reaches them.
TEST(ArenaInit, LargeRangeBitmapOnDemand)
{
	constexpr size_t kHuge = 1ull << 30; // 262144 pages: 8 bitmap pages
	FakePages pages(kHuge);
	mercury_page_source src = pages.Source();
	mercury_arena a;
	ASSERT_EQ(mercury_arena_init(&a, pages.base(), kHuge, &src), MERCURY_ARENA_OK);
	EXPECT_EQ(pages.committed(), 1u);
	std::vector<void *> blocks;
	for (int i = 0; i < 5; i++) { // 5 x 30 MiB: past the first bitmap page's 128 MiB
		void *p = nullptr;
		ASSERT_EQ(mercury_arena_alloc(&a, 30 << 20, 16, &p), MERCURY_ARENA_OK) << i;
		((char *)p)[0] = 1;
		((char *)p)[(30 << 20) - 1] = 1;
		blocks.push_back(p);
	}
	EXPECT_GT(pages.committed(), 2u + (128u << 20) / kPage); // two bitmap pages at least
	EXPECT_EQ(mercury_arena_check(&a), MERCURY_ARENA_OK);
	for (void *p : blocks)
		EXPECT_EQ(mercury_arena_free(&a, p), MERCURY_ARENA_OK);
	EXPECT_EQ(mercury_arena_check(&a), MERCURY_ARENA_OK);
	mercury_arena_destroy(&a);
	EXPECT_EQ(pages.committed(), 0u);
}

TEST(ArenaErrors, Messages)
{
	for (int e = MERCURY_ARENA_OK; e <= MERCURY_ARENA_ERR_PARAM; e++)
		EXPECT_STRNE(mercury_arena_strerror(e), "unknown heap error");
}

} // namespace
