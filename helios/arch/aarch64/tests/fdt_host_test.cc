// Host tests of fdt.c: where the kernel finds its UART and how it calls PSCI, on device trees
// built here with libfdt's sequential-write functions.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

extern "C" {
#include <libfdt.h>

#include "helios/arch/aarch64/aarch64.h"
}

namespace {

using Body = std::function<void(void *)>;

// A tree whose root has #address-cells = `cells`, filled by `body`.
std::vector<char> MakeTree(int cells, const Body &body)
{
	std::vector<char> buf(8192);
	void *fdt = buf.data();
	EXPECT_EQ(fdt_create(fdt, static_cast<int>(buf.size())), 0);
	EXPECT_EQ(fdt_finish_reservemap(fdt), 0);
	EXPECT_EQ(fdt_begin_node(fdt, ""), 0);
	EXPECT_EQ(fdt_property_u32(fdt, "#address-cells", cells), 0);
	EXPECT_EQ(fdt_property_u32(fdt, "#size-cells", cells), 0);
	body(fdt);
	EXPECT_EQ(fdt_end_node(fdt), 0);
	EXPECT_EQ(fdt_finish(fdt), 0);
	return buf;
}

// A string-list property ("a\0b\0").
void StringList(void *fdt, const char *name, const std::vector<std::string> &items)
{
	std::string value;
	for (const auto &item : items)
		value += item + '\0';
	EXPECT_EQ(fdt_property(fdt, name, value.data(), static_cast<int>(value.size())), 0);
}

// A node with "compatible" and a "reg" of one address and size, in `cells` cells each.
void Device(void *fdt, const char *name, const std::vector<std::string> &compatible,
	    uint64_t address, int cells)
{
	EXPECT_EQ(fdt_begin_node(fdt, name), 0);
	StringList(fdt, "compatible", compatible);
	std::vector<fdt32_t> reg;
	if (cells == 2)
		reg.push_back(cpu_to_fdt32(static_cast<uint32_t>(address >> 32)));
	reg.push_back(cpu_to_fdt32(static_cast<uint32_t>(address)));
	if (cells == 2)
		reg.push_back(cpu_to_fdt32(0));
	reg.push_back(cpu_to_fdt32(0x1000));
	EXPECT_EQ(fdt_property(fdt, "reg", reg.data(), static_cast<int>(reg.size() * 4)), 0);
	EXPECT_EQ(fdt_end_node(fdt), 0);
}

void Psci(void *fdt, const std::vector<std::string> &compatible, const char *method)
{
	EXPECT_EQ(fdt_begin_node(fdt, "psci"), 0);
	StringList(fdt, "compatible", compatible);
	EXPECT_EQ(fdt_property_string(fdt, "method", method), 0);
	EXPECT_EQ(fdt_end_node(fdt), 0);
}

void Chosen(void *fdt, const char *stdout_path)
{
	EXPECT_EQ(fdt_begin_node(fdt, "chosen"), 0);
	EXPECT_EQ(fdt_property_string(fdt, "stdout-path", stdout_path), 0);
	EXPECT_EQ(fdt_end_node(fdt), 0);
}

struct platform Read(const std::vector<char> &tree, int expected = 0)
{
	struct platform p = {};
	EXPECT_EQ(fdt_read_platform(tree.data(), &p), expected);
	return p;
}

TEST(FdtReadPlatform, QemuVirtShape)
{
	auto tree = MakeTree(2, [](void *fdt) {
		Psci(fdt, {"arm,psci-1.0", "arm,psci-0.2", "arm,psci"}, "hvc");
		Device(fdt, "pl011@9000000", {"arm,pl011", "arm,primecell"}, 0x9000000, 2);
		Chosen(fdt, "/pl011@9000000");
	});
	struct platform p = Read(tree);
	EXPECT_EQ(p.uart, 0x9000000u);
	EXPECT_EQ(p.psci, PSCI_HVC);
}

TEST(FdtReadPlatform, StdoutPathWinsOverTheFirstPl011AndItsOptionsAreIgnored)
{
	auto tree = MakeTree(2, [](void *fdt) {
		Device(fdt, "uart@1000", {"arm,pl011"}, 0x1000, 2);
		Device(fdt, "uart@2000", {"arm,pl011"}, 0x2000, 2);
		Chosen(fdt, "/uart@2000:115200n8");
	});
	EXPECT_EQ(Read(tree).uart, 0x2000u);
}

TEST(FdtReadPlatform, StdoutPathMayBeAnAlias)
{
	auto tree = MakeTree(1, [](void *fdt) {
		Device(fdt, "uart@1c090000", {"arm,pl011"}, 0x1c090000, 1);
		EXPECT_EQ(fdt_begin_node(fdt, "aliases"), 0);
		EXPECT_EQ(fdt_property_string(fdt, "serial0", "/uart@1c090000"), 0);
		EXPECT_EQ(fdt_end_node(fdt), 0);
		Chosen(fdt, "serial0:115200");
	});
	EXPECT_EQ(Read(tree).uart, 0x1c090000u);
}

TEST(FdtReadPlatform, StdoutPathToAnotherKindOfUartFallsBackToTheFirstPl011)
{
	auto tree = MakeTree(2, [](void *fdt) {
		Device(fdt, "serial@3000", {"ns16550a"}, 0x3000, 2);
		Device(fdt, "uart@4000", {"arm,pl011"}, 0x4000, 2);
		Chosen(fdt, "/serial@3000");
	});
	EXPECT_EQ(Read(tree).uart, 0x4000u);
}

TEST(FdtReadPlatform, SixtyFourBitAddresses)
{
	auto tree = MakeTree(2, [](void *fdt) {
		Device(fdt, "uart@1200000000", {"arm,pl011"}, 0x1200000000ull, 2);
	});
	EXPECT_EQ(Read(tree).uart, 0x1200000000ull);
}

TEST(FdtReadPlatform, NoUartNoPsci)
{
	auto tree = MakeTree(2, [](void *) {});
	struct platform p = Read(tree);
	EXPECT_EQ(p.uart, 0u);
	EXPECT_EQ(p.psci, PSCI_NONE);
}

TEST(FdtReadPlatform, PsciConduits)
{
	auto smc = MakeTree(2, [](void *fdt) { Psci(fdt, {"arm,psci-0.2"}, "smc"); });
	EXPECT_EQ(Read(smc).psci, PSCI_SMC);
	// PSCI 0.1 has no SYSTEM_OFF function ID to rely on.
	auto old = MakeTree(2, [](void *fdt) { Psci(fdt, {"arm,psci"}, "hvc"); });
	EXPECT_EQ(Read(old).psci, PSCI_NONE);
	auto odd = MakeTree(2, [](void *fdt) { Psci(fdt, {"arm,psci-1.0"}, "svc"); });
	EXPECT_EQ(Read(odd).psci, PSCI_NONE);
}

TEST(FdtReadPlatform, RejectsWhatIsNotADeviceTree)
{
	std::vector<char> garbage(256, 'x');
	Read(garbage, -1);
}

}  // namespace
