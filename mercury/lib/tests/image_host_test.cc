// Task images on the host: the boot parser under a task's address range, the loader's own
// rules (no writable and executable segment, a bounded size), and the rights of each page.
#include <elf.h>

#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "boot/tests/elf_file.h"

extern "C" {
#include <mercury/error.h>
#include <mercury/image.h>
#include <mercury/startup.h>
}

namespace {

constexpr uint64_t kBase = 0x400000;

// A program as helios_program links one: rodata (R), text (RX) a page on, data+bss (RW).
ElfFile Program()
{
	ElfFile f;
	f.Load(kBase, 0x860, 0x860, PF_R);
	f.Load(kBase + 0x1860, 0x4000, 0x4000, PF_R | PF_X);
	f.Load(kBase + 0x8000, 0x100, 0x3000, PF_R | PF_W);
	f.eh.e_entry = kBase + 0x2000;
	return f;
}

int Parse(const ElfFile &f, elf_image *img, uint16_t machine = ELF_MACHINE_X86_64)
{
	std::vector<uint8_t> bytes = f.Bytes();
	return mercury_image_parse(bytes.data(), bytes.size(), machine, img);
}

int Parse(const ElfFile &f)
{
	elf_image img;
	return Parse(f, &img);
}

TEST(Image, ProgramPagesAndRights)
{
	elf_image img;
	ASSERT_EQ(Parse(Program(), &img), 0);
	EXPECT_EQ(img.vbase, kBase);
	EXPECT_EQ(mercury_image_pages(&img), 11u); // 0x400000 to 0x40b000
	EXPECT_EQ(mercury_image_page_rights(&img, kBase), (uint64_t)HELIOS_MAP_READ);
	EXPECT_EQ(mercury_image_page_rights(&img, kBase + 0x1000),
		  (uint64_t)(HELIOS_MAP_READ | HELIOS_MAP_EXEC));
	EXPECT_EQ(mercury_image_page_rights(&img, kBase + 0x5000),
		  (uint64_t)(HELIOS_MAP_READ | HELIOS_MAP_EXEC));
	EXPECT_EQ(mercury_image_page_rights(&img, kBase + 0x6000), 0u); // in no segment
	EXPECT_EQ(mercury_image_page_rights(&img, kBase + 0xa000),
		  (uint64_t)(HELIOS_MAP_READ | HELIOS_MAP_WRITE));
	EXPECT_EQ(mercury_image_page_rights(&img, kBase + 0xb000), 0u);
}

TEST(Image, Machine)
{
	ElfFile f = Program();
	f.eh.e_machine = EM_AARCH64;
	elf_image img;
	EXPECT_EQ(Parse(f, &img, ELF_MACHINE_AARCH64), 0);
	EXPECT_EQ(Parse(f, &img, ELF_MACHINE_X86_64), MERCURY_ERR_ELF + ELF_ERR_MACHINE);
#if defined(__x86_64__)
	EXPECT_EQ(mercury_image_machine(), ELF_MACHINE_X86_64);
#endif
}

TEST(Image, AddressRangeOfATask)
{
	ElfFile low;
	low.Load(0, 0x100, 0x100, PF_R | PF_X); // page 0 is never mapped
	EXPECT_EQ(Parse(low), MERCURY_ERR_ELF + ELF_ERR_RANGE);
	ElfFile high;
	high.Load(MERCURY_IMAGE_MAX_VADDR + 1 - 0x1000, 0x100, 0x2000, PF_R | PF_X);
	high.eh.e_entry = MERCURY_IMAGE_MAX_VADDR + 1 - 0x1000;
	EXPECT_EQ(Parse(high), MERCURY_ERR_ELF + ELF_ERR_RANGE); // runs into the runtime's areas
	ElfFile stack;
	stack.Load(MERCURY_TASK_STACK_TOP - 0x1000, 0x100, 0x100, PF_R | PF_X);
	stack.eh.e_entry = MERCURY_TASK_STACK_TOP - 0x1000;
	EXPECT_EQ(Parse(stack), MERCURY_ERR_ELF + ELF_ERR_RANGE);
}

TEST(Image, WritableAndExecutableRefused)
{
	ElfFile f = Program();
	f.ph[1].p_flags = PF_R | PF_W | PF_X;
	EXPECT_EQ(Parse(f), MERCURY_ERR_IMAGE_WX);
}

TEST(Image, TooLarge)
{
	ElfFile f = Program();
	f.ph[2].p_memsz = (uint64_t)MERCURY_IMAGE_MAX_PAGES * 0x1000;
	EXPECT_EQ(Parse(f), MERCURY_ERR_IMAGE_TOO_LARGE);
}

// What the QEMU suite also does to a real program: each broken one refused with its error.
TEST(Image, Malformed)
{
	ElfFile f = Program();
	std::vector<uint8_t> bytes = f.Bytes();
	elf_image img;
	EXPECT_EQ(mercury_image_parse(bytes.data(), 40, ELF_MACHINE_X86_64, &img),
		  MERCURY_ERR_ELF + ELF_ERR_TRUNCATED);
	bytes[1] = 'X';
	EXPECT_EQ(mercury_image_parse(bytes.data(), bytes.size(), ELF_MACHINE_X86_64, &img),
		  MERCURY_ERR_ELF + ELF_ERR_MAGIC);
	ElfFile past = Program();
	past.ph[1].p_filesz = 0x100000; // the segment runs past the end of the file
	past.ph[1].p_memsz = 0x100000;
	EXPECT_EQ(Parse(past), MERCURY_ERR_ELF + ELF_ERR_SEGMENT);
	ElfFile overlap = Program();
	overlap.ph[2].p_vaddr = kBase + 0x3000; // inside the text segment
	EXPECT_EQ(Parse(overlap), MERCURY_ERR_ELF + ELF_ERR_OVERLAP);
	ElfFile entry = Program();
	entry.eh.e_entry = kBase + 0x8000; // in the data segment
	EXPECT_EQ(Parse(entry), MERCURY_ERR_ELF + ELF_ERR_ENTRY);
}

} // namespace
