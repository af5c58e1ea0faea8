/*
 * Validating ELF64 loader shared by every bootloader and the kernel (which loads init with it).
 *
 * elf_parse reads only the bytes it was given and checks everything before trusting it:
 * header fields, the program header table's bounds, every PT_LOAD segment's file range,
 * filesz <= memsz, address arithmetic that could overflow, segments that overlap, and that
 * the entry point lies in an executable segment. elf_load then copies the image; it cannot fail.
 * Segments must not share a page, since each is mapped with its own rights; PT_LOAD segments
 * with memsz 0 are ignored.
 */
#ifndef BOOT_ELF_H
#define BOOT_ELF_H

#include <stdint.h>

#define ELF_MACHINE_X86_64 62
#define ELF_MACHINE_AARCH64 183

#define ELF_SEGMENT_X 1u /* PF_X */
#define ELF_SEGMENT_W 2u /* PF_W */
#define ELF_SEGMENT_R 4u /* PF_R */

#define ELF_MAX_SEGMENTS 16
#define ELF_PAGE_SIZE 4096u

enum elf_error {
	ELF_OK = 0,
	ELF_ERR_TRUNCATED,    /* file shorter than its header */
	ELF_ERR_MAGIC,        /* not an ELF file */
	ELF_ERR_CLASS,        /* not ELFCLASS64 */
	ELF_ERR_ENDIAN,       /* not little-endian */
	ELF_ERR_VERSION,      /* e_version / EI_VERSION not EV_CURRENT */
	ELF_ERR_TYPE,         /* not ET_EXEC */
	ELF_ERR_MACHINE,      /* e_machine differs from the one asked for */
	ELF_ERR_PHDR,         /* program header table missing, misdescribed or out of the file */
	ELF_ERR_SEGMENT,      /* a PT_LOAD outside the file, filesz > memsz, or wrapping around */
	ELF_ERR_TOO_MANY,     /* more than ELF_MAX_SEGMENTS PT_LOAD segments */
	ELF_ERR_NO_SEGMENTS,  /* nothing to load */
	ELF_ERR_OVERLAP,      /* two PT_LOAD segments share a page (each needs its own rights) */
	ELF_ERR_ENTRY,        /* entry point outside every executable segment */
	ELF_ERR_RANGE,        /* segments outside the address range the caller allows */
};

struct elf_segment {
	uint64_t vaddr, memsz; /* where it goes, and how much memory it takes */
	uint64_t offset, filesz; /* where its bytes are in the file; the rest is zeroed */
	uint32_t flags; /* ELF_SEGMENT_R/W/X */
};

struct elf_image {
	uint64_t entry;
	uint64_t vbase; /* lowest segment address, rounded down to a page */
	uint64_t vend;  /* highest segment end, rounded up to a page */
	unsigned segment_count;
	struct elf_segment segments[ELF_MAX_SEGMENTS]; /* sorted by vaddr */
};

/* A human-readable message for an error, never NULL. */
const char *elf_strerror(enum elf_error err);

/*
 * Checks an ELF64 executable for `machine` whose segments must all lie within
 * [min_vaddr, max_vaddr] (inclusive bounds) and fills `out`.
 */
enum elf_error elf_parse(const void *file, uint64_t size, uint16_t machine, uint64_t min_vaddr,
			 uint64_t max_vaddr, struct elf_image *out);

/*
 * Copies a parsed image to `dest`, which holds (vend - vbase) bytes standing for vbase
 * onwards: file bytes are copied, the remainder of each segment and every gap is zeroed.
 */
void elf_load(const struct elf_image *img, const void *file, void *dest);

#endif
