/*
 * One USTAR header block (POSIX.1 pax, "ustar Interchange Format"): its layout and the checks
 * that need nothing but the block. Part of //mercury/tar, whose API is tar.h; a header of its
 * own so the host tests can reach these checks directly.
 */
#ifndef MERCURY_TAR_USTAR_H
#define MERCURY_TAR_USTAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define USTAR_BLOCK 512u

/* The header as POSIX lays it out: only bytes, so no padding and any alignment. */
struct ustar_header {
	char name[100];
	char mode[8];
	char uid[8];
	char gid[8];
	char size[12];
	char mtime[12];
	char chksum[8];
	char typeflag;
	char linkname[100];
	char magic[6];   /* "ustar\0" */
	char version[2]; /* "00" */
	char uname[32];
	char gname[32];
	char devmajor[8];
	char devminor[8];
	char prefix[155];
	char pad[12];
};

_Static_assert(sizeof(struct ustar_header) == USTAR_BLOCK, "USTAR header");

/* The length of a text field: up to its first NUL, or all `width` bytes if it has none. */
size_t ustar_text_len(const char *field, size_t width);

/* Whether all 512 bytes at `block` are zero (two such blocks end an archive). */
bool ustar_is_zero_block(const unsigned char *block);

/*
 * Reads a numeric field: optional leading spaces, at least one octal digit, then only NUL or
 * space to the end of the field, which must hold at least one of them (POSIX: "terminated by
 * one or more space or NUL"). So a field of `width` bytes holds at most width - 1 digits;
 * widths are at most 12 here, so no value exceeds 33 bits. Base-256 numbers (a GNU
 * extension, high bit set) are refused like any other byte.
 */
bool ustar_number(const char *field, unsigned width, uint64_t *value);

/*
 * Whether the header's checksum field holds the sum of its 512 bytes as unsigned values,
 * the field itself counted as eight spaces. (Signed sums, which some old writers made, are
 * refused.)
 */
bool ustar_checksum_ok(const struct ustar_header *header);

/* Whether the magic and version are USTAR's ("ustar\0" and "00"). */
bool ustar_magic_ok(const struct ustar_header *header);

/*
 * The bytes `size` bytes of data take, rounded up to whole blocks, if that fits in the `room`
 * bytes left after the header; false if not. Cannot overflow, whatever the arguments.
 */
bool ustar_data_span(uint64_t size, uint64_t room, uint64_t *span);

#endif
