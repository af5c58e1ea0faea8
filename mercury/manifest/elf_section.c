/*
 * Finding the manifest section in an ELF64 file (manifest.h). The file is untrusted: every
 * offset, size and index is checked against the file before it is used, without a sum that
 * could overflow, and headers are copied out with memcpy (the file may sit at any alignment).
 */
#include "mercury/manifest/manifest.h"

#include <string.h>

#include "boot/elf64.h"

struct sections {
	const unsigned char *file;
	size_t size;
	uint64_t table, count; /* offset of the section header table, its entries */
};

/* Whether [offset, offset + len) lies in the file. */
static bool in_file(const struct sections *s, uint64_t offset, uint64_t len)
{
	return offset <= s->size && len <= s->size - offset;
}

static void read_section(const struct sections *s, uint64_t index, struct elf64_shdr *sh)
{
	memcpy(sh, s->file + s->table + index * sizeof(*sh), sizeof(*sh));
}

/* The section table; with many sections, its count and the name table's index are in section 0. */
static enum mercury_manifest_error open_table(struct sections *s, const struct elf64_ehdr *eh,
					      uint64_t *names)
{
	s->table = eh->shoff;
	if (eh->shentsize != sizeof(struct elf64_shdr) ||
	    !in_file(s, s->table, sizeof(struct elf64_shdr)))
		return MERCURY_MANIFEST_ERR_SECTIONS;
	struct elf64_shdr first;
	s->count = 1;
	read_section(s, 0, &first);
	s->count = eh->shnum ? eh->shnum : first.size;
	if (s->count == 0 || s->count > (s->size - s->table) / sizeof(struct elf64_shdr))
		return MERCURY_MANIFEST_ERR_SECTIONS;
	*names = eh->shstrndx == SHN_XINDEX ? first.link : eh->shstrndx;
	return MERCURY_MANIFEST_OK;
}

static bool named(const struct sections *s, const struct elf64_shdr *names, uint32_t name)
{
	static const char wanted[] = MERCURY_MANIFEST_SECTION; /* with its NUL */
	return name < names->size && names->size - name >= sizeof(wanted) &&
	       memcmp(s->file + names->offset + name, wanted, sizeof(wanted)) == 0;
}

enum mercury_manifest_error mercury_manifest_find(const void *elf, size_t size, const char **text,
						  size_t *len)
{
	struct sections s = { .file = elf, .size = size };
	struct elf64_ehdr eh;
	if (size < sizeof(eh))
		return MERCURY_MANIFEST_ERR_TRUNCATED;
	memcpy(&eh, elf, sizeof(eh));
	if (memcmp(eh.ident, "\177ELF", 4) != 0)
		return MERCURY_MANIFEST_ERR_NOT_ELF;
	if (eh.ident[EI_CLASS] != ELFCLASS64 || eh.ident[EI_DATA] != ELFDATA2LSB)
		return MERCURY_MANIFEST_ERR_NOT_ELF64_LE;
	if (eh.shoff == 0)
		return MERCURY_MANIFEST_ERR_NO_MANIFEST; /* no section table at all */
	uint64_t names_index;
	enum mercury_manifest_error err = open_table(&s, &eh, &names_index);
	if (err)
		return err;

	struct elf64_shdr names;
	if (names_index == SHN_UNDEF || names_index >= s.count)
		return MERCURY_MANIFEST_ERR_NAMES;
	read_section(&s, names_index, &names);
	if (names.type == SHT_NOBITS || !in_file(&s, names.offset, names.size))
		return MERCURY_MANIFEST_ERR_NAMES;

	struct elf64_shdr manifest, sh;
	bool found = false;
	for (uint64_t i = 1; i < s.count; i++) {
		read_section(&s, i, &sh);
		if (!named(&s, &names, sh.name))
			continue;
		if (found)
			return MERCURY_MANIFEST_ERR_TWO_MANIFESTS;
		manifest = sh;
		found = true;
	}
	if (!found)
		return MERCURY_MANIFEST_ERR_NO_MANIFEST;
	if (manifest.type == SHT_NOBITS || manifest.size == 0 ||
	    !in_file(&s, manifest.offset, manifest.size))
		return MERCURY_MANIFEST_ERR_SECTION;
	if (manifest.size > MERCURY_MANIFEST_SECTION_MAX)
		return MERCURY_MANIFEST_ERR_TOO_LARGE;
	/* Its one NUL is its last byte: two manifests linked together would show a second. */
	const char *data = (const char *)s.file + manifest.offset;
	size_t data_len = (size_t)manifest.size - 1;
	if (data[data_len] != '\0' || memchr(data, '\0', data_len))
		return MERCURY_MANIFEST_ERR_NOT_TERMINATED;
	*text = data;
	*len = data_len;
	return MERCURY_MANIFEST_OK;
}

const char *mercury_manifest_strerror(enum mercury_manifest_error err)
{
	switch (err) {
	case MERCURY_MANIFEST_OK:
		return "no error";
	case MERCURY_MANIFEST_ERR_TRUNCATED:
		return "file shorter than an ELF header";
	case MERCURY_MANIFEST_ERR_NOT_ELF:
		return "not an ELF file";
	case MERCURY_MANIFEST_ERR_NOT_ELF64_LE:
		return "not a 64-bit little-endian ELF file";
	case MERCURY_MANIFEST_ERR_SECTIONS:
		return "section header table malformed or outside the file";
	case MERCURY_MANIFEST_ERR_NAMES:
		return "section name table malformed or outside the file";
	case MERCURY_MANIFEST_ERR_NO_MANIFEST:
		return "no .ares.manifest section";
	case MERCURY_MANIFEST_ERR_TWO_MANIFESTS:
		return "more than one .ares.manifest section";
	case MERCURY_MANIFEST_ERR_SECTION:
		return ".ares.manifest section empty or outside the file";
	case MERCURY_MANIFEST_ERR_TOO_LARGE:
		return ".ares.manifest section larger than 4 KiB";
	case MERCURY_MANIFEST_ERR_NOT_TERMINATED:
		return "manifest not ending in its one NUL byte";
	}
	return "unknown manifest error";
}
