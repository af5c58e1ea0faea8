// Finding the manifest in an ELF file (../manifest.h, mercury_manifest_find): the test driver
// as the build made it, ELF files built here with each thing that can be wrong, and random
// damage to both (from a fixed seed, so every run tries the same files). Files are read from
// guarded copies: a read past the end faults even without AddressSanitizer.
#include <elf.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "mercury/tar/tests/guarded_copy.h"

extern "C" {
#include "mercury/manifest/manifest.h"
}

namespace {

using Bytes = std::vector<unsigned char>;

Bytes read_file(const std::string &path)
{
	std::ifstream file(path, std::ios::binary);
	EXPECT_TRUE(file.good()) << path << " not in the runfiles";
	return Bytes(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

struct Found {
	mercury_manifest_error err;
	std::string text;
};

Found find(const Bytes &bytes)
{
	GuardedCopy copy(bytes);
	const char *text = nullptr;
	size_t len = 0;
	mercury_manifest_error err = mercury_manifest_find(copy.data(), copy.size(), &text, &len);
	Found f{ err, {} };
	if (err == MERCURY_MANIFEST_OK) {
		EXPECT_GE(reinterpret_cast<const unsigned char *>(text), copy.data());
		EXPECT_LE(reinterpret_cast<const unsigned char *>(text) + len + 1,
			  copy.data() + copy.size());
		f.text.assign(text, len);
	}
	return f;
}

// --- The test driver the build made (mercury_driver in BUILD.bazel). ---

class BuiltDriver : public testing::TestWithParam<const char *> {};

TEST_P(BuiltDriver, ManifestReadsBackAndMatchesPciTestdev)
{
	std::string dir = "mercury/manifest/tests/";
	Found f = find(read_file(dir + GetParam() + "/testdev"));
	ASSERT_EQ(f.err, MERCURY_MANIFEST_OK) << mercury_manifest_strerror(f.err);
	Bytes expected = read_file(dir + "testdev.manifest.txt");
	EXPECT_EQ(f.text, std::string(expected.begin(), expected.end()));
	mercury_manifest m;
	ASSERT_EQ(mercury_manifest_parse(f.text.data(), f.text.size(), &m, nullptr, nullptr), 0u);
	EXPECT_STREQ(m.driver, "testdev");
	EXPECT_TRUE(mercury_manifest_matches_pci(&m, 0x1b36, 0x0005, 0x00ff00));
	ASSERT_EQ(m.resource_count, 1u);
	EXPECT_STREQ(m.resources[0].cap_name, "bar0");
	ASSERT_EQ(m.provides_count, 1u);
	EXPECT_STREQ(m.provides[0].interface, "ares.testdev");
}

INSTANTIATE_TEST_SUITE_P(Arches, BuiltDriver, testing::Values("x86_64", "aarch64"));

TEST(ElfSection, AProgramWithoutAManifestHasNone)
{
	Found f = find(read_file("helios/lib/rt/x86_64/hello"));
	EXPECT_EQ(f.err, MERCURY_MANIFEST_ERR_NO_MANIFEST);
}

// --- ELF files built here: a header, section data, the section table at the end. ---

struct Section {
	std::string name;
	std::string data;
	uint32_t type = SHT_PROGBITS;
};

class ElfBuilder {
public:
	std::vector<Section> sections; // after the null section and before .shstrtab

	Bytes Build() const
	{
		Bytes file(sizeof(Elf64_Ehdr));
		std::string names(1, '\0');
		std::vector<Elf64_Shdr> table(1);
		auto add = [&](const std::string &name, const std::string &data, uint32_t type) {
			Elf64_Shdr sh{};
			sh.sh_name = static_cast<uint32_t>(names.size());
			names += name + '\0';
			sh.sh_type = type;
			sh.sh_offset = file.size();
			sh.sh_size = data.size();
			file.insert(file.end(), data.begin(), data.end());
			table.push_back(sh);
		};
		for (const Section &s : sections)
			add(s.name, s.data, s.type);
		Elf64_Shdr strtab{};
		strtab.sh_name = static_cast<uint32_t>(names.size());
		names += ".shstrtab";
		names += '\0';
		strtab.sh_type = SHT_STRTAB;
		strtab.sh_offset = file.size();
		strtab.sh_size = names.size();
		file.insert(file.end(), names.begin(), names.end());
		table.push_back(strtab);

		Elf64_Ehdr eh{};
		memcpy(eh.e_ident, ELFMAG, SELFMAG);
		eh.e_ident[EI_CLASS] = ELFCLASS64;
		eh.e_ident[EI_DATA] = ELFDATA2LSB;
		eh.e_ident[EI_VERSION] = EV_CURRENT;
		eh.e_type = ET_EXEC;
		eh.e_machine = EM_X86_64;
		eh.e_version = EV_CURRENT;
		eh.e_ehsize = sizeof(eh);
		eh.e_shoff = file.size();
		eh.e_shentsize = sizeof(Elf64_Shdr);
		eh.e_shnum = static_cast<uint16_t>(table.size());
		eh.e_shstrndx = static_cast<uint16_t>(table.size() - 1);
		memcpy(file.data(), &eh, sizeof(eh));
		for (const Elf64_Shdr &sh : table) {
			const unsigned char *p = reinterpret_cast<const unsigned char *>(&sh);
			file.insert(file.end(), p, p + sizeof(sh));
		}
		return file;
	}
};

const std::string kManifest = "driver x\nmatch none\n";

Bytes good_elf()
{
	ElfBuilder b;
	b.sections = { { ".text", std::string(40, '\x90') },
		       { ".ares.manifest", kManifest + '\0' },
		       { ".comment", "clang" } };
	return b.Build();
}

Elf64_Ehdr header(const Bytes &f)
{
	Elf64_Ehdr eh;
	memcpy(&eh, f.data(), sizeof(eh));
	return eh;
}

void set_header(Bytes &f, const Elf64_Ehdr &eh)
{
	memcpy(f.data(), &eh, sizeof(eh));
}

Elf64_Shdr section(const Bytes &f, unsigned i)
{
	Elf64_Shdr sh;
	memcpy(&sh, f.data() + header(f).e_shoff + i * sizeof(sh), sizeof(sh));
	return sh;
}

void set_section(Bytes &f, unsigned i, const Elf64_Shdr &sh)
{
	memcpy(f.data() + header(f).e_shoff + i * sizeof(sh), &sh, sizeof(sh));
}

const unsigned kManifestIndex = 2, kNamesIndex = 4;

TEST(ElfSection, FoundInABuiltFile)
{
	Found f = find(good_elf());
	ASSERT_EQ(f.err, MERCURY_MANIFEST_OK);
	EXPECT_EQ(f.text, kManifest);
}

TEST(ElfSection, FoundAtAnyAlignment)
{
	Bytes shifted(3, 0);
	Bytes f = good_elf();
	shifted.insert(shifted.end(), f.begin(), f.end());
	const char *text = nullptr;
	size_t len = 0;
	ASSERT_EQ(mercury_manifest_find(shifted.data() + 3, f.size(), &text, &len),
		  MERCURY_MANIFEST_OK);
	EXPECT_EQ(std::string(text, len), kManifest);
}

TEST(ElfSection, HeaderErrors)
{
	Bytes f = good_elf();
	EXPECT_EQ(find(Bytes(f.begin(), f.begin() + 63)).err, MERCURY_MANIFEST_ERR_TRUNCATED);
	EXPECT_EQ(find(Bytes()).err, MERCURY_MANIFEST_ERR_TRUNCATED);
	Bytes g = f;
	g[1] = 'e';
	EXPECT_EQ(find(g).err, MERCURY_MANIFEST_ERR_NOT_ELF);
	g = f;
	g[EI_CLASS] = ELFCLASS32;
	EXPECT_EQ(find(g).err, MERCURY_MANIFEST_ERR_NOT_ELF64_LE);
	g = f;
	g[EI_DATA] = ELFDATA2MSB;
	EXPECT_EQ(find(g).err, MERCURY_MANIFEST_ERR_NOT_ELF64_LE);
}

TEST(ElfSection, SectionTableErrors)
{
	Bytes f = good_elf();
	Elf64_Ehdr eh = header(f);

	Bytes g = f;
	Elf64_Ehdr e = eh;
	e.e_shoff = 0;
	set_header(g, e);
	EXPECT_EQ(find(g).err, MERCURY_MANIFEST_ERR_NO_MANIFEST) << "no section table";

	for (uint64_t shoff : { uint64_t(f.size()), uint64_t(f.size() - 63), UINT64_MAX,
				UINT64_MAX - 63 }) {
		g = f;
		e = eh;
		e.e_shoff = shoff;
		set_header(g, e);
		EXPECT_EQ(find(g).err, MERCURY_MANIFEST_ERR_SECTIONS) << shoff;
	}
	g = f;
	e = eh;
	e.e_shentsize = 40;
	set_header(g, e);
	EXPECT_EQ(find(g).err, MERCURY_MANIFEST_ERR_SECTIONS);
	g = f;
	e = eh;
	e.e_shnum = eh.e_shnum + 1; // one entry past the end of the file
	set_header(g, e);
	EXPECT_EQ(find(g).err, MERCURY_MANIFEST_ERR_SECTIONS);
	g = Bytes(f.begin(), f.end() - 1); // the table's last entry cut short
	EXPECT_EQ(find(g).err, MERCURY_MANIFEST_ERR_SECTIONS);
}

TEST(ElfSection, ManySectionsCountAndNamesInSectionZero)
{
	Bytes g = good_elf();
	Elf64_Ehdr e = header(g);
	Elf64_Shdr zero = section(g, 0);
	zero.sh_size = e.e_shnum;
	zero.sh_link = e.e_shstrndx;
	set_section(g, 0, zero);
	e.e_shnum = 0;
	e.e_shstrndx = SHN_XINDEX;
	set_header(g, e);
	Found f = find(g);
	ASSERT_EQ(f.err, MERCURY_MANIFEST_OK);
	EXPECT_EQ(f.text, kManifest);

	zero.sh_size = 0;
	set_section(g, 0, zero);
	EXPECT_EQ(find(g).err, MERCURY_MANIFEST_ERR_SECTIONS) << "no sections at all";
	zero.sh_size = UINT64_MAX;
	set_section(g, 0, zero);
	EXPECT_EQ(find(g).err, MERCURY_MANIFEST_ERR_SECTIONS) << "more than the file holds";
	zero.sh_size = kNamesIndex + 1;
	zero.sh_link = 0xffffffff;
	set_section(g, 0, zero);
	EXPECT_EQ(find(g).err, MERCURY_MANIFEST_ERR_NAMES);
}

TEST(ElfSection, NameTableErrors)
{
	Bytes f = good_elf();
	for (uint16_t index : { uint16_t(0), uint16_t(5), uint16_t(0xfffe) }) {
		Bytes g = f;
		Elf64_Ehdr e = header(g);
		e.e_shstrndx = index;
		set_header(g, e);
		EXPECT_EQ(find(g).err, MERCURY_MANIFEST_ERR_NAMES) << index;
	}
	Elf64_Shdr names = section(f, kNamesIndex);
	auto with_names = [&](Elf64_Shdr sh) {
		Bytes g = f;
		set_section(g, kNamesIndex, sh);
		return find(g).err;
	};
	Elf64_Shdr sh = names;
	sh.sh_type = SHT_NOBITS;
	EXPECT_EQ(with_names(sh), MERCURY_MANIFEST_ERR_NAMES);
	sh = names;
	sh.sh_offset = f.size();
	EXPECT_EQ(with_names(sh), MERCURY_MANIFEST_ERR_NAMES);
	sh = names;
	sh.sh_size = UINT64_MAX;
	EXPECT_EQ(with_names(sh), MERCURY_MANIFEST_ERR_NAMES);
	sh = names;
	sh.sh_offset = UINT64_MAX - 2;
	sh.sh_size = 4;
	EXPECT_EQ(with_names(sh), MERCURY_MANIFEST_ERR_NAMES);
	sh = names;
	sh.sh_size = 0; // every name is out of the table: no section is the manifest
	EXPECT_EQ(with_names(sh), MERCURY_MANIFEST_ERR_NO_MANIFEST);
}

TEST(ElfSection, NamesAreCheckedInsideTheirTable)
{
	Bytes f = good_elf();
	Elf64_Shdr names = section(f, kNamesIndex);
	Elf64_Shdr m = section(f, kManifestIndex);
	// The table cut so the manifest's name loses its NUL, then its last letter.
	for (uint64_t cut : { uint64_t(1), uint64_t(2) }) {
		Bytes g = f;
		Elf64_Shdr n = names;
		n.sh_size = m.sh_name + sizeof(".ares.manifest") - cut;
		set_section(g, kNamesIndex, n);
		EXPECT_EQ(find(g).err, MERCURY_MANIFEST_ERR_NO_MANIFEST) << cut;
	}
	Bytes g = f;
	m.sh_name = 0xffffffff;
	set_section(g, kManifestIndex, m);
	EXPECT_EQ(find(g).err, MERCURY_MANIFEST_ERR_NO_MANIFEST);
}

Bytes elf_with(const std::vector<Section> &sections)
{
	ElfBuilder b;
	b.sections = sections;
	return b.Build();
}

TEST(ElfSection, ManifestSectionErrors)
{
	EXPECT_EQ(find(elf_with({ { ".text", "x" } })).err, MERCURY_MANIFEST_ERR_NO_MANIFEST);
	EXPECT_EQ(find(elf_with({ { ".ares.manifestx", kManifest + '\0' } })).err,
		  MERCURY_MANIFEST_ERR_NO_MANIFEST);
	EXPECT_EQ(find(elf_with({ { ".ares.manifest", kManifest + '\0' },
				  { ".ares.manifest", kManifest + '\0' } }))
			  .err,
		  MERCURY_MANIFEST_ERR_TWO_MANIFESTS);
	EXPECT_EQ(find(elf_with({ { ".ares.manifest", "" } })).err, MERCURY_MANIFEST_ERR_SECTION);
	EXPECT_EQ(find(elf_with({ { ".ares.manifest", kManifest + '\0', SHT_NOBITS } })).err,
		  MERCURY_MANIFEST_ERR_SECTION);
	EXPECT_EQ(find(elf_with({ { ".ares.manifest", kManifest } })).err,
		  MERCURY_MANIFEST_ERR_NOT_TERMINATED);
	// Two manifests linked into one section: a NUL inside.
	EXPECT_EQ(find(elf_with({ { ".ares.manifest", kManifest + '\0' + kManifest + '\0' } })).err,
		  MERCURY_MANIFEST_ERR_NOT_TERMINATED);
	std::string full = std::string(4095, '\n') + '\0';
	Found f = find(elf_with({ { ".ares.manifest", full } }));
	EXPECT_EQ(f.err, MERCURY_MANIFEST_OK);
	EXPECT_EQ(f.text.size(), 4095u);
	EXPECT_EQ(find(elf_with({ { ".ares.manifest", '\n' + full } })).err,
		  MERCURY_MANIFEST_ERR_TOO_LARGE);

	Bytes g = good_elf();
	Elf64_Shdr m = section(g, kManifestIndex);
	for (auto [offset, size] : { std::pair<uint64_t, uint64_t>{ g.size(), 1 },
				     { g.size() - 1, 2 },
				     { UINT64_MAX, 2 },
				     { 1, UINT64_MAX } }) {
		Bytes h = g;
		Elf64_Shdr s = m;
		s.sh_offset = offset;
		s.sh_size = size;
		set_section(h, kManifestIndex, s);
		EXPECT_EQ(find(h).err, MERCURY_MANIFEST_ERR_SECTION) << offset << " " << size;
	}
}

TEST(ElfSection, EveryErrorHasAMessage)
{
	for (int e = MERCURY_MANIFEST_OK; e <= MERCURY_MANIFEST_ERR_NOT_TERMINATED; e++)
		EXPECT_STRNE(mercury_manifest_strerror(static_cast<mercury_manifest_error>(e)),
			     "unknown manifest error");
	EXPECT_STREQ(mercury_manifest_strerror(static_cast<mercury_manifest_error>(99)),
		     "unknown manifest error");
}

// --- Random damage: whatever it is, find returns an error or text inside the file that
// ends in the file's NUL, and the parser then takes that text without trouble. ---

constexpr uint64_t kSeed = 0x6d616e6966657374; // "manifest"
constexpr int kIterations = 20000;

class Mutator {
public:
	explicit Mutator(uint64_t seed) : rng_(seed) {}

	Bytes Mutate(Bytes f)
	{
		for (int n = 1 + Below(4); n > 0 && !f.empty(); n--)
			MutateOnce(f);
		return f;
	}

private:
	uint64_t Below(uint64_t n) { return rng_() % n; }

	// A value that tends to sit on an edge: 0, small, the file's size and around, huge.
	uint64_t Interesting(size_t size)
	{
		const uint64_t values[] = { 0, 1, 2, 0xffff, 0xffffffff, UINT64_MAX, UINT64_MAX - 1,
					    size, size - 1, size + 1, Below(size + 1), rng_() };
		return values[Below(std::size(values))];
	}

	template <typename T> void Put(Bytes &f, size_t at, T value)
	{
		if (at + sizeof(T) <= f.size())
			memcpy(f.data() + at, &value, sizeof(T));
	}

	void MutateOnce(Bytes &f)
	{
		uint64_t shoff = header(f).e_shoff;
		switch (Below(6)) {
		case 0: // a bit anywhere
			f[Below(f.size())] ^= static_cast<unsigned char>(1u << Below(8));
			break;
		case 1: // a header field
			Put<uint64_t>(f, offsetof(Elf64_Ehdr, e_shoff), Interesting(f.size()));
			break;
		case 2: {
			const size_t fields[] = { offsetof(Elf64_Ehdr, e_shnum),
						  offsetof(Elf64_Ehdr, e_shstrndx),
						  offsetof(Elf64_Ehdr, e_shentsize) };
			Put<uint16_t>(f, fields[Below(3)], static_cast<uint16_t>(Interesting(f.size())));
			break;
		}
		case 3: { // a field of a section header
			size_t at = shoff + Below(8) * sizeof(Elf64_Shdr);
			const size_t fields[] = { offsetof(Elf64_Shdr, sh_offset),
						  offsetof(Elf64_Shdr, sh_size) };
			if (at < f.size() && Below(2))
				Put<uint64_t>(f, at + fields[Below(2)], Interesting(f.size()));
			else if (at < f.size())
				Put<uint32_t>(f, at + offsetof(Elf64_Shdr, sh_name),
					      static_cast<uint32_t>(Interesting(f.size())));
			break;
		}
		case 4: // cut short
			f.resize(Below(f.size()));
			break;
		default: // bytes overwritten
			for (size_t at = Below(f.size()), n = 1 + Below(16); n && at < f.size(); n--)
				f[at++] = static_cast<unsigned char>(rng_());
			break;
		}
		if (f.size() < sizeof(Elf64_Ehdr) && !f.empty() && Below(2))
			f.resize(sizeof(Elf64_Ehdr), 0);
	}

	std::mt19937_64 rng_;
};

TEST(ElfSectionFuzz, DamagedFilesNeverEscape)
{
	const std::vector<Bytes> seeds = { good_elf(),
					   read_file("mercury/manifest/tests/x86_64/testdev") };
	Mutator mutator(kSeed);
	int found = 0, refused = 0;
	for (int i = 0; i < kIterations; i++) {
		Bytes f = mutator.Mutate(seeds[i % seeds.size()]);
		Found r = find(f); // inside a guarded copy: reading past the end faults
		if (r.err != MERCURY_MANIFEST_OK) {
			refused++;
			continue;
		}
		found++;
		ASSERT_LT(r.text.size(), size_t(MERCURY_MANIFEST_SECTION_MAX));
		ASSERT_EQ(r.text.find('\0'), std::string::npos);
		mercury_manifest m;
		mercury_manifest_parse(r.text.data(), r.text.size(), &m, nullptr, nullptr);
		ASSERT_LE(m.match_count, unsigned(MERCURY_MANIFEST_EACH_MAX));
		ASSERT_LE(m.resource_count, unsigned(MERCURY_MANIFEST_EACH_MAX));
	}
	// Both outcomes must be common, or the mutations are too mild or too harsh to test much.
	EXPECT_GT(found, kIterations / 20);
	EXPECT_GT(refused, kIterations / 20);
}

// Random text, mostly statement words, numbers and separators: the parser must stay inside
// the text and inside its tables whatever it gets.
TEST(ManifestFuzz, RandomTextNeverEscapes)
{
	const std::vector<std::string> words = {
		"driver", "match", "pci", "pci-class", "compatible", "none", "device", "bar",
		"irq", "reg", "ports", "memory", "provides", "uses", "a.b", "x", "1b36:0005",
		"0c03*", "3f8", "1000", "fee00000", "0", "99999999999999999999", "#", " ", "\t",
		"\n", "\r", std::string(1, '\0'), "*", std::string(130, 'a'),
	};
	std::mt19937_64 rng(kSeed);
	for (int i = 0; i < kIterations; i++) {
		std::string text;
		for (int n = rng() % 200; n > 0; n--) {
			text += words[rng() % words.size()];
			text += (rng() % 4) ? " " : "\n";
		}
		GuardedCopy copy(Bytes(text.begin(), text.end()));
		mercury_manifest m;
		mercury_manifest_parse(reinterpret_cast<const char *>(copy.data()), copy.size(), &m,
				       nullptr, nullptr);
		ASSERT_LE(m.match_count, unsigned(MERCURY_MANIFEST_EACH_MAX));
		ASSERT_LE(m.resource_count, unsigned(MERCURY_MANIFEST_EACH_MAX));
		ASSERT_LE(m.provides_count, unsigned(MERCURY_MANIFEST_EACH_MAX));
		ASSERT_LE(m.uses_count, unsigned(MERCURY_MANIFEST_EACH_MAX));
		ASSERT_LT(strlen(m.driver), sizeof(m.driver));
	}
}

} // namespace
