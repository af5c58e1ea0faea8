// The boot-info block: what the builder lays out, that the checker accepts it, and that the
// checker rejects every field a broken or hostile loader could get wrong.
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#if !defined(__clang__)
#endif
extern "C" {
#include "boot/bootinfo.h"
#include "boot/bootinfo_builder.h"
#include "boot/memmap.h"
}

namespace {

constexpr uint32_t kCapacity = 64 * 1024;

struct BootinfoTest : ::testing::Test {
	std::unique_ptr<bootinfo_builder> b{new bootinfo_builder};
	memmap mem;
	alignas(8) unsigned char block[kCapacity];

	void SetUp() override
	{
		memset(b.get(), 0x5a, sizeof(*b)); // init must not rely on zeroed memory
		bootinfo_init(b.get(), HELIOS_ARCH_X86_64);
		memmap_init(&mem);
		memset(block, 0xee, sizeof(block));
	}

	helios_boot_info *Info()
	{
		return reinterpret_cast<helios_boot_info *>(block);
	}

	// A realistic block: three regions, two modules, command line and loader name.
	uint32_t BuildTypical()
	{
		EXPECT_EQ(memmap_add(&mem, 0, 0x9f000, HELIOS_MEM_USABLE), 0);
		EXPECT_EQ(memmap_add(&mem, 0x100000, 0x7f00000, HELIOS_MEM_USABLE), 0);
		EXPECT_EQ(memmap_carve(&mem, 0x200000, 0x100000, HELIOS_MEM_KERNEL), 0);
		EXPECT_EQ(bootinfo_set_cmdline(b.get(), "qemu_exit=3 selftest"), 0);
		EXPECT_EQ(bootinfo_set_loader_name(b.get(), "multiboot 0.1.0"), 0);
		EXPECT_EQ(bootinfo_add_module(b.get(), 0x400000, 1234, "init"), 0);
		EXPECT_EQ(bootinfo_add_module(b.get(), 0x500000, 0, "empty"), 0);
		b->header.hhdm_base = HELIOS_HHDM_BASE;
		b->header.kernel_phys = 0x200000;
		b->header.kernel_virt = HELIOS_KERNEL_BASE;
		b->header.kernel_size = 0x100000;
		b->header.dtb = 0x40000000;
		uint32_t size = bootinfo_finish(b.get(), &mem, block, kCapacity);
		EXPECT_GT(size, 0u);
		EXPECT_EQ(size, bootinfo_size(b.get(), mem.count));
		return size;
	}

