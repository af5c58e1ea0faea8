// Page tables in both formats, built in host memory: "physical" addresses are offsets into a
// buffer of table pages, so every walk can be checked from the outside.
#include <cstdint>
#include <cstring>
#include <functional>
#include <vector>

#include <gtest/gtest.h>

#if !defined(__clang__)
#endif
extern "C" {
#include "boot/paging.h"
}

namespace {

constexpr uint64_t K = 1024, M = K * K, G = M * K, P = 4096;
constexpr uint64_t kTablePhys = 0x7000000000ull; // where the fake table memory "is"

// Table memory: up to `limit` pages handed out at kTablePhys onwards.
struct Tables {
	pt_ctx ctx{};
	std::vector<uint64_t> mem; // 512 words per page
	size_t used = 0, limit;

	Tables(const pt_format *f, size_t limit_pages = 4096)
		: mem(limit_pages * 512), limit(limit_pages)
	{
		ctx.format = f;
		ctx.alloc_table = Alloc;
		ctx.phys_to_ptr = ToPtr;
		ctx.opaque = this;
		ctx.root = Alloc(&ctx);
	}

	static uint64_t Alloc(pt_ctx *ctx)
	{
		Tables *t = static_cast<Tables *>(ctx->opaque);
		if (t->used == t->limit)
			return 0;
		memset(&t->mem[t->used * 512], 0, P); // alloc_table's contract: zeroed
		return kTablePhys + P * t->used++;
	}

	static void *ToPtr(pt_ctx *ctx, uint64_t phys)
	{
		Tables *t = static_cast<Tables *>(ctx->opaque);
		EXPECT_GE(phys, kTablePhys);
		EXPECT_LT(phys, kTablePhys + P * t->used) << "walk left the table memory";
		EXPECT_EQ(phys % P, 0u);
		if (phys < kTablePhys || phys >= kTablePhys + P * t->used)
			return &t->mem[0];
		return &t->mem[(phys - kTablePhys) / 8];
	}

	int Map(uint64_t virt, uint64_t phys, uint64_t size, unsigned flags)
	{
		return pt_map(&ctx, virt, phys, size, flags);
	}

	// Translation of `virt`, or ~0 if unmapped; *level set when mapped.
	uint64_t Translate(uint64_t virt, unsigned *level = nullptr)
	{
		uint64_t phys;
		unsigned l = 99;
		if (pt_translate(&ctx, virt, &phys, &l) != 0)
			return ~0ull;
		if (level)
			*level = l;
		return phys;
	}

	// The leaf entry mapping `virt` (0 if none).
	uint64_t Leaf(uint64_t virt)
	{
		const pt_format *f = ctx.format;
		uint64_t table = ctx.root;
		for (int l = 3; l >= 0; l--) {
			uint64_t *t = static_cast<uint64_t *>(ToPtr(&ctx, table));
			uint64_t e = t[(virt >> (12 + 9 * l)) & 511];
			if (!f->present(e))
				return 0;
			if (l == 0 || !f->is_table(e, l))
				return e;
			table = f->table_address(e);
		}
		return 0;
	}

	// Calls fn(entry, level) for every present entry in every table.
	void ForEachEntry(const std::function<void(uint64_t, int)> &fn)
	{
		Walk(ctx.root, 3, fn);
	}

