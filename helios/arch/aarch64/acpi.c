/*
 * What the kernel needs from ACPI this early, for firmware that describes the machine with
 * ACPI instead of a device tree (AAVMF on QEMU's virt machine publishes no device tree when
 * it has ACPI tables): the serial port from the SPCR table and the PSCI conduit from the
 * FADT. Every table is checked to lie in memory the direct map covers before it is read.
 */
#include <stdint.h>
#include <string.h>

#include <helios/boot.h>

#include "helios/arch/aarch64/aarch64.h"

#define SDT_HEADER_SIZE 36 /* signature, length, revision, checksum, OEM and creator fields */
#define RSDP_V1_SIZE 20
#define RSDP_V2_SIZE 36

/* SPCR (Microsoft's Serial Port Console Redirection table). */
#define SPCR_INTERFACE_TYPE 36
#define SPCR_ADDRESS_SPACE 40 /* generic address structure: space 0 = system memory */
#define SPCR_ADDRESS 44
#define SPCR_MIN_SIZE 52
#define SPCR_PL011 0x03
#define SPCR_SBSA_32BIT 0x0d /* SBSA generic UART, 32-bit accesses: a PL011 subset */
#define SPCR_SBSA 0x0e

/* FADT: ARM_BOOT_ARCH flags (ACPI 6.x, table 5.9). */
#define FADT_ARM_BOOT_ARCH 129
#define FADT_MIN_SIZE 131
#define ARM_PSCI_COMPLIANT (1u << 0)
#define ARM_PSCI_USE_HVC (1u << 1)

static uint32_t read32(const uint8_t *p)
{
	uint32_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

static uint64_t read64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

/* A system description table at `phys`, or NULL if it is not entirely readable. */
static const uint8_t *sdt_at(const struct helios_boot_info *bi, uint64_t phys)
{
	if (phys == 0 || !phys_readable(bi, phys, SDT_HEADER_SIZE))
		return NULL;
	const uint8_t *t = phys_to_virt(phys);
	uint32_t length = read32(t + 4);
	if (length < SDT_HEADER_SIZE || !phys_readable(bi, phys, length))
		return NULL;
	return t;
}

/* The table with `signature` that the XSDT (or, before ACPI 2.0, the RSDT) lists. */
static const uint8_t *find_table(const struct helios_boot_info *bi, const char *signature)
{
	uint64_t rsdp_phys = bi->acpi_rsdp;
	if (rsdp_phys == 0 || !phys_readable(bi, rsdp_phys, RSDP_V1_SIZE))
		return NULL;
	const uint8_t *rsdp = phys_to_virt(rsdp_phys);
	if (memcmp(rsdp, "RSD PTR ", 8) != 0)
		return NULL;
	int xsdt = rsdp[15] >= 2 && phys_readable(bi, rsdp_phys, RSDP_V2_SIZE) &&
		   read64(rsdp + 24) != 0;
	const uint8_t *root = sdt_at(bi, xsdt ? read64(rsdp + 24) : read32(rsdp + 16));
	if (root == NULL)
		return NULL;
	unsigned entry_size = xsdt ? 8 : 4;
	uint32_t count = (read32(root + 4) - SDT_HEADER_SIZE) / entry_size;
	for (uint32_t i = 0; i < count; i++) {
		const uint8_t *entry = root + SDT_HEADER_SIZE + i * entry_size;
		const uint8_t *t = sdt_at(bi, xsdt ? read64(entry) : read32(entry));
		if (t != NULL && memcmp(t, signature, 4) == 0)
			return t;
	}
	return NULL;
}

int acpi_read_platform(const struct helios_boot_info *bi, struct platform *out)
{
	if (bi->acpi_rsdp == 0)
		return -1;
	const uint8_t *spcr = find_table(bi, "SPCR");
	if (out->uart == 0 && spcr != NULL && read32(spcr + 4) >= SPCR_MIN_SIZE) {
		uint8_t type = spcr[SPCR_INTERFACE_TYPE];
		if ((type == SPCR_PL011 || type == SPCR_SBSA_32BIT || type == SPCR_SBSA) &&
		    spcr[SPCR_ADDRESS_SPACE] == 0)
			out->uart = read64(spcr + SPCR_ADDRESS);
	}
	const uint8_t *fadt = find_table(bi, "FACP");
	if (out->psci == PSCI_NONE && fadt != NULL && read32(fadt + 4) >= FADT_MIN_SIZE) {
		uint16_t flags = (uint16_t)(fadt[FADT_ARM_BOOT_ARCH] |
					    fadt[FADT_ARM_BOOT_ARCH + 1] << 8);
		if (flags & ARM_PSCI_COMPLIANT)
			out->psci = (flags & ARM_PSCI_USE_HVC) ? PSCI_HVC : PSCI_SMC;
	}
	return 0;
}
