// elf_parse and elf_load on images built here with the host's <elf.h>: one valid kernel-like
// image, then one broken field at a time.
#include <elf.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include <gtest/gtest.h>

#include "boot/tests/elf_file.h"

extern "C" {
#include "boot/elf.h"
}

namespace {

constexpr uint64_t kBase = 0xffffffff80000000ull;
constexpr uint64_t kMin = kBase;
constexpr uint64_t kMax = UINT64_MAX;

// A typical kernel: text (RX), rodata (R), data+bss (RW).
ElfFile Kernel()
{
	ElfFile f;
	f.Load(kBase, 0x1800, 0x1800, PF_R | PF_X);
	f.Load(kBase + 0x2000, 0x300, 0x300, PF_R);
	f.Load(kBase + 0x3000, 0x100, 0x5000, PF_R | PF_W);
	f.eh.e_entry = kBase + 0x10;
	return f;
}

enum elf_error Parse(const std::vector<uint8_t> &bytes, elf_image *img,
		     uint16_t machine = ELF_MACHINE_X86_64, uint64_t min = kMin,
		     uint64_t max = kMax)
{
	return elf_parse(bytes.data(), bytes.size(), machine, min, max, img);
}

enum elf_error Parse(const ElfFile &f)
{
	elf_image img;
	return Parse(f.Bytes(), &img);
}

TEST(ElfTest, ParsesValidKernel)
{
	ElfFile f = Kernel();
	std::vector<uint8_t> bytes = f.Bytes();
	elf_image img;
	ASSERT_EQ(Parse(bytes, &img), ELF_OK);
	EXPECT_EQ(img.entry, kBase + 0x10);
	EXPECT_EQ(img.vbase, kBase);
	EXPECT_EQ(img.vend, kBase + 0x8000);
	ASSERT_EQ(img.segment_count, 3u);
	EXPECT_EQ(img.segments[0].flags, ELF_SEGMENT_R | ELF_SEGMENT_X);
	EXPECT_EQ(img.segments[1].flags, ELF_SEGMENT_R);
	EXPECT_EQ(img.segments[2].flags, ELF_SEGMENT_R | ELF_SEGMENT_W);
	EXPECT_EQ(img.segments[2].memsz, 0x5000u);
	EXPECT_EQ(img.segments[2].filesz, 0x100u);
	EXPECT_EQ(img.segments[0].offset, f.ph[0].p_offset);
}

TEST(ElfTest, AcceptsAarch64WhenAsked)
{
	ElfFile f = Kernel();
	f.eh.e_machine = EM_AARCH64;
	elf_image img;
	EXPECT_EQ(Parse(f.Bytes(), &img, ELF_MACHINE_AARCH64), ELF_OK);
	EXPECT_EQ(Parse(f.Bytes(), &img, ELF_MACHINE_X86_64), ELF_ERR_MACHINE);
}

TEST(ElfTest, SortsSegmentsByAddress)
{
	ElfFile f;
	f.Load(kBase + 0x5000, 0x10, 0x10, PF_R | PF_W);
	f.Load(kBase, 0x10, 0x10, PF_R | PF_X);
	f.Load(kBase + 0x2000, 0x10, 0x10, PF_R);
	f.eh.e_entry = kBase;
	elf_image img;
	ASSERT_EQ(Parse(f.Bytes(), &img), ELF_OK);
	EXPECT_EQ(img.segments[0].vaddr, kBase);
	EXPECT_EQ(img.segments[1].vaddr, kBase + 0x2000);
	EXPECT_EQ(img.segments[2].vaddr, kBase + 0x5000);
	EXPECT_EQ(img.vend, kBase + 0x6000);
}

TEST(ElfTest, IgnoresOtherSegmentTypesAndEmptyLoads)
{
	ElfFile f = Kernel();
	Elf64_Phdr note{};
	note.p_type = PT_NOTE;
	note.p_offset = 0xffffffffffff0000ull; // nonsense, but not loaded
	note.p_filesz = 0x100000;
	f.ph.push_back(note);
	f.Load(kBase + 0x100000, 0, 0, PF_R); // memsz 0: nothing to load
	elf_image img;
	ASSERT_EQ(Parse(f.Bytes(), &img), ELF_OK);
	EXPECT_EQ(img.segment_count, 3u);
}

TEST(ElfTest, UnalignedFileBuffer)
{
	std::vector<uint8_t> bytes = Kernel().Bytes();
	std::vector<uint8_t> shifted(bytes.size() + 3);
	memcpy(shifted.data() + 3, bytes.data(), bytes.size());
	elf_image img;
	EXPECT_EQ(elf_parse(shifted.data() + 3, bytes.size(), ELF_MACHINE_X86_64, kMin, kMax, &img),
		  ELF_OK);
}

TEST(ElfTest, TruncatedHeader)
{
	std::vector<uint8_t> bytes = Kernel().Bytes();
	elf_image img;
	for (uint64_t size : {0ull, 1ull, 4ull, 63ull}) {
		EXPECT_EQ(elf_parse(bytes.data(), size, ELF_MACHINE_X86_64, kMin, kMax, &img),
			  ELF_ERR_TRUNCATED)
			<< size;
	}
	// A whole header but the table cut off.
	EXPECT_EQ(elf_parse(bytes.data(), 64 + 56 * 2, ELF_MACHINE_X86_64, kMin, kMax, &img),
		  ELF_ERR_PHDR);
}

TEST(ElfTest, BadMagic)
{
	for (int i = 0; i < 4; i++) {
		ElfFile f = Kernel();
		f.eh.e_ident[i] ^= 0x20;
		EXPECT_EQ(Parse(f), ELF_ERR_MAGIC) << i;
	}
}

TEST(ElfTest, BadClassEndianVersionTypeMachine)
{
	ElfFile f = Kernel();
	f.eh.e_ident[EI_CLASS] = ELFCLASS32;
	EXPECT_EQ(Parse(f), ELF_ERR_CLASS);

	f = Kernel();
	f.eh.e_ident[EI_DATA] = ELFDATA2MSB;
	EXPECT_EQ(Parse(f), ELF_ERR_ENDIAN);

	f = Kernel();
	f.eh.e_ident[EI_VERSION] = 0;
	EXPECT_EQ(Parse(f), ELF_ERR_VERSION);
	f = Kernel();
	f.eh.e_version = 2;
	EXPECT_EQ(Parse(f), ELF_ERR_VERSION);

	for (uint16_t type : {ET_NONE, ET_REL, ET_DYN, ET_CORE}) {
		f = Kernel();
		f.eh.e_type = type;
		EXPECT_EQ(Parse(f), ELF_ERR_TYPE) << type;
	}

	f = Kernel();
	f.eh.e_machine = EM_386;
	EXPECT_EQ(Parse(f), ELF_ERR_MACHINE);
}

TEST(ElfTest, ProgramHeaderTableProblems)
{
	ElfFile f = Kernel();
	f.eh.e_phoff = f.Bytes().size(); // starts at the end
	EXPECT_EQ(Parse(f), ELF_ERR_PHDR);

	f = Kernel();
	f.eh.e_phoff = f.Bytes().size() - 56 * 3 + 1; // last entry runs past the end
	EXPECT_EQ(Parse(f), ELF_ERR_PHDR);

	f = Kernel();
	f.eh.e_phoff = UINT64_MAX - 8; // phoff + table size wraps around
	EXPECT_EQ(Parse(f), ELF_ERR_PHDR);

	f = Kernel();
	f.eh.e_phoff = UINT64_MAX;
	EXPECT_EQ(Parse(f), ELF_ERR_PHDR);

	for (uint16_t size : {0, 32, 55, 57, 64, 0xffff}) {
		f = Kernel();
		f.eh.e_phentsize = size;
		EXPECT_EQ(Parse(f), ELF_ERR_PHDR) << size;
	}

	// phnum * phentsize larger than the file (and 0xffff, the PN_XNUM escape).
	for (uint16_t n : {1000, 0xfffe, 0xffff}) {
		f = Kernel();
		f.eh.e_phnum = n;
		EXPECT_EQ(Parse(f), ELF_ERR_PHDR) << n;
	}

	f = Kernel();
	f.ph.clear();
	EXPECT_EQ(Parse(f), ELF_ERR_PHDR); // no table at all
}

TEST(ElfTest, SegmentOutsideFile)
{
	ElfFile f = Kernel();
	uint64_t size = f.Bytes().size();
	f.ph[1].p_offset = size - 0x10; // filesz 0x300 runs past the end
	EXPECT_EQ(Parse(f), ELF_ERR_SEGMENT);

	f = Kernel();
	f.ph[1].p_offset = size + 1;
	f.ph[1].p_filesz = 0;
	EXPECT_EQ(Parse(f), ELF_ERR_SEGMENT);

	f = Kernel();
	f.ph[1].p_offset = UINT64_MAX - 0x10; // offset + filesz wraps
	EXPECT_EQ(Parse(f), ELF_ERR_SEGMENT);

	f = Kernel();
	f.ph[1].p_filesz = UINT64_MAX;
	f.ph[1].p_memsz = UINT64_MAX;
	EXPECT_EQ(Parse(f), ELF_ERR_SEGMENT);

	// Ending exactly at the end of the file is fine.
	f = Kernel();
	f.ph[2].p_filesz = size - f.ph[2].p_offset;
	EXPECT_EQ(Parse(f), ELF_OK);
}

TEST(ElfTest, FileSizeLargerThanMemorySize)
{
	ElfFile f = Kernel();
	f.ph[0].p_memsz = f.ph[0].p_filesz - 1;
	EXPECT_EQ(Parse(f), ELF_ERR_SEGMENT);
}

TEST(ElfTest, AddressWrapsAround)
{
	ElfFile f = Kernel();
	f.ph[2].p_memsz = UINT64_MAX - f.ph[2].p_vaddr + 2; // vaddr + memsz wraps
	EXPECT_EQ(Parse(f), ELF_ERR_SEGMENT);

	f = Kernel();
	f.ph[2].p_vaddr = 0xfffffffffffff800ull; // the end, rounded up to a page, wraps
	f.ph[2].p_memsz = 0x100;
	EXPECT_EQ(Parse(f), ELF_ERR_SEGMENT);
}

TEST(ElfTest, OverlappingSegments)
{
	ElfFile f = Kernel();
	f.ph[1].p_vaddr = kBase + 0x1000; // inside text
	EXPECT_EQ(Parse(f), ELF_ERR_OVERLAP);

	f = Kernel();
	f.ph[1].p_vaddr = kBase; // same address
	EXPECT_EQ(Parse(f), ELF_ERR_OVERLAP);

	f = Kernel();
	f.ph[1].p_vaddr = kBase + 0x1900; // after text's last byte, but in its last page
	EXPECT_EQ(Parse(f), ELF_ERR_OVERLAP);

	f = Kernel();
	f.ph[0].p_memsz = 0x2000; // text grows into rodata's first page exactly: fine
	f.ph[0].p_filesz = 0x1800;
	EXPECT_EQ(Parse(f), ELF_OK);
	f.ph[0].p_memsz = 0x2001;
	EXPECT_EQ(Parse(f), ELF_ERR_OVERLAP);

	// Listed out of order, overlapping.
	f = Kernel();
	f.ph[0].p_vaddr = kBase + 0x3000;
	f.ph[2].p_vaddr = kBase;
	f.eh.e_entry = kBase + 0x3010;
	EXPECT_EQ(Parse(f), ELF_ERR_OVERLAP);
}

TEST(ElfTest, EntryOutsideExecutableSegments)
{
	ElfFile f = Kernel();
	f.eh.e_entry = kBase + 0x2000; // rodata: not executable
	EXPECT_EQ(Parse(f), ELF_ERR_ENTRY);
	f.eh.e_entry = kBase + 0x1800; // one past text
	EXPECT_EQ(Parse(f), ELF_ERR_ENTRY);
	f.eh.e_entry = kBase + 0x17ff; // last byte of text
	EXPECT_EQ(Parse(f), ELF_OK);
	f.eh.e_entry = kBase - 1;
	EXPECT_EQ(Parse(f), ELF_ERR_ENTRY);
	f.eh.e_entry = 0;
	EXPECT_EQ(Parse(f), ELF_ERR_ENTRY);
}

TEST(ElfTest, SegmentsOutOfAllowedRange)
{
	std::vector<uint8_t> bytes = Kernel().Bytes();
	elf_image img;
	EXPECT_EQ(Parse(bytes, &img, ELF_MACHINE_X86_64, kBase + 1, kMax), ELF_ERR_RANGE);
	EXPECT_EQ(Parse(bytes, &img, ELF_MACHINE_X86_64, kBase, kBase + 0x7ffe), ELF_ERR_RANGE);
	// Inclusive bounds: the last byte of data+bss is kBase + 0x7fff.
	EXPECT_EQ(Parse(bytes, &img, ELF_MACHINE_X86_64, kBase, kBase + 0x7fff), ELF_OK);
	// A user-space style image against kernel bounds.
	ElfFile f;
	f.Load(0x400000, 0x10, 0x10, PF_R | PF_X);
	f.eh.e_entry = 0x400000;
	EXPECT_EQ(Parse(f.Bytes(), &img), ELF_ERR_RANGE);
	EXPECT_EQ(Parse(f.Bytes(), &img, ELF_MACHINE_X86_64, 0, 0x7fffffffffffull), ELF_OK);
}

TEST(ElfTest, TooManySegments)
{
	ElfFile f;
	for (int i = 0; i < ELF_MAX_SEGMENTS; i++)
		f.Load(kBase + i * 0x1000ull, 0x10, 0x10, PF_R | PF_X);
	f.eh.e_entry = kBase;
	EXPECT_EQ(Parse(f), ELF_OK);
	f.Load(kBase + ELF_MAX_SEGMENTS * 0x1000ull, 0x10, 0x10, PF_R);
	EXPECT_EQ(Parse(f), ELF_ERR_TOO_MANY);
}

TEST(ElfTest, NoLoadableSegments)
{
	ElfFile f;
	Elf64_Phdr note{};
	note.p_type = PT_NOTE;
	f.ph.push_back(note);
	EXPECT_EQ(Parse(f), ELF_ERR_NO_SEGMENTS);
	f.Load(kBase, 0, 0, PF_R | PF_X); // an empty PT_LOAD loads nothing either
	EXPECT_EQ(Parse(f), ELF_ERR_NO_SEGMENTS);
}

TEST(ElfTest, LoadCopiesAndZeroFills)
{
	ElfFile f = Kernel();
	std::vector<uint8_t> bytes = f.Bytes();
	elf_image img;
	ASSERT_EQ(Parse(bytes, &img), ELF_OK);
	size_t size = img.vend - img.vbase;
	std::vector<uint8_t> dest(size + 64, 0xcc); // guard bytes after the image
	elf_load(&img, bytes.data(), dest.data());

	std::vector<uint8_t> want(size, 0);
	for (const Elf64_Phdr &p : f.ph)
		memcpy(want.data() + (p.p_vaddr - kBase), bytes.data() + p.p_offset, p.p_filesz);
	EXPECT_EQ(0, memcmp(dest.data(), want.data(), size));
	for (size_t i = size; i < dest.size(); i++)
		ASSERT_EQ(dest[i], 0xcc) << "wrote past vend at " << i;
	// Spot checks: text copied, gap between text and rodata zero, bss zero.
	EXPECT_EQ(dest[0], bytes[f.ph[0].p_offset]);
	EXPECT_EQ(dest[0x17ff], bytes[f.ph[0].p_offset + 0x17ff]);
	EXPECT_EQ(dest[0x1800], 0);
	EXPECT_EQ(dest[0x3000 + 0x100], 0);
	EXPECT_EQ(dest[0x3000 + 0xff], bytes[f.ph[2].p_offset + 0xff]);
}

TEST(ElfTest, LoadZeroesDirtyDestination)
{
	ElfFile f = Kernel();
	std::vector<uint8_t> bytes = f.Bytes();
	elf_image img;
	ASSERT_EQ(Parse(bytes, &img), ELF_OK);
	std::vector<uint8_t> dest(img.vend - img.vbase, 0xab);
	elf_load(&img, bytes.data(), dest.data());
	for (size_t i = 0x3100; i < 0x8000; i++)
		ASSERT_EQ(dest[i], 0) << i;
	for (size_t i = 0x1800; i < 0x2000; i++)
		ASSERT_EQ(dest[i], 0) << i;
}

TEST(ElfTest, EveryErrorHasAMessage)
{
	for (int e = ELF_OK; e <= ELF_ERR_RANGE; e++) {
		const char *msg = elf_strerror((enum elf_error)e);
		ASSERT_NE(msg, nullptr);
		EXPECT_GT(strlen(msg), 3u);
	}
	EXPECT_NE(elf_strerror((enum elf_error)999), nullptr);
}

} // namespace
