/*
 * Validating ELF64 parser and loader (see elf.h). The file is untrusted: every field is
 * checked before it is used, every sum is checked for overflow, and headers are copied out
 * with memcpy so the file may sit at any alignment.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "boot/elf.h"
#include "boot/elf64.h"

#define PAGE_MASK ((uint64_t)ELF_PAGE_SIZE - 1)

const char *elf_strerror(enum elf_error err)
{
	switch (err) {
	case ELF_OK:
		return "no error";
	case ELF_ERR_TRUNCATED:
		return "file shorter than an ELF header";
	case ELF_ERR_MAGIC:
		return "not an ELF file";
	case ELF_ERR_CLASS:
		return "not a 64-bit ELF file";
	case ELF_ERR_ENDIAN:
		return "not a little-endian ELF file";
	case ELF_ERR_VERSION:
		return "unknown ELF version";
	case ELF_ERR_TYPE:
		return "not an ELF executable (ET_EXEC)";
	case ELF_ERR_MACHINE:
		return "ELF file for another machine";
	case ELF_ERR_PHDR:
		return "program header table missing, malformed or outside the file";
	case ELF_ERR_SEGMENT:
		return "segment outside the file, larger on file than in memory, or wrapping";
	case ELF_ERR_TOO_MANY:
		return "too many loadable segments";
	case ELF_ERR_NO_SEGMENTS:
		return "no loadable segments";
	case ELF_ERR_OVERLAP:
		return "loadable segments share a page";
	case ELF_ERR_ENTRY:
		return "entry point outside every executable segment";
	case ELF_ERR_RANGE:
		return "segments outside the allowed address range";
	}
	return "unknown ELF error";
}

/* Checks the file header; on success *eh holds a copy of it. */
static enum elf_error check_header(const unsigned char *file, uint64_t size, uint16_t machine,
				   struct elf64_ehdr *eh)
{
	if (size < sizeof(*eh))
		return ELF_ERR_TRUNCATED;
	memcpy(eh, file, sizeof(*eh));
	if (eh->ident[0] != 0x7f || eh->ident[1] != 'E' || eh->ident[2] != 'L' ||
	    eh->ident[3] != 'F')
		return ELF_ERR_MAGIC;
	if (eh->ident[EI_CLASS] != ELFCLASS64)
		return ELF_ERR_CLASS;
	if (eh->ident[EI_DATA] != ELFDATA2LSB)
		return ELF_ERR_ENDIAN;
	if (eh->ident[EI_VERSION] != EV_CURRENT || eh->version != EV_CURRENT)
		return ELF_ERR_VERSION;
	if (eh->type != ET_EXEC)
		return ELF_ERR_TYPE;
	if (eh->machine != machine)
		return ELF_ERR_MACHINE;
	/* phnum 0xffff would mean "the real count is elsewhere": not supported. */
	if (eh->phnum == 0 || eh->phnum == 0xffff || eh->phentsize != sizeof(struct elf64_phdr))
		return ELF_ERR_PHDR;
	uint64_t table = (uint64_t)eh->phnum * eh->phentsize;
	if (eh->phoff > size || table > size - eh->phoff)
		return ELF_ERR_PHDR;
	return ELF_OK;
}

/* Checks one PT_LOAD segment on its own: inside the file, filesz <= memsz, no wrapping. */
static enum elf_error check_segment(const struct elf64_phdr *ph, uint64_t size)
{
	if (ph->offset > size || ph->filesz > size - ph->offset)
		return ELF_ERR_SEGMENT;
	if (ph->filesz > ph->memsz)
		return ELF_ERR_SEGMENT;
	/* The end, rounded up to a page, must still be representable. */
	if (ph->vaddr > UINT64_MAX - PAGE_MASK || ph->memsz > UINT64_MAX - PAGE_MASK - ph->vaddr)
		return ELF_ERR_SEGMENT;
	return ELF_OK;
}