	void Walk(uint64_t table, int level, const std::function<void(uint64_t, int)> &fn)
	{
		uint64_t *t = static_cast<uint64_t *>(ToPtr(&ctx, table));
		for (int i = 0; i < 512; i++) {
			uint64_t e = t[i];
			if (!ctx.format->present(e))
				continue;
			fn(e, level);
			if (level > 0 && ctx.format->is_table(e, level))
				Walk(ctx.format->table_address(e), level - 1, fn);
		}
	}
};

// x86_64 entry bits.
constexpr uint64_t X_P = 1, X_RW = 2, X_US = 4, X_PWT = 8, X_PCD = 16, X_PS = 128, X_G = 256,
		   X_NX = 1ull << 63;
// aarch64 descriptor bits.
constexpr uint64_t A_RO = 1ull << 7, A_SH = 3ull << 8, A_AF = 1ull << 10, A_NG = 1ull << 11,
		   A_PXN = 1ull << 53, A_UXN = 1ull << 54, A_ATTR = 7ull << 2, A_AP1 = 1ull << 6;

pt_format X86With1GiB()
{
	pt_format f = pt_format_x86_64;
	f.max_leaf_level = 2;
	return f;
}

TEST(PagingFormatTest, X86Entries)
{
	const pt_format &f = pt_format_x86_64;
	EXPECT_EQ(f.table_entry(0x123000), 0x123000 | X_P | X_RW);
	EXPECT_EQ(f.leaf_entry(0x5000, 0, 0), 0x5000 | X_P | X_NX);
	EXPECT_EQ(f.leaf_entry(0x5000, 0, PT_WRITE), 0x5000 | X_P | X_RW | X_NX);
	EXPECT_EQ(f.leaf_entry(0x5000, 0, PT_EXEC), 0x5000 | X_P);
	EXPECT_EQ(f.leaf_entry(0x5000, 0, PT_GLOBAL | PT_EXEC), 0x5000 | X_P | X_G);
	EXPECT_EQ(f.leaf_entry(0x5000, 0, PT_DEVICE | PT_WRITE),
		  0x5000 | X_P | X_RW | X_NX | X_PCD | X_PWT);
	EXPECT_EQ(f.leaf_entry(0x200000, 1, PT_WRITE), 0x200000 | X_P | X_RW | X_NX | X_PS);
	EXPECT_EQ(f.leaf_entry(0x40000000, 2, PT_EXEC), 0x40000000 | X_P | X_PS);
	EXPECT_EQ(f.leaf_entry(0xfffffffff000ull, 0, PT_EXEC), 0xfffffffff000ull | X_P);
	for (unsigned flags = 0; flags < 16; flags++)
		for (int level = 0; level < 3; level++)
			EXPECT_EQ(f.leaf_entry(0, level, flags) & X_US, 0u) << "U bit set";
	EXPECT_TRUE(f.present(X_P));
	EXPECT_FALSE(f.present(X_RW | X_NX));
	EXPECT_TRUE(f.is_table(X_P, 1));
	EXPECT_FALSE(f.is_table(X_P | X_PS, 1));
	EXPECT_FALSE(f.is_table(X_P | X_PS, 2));
	EXPECT_TRUE(f.is_table(X_P, 3));
	EXPECT_EQ(f.table_address(0x8000000000123fffull), 0x123000u);
	EXPECT_EQ(f.max_leaf_level, 1);
}

TEST(PagingFormatTest, Aarch64Entries)
{
	const pt_format &f = pt_format_aarch64;
	EXPECT_EQ(f.table_entry(0x123000), 0x123000u | 3);
	// Read-only, not executable, normal memory.
	EXPECT_EQ(f.leaf_entry(0x5000, 0, 0), 0x5000 | 3 | A_AF | A_SH | A_RO | A_PXN | A_UXN);
	EXPECT_EQ(f.leaf_entry(0x5000, 0, PT_WRITE), 0x5000 | 3 | A_AF | A_SH | A_PXN | A_UXN);
	EXPECT_EQ(f.leaf_entry(0x5000, 0, PT_EXEC), 0x5000 | 3 | A_AF | A_SH | A_RO | A_UXN);
	// Blocks at levels 1 and 2 have 0b01.
	EXPECT_EQ(f.leaf_entry(0x200000, 1, PT_WRITE) & 3, 1u);
	EXPECT_EQ(f.leaf_entry(0x40000000, 2, PT_WRITE) & 3, 1u);
	EXPECT_EQ(f.leaf_entry(0x40000000, 2, PT_WRITE) & ~0xfffull & ~(A_PXN | A_UXN),
		  0x40000000u);
	// Device memory uses MAIR index 1, normal index 0.
	EXPECT_EQ(f.leaf_entry(0x9000000, 0, PT_DEVICE | PT_WRITE) & A_ATTR, 1u << 2);
	EXPECT_EQ(f.leaf_entry(0x9000000, 0, PT_WRITE) & A_ATTR, 0u);
	for (unsigned flags = 0; flags < 16; flags++) {
		for (int level = 0; level < 3; level++) {
			uint64_t e = f.leaf_entry(0x40000000, level, flags);
			EXPECT_TRUE(e & A_UXN) << "EL0 may execute";
			EXPECT_TRUE(e & A_AF);
			EXPECT_FALSE(e & A_AP1) << "EL0 may access";
			EXPECT_FALSE(e & A_NG);
			EXPECT_EQ(!!(e & A_PXN), !(flags & PT_EXEC));
			EXPECT_EQ(!!(e & A_RO), !(flags & PT_WRITE));
			EXPECT_TRUE(f.present(e));
			if (level > 0) {
				EXPECT_FALSE(f.is_table(e, level));
			}
		}
	}
	EXPECT_TRUE(f.is_table(0x1000 | 3, 1));
	EXPECT_FALSE(f.present(2));
	EXPECT_EQ(f.table_address(0xffff000000123fffull | A_UXN), 0x123000u);
	EXPECT_EQ(f.max_leaf_level, 2);
}

class PagingTest : public ::testing::TestWithParam<int> {
protected:
	pt_format x86_1g = X86With1GiB();
	const pt_format *Format()
	{
		switch (GetParam()) {
		case 0:
			return &pt_format_x86_64;
		case 1:
			return &x86_1g;
		default:
			return &pt_format_aarch64;
		}
	}
};

std::string FormatName(const ::testing::TestParamInfo<int> &info)
{
	static const char *const names[] = {"x86_64", "x86_64_1GiB", "aarch64"};
	return names[info.param];
}

INSTANTIATE_TEST_SUITE_P(Formats, PagingTest, ::testing::Values(0, 1, 2), FormatName);

TEST_P(PagingTest, MapAndTranslateOnePage)
{
	Tables t(Format());
	uint64_t virt = 0xffff800012345000ull;
	EXPECT_EQ(t.Translate(virt), ~0ull);
	ASSERT_EQ(t.Map(virt, 0xabcde000, P, PT_WRITE), 0);
	unsigned level;
	EXPECT_EQ(t.Translate(virt, &level), 0xabcde000u);
	EXPECT_EQ(level, 0u);
	EXPECT_EQ(t.Translate(virt + 0x123), 0xabcde123u);
	EXPECT_EQ(t.Translate(virt + P), ~0ull);
	EXPECT_EQ(t.Translate(virt - 1), ~0ull);
	EXPECT_EQ(t.used, 4u); // root + one table per level
}

TEST_P(PagingTest, RejectsUnalignedArguments)
{
	Tables t(Format());
	EXPECT_EQ(t.Map(0x1001, 0x2000, P, 0), -1);
	EXPECT_EQ(t.Map(0x1000, 0x2001, P, 0), -1);
	EXPECT_EQ(t.Map(0x1000, 0x2000, P + 1, 0), -1);
	EXPECT_EQ(t.used, 1u);
	EXPECT_EQ(t.Map(0x1000, 0x2000, 0, 0), 0); // nothing to do
	EXPECT_EQ(t.used, 1u);
}

TEST_P(PagingTest, LargestBlocksAlignmentAllows)
{
	Tables t(Format());
	int max = Format()->max_leaf_level;
	// [2M - 8K, 2G + 2M + 12K): pages, then 2M blocks, then (if allowed) 1G blocks, back down.
	uint64_t virt = 0xffff800000000000ull + 2 * M - 2 * P;
	uint64_t phys = 2 * M - 2 * P;
	uint64_t size = 2 * G + 4 * P + 3 * P;
	ASSERT_EQ(t.Map(virt, phys, size, PT_WRITE), 0);
	// Levels by physical address (virtual = HHDM base + physical).
	auto level_at = [&](uint64_t addr) {
		unsigned level = 99;
		uint64_t got = t.Translate(virt + (addr - phys), &level);
		EXPECT_EQ(got, addr) << std::hex << addr;
		return (int)level;
	};
	EXPECT_EQ(level_at(2 * M - 2 * P), 0);
	EXPECT_EQ(level_at(2 * M - P), 0);
	EXPECT_EQ(level_at(2 * M), 1);
	EXPECT_EQ(level_at(4 * M + 5), 1);
	EXPECT_EQ(level_at(G - 2 * M), 1);
	EXPECT_EQ(level_at(G), max); // a 1G block when allowed
	EXPECT_EQ(level_at(2 * G - 1), max);
	EXPECT_EQ(level_at(2 * G), 1); // 2M + 20K are left: one 2M block
	EXPECT_EQ(level_at(2 * G + 2 * M), 0); // the last 20K in pages
	EXPECT_EQ(level_at(2 * G + 2 * M + 4 * P), 0);
	EXPECT_EQ(phys + size, 2 * G + 2 * M + 5 * P);
	EXPECT_EQ(t.Translate(virt + size), ~0ull);
	EXPECT_EQ(t.Translate(virt - 1), ~0ull);
	// Every page in between maps linearly (sampled at 4K steps near the edges).
	for (uint64_t off = 0; off < 4 * M; off += P)
		ASSERT_EQ(t.Translate(virt + off), phys + off);
	for (uint64_t off = size - 4 * M; off < size; off += P)
		ASSERT_EQ(t.Translate(virt + off), phys + off);
}

TEST_P(PagingTest, BlocksNeedVirtualAndPhysicalAlignment)
{
	Tables t(Format());
	// Virtual 2M-aligned, physical only 4K-aligned: pages only.
	ASSERT_EQ(t.Map(0x40000000, 0x1000, 4 * M, 0), 0);
	unsigned level;
	EXPECT_EQ(t.Translate(0x40000000 + 2 * M, &level), 0x1000 + 2 * M);
	EXPECT_EQ(level, 0u);
	// Both aligned: a block.
	ASSERT_EQ(t.Map(0x80000000, 0x200000, 2 * M, 0), 0);
	EXPECT_EQ(t.Translate(0x80000000 + 5, &level), 0x200005u);
	EXPECT_EQ(level, 1u);
}

TEST_P(PagingTest, RefusesToMapOverExistingMappings)
{
	Tables t(Format());
	ASSERT_EQ(t.Map(0x200000, 0x200000, P, 0), 0);
	EXPECT_EQ(t.Map(0x200000, 0x900000, P, 0), -1); // the same page again
	EXPECT_EQ(t.Map(0x200000, 0x400000, 2 * M, 0), -1); // a block over a page
	EXPECT_EQ(t.Map(0x1ff000, 0x1ff000, 2 * P, 0), -1); // a range ending on the page
	EXPECT_EQ(t.Translate(0x200000), 0x200000u);         // unchanged
	EXPECT_EQ(t.Translate(0x1ff000), ~0ull);             // refused as a whole
	ASSERT_EQ(t.Map(0x201000, 0x201000, P, 0), 0);       // the neighbour is fine
	ASSERT_EQ(t.Map(0x1ff000, 0x1ff000, P, 0), 0);

	ASSERT_EQ(t.Map(0x400000, 0x400000, 2 * M, 0), 0); // a block
	EXPECT_EQ(t.Map(0x500000, 0x500000, P, 0), -1);     // a page inside it
	EXPECT_EQ(t.Map(0x400000, 0x400000, 2 * M, 0), -1);  // the block again
	EXPECT_EQ(t.Translate(0x500000), 0x500000u);

	if (Format()->max_leaf_level == 2) {
		ASSERT_EQ(t.Map(G, G, G, 0), 0);
		EXPECT_EQ(t.Map(G + 2 * M, 0, 2 * M, 0), -1); // a 2M block inside a 1G block
		EXPECT_EQ(t.Map(0, 0, 2 * G, 0), -1);
	}
}

TEST_P(PagingTest, RangeEndingAtTopOfAddressSpace)
{
	Tables t(Format());
	ASSERT_EQ(t.Map(0xffffffffffe00000ull, 0x200000, 2 * M, PT_EXEC), 0);
	EXPECT_EQ(t.Translate(0xfffffffffffff123ull), 0x3ff123u);
	ASSERT_EQ(t.Map(0xffffffff80000000ull, 0x40000000, 2 * G - 2 * M, 0), 0);
	EXPECT_EQ(t.Translate(0xffffffffc0000000ull), 0x80000000u);
}

TEST_P(PagingTest, OutOfTableMemory)
{
	Tables t(Format(), 3);
	EXPECT_EQ(t.Map(0x1000, 0x1000, P, 0), -1); // needs 3 more tables, 2 are left
	Tables u(Format(), 4);
	EXPECT_EQ(u.Map(0x1000, 0x1000, P, 0), 0);
	EXPECT_EQ(u.Map(0x1000 + G, 0x1000, P, 0), -1); // another level-1 table needed
	EXPECT_EQ(u.Map(0x2000, 0x2000, 2 * M - 2 * P, 0), 0); // same tables: fine
}

TEST_P(PagingTest, TableEntriesArePermissive)
{
	Tables t(Format());
	ASSERT_EQ(t.Map(HELIOS_KERNEL_BASE, 0x100000, 8 * M, 0), 0);
	int tables = 0;
	t.ForEachEntry([&](uint64_t e, int level) {
		if (level == 0 || !Format()->is_table(e, level))
			return;
		tables++;
		if (GetParam() == 2) {
			EXPECT_EQ(e & ~0x0000fffffffff000ull, 3u) << "attributes in a table entry";
		} else {
			EXPECT_EQ(e & ~0x000ffffffffff000ull, X_P | X_RW);
		}
	});
	EXPECT_EQ(tables, 6); // root -> 1 -> 1 -> 4 page tables (phys not 2M-aligned)
}

struct KernelImage {
	elf_image img{};
	KernelImage()
	{
		img.entry = HELIOS_KERNEL_BASE;
		img.vbase = HELIOS_KERNEL_BASE;
		img.segment_count = 3;
		const uint64_t base = HELIOS_KERNEL_BASE;
		img.segments[0] = {base, 0x2800, 0, 0x2800, ELF_SEGMENT_R | ELF_SEGMENT_X};
		img.segments[1] = {base + 0x3000, 0x1000, 0x3000, 0x1000, ELF_SEGMENT_R};
		img.segments[2] = {HELIOS_KERNEL_BASE + 0x4010, 0x2ff0, 0x4010, 0x10,
				   ELF_SEGMENT_R | ELF_SEGMENT_W};
		img.vend = HELIOS_KERNEL_BASE + 0x7000;
	}
};

TEST_P(PagingTest, MapKernelGivesEachSegmentItsRights)
{
	Tables t(Format());
	KernelImage k;
	const uint64_t phys = 0x1234000;
	ASSERT_EQ(pt_map_kernel(&t.ctx, &k.img, phys), 0);
	for (uint64_t off = 0; off < 0x7000; off += P)
		EXPECT_EQ(t.Translate(HELIOS_KERNEL_BASE + off), phys + off) << off;
	EXPECT_EQ(t.Translate(HELIOS_KERNEL_BASE + 0x7000), ~0ull);
	EXPECT_EQ(t.Translate(HELIOS_KERNEL_BASE - P), ~0ull);
	bool x86 = GetParam() != 2;
	auto writable = [&](uint64_t e) { return x86 ? (e & X_RW) != 0 : (e & A_RO) == 0; };
	auto executable = [&](uint64_t e) { return x86 ? (e & X_NX) == 0 : (e & A_PXN) == 0; };
	for (uint64_t off : {0x0ull, 0x2000ull}) { // text, including its partial last page
		uint64_t e = t.Leaf(HELIOS_KERNEL_BASE + off);
		EXPECT_FALSE(writable(e));
		EXPECT_TRUE(executable(e));
	}
	uint64_t ro = t.Leaf(HELIOS_KERNEL_BASE + 0x3000);
	EXPECT_FALSE(writable(ro));
	EXPECT_FALSE(executable(ro));
	for (uint64_t off : {0x4000ull, 0x5000ull, 0x6000ull}) { // data from its first page
		uint64_t e = t.Leaf(HELIOS_KERNEL_BASE + off);
		EXPECT_TRUE(writable(e));
		EXPECT_FALSE(executable(e));
	}
	if (x86) {
		EXPECT_TRUE(t.Leaf(HELIOS_KERNEL_BASE) & X_G);
	}
	EXPECT_EQ(pt_map_kernel(&t.ctx, &k.img, phys), -1); // already mapped
}

TEST_P(PagingTest, MapKernelRejectsUnalignedPhysical)
{
	Tables t(Format());
	KernelImage k;
	EXPECT_EQ(pt_map_kernel(&t.ctx, &k.img, 0x1234010), -1);
}

// Memory map: low RAM, a hole, RAM crossing 4 GiB, MMIO, RAM above, bad RAM, more RAM.
void FillMap(memmap *m)
{
	memmap_init(m);
	ASSERT_EQ(memmap_add(m, 0, 0x9f000, HELIOS_MEM_USABLE), 0);
	ASSERT_EQ(memmap_add(m, 0xf0000, 0x10000, HELIOS_MEM_RESERVED), 0);
	ASSERT_EQ(memmap_add(m, 0x100000, 4 * G + 16 * M - 0x100000, HELIOS_MEM_USABLE), 0);
	ASSERT_EQ(memmap_carve(m, 0x200000, 0x300000, HELIOS_MEM_KERNEL), 0);
	ASSERT_EQ(memmap_add(m, 4 * G + 16 * M, 16 * M, HELIOS_MEM_ACPI_NVS), 0);
	ASSERT_EQ(memmap_add(m, 4 * G + 32 * M, 2 * M, HELIOS_MEM_RESERVED), 0);
	ASSERT_EQ(memmap_add(m, 4 * G + 34 * M, 8 * M + 3 * P, HELIOS_MEM_USABLE), 0);
	ASSERT_EQ(memmap_add(m, 4 * G + 44 * M, 2 * M, HELIOS_MEM_BAD), 0);
	ASSERT_EQ(memmap_add(m, 8 * G, 2 * G, HELIOS_MEM_USABLE), 0);
}

bool Mapped(Tables &t, uint64_t phys)
{
	return t.Translate(HELIOS_HHDM_BASE + phys) == phys;
}

TEST_P(PagingTest, DirectMapWithLowWindow)
{
	Tables t(Format());
	memmap m;
	FillMap(&m);
	ASSERT_EQ(pt_map_hhdm(&t.ctx, &m, 4 * G), 0);
	// All of [0, 4G), holes and MMIO included.
	for (uint64_t a = 0; a < 4 * G; a += 64 * M - P)
		EXPECT_TRUE(Mapped(t, a)) << std::hex << a;
	EXPECT_TRUE(Mapped(t, 0xa0000));
	EXPECT_TRUE(Mapped(t, 0xfee00000));
	EXPECT_TRUE(Mapped(t, 4 * G - 1));
	// Above: the rest of the RAM crossing 4G, NVS; not RESERVED, not BAD, not holes.
	EXPECT_TRUE(Mapped(t, 4 * G));
	EXPECT_TRUE(Mapped(t, 4 * G + 16 * M - 1));
	EXPECT_TRUE(Mapped(t, 4 * G + 16 * M)); // NVS
	EXPECT_FALSE(Mapped(t, 4 * G + 32 * M)); // reserved
	EXPECT_TRUE(Mapped(t, 4 * G + 34 * M));
	EXPECT_TRUE(Mapped(t, 4 * G + 42 * M + 2 * P)); // last page of the odd-sized region
	EXPECT_FALSE(Mapped(t, 4 * G + 42 * M + 3 * P));
	EXPECT_FALSE(Mapped(t, 4 * G + 44 * M)); // bad
	EXPECT_FALSE(Mapped(t, 6 * G));          // hole
	EXPECT_TRUE(Mapped(t, 8 * G));
	EXPECT_TRUE(Mapped(t, 10 * G - 1));
	EXPECT_FALSE(Mapped(t, 10 * G));
	// Writable, never executable.
	uint64_t e = t.Leaf(HELIOS_HHDM_BASE + 8 * G);
	if (GetParam() == 2) {
		EXPECT_EQ(e & (A_RO | A_PXN), A_PXN);
	} else {
		EXPECT_EQ(e & (X_RW | X_NX), X_RW | X_NX);
	}
	// Large blocks where possible.
	unsigned level;
	t.Translate(HELIOS_HHDM_BASE + 8 * G, &level);
	EXPECT_EQ((int)level, Format()->max_leaf_level);
	// Mapping it again collides.
	EXPECT_EQ(pt_map_hhdm(&t.ctx, &m, 4 * G), -1);
}

TEST_P(PagingTest, DirectMapMemoryOnly)
{
	Tables t(Format());
	memmap m;
	FillMap(&m);
	ASSERT_EQ(pt_map_hhdm(&t.ctx, &m, 0), 0);
	EXPECT_TRUE(Mapped(t, 0));
	EXPECT_TRUE(Mapped(t, 0x9e000));
	EXPECT_FALSE(Mapped(t, 0x9f000)); // hole
	EXPECT_FALSE(Mapped(t, 0xf0000)); // reserved
	EXPECT_TRUE(Mapped(t, 0x100000));
	EXPECT_TRUE(Mapped(t, 0x200000)); // kernel: memory too
	EXPECT_TRUE(Mapped(t, 0x500000));
	EXPECT_TRUE(Mapped(t, 3 * G));
	EXPECT_TRUE(Mapped(t, 4 * G + 16 * M + 5));
	EXPECT_FALSE(Mapped(t, 4 * G + 32 * M));
	EXPECT_FALSE(Mapped(t, 4 * G + 44 * M));
	EXPECT_TRUE(Mapped(t, 9 * G));
	// Adjacent mappable regions of different types share blocks: 0x100000..4G+32M is one run,
	// so its 2M-aligned middle uses blocks even across the kernel's region boundary.
	unsigned level;
	ASSERT_TRUE(Mapped(t, 0x400000));
	t.Translate(HELIOS_HHDM_BASE + 0x400000, &level);
	EXPECT_EQ(level, 1u);
}

TEST_P(PagingTest, DirectMapWindowPartlyCoveringARegion)
{
	Tables t(Format());
	memmap m;
	memmap_init(&m);
	ASSERT_EQ(memmap_add(&m, 3 * M, 2 * M, HELIOS_MEM_USABLE), 0); // [3M, 5M)
	ASSERT_EQ(pt_map_hhdm(&t.ctx, &m, 4 * M + 1), 0); // window rounded up to a page
	EXPECT_TRUE(Mapped(t, 0));
	EXPECT_TRUE(Mapped(t, 4 * M));
	EXPECT_TRUE(Mapped(t, 5 * M - 1));
	EXPECT_FALSE(Mapped(t, 5 * M));
}

TEST_P(PagingTest, DirectMapRefusesMemoryBeyondItsArea)
{
	Tables t(Format());
	memmap m;
	memmap_init(&m);
	uint64_t limit = HELIOS_KERNEL_BASE - HELIOS_HHDM_BASE;
	ASSERT_EQ(memmap_add(&m, limit - 2 * M, 4 * M, HELIOS_MEM_USABLE), 0);
	EXPECT_EQ(pt_map_hhdm(&t.ctx, &m, 0), -1);
	Tables u(Format());
	EXPECT_EQ(pt_map_hhdm(&u.ctx, &m, limit + P), -1);
}

} // namespace
