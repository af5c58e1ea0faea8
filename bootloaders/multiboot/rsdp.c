/*
 * Finding ACPI's root pointer on a BIOS machine (ACPI 6.5, 5.2.5.1): a 16-byte-aligned
 * structure signed "RSD PTR " in the first KiB of the extended BIOS data area or in the BIOS
 * area 0xE0000-0xFFFFF, recognised by its checksums. The kernel parses the tables; the loader
 * only passes the address on.
 */
#include <stdint.h>
#include <string.h>

#include "bootloaders/multiboot/loader.h"

struct rsdp {
	char signature[8];
	uint8_t checksum; /* the first 20 bytes sum to 0 */
	char oem_id[6];
	uint8_t revision; /* 0 for ACPI 1.0; 2 and up have the fields below */
	uint32_t rsdt;
	uint32_t length; /* of the whole structure */
	uint64_t xsdt;
	uint8_t extended_checksum; /* all `length` bytes sum to 0 */
	uint8_t reserved[3];
} __attribute__((packed));

#define RSDP_V1_SIZE 20
#define BDA_EBDA_SEGMENT 0x40e /* the BIOS data area word holding the EBDA's segment */
#define BIOS_AREA_START 0xe0000
#define BIOS_AREA_END 0x100000

static int sums_to_zero(const uint8_t *p, uint32_t n)
{
	uint8_t sum = 0;
	for (uint32_t i = 0; i < n; i++)
		sum += p[i];
	return sum == 0;
}

static int is_rsdp(const struct rsdp *r)
{
	if (memcmp(r->signature, "RSD PTR ", 8) != 0)
		return 0;
	if (!sums_to_zero((const void *)r, RSDP_V1_SIZE))
		return 0;
	if (r->revision < 2)
		return 1;
	return r->length >= sizeof(*r) && r->length <= PAGE_SIZE &&
	       sums_to_zero((const void *)r, r->length);
}

static uint64_t scan(uintptr_t start, uintptr_t end)
{
	for (uintptr_t a = start; a + sizeof(struct rsdp) <= end; a += 16)
		if (is_rsdp((const struct rsdp *)a))
			return a;
	return 0;
}

uint64_t find_rsdp(void)
{
	uintptr_t ebda = (uintptr_t)*(volatile uint16_t *)BDA_EBDA_SEGMENT << 4;
	/* A sane EBDA lies just below the 640 KiB mark; anything else is not one. */
	if (ebda >= 0x80000 && ebda < 0xa0000) {
		uint64_t found = scan(ebda, ebda + 1024);
		if (found)
			return found;
	}
	return scan(BIOS_AREA_START, BIOS_AREA_END);
}