/* Sorts segments by address (insertion sort: there are at most ELF_MAX_SEGMENTS). */
static void sort_segments(struct elf_image *img)
{
	for (unsigned i = 1; i < img->segment_count; i++) {
		struct elf_segment s = img->segments[i];
		unsigned j = i;
		while (j > 0 && img->segments[j - 1].vaddr > s.vaddr) {
			img->segments[j] = img->segments[j - 1];
			j--;
		}
		img->segments[j] = s;
	}
}

enum elf_error elf_parse(const void *file, uint64_t size, uint16_t machine, uint64_t min_vaddr,
			 uint64_t max_vaddr, struct elf_image *out)
{
	const unsigned char *bytes = file;
	struct elf64_ehdr eh;
	enum elf_error err = check_header(bytes, size, machine, &eh);
	if (err != ELF_OK)
		return err;

	memset(out, 0, sizeof(*out));
	for (unsigned i = 0; i < eh.phnum; i++) {
		struct elf64_phdr ph;
		memcpy(&ph, bytes + eh.phoff + (uint64_t)i * sizeof(ph), sizeof(ph));
		if (ph.type != PT_LOAD)
			continue;
		err = check_segment(&ph, size);
		if (err != ELF_OK)
			return err;
		if (ph.memsz == 0)
			continue; /* occupies nothing */
		if (out->segment_count == ELF_MAX_SEGMENTS)
			return ELF_ERR_TOO_MANY;
		struct elf_segment *s = &out->segments[out->segment_count++];
		s->vaddr = ph.vaddr;
		s->memsz = ph.memsz;
		s->offset = ph.offset;
		s->filesz = ph.filesz;
		s->flags = ph.flags & (ELF_SEGMENT_R | ELF_SEGMENT_W | ELF_SEGMENT_X);
	}
	if (out->segment_count == 0)
		return ELF_ERR_NO_SEGMENTS;

	for (unsigned i = 0; i < out->segment_count; i++) {
		const struct elf_segment *s = &out->segments[i];
		if (s->vaddr < min_vaddr || s->vaddr + s->memsz - 1 > max_vaddr)
			return ELF_ERR_RANGE;
	}

	/*
	 * Each segment gets its own page rights, so no two segments may share a page (which
	 * also rules out sharing an address).
	 */
	sort_segments(out);
	for (unsigned i = 1; i < out->segment_count; i++) {
		const struct elf_segment *prev = &out->segments[i - 1];
		uint64_t prev_end = (prev->vaddr + prev->memsz + PAGE_MASK) & ~PAGE_MASK;
		if ((out->segments[i].vaddr & ~PAGE_MASK) < prev_end)
			return ELF_ERR_OVERLAP;
	}

	int entry_ok = 0;
	for (unsigned i = 0; i < out->segment_count; i++) {
		const struct elf_segment *s = &out->segments[i];
		if ((s->flags & ELF_SEGMENT_X) && eh.entry >= s->vaddr &&
		    eh.entry - s->vaddr < s->memsz)
			entry_ok = 1;
	}
	if (!entry_ok)
		return ELF_ERR_ENTRY;

	const struct elf_segment *last = &out->segments[out->segment_count - 1];
	out->entry = eh.entry;
	out->vbase = out->segments[0].vaddr & ~PAGE_MASK;
	out->vend = (last->vaddr + last->memsz + PAGE_MASK) & ~PAGE_MASK;
	return ELF_OK;
}

void elf_load(const struct elf_image *img, const void *file, void *dest)
{
	unsigned char *d = dest;
	const unsigned char *f = file;
	memset(d, 0, (size_t)(img->vend - img->vbase));
	for (unsigned i = 0; i < img->segment_count; i++) {
		const struct elf_segment *s = &img->segments[i];
		memcpy(d + (size_t)(s->vaddr - img->vbase), f + (size_t)s->offset,
		       (size_t)s->filesz);
	}
}