	const char *Check(uint64_t available = kCapacity)
	{
		return bootinfo_check(Info(), available);
	}
};

TEST_F(BootinfoTest, InitSetsOnlyMagicVersionArch)
{
	const helios_boot_info &h = b->header;
	EXPECT_EQ(h.magic, HELIOS_BOOT_MAGIC);
	EXPECT_EQ(h.version, (uint32_t)HELIOS_BOOT_VERSION);
	EXPECT_EQ(h.arch, (uint32_t)HELIOS_ARCH_X86_64);
	EXPECT_EQ(h.size, 0u);
	EXPECT_EQ(h.flags, 0u);
	EXPECT_EQ(h.hhdm_base, 0u);
	EXPECT_EQ(h.kernel_phys, 0u);
	EXPECT_EQ(h.dtb, 0u);
	EXPECT_EQ(h.framebuffer.base, 0u);
	EXPECT_EQ(b->module_count, 0u);
}

TEST_F(BootinfoTest, RoundTrip)
{
	uint32_t size = BuildTypical();
	ASSERT_EQ(Check(), nullptr);
	ASSERT_EQ(Check(size), nullptr); // exactly the block is enough
	const helios_boot_info *bi = Info();
	EXPECT_EQ(bi->size, size);
	EXPECT_EQ(size % 8, 0u);
	EXPECT_EQ(bi->hhdm_base, HELIOS_HHDM_BASE);
	EXPECT_EQ(bi->kernel_phys, 0x200000u);
	EXPECT_EQ(bi->kernel_virt, HELIOS_KERNEL_BASE);
	EXPECT_EQ(bi->dtb, 0x40000000u);
	EXPECT_STREQ(bootinfo_string(bi, bi->cmdline), "qemu_exit=3 selftest");
	EXPECT_STREQ(bootinfo_string(bi, bi->loader_name), "multiboot 0.1.0");

	ASSERT_EQ(bi->mem_count, mem.count);
	const helios_mem_region *r = bootinfo_regions(bi);
	EXPECT_EQ(0, memcmp(r, mem.regions, mem.count * sizeof(*r)));
	EXPECT_EQ(r[1].type, (uint32_t)HELIOS_MEM_USABLE);
	EXPECT_EQ(r[2].type, (uint32_t)HELIOS_MEM_KERNEL);

	ASSERT_EQ(bi->module_count, 2u);
	const helios_boot_module *m = bootinfo_modules(bi);
	EXPECT_EQ(m[0].base, 0x400000u);
	EXPECT_EQ(m[0].size, 1234u);
	EXPECT_STREQ(bootinfo_string(bi, m[0].name), "init");
	EXPECT_EQ(m[1].base, 0x500000u);
	EXPECT_STREQ(bootinfo_string(bi, m[1].name), "empty");

	// Layout: header | regions | modules | strings, nothing written past size.
	EXPECT_EQ(bi->mem_offset, sizeof(helios_boot_info));
	EXPECT_EQ(bi->module_offset, bi->mem_offset + bi->mem_count * sizeof(helios_mem_region));
	EXPECT_GT(bi->cmdline, bi->module_offset + 2 * sizeof(helios_boot_module) - 1);
	for (uint32_t i = size; i < kCapacity; i++)
		ASSERT_EQ(block[i], 0xee) << "wrote past the block at " << i;
}

TEST_F(BootinfoTest, UnsetStringsAreEmpty)
{
	uint32_t size = bootinfo_finish(b.get(), &mem, block, kCapacity);
	ASSERT_GT(size, 0u);
	ASSERT_EQ(Check(), nullptr);
	EXPECT_STREQ(bootinfo_string(Info(), Info()->cmdline), "");
	EXPECT_STREQ(bootinfo_string(Info(), Info()->loader_name), "");
	EXPECT_EQ(Info()->mem_count, 0u);
	EXPECT_EQ(Info()->module_count, 0u);
	// A null map is an empty map.
	ASSERT_EQ(bootinfo_finish(b.get(), nullptr, block, kCapacity), size);
	EXPECT_EQ(Check(), nullptr);
}

TEST_F(BootinfoTest, FinishNeedsRoom)
{
	BuildTypical();
	uint32_t need = bootinfo_size(b.get(), mem.count);
	memset(block, 0xee, sizeof(block));
	EXPECT_EQ(bootinfo_finish(b.get(), &mem, block, need - 1), 0u);
	EXPECT_EQ(block[0], 0xee); // nothing written
	EXPECT_EQ(bootinfo_finish(b.get(), &mem, block, need), need);
	EXPECT_EQ(Check(need), nullptr);
	// More regions need more room.
	EXPECT_EQ(bootinfo_size(b.get(), mem.count + 1), need + sizeof(helios_mem_region));
	EXPECT_EQ(bootinfo_size(b.get(), UINT32_MAX), UINT32_MAX); // saturates, never wraps
}

TEST_F(BootinfoTest, LongNamesAreTruncated)
{
	std::string longname(200, 'n');
	ASSERT_EQ(bootinfo_add_module(b.get(), 0, 1, longname.c_str()), 0);
	ASSERT_GT(bootinfo_finish(b.get(), &mem, block, kCapacity), 0u);
	ASSERT_EQ(Check(), nullptr);
	const helios_boot_module *m = bootinfo_modules(Info());
	EXPECT_EQ(std::string(bootinfo_string(Info(), m[0].name)),
		  std::string(BOOTINFO_MAX_NAME - 1, 'n'));
}

TEST_F(BootinfoTest, CommandLineTruncatedToFit)
{
	std::string huge(BOOTINFO_MAX_STRINGS * 2, 'c');
	ASSERT_EQ(bootinfo_set_cmdline(b.get(), huge.c_str()), 0);
	EXPECT_EQ(b->strings_used, (uint32_t)BOOTINFO_MAX_STRINGS);
	// No room left for anything else.
	EXPECT_EQ(bootinfo_set_loader_name(b.get(), "x"), -1);
	EXPECT_EQ(bootinfo_add_module(b.get(), 0, 0, "m"), -1);
	EXPECT_EQ(bootinfo_set_cmdline(b.get(), "again"), -1);
	ASSERT_GT(bootinfo_finish(b.get(), &mem, block, kCapacity), 0u);
	ASSERT_EQ(Check(), nullptr);
	EXPECT_EQ(strlen(bootinfo_string(Info(), Info()->cmdline)),
		  (size_t)BOOTINFO_MAX_STRINGS - 2); // the empty string and a NUL
}

TEST_F(BootinfoTest, ModuleNameMustFitWhole)
{
	// Fill the string area up to 3 bytes from its end.
	std::string filler(BOOTINFO_MAX_STRINGS - 1 - 4, 'f');
	ASSERT_EQ(bootinfo_set_cmdline(b.get(), filler.c_str()), 0);
	ASSERT_EQ(b->strings_used, (uint32_t)BOOTINFO_MAX_STRINGS - 3);
	EXPECT_EQ(bootinfo_add_module(b.get(), 0, 0, "abc"), -1); // needs 4
	EXPECT_EQ(b->module_count, 0u);
	EXPECT_EQ(bootinfo_add_module(b.get(), 0, 0, "ab"), 0); // exactly 3
	EXPECT_EQ(b->strings_used, (uint32_t)BOOTINFO_MAX_STRINGS);
}

TEST_F(BootinfoTest, TooManyModules)
{
	for (int i = 0; i < BOOTINFO_MAX_MODULES; i++)
		ASSERT_EQ(bootinfo_add_module(b.get(), i * 0x1000ull, 0x1000,
					      ("m" + std::to_string(i)).c_str()),
			  0);
	EXPECT_EQ(bootinfo_add_module(b.get(), 0, 0, "one too many"), -1);
	EXPECT_EQ(b->module_count, (unsigned)BOOTINFO_MAX_MODULES);
	ASSERT_GT(bootinfo_finish(b.get(), &mem, block, kCapacity), 0u);
	ASSERT_EQ(Check(), nullptr);
	EXPECT_STREQ(bootinfo_string(Info(), bootinfo_modules(Info())[63].name), "m63");
}

TEST_F(BootinfoTest, FullMemoryMap)
{
	for (unsigned i = 0; i < MEMMAP_MAX_REGIONS; i++)
		ASSERT_EQ(memmap_add(&mem, 2 * i * 0x1000ull, 0x1000, HELIOS_MEM_RESERVED), 0);
	ASSERT_GT(bootinfo_finish(b.get(), &mem, block, kCapacity), 0u);
	ASSERT_EQ(Check(), nullptr);
	EXPECT_EQ(Info()->mem_count, (uint32_t)MEMMAP_MAX_REGIONS);
}

// Each corruption, applied to a good block, must be caught.
struct Corruption {
	const char *what;
	void (*apply)(helios_boot_info *bi);
};

const Corruption kCorruptions[] = {
	{"magic", [](helios_boot_info *bi) { bi->magic ^= 1; }},
	{"version", [](helios_boot_info *bi) { bi->version = HELIOS_BOOT_VERSION + 1; }},
	{"version 0", [](helios_boot_info *bi) { bi->version = 0; }},
	{"size 0", [](helios_boot_info *bi) { bi->size = 0; }},
	{"size below header", [](helios_boot_info *bi) { bi->size = sizeof(*bi) - 1; }},
	{"size too big", [](helios_boot_info *bi) { bi->size = BOOTINFO_MAX_SIZE + 8; }},
	{"size huge", [](helios_boot_info *bi) { bi->size = UINT32_MAX; }},
	{"arch 0", [](helios_boot_info *bi) { bi->arch = 0; }},
	{"arch 3", [](helios_boot_info *bi) { bi->arch = 3; }},
	{"mem offset in header", [](helios_boot_info *bi) { bi->mem_offset = 8; }},
	{"mem offset 0", [](helios_boot_info *bi) { bi->mem_offset = 0; }},
	{"mem offset past end", [](helios_boot_info *bi) { bi->mem_offset = bi->size + 8; }},
	{"mem offset unaligned", [](helios_boot_info *bi) { bi->mem_offset += 4; }},
	{"mem count too big", [](helios_boot_info *bi) { bi->mem_count = bi->size / 24; }},
	{"mem count overflow", [](helios_boot_info *bi) { bi->mem_count = 0xaaaaaaab; }},
	{"mem count max", [](helios_boot_info *bi) { bi->mem_count = UINT32_MAX; }},
	{"module offset in header", [](helios_boot_info *bi) { bi->module_offset = 64; }},
	{"module offset past end",
	 [](helios_boot_info *bi) { bi->module_offset = UINT32_MAX - 7; }},
	{"module offset unaligned", [](helios_boot_info *bi) { bi->module_offset += 1; }},
	{"module count too big", [](helios_boot_info *bi) { bi->module_count += bi->size / 24; }},
	{"module count overflow", [](helios_boot_info *bi) { bi->module_count = 0xaaaaaaab; }},
	{"cmdline past end", [](helios_boot_info *bi) { bi->cmdline = bi->size; }},
	{"cmdline in header", [](helios_boot_info *bi) { bi->cmdline = 0; }},
	{"cmdline huge", [](helios_boot_info *bi) { bi->cmdline = UINT32_MAX; }},
	{"loader name past end", [](helios_boot_info *bi) { bi->loader_name = bi->size + 100; }},
	{"cmdline unterminated",
	 [](helios_boot_info *bi) {
		 char *s = reinterpret_cast<char *>(bi);
		 for (uint32_t i = bi->cmdline; i < bi->size; i++)
			 s[i] = 'x'; // every string to the end loses its NUL
	 }},
	{"module name past end",
	 [](helios_boot_info *bi) {
		 auto *m = reinterpret_cast<helios_boot_module *>(reinterpret_cast<char *>(bi) +
								  bi->module_offset);
		 m[1].name = bi->size;
	 }},
	{"module name in header",
	 [](helios_boot_info *bi) {
		 auto *m = reinterpret_cast<helios_boot_module *>(reinterpret_cast<char *>(bi) +
								  bi->module_offset);
		 m[0].name = 4;
	 }},
	{"module wraps",
	 [](helios_boot_info *bi) {
		 auto *m = reinterpret_cast<helios_boot_module *>(reinterpret_cast<char *>(bi) +
								  bi->module_offset);
		 m[0].base = UINT64_MAX - 10;
	 }},
	{"region type 0",
	 [](helios_boot_info *bi) {
		 auto *r = reinterpret_cast<helios_mem_region *>(reinterpret_cast<char *>(bi) +
								 bi->mem_offset);
		 r[0].type = 0;
	 }},
	{"region type unknown",
	 [](helios_boot_info *bi) {
		 auto *r = reinterpret_cast<helios_mem_region *>(reinterpret_cast<char *>(bi) +
								 bi->mem_offset);
		 r[1].type = HELIOS_MEM_TYPE_MAX + 1;
	 }},
	{"region unaligned",
	 [](helios_boot_info *bi) {
		 auto *r = reinterpret_cast<helios_mem_region *>(reinterpret_cast<char *>(bi) +
								 bi->mem_offset);
		 r[1].base += 1;
	 }},
	{"region empty",
	 [](helios_boot_info *bi) {
		 auto *r = reinterpret_cast<helios_mem_region *>(reinterpret_cast<char *>(bi) +
								 bi->mem_offset);
		 r[0].size = 0;
	 }},
	{"regions overlap",
	 [](helios_boot_info *bi) {
		 auto *r = reinterpret_cast<helios_mem_region *>(reinterpret_cast<char *>(bi) +
								 bi->mem_offset);
		 r[1].base = r[0].base;
	 }},
	{"region wraps",
	 [](helios_boot_info *bi) {
		 auto *r = reinterpret_cast<helios_mem_region *>(reinterpret_cast<char *>(bi) +
								 bi->mem_offset);
		 r[bi->mem_count - 1].size = UINT64_MAX & ~0xfffull;
	 }},
};

TEST_F(BootinfoTest, CheckerRejectsEveryCorruption)
{
	BuildTypical();
	std::vector<unsigned char> good(block, block + kCapacity);
	ASSERT_EQ(Check(), nullptr);
	for (const Corruption &c : kCorruptions) {
		memcpy(block, good.data(), kCapacity);
		c.apply(Info());
		const char *msg = Check();
		EXPECT_NE(msg, nullptr) << "accepted a block with a bad " << c.what;
		if (msg) {
			EXPECT_GT(strlen(msg), 5u);
		}
	}
}

TEST_F(BootinfoTest, CheckerRespectsAvailable)
{
	uint32_t size = BuildTypical();
	EXPECT_NE(Check(size - 8), nullptr); // size claims more than there is
	EXPECT_NE(Check(sizeof(helios_boot_info) - 1), nullptr);
	EXPECT_NE(Check(0), nullptr);
	EXPECT_NE(bootinfo_check(nullptr, kCapacity), nullptr);
	// Misaligned block.
	std::vector<uint64_t> copy(kCapacity / 8 + 1);
	unsigned char *odd = reinterpret_cast<unsigned char *>(copy.data()) + 4;
	memcpy(odd, block, size);
	EXPECT_NE(bootinfo_check(reinterpret_cast<helios_boot_info *>(odd), size), nullptr);
}

// A header cut short: the checker must not read past `available` (ASan catches it).
TEST_F(BootinfoTest, CheckerReadsNothingPastAvailable)
{
	BuildTypical();
	for (uint64_t avail : {0ull, 8ull, 64ull, 127ull}) {
		std::unique_ptr<uint64_t[]> small(new uint64_t[avail / 8 + 1]);
		memcpy(small.get(), block, avail);
		EXPECT_NE(bootinfo_check(reinterpret_cast<helios_boot_info *>(small.get()), avail),
			  nullptr);
	}
	// The exact block in a buffer of its own size: valid, and read in bounds.
	uint32_t size = Info()->size;
	std::unique_ptr<uint64_t[]> exact(new uint64_t[size / 8]);
	memcpy(exact.get(), block, size);
	EXPECT_EQ(bootinfo_check(reinterpret_cast<helios_boot_info *>(exact.get()), size), nullptr);
}

TEST_F(BootinfoTest, CommandLineAtTheVeryEnd)
{
	// The last string of the block must end before size; a NUL at size - 1 is fine.
	uint32_t size = BuildTypical();
	helios_boot_info *bi = Info();
	char *s = reinterpret_cast<char *>(bi);
	uint32_t end = size;
	while (end > 0 && s[end - 1] == '\0')
		end--; // strip padding and the last NUL
	ASSERT_GT(end, bi->cmdline);
	bi->size = end + 1; // keep the block's last byte the terminator
	bi->size = (bi->size + 7) & ~7u;
	EXPECT_EQ(Check(), nullptr);
	s[end] = 'x'; // the last string loses its terminator
	for (uint32_t i = end; i < bi->size; i++)
		s[i] = 'x';
	EXPECT_NE(Check(), nullptr);
}

} // namespace

