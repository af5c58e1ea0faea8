// Host tests of what fdt.c reads besides the console and PSCI: the GIC, the generic timer's
// interrupt, the console's interrupt and the /memory ranges. On QEMU's own trees and a
// board-shaped one (dts/), and on trees built here with one thing wrong at a time.
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

extern "C" {
#include <libfdt.h>

#include "helios/arch/aarch64/aarch64.h"
}

#include "helios/arch/aarch64/tests/dtb_file.h"
#include "helios/arch/aarch64/tests/tree_builder.h"

namespace {

struct platform Read(const std::vector<char> &blob)
{
	struct platform p = {};
	EXPECT_EQ(fdt_read_platform(blob.data(), &p), 0);
	return p;
}

void ExpectRange(const struct phys_range &r, uint64_t base, uint64_t size)
{
	EXPECT_EQ(r.base, base);
	EXPECT_EQ(r.size, size);
}

TEST(FdtPlatformQemu, GicV3)
{
	struct platform p = Read(LoadDtb("qemu_virt_gicv3"));
	EXPECT_EQ(p.gic.version, GIC_V3);
	ExpectRange(p.gic.dist, 0x8000000, 0x10000);
	ExpectRange(p.gic.redist, 0x80a0000, 0xf60000);
	ExpectRange(p.gic.cpu, 0, 0);
	EXPECT_EQ(p.timer_irq, 27u); // PPI 11
	EXPECT_EQ(p.uart, 0x9000000u);
	EXPECT_EQ(p.uart_irq, 33u); // SPI 1
	ASSERT_EQ(p.memory_count, 1u);
	ExpectRange(p.memory[0], 0x40000000, 0x20000000);
}

TEST(FdtPlatformQemu, GicV2)
{
	struct platform p = Read(LoadDtb("qemu_virt_gicv2"));
	EXPECT_EQ(p.gic.version, GIC_V2);
	ExpectRange(p.gic.dist, 0x8000000, 0x10000);
	ExpectRange(p.gic.cpu, 0x8010000, 0x10000);
	ExpectRange(p.gic.redist, 0, 0);
	EXPECT_EQ(p.timer_irq, 27u);
	EXPECT_EQ(p.uart_irq, 33u);
}

// A GIC-400 on a bus that moves addresses, an armv7 timer, RAM in two nodes (three ranges).
TEST(FdtPlatformBoard, EverythingIsTranslatedThroughTheBus)
{
	struct platform p = Read(LoadDtb("soc_bus"));
	EXPECT_EQ(p.gic.version, GIC_V2);
	ExpectRange(p.gic.dist, 0xff841000, 0x1000);
	ExpectRange(p.gic.cpu, 0xff842000, 0x2000);
	EXPECT_EQ(p.timer_irq, 27u);
	EXPECT_EQ(p.uart, 0xfe201400u);
	EXPECT_EQ(p.uart_irq, 32u + 122);
	ASSERT_EQ(p.memory_count, 3u);
	ExpectRange(p.memory[0], 0, 0x3b400000);
	ExpectRange(p.memory[1], 0x40000000, 0x40000000);
	ExpectRange(p.memory[2], 0x100000000, 0x100000000);
}

// The trees of the console tests have no GIC, timer or memory: all read as absent.
TEST(FdtPlatformBoard, AbsentMeansZero)
{
	struct platform p = Read(LoadDtb("no_chosen"));
	EXPECT_EQ(p.gic.version, GIC_NONE);
	EXPECT_EQ(p.timer_irq, 0u);
	EXPECT_EQ(p.uart_irq, 0u);
	EXPECT_EQ(p.memory_count, 0u);
}

// The pieces of a small GICv3 machine, each of which a test may replace.
struct Shape {
	std::string gic_compatible = "arm,gic-v3";
	std::vector<uint32_t> gic_reg = {0, 0x8000000, 0, 0x10000, 0, 0x80a0000, 0, 0xf60000};
	std::vector<uint32_t> interrupt_cells = {3};
	std::string gic_status = "okay";
	std::vector<uint32_t> timer_interrupts = {1, 13, 4, 1, 14, 4, 1, 11, 4, 1, 10, 4};
	std::vector<uint32_t> uart_interrupts = {0, 1, 4};
	std::vector<uint32_t> root_cells = {2};
	std::vector<uint32_t> memory_reg = {0, 0x40000000, 0, 0x20000000};
	bool interrupt_parent = true;
};

std::vector<char> Build(const Shape &s)
{
	TreeBuilder t;
	t.Cells("#address-cells", s.root_cells);
	t.Cells("#size-cells", {2});
	if (s.interrupt_parent)
		t.Cells("interrupt-parent", {1});
	t.Begin("memory@40000000");
	t.Strings("device_type", {"memory"});
	t.Cells("reg", s.memory_reg);
	t.End();
	t.Begin("intc@8000000");
	t.Strings("compatible", {s.gic_compatible});
	t.Cells("reg", s.gic_reg);
	t.Cells("#interrupt-cells", s.interrupt_cells);
	t.Strings("status", {s.gic_status});
	t.Cells("phandle", {1});
	t.End();
	t.Begin("timer");
	t.Strings("compatible", {"arm,armv8-timer", "arm,armv7-timer"});
	t.Cells("interrupts", s.timer_interrupts);
	t.End();
	t.Begin("pl011@9000000");
	t.Strings("compatible", {"arm,pl011", "arm,primecell"});
	t.Cells("reg", {0, 0x9000000, 0, 0x1000});
	t.Cells("interrupts", s.uart_interrupts);
	t.End();
	return t.Finish();
}

TEST(FdtPlatformBuilt, TheBaseShapeReadsFully)
{
	struct platform p = Read(Build(Shape{}));
	EXPECT_EQ(p.gic.version, GIC_V3);
	ExpectRange(p.gic.redist, 0x80a0000, 0xf60000);
	EXPECT_EQ(p.timer_irq, 27u);
	EXPECT_EQ(p.uart_irq, 33u);
	EXPECT_EQ(p.memory_count, 1u);
}

TEST(FdtPlatformBuilt, GicCompatibles)
{
	for (const char *v2 : {"arm,cortex-a15-gic", "arm,gic-400", "arm,cortex-a7-gic"}) {
		Shape s;
		s.gic_compatible = v2;
		EXPECT_EQ(Read(Build(s)).gic.version, GIC_V2) << v2;
	}
	Shape other;
	other.gic_compatible = "arm,gic-v5";
	struct platform p = Read(Build(other));
	EXPECT_EQ(p.gic.version, GIC_NONE);
	// Without a GIC nobody can say what the interrupt cells mean.
	EXPECT_EQ(p.timer_irq, 0u);
	EXPECT_EQ(p.uart_irq, 0u);
}

TEST(FdtPlatformBuilt, DisabledGicIsNotUsed)
{
	Shape s;
	s.gic_status = "disabled";
	EXPECT_EQ(Read(Build(s)).gic.version, GIC_NONE);
}

TEST(FdtPlatformBuilt, GicRegOfWrongLengthsIsNotUsed)
{
	for (const std::vector<uint32_t> &reg : std::vector<std::vector<uint32_t>>{
		     {},                                      // empty
		     {0, 0x8000000, 0, 0x10000},              // one range: no GICR
		     {0, 0x8000000, 0, 0x10000, 0, 0x80a0000}, // half a range
		     {0, 0x8000000, 0, 0, 0, 0x80a0000, 0, 0x1000}, // zero-sized distributor
		     {0xffffffff, 0xfffff000, 0, 0x2000, 0, 0x80a0000, 0, 0x1000}, // wraps
	     }) {
		Shape s;
		s.gic_reg = reg;
		struct platform p = Read(Build(s));
		EXPECT_EQ(p.gic.version, GIC_NONE) << reg.size() << " cells";
	}
}

TEST(FdtPlatformBuilt, HugeOrZeroAddressCellsReadAsNothing)
{
	for (uint32_t cells : {0u, 3u, 4u, 5u, 0xffffffffu}) {
		Shape s;
		s.root_cells = {cells};
		struct platform p = Read(Build(s));
		EXPECT_EQ(p.gic.version, GIC_NONE) << cells;
		EXPECT_EQ(p.uart, 0u) << cells;
		EXPECT_EQ(p.memory_count, 0u) << cells;
	}
}

TEST(FdtPlatformBuilt, TimerInterruptsMustBeThreeCellPpis)
{
	const std::vector<std::vector<uint32_t>> bad = {
		{},                                    // none
		{1, 13, 4, 1, 14, 4},                  // no virtual timer entry
		{1, 13, 4, 1, 14, 4, 1, 11},           // not whole entries
		{1, 13, 4, 1, 14, 4, 0, 11, 4},        // an SPI
		{1, 13, 4, 1, 14, 4, 1, 16, 4},        // PPI numbers stop at 15
		{1, 13, 4, 1, 14, 4, 1, 0xffffffff, 4},
	};
	for (const auto &interrupts : bad) {
		Shape s;
		s.timer_interrupts = interrupts;
		EXPECT_EQ(Read(Build(s)).timer_irq, 0u) << interrupts.size() << " cells";
	}
	Shape three;
	three.timer_interrupts = {1, 13, 4, 1, 14, 4, 1, 11, 4}; // no hypervisor timer: fine
	EXPECT_EQ(Read(Build(three)).timer_irq, 27u);
}

TEST(FdtPlatformBuilt, InterruptCellsOtherThanThreeAreNotRead)
{
	for (const std::vector<uint32_t> &cells :
	     std::vector<std::vector<uint32_t>>{{}, {2}, {4}, {3, 3}}) {
		Shape s;
		s.interrupt_cells = cells;
		struct platform p = Read(Build(s));
		EXPECT_EQ(p.timer_irq, 0u);
		EXPECT_EQ(p.uart_irq, 0u);
		EXPECT_EQ(p.gic.version, GIC_V3); // the GIC itself is still there
	}
}

TEST(FdtPlatformBuilt, InterruptsOfAnotherControllerAreNotTheGics)
{
	Shape s;
	s.interrupt_parent = false;
	struct platform p = Read(Build(s));
	EXPECT_EQ(p.timer_irq, 0u);
	EXPECT_EQ(p.uart_irq, 0u);
}

TEST(FdtPlatformBuilt, UartInterruptMustBeAnSpi)
{
	Shape ppi;
	ppi.uart_interrupts = {1, 1, 4};
	EXPECT_EQ(Read(Build(ppi)).uart_irq, 0u);
	Shape high;
	high.uart_interrupts = {0, 988, 4}; // ID 1020: a special ID
	EXPECT_EQ(Read(Build(high)).uart_irq, 0u);
	Shape last;
	last.uart_interrupts = {0, 987, 4};
	EXPECT_EQ(Read(Build(last)).uart_irq, 1019u);
}

TEST(FdtPlatformBuilt, MemoryRangesOfWrongLengthsAreSkipped)
{
	Shape odd;
	odd.memory_reg = {0, 0x40000000, 0};
	EXPECT_EQ(Read(Build(odd)).memory_count, 0u);
	Shape many;
	many.memory_reg.clear();
	for (uint32_t i = 0; i < 12; i++)
		many.memory_reg.insert(many.memory_reg.end(), {i, 0, 0, 0x1000});
	struct platform p = Read(Build(many));
	ASSERT_EQ(p.memory_count, static_cast<unsigned>(PLATFORM_MAX_MEMORY));
	ExpectRange(p.memory[PLATFORM_MAX_MEMORY - 1], uint64_t{PLATFORM_MAX_MEMORY - 1} << 32,
		    0x1000);
}

}  // namespace
