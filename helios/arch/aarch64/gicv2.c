/*
 * GICv2 (and the GICv1-compatible parts of it): a distributor and a memory-mapped CPU
 * interface. Interrupts stay in group 0, which the CPU interface signals as IRQs while FIQEn
 * is clear; where the GIC has the security extensions, firmware put them in group 1 and the
 * group registers are not ours to write (they ignore us), and bit 0 of both control
 * registers then enables group 1: either way, one write of 1 turns delivery on.
 */
#include <stdint.h>

#include "helios/arch/aarch64/gic_regs.h"

#define GICD_ITARGETSR 0x800
#define GICC_CTLR 0x00
#define GICC_PMR 0x04
#define GICC_BPR 0x08
#define GICC_IAR 0x0c
#define GICC_EOIR 0x10

#define DIST_SIZE 0x1000
#define CPU_SIZE 0x2000
#define ENABLE 1u
#define LOWEST_PRIORITY_MASK 0xff /* let every priority through */

/*
 * This CPU's bit in ITARGETSR: the banked registers of IDs 0-31 read as it. A uniprocessor
 * GIC reads as zero there (and ignores writes).
 */
static uint32_t this_cpu_target(void)
{
	for (uint32_t offset = 0; offset < 32; offset += 4) {
		uint32_t targets = gic_read(gic.dist, GICD_ITARGETSR + offset);
		for (; targets != 0; targets >>= 8)
			if (targets & 0xff)
				return targets & 0xff;
	}
	return 1;
}

const char *gicv2_init(const struct helios_boot_info *bi, const struct platform *p)
{
	gic.dist = gic_map(bi, &p->gic.dist, DIST_SIZE);
	gic.cpu = gic_map(bi, &p->gic.cpu, CPU_SIZE);
	if (gic.dist == 0 || gic.cpu == 0)
		return "GICv2 registers too small or not mappable";
	gic.private_ids = gic.dist;
	gic_write(gic.dist, GICD_CTLR, 0);
	gic.lines = gic_dist_lines(gic.dist);

	gic_reset_ids(gic.dist, 0, GIC_FIRST_SPI, 0);
	gic_reset_ids(gic.dist, GIC_FIRST_SPI, gic.lines, 0);
	uint32_t target = this_cpu_target() * 0x01010101u;
	for (unsigned id = GIC_FIRST_SPI; id < gic.lines; id += 4)
		gic_write(gic.dist, GICD_ITARGETSR + id, target);
	gic_write(gic.dist, GICD_CTLR, ENABLE);

	gic_write(gic.cpu, GICC_PMR, LOWEST_PRIORITY_MASK);
	gic_write(gic.cpu, GICC_BPR, 0);
	gic_write(gic.cpu, GICC_CTLR, ENABLE); /* EOImode 0, FIQEn 0 */
	return 0;
}

uint32_t gicv2_acknowledge(void)
{
	return gic_read(gic.cpu, GICC_IAR);
}

void gicv2_end(uint32_t iar)
{
	gic_write(gic.cpu, GICC_EOIR, iar);
}
