// Builds ELF64 executables for host tests (the boot parser's and Mercury's loader's): a
// header, a program header table and segment bytes, each field open to breaking.
#ifndef BOOT_TESTS_ELF_FILE_H
#define BOOT_TESTS_ELF_FILE_H

#include <elf.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include <gtest/gtest.h>

// An ELF64 file under construction: a header, a program header table, segment bytes.
struct ElfFile {
	Elf64_Ehdr eh{};
	std::vector<Elf64_Phdr> ph;
	std::vector<uint8_t> data; // bytes after header and table, at file offset data_offset
	uint64_t data_offset = 0x1000;

	ElfFile()
	{
		memcpy(eh.e_ident, ELFMAG, SELFMAG);
		eh.e_ident[EI_CLASS] = ELFCLASS64;
		eh.e_ident[EI_DATA] = ELFDATA2LSB;
		eh.e_ident[EI_VERSION] = EV_CURRENT;
		eh.e_type = ET_EXEC;
		eh.e_machine = EM_X86_64;
		eh.e_version = EV_CURRENT;
		eh.e_phoff = sizeof(Elf64_Ehdr);
		eh.e_ehsize = sizeof(Elf64_Ehdr);
		eh.e_phentsize = sizeof(Elf64_Phdr);
	}

	// Adds a PT_LOAD whose file bytes are `filesz` bytes of a pattern; returns its index.
	size_t Load(uint64_t vaddr, uint64_t filesz, uint64_t memsz, uint32_t flags)
	{
		Elf64_Phdr p{};
		p.p_type = PT_LOAD;
		p.p_flags = flags;
		p.p_offset = data_offset + data.size();
		p.p_vaddr = vaddr;
		p.p_paddr = vaddr;
		p.p_filesz = filesz;
		p.p_memsz = memsz;
		p.p_align = 0x1000;
		for (uint64_t i = 0; i < filesz; i++)
			data.push_back((uint8_t)(ph.size() * 37 + i * 7 + 1));
		ph.push_back(p);
		return ph.size() - 1;
	}

	std::vector<uint8_t> Bytes() const
	{
		Elf64_Ehdr h = eh;
		if (h.e_phnum == 0)
			h.e_phnum = (uint16_t)ph.size();
		std::vector<uint8_t> out(data_offset + data.size(), 0);
		memcpy(out.data(), &h, sizeof(h));
		size_t table = ph.size() * sizeof(Elf64_Phdr);
		EXPECT_LE(sizeof(h) + table, data_offset);
		if (table)
			memcpy(out.data() + sizeof(h), ph.data(), table);
		if (!data.empty())
			memcpy(out.data() + data_offset, data.data(), data.size());
		return out;
	}
};

#endif