namespace {

// What the direct map covers: regions back to back, but not reserved ones or gaps.
TEST_F(BootinfoTest, ReadableFollowsTheMemoryMap)
{
	ASSERT_EQ(memmap_add(&mem, 0x1000, 0x3000, HELIOS_MEM_USABLE), 0);
	ASSERT_EQ(memmap_add(&mem, 0x4000, 0x1000, HELIOS_MEM_LOADER), 0);
	ASSERT_EQ(memmap_add(&mem, 0x5000, 0x1000, HELIOS_MEM_RESERVED), 0);
	ASSERT_EQ(memmap_add(&mem, 0x8000, 0x2000, HELIOS_MEM_MODULE), 0);
	ASSERT_GT(bootinfo_finish(b.get(), &mem, block, kCapacity), 0u);
	ASSERT_EQ(Check(), nullptr);
	EXPECT_TRUE(bootinfo_readable(Info(), 0x1000, 0x3000));
	EXPECT_TRUE(bootinfo_readable(Info(), 0x3ff0, 0x20)); // across two touching regions
	EXPECT_TRUE(bootinfo_readable(Info(), 0x9000, 0x1000));
	EXPECT_TRUE(bootinfo_readable(Info(), 0x2000, 0));
	EXPECT_FALSE(bootinfo_readable(Info(), 0x0, 0x10));      // below the first region
	EXPECT_FALSE(bootinfo_readable(Info(), 0x4ff0, 0x20));   // into a reserved region
	EXPECT_FALSE(bootinfo_readable(Info(), 0x5000, 0x10));   // reserved
	EXPECT_FALSE(bootinfo_readable(Info(), 0x6000, 0x10));   // a gap
	EXPECT_FALSE(bootinfo_readable(Info(), 0x9ff0, 0x20));   // past the last region
	EXPECT_FALSE(bootinfo_readable(Info(), 0x2000, ~0ull)); // wraps around
}

} // namespace
