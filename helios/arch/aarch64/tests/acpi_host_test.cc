// Host tests of acpi.c: the UART from SPCR and the PSCI conduit from the FADT, found through
// the RSDP and the XSDT (or RSDT), in tables laid out here in a fake physical memory.
#include <cstdint>
#include <cstring>
#include <vector>

#include <gtest/gtest.h>

extern "C" {
#include <helios/boot.h>

#include "helios/arch/aarch64/aarch64.h"
}

namespace {

// Physical addresses [kBase, kBase + memory.size()) are readable; nothing else is.
constexpr uint64_t kBase = 0x40000000;
std::vector<uint8_t> memory;

}  // namespace

extern "C" int phys_readable(const struct helios_boot_info *, uint64_t base, uint64_t size)
{
	return base >= kBase && size <= memory.size() && base - kBase <= memory.size() - size;
}

extern "C" void *phys_to_virt(uint64_t phys)
{
	return memory.data() + (phys - kBase);
}

namespace {

void Put32(uint64_t phys, uint32_t v) { std::memcpy(phys_to_virt(phys), &v, 4); }
void Put64(uint64_t phys, uint64_t v) { std::memcpy(phys_to_virt(phys), &v, 8); }

// A table header at `phys`: signature and length (checksums are not checked).
void Header(uint64_t phys, const char *signature, uint32_t length)
{
	std::memcpy(phys_to_virt(phys), signature, 4);
	Put32(phys + 4, length);
}

constexpr uint64_t kRsdp = kBase + 0x000;
constexpr uint64_t kRoot = kBase + 0x100;
constexpr uint64_t kSpcr = kBase + 0x200;
constexpr uint64_t kFadt = kBase + 0x300;

// RSDP -> XSDT (or RSDT) -> the tables given.
void Lay(bool xsdt, const std::vector<uint64_t> &tables)
{
	memory.assign(0x1000, 0);
	std::memcpy(phys_to_virt(kRsdp), "RSD PTR ", 8);
	memory[15] = xsdt ? 2 : 0;
	if (xsdt) {
		Put64(kRsdp + 24, kRoot);
		Header(kRoot, "XSDT", static_cast<uint32_t>(36 + 8 * tables.size()));
		for (size_t i = 0; i < tables.size(); i++)
			Put64(kRoot + 36 + 8 * i, tables[i]);
	} else {
		Put32(kRsdp + 16, static_cast<uint32_t>(kRoot));
		Header(kRoot, "RSDT", static_cast<uint32_t>(36 + 4 * tables.size()));
		for (size_t i = 0; i < tables.size(); i++)
			Put32(kRoot + 36 + 4 * i, static_cast<uint32_t>(tables[i]));
	}
}

void Spcr(uint8_t interface_type, uint64_t address)
{
	Header(kSpcr, "SPCR", 80);
	memory[kSpcr - kBase + 36] = interface_type;
	memory[kSpcr - kBase + 40] = 0; // system memory
	Put64(kSpcr + 44, address);
}

void Fadt(uint16_t arm_boot_flags)
{
	Header(kFadt, "FACP", 276);
	std::memcpy(phys_to_virt(kFadt + 129), &arm_boot_flags, 2);
}

struct platform Read(struct platform p = {})
{
	struct helios_boot_info bi = {};
	bi.acpi_rsdp = kRsdp;
	EXPECT_EQ(acpi_read_platform(&bi, &p), 0);
	return p;
}

TEST(AcpiReadPlatform, QemuVirtShape)
{
	Lay(true, {kFadt, kSpcr});
	Spcr(0x03, 0x9000000);
	Fadt(0x3); // PSCI compliant, use HVC
	struct platform p = Read();
	EXPECT_EQ(p.uart, 0x9000000u);
	EXPECT_EQ(p.psci, PSCI_HVC);
}

TEST(AcpiReadPlatform, RsdtBeforeAcpi2AndSmc)
{
	Lay(false, {kSpcr, kFadt});
	Spcr(0x0e, 0x1c090000);
	Fadt(0x1);
	struct platform p = Read();
	EXPECT_EQ(p.uart, 0x1c090000u);
	EXPECT_EQ(p.psci, PSCI_SMC);
}

TEST(AcpiReadPlatform, OtherUartsAndNonPsciFirmwareAreIgnored)
{
	Lay(true, {kSpcr, kFadt});
	Spcr(0x00, 0x3f8); // 16550
	Fadt(0x0);
	struct platform p = Read();
	EXPECT_EQ(p.uart, 0u);
	EXPECT_EQ(p.psci, PSCI_NONE);
}

TEST(AcpiReadPlatform, KeepsWhatTheDeviceTreeAlreadySaid)
{
	Lay(true, {kSpcr, kFadt});
	Spcr(0x03, 0x9000000);
	Fadt(0x3);
	struct platform known = {};
	known.uart = 0x1234000;
	known.psci = PSCI_SMC;
	struct platform p = Read(known);
	EXPECT_EQ(p.uart, 0x1234000u);
	EXPECT_EQ(p.psci, PSCI_SMC);
}

TEST(AcpiReadPlatform, TablesOutsideReadableMemoryAreNotRead)
{
	Lay(true, {kSpcr, 0x1000, kFadt});
	Spcr(0x03, 0x9000000);
	Header(kSpcr, "SPCR", 0x10000); // runs past readable memory
	Fadt(0x3);
	struct platform p = Read();
	EXPECT_EQ(p.uart, 0u);
	EXPECT_EQ(p.psci, PSCI_HVC);
}

TEST(AcpiReadPlatform, NoRsdp)
{
	memory.assign(0x1000, 0);
	struct helios_boot_info bi = {};
	struct platform p = {};
	EXPECT_EQ(acpi_read_platform(&bi, &p), -1);
	bi.acpi_rsdp = kRsdp; // zeroes: no "RSD PTR " signature
	EXPECT_EQ(acpi_read_platform(&bi, &p), 0);
	EXPECT_EQ(p.uart, 0u);
}

}  // namespace
