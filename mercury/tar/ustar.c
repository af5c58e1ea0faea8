/*
 * Checks on one USTAR header block (see ustar.h). Every read is inside the 512 bytes given.
 */
#include <string.h>

#include "mercury/tar/ustar.h"

size_t ustar_text_len(const char *field, size_t width)
{
	const char *nul = memchr(field, '\0', width);
	return nul ? (size_t)(nul - field) : width;
}

bool ustar_is_zero_block(const unsigned char *block)
{
	for (unsigned i = 0; i < USTAR_BLOCK; i++) {
		if (block[i] != 0)
			return false;
	}
	return true;
}

static bool is_terminator(char c)
{
	return c == '\0' || c == ' ';
}

bool ustar_number(const char *field, unsigned width, uint64_t *value)
{
	unsigned i = 0;
	while (i < width && field[i] == ' ')
		i++;
	unsigned first_digit = i;
	uint64_t v = 0;
	while (i < width && field[i] >= '0' && field[i] <= '7')
		v = v * 8 + (uint64_t)(field[i++] - '0');
	if (i == first_digit || i == width)
		return false; /* no digits, or no terminator */
	for (; i < width; i++) {
		if (!is_terminator(field[i]))
			return false;
	}
	*value = v;
	return true;
}

bool ustar_checksum_ok(const struct ustar_header *header)
{
	const unsigned char *bytes = (const unsigned char *)header;
	const size_t field = offsetof(struct ustar_header, chksum);
	uint64_t sum = 0;
	for (size_t i = 0; i < USTAR_BLOCK; i++) {
		bool in_field = i >= field && i < field + sizeof(header->chksum);
		sum += in_field ? (unsigned char)' ' : bytes[i];
	}
	uint64_t stored;
	return ustar_number(header->chksum, sizeof(header->chksum), &stored) && stored == sum;
}

bool ustar_magic_ok(const struct ustar_header *header)
{
	return memcmp(header->magic, "ustar", sizeof(header->magic)) == 0 &&
	       memcmp(header->version, "00", sizeof(header->version)) == 0;
}

bool ustar_data_span(uint64_t size, uint64_t room, uint64_t *span)
{
	if (size > room)
		return false;
	uint64_t padding = (USTAR_BLOCK - size % USTAR_BLOCK) % USTAR_BLOCK;
	if (padding > room - size)
		return false;
	*span = size + padding;
	return true;
}
