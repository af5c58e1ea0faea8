/*
 * GICv3: a distributor with affinity routing, one redistributor per CPU and the CPU
 * interface in system registers (ICC_*). Every interrupt is non-secure group 1, taken as an
 * IRQ through ICC_IAR1_EL1. The group registers only take our writes when the GIC has a
 * single security state (QEMU's virt); otherwise firmware already made them group 1.
 */
#include <stdbool.h>
#include <stdint.h>

#include "helios/arch/aarch64/cpu.h"
#include "helios/arch/aarch64/gic_regs.h"

#define DIST_SIZE 0x10000
#define GICD_CTLR_ENABLE_GRP0_OR_GRP1 (1u << 0) /* bit 0: Grp1 (two security states), Grp0 */
#define GICD_CTLR_ENABLE_GRP1 (1u << 1)         /* EnableGrp1 (one state), EnableGrp1A */
#define GICD_CTLR_ARE (1u << 4)                 /* ARE_NS (two states), ARE (one state) */
#define GICD_CTLR_RWP (1u << 31)
#define GICD_IROUTER 0x6000
#define GICD_PIDR2 0xffe8
#define PIDR2_ARCH_REV(pidr2) (((pidr2) >> 4) & 0xf)

/* The redistributor: RD frame (control), then SGI frame (IDs 0-31), 64 KiB each. */
#define GICR_FRAMES_SIZE 0x20000
#define GICR_SGI_FRAME 0x10000
#define GICR_STRIDE 0x20000
#define GICR_STRIDE_VLPI 0x40000 /* GICv4: two more frames for virtual LPIs */
#define GICR_CTLR 0x0000
#define GICR_CTLR_RWP (1u << 3)
#define GICR_TYPER 0x0008
#define GICR_TYPER_VLPIS (1ull << 1)
#define GICR_TYPER_LAST (1ull << 4)
#define GICR_TYPER_AFFINITY(typer) ((uint32_t)((typer) >> 32))
#define GICR_WAKER 0x0014
#define GICR_WAKER_PROCESSOR_SLEEP (1u << 1)
#define GICR_WAKER_CHILDREN_ASLEEP (1u << 2)
#define MAX_REDISTRIBUTORS_TRIED 8 /* each try takes 128 KiB of the device window */

#define ICC_SRE_SRE 1ull
#define ICC_CTLR_EOIMODE (1ull << 1)
#define LOWEST_PRIORITY_MASK 0xff

/* Polls until (read() & mask) == 0; false if it never does. */
static bool poll_clear(volatile uint8_t *regs, uint32_t offset, uint32_t mask)
{
	for (unsigned i = 0; i < GIC_POLL_LIMIT; i++)
		if ((gic_read(regs, offset) & mask) == 0)
			return true;
	return false;
}

void gicv3_wait_dist(void)
{
	poll_clear(gic.dist, GICD_CTLR, GICD_CTLR_RWP);
}

void gicv3_wait_redist(void)
{
	poll_clear(gic.redist, GICR_CTLR, GICR_CTLR_RWP);
}

/* This CPU's affinity as GICR_TYPER and GICD_IROUTER put it: Aff3.Aff2.Aff1.Aff0. */
static uint32_t this_cpu_affinity(void)
{
	uint64_t mpidr = read_sysreg(mpidr_el1);
	return (uint32_t)((mpidr >> 32 & 0xff) << 24 | (mpidr & 0xffffff));
}

static uint64_t irouter_value(uint32_t affinity)
{
	return (uint64_t)(affinity >> 24) << 32 | (affinity & 0xffffff);
}

/* Maps the redistributors one by one until this CPU's; false if it is not among the first. */
static bool find_redistributor(const struct helios_boot_info *bi, const struct phys_range *r)
{
	uint32_t affinity = this_cpu_affinity();
	uint64_t offset = 0;
	for (unsigned i = 0; i < MAX_REDISTRIBUTORS_TRIED; i++) {
		if (offset > r->size || r->size - offset < GICR_FRAMES_SIZE)
			return false;
		struct phys_range frames = {r->base + offset, GICR_FRAMES_SIZE};
		volatile uint8_t *rd = gic_map(bi, &frames, GICR_FRAMES_SIZE);
		if (rd == 0)
			return false;
		uint64_t typer = *(volatile uint64_t *)(rd + GICR_TYPER);
		if (GICR_TYPER_AFFINITY(typer) == affinity) {
			gic.redist = rd;
			gic.private_ids = rd + GICR_SGI_FRAME;
			return true;
		}
		if (typer & GICR_TYPER_LAST)
			return false;
		offset += typer & GICR_TYPER_VLPIS ? GICR_STRIDE_VLPI : GICR_STRIDE;
	}
	return false;
}

static const char *init_distributor(void)
{
	if (PIDR2_ARCH_REV(gic_read(gic.dist, GICD_PIDR2)) < 3)
		return "the distributor does not say GICv3 (GICD_PIDR2)";
	gic_write(gic.dist, GICD_CTLR, 0);
	gicv3_wait_dist();
	gic.lines = gic_dist_lines(gic.dist);
	gic_reset_ids(gic.dist, GIC_FIRST_SPI, gic.lines, 1);
	/* IROUTER is only used with affinity routing on, which may change only while disabled. */
	gic_write(gic.dist, GICD_CTLR, GICD_CTLR_ARE);
	gicv3_wait_dist();
	uint64_t route = irouter_value(this_cpu_affinity());
	for (unsigned id = GIC_FIRST_SPI; id < gic.lines; id++)
		*(volatile uint64_t *)(gic.dist + GICD_IROUTER + 8 * id) = route;
	gic_write(gic.dist, GICD_CTLR,
		  GICD_CTLR_ARE | GICD_CTLR_ENABLE_GRP1 | GICD_CTLR_ENABLE_GRP0_OR_GRP1);
	gicv3_wait_dist();
	return 0;
}

static const char *init_redistributor(void)
{
	uint32_t waker = gic_read(gic.redist, GICR_WAKER);
	gic_write(gic.redist, GICR_WAKER, waker & ~GICR_WAKER_PROCESSOR_SLEEP);
	if (!poll_clear(gic.redist, GICR_WAKER, GICR_WAKER_CHILDREN_ASLEEP))
		return "the redistributor did not wake up";
	gic_reset_ids(gic.private_ids, 0, GIC_FIRST_SPI, 1);
	gicv3_wait_redist();
	return 0;
}

/* The CPU interface's registers are system registers only once SRE is set. */
static bool enable_system_registers(void)
{
	write_sysreg(icc_sre_el1, read_sysreg(icc_sre_el1) | ICC_SRE_SRE);
	isb();
	return (read_sysreg(icc_sre_el1) & ICC_SRE_SRE) != 0;
}

static void init_cpu_interface(void)
{
	write_sysreg(icc_pmr_el1, LOWEST_PRIORITY_MASK);
	write_sysreg(icc_bpr1_el1, 0);
	write_sysreg(icc_ctlr_el1, read_sysreg(icc_ctlr_el1) & ~ICC_CTLR_EOIMODE);
	write_sysreg(icc_igrpen1_el1, 1);
	isb();
}

const char *gicv3_init(const struct helios_boot_info *bi, const struct platform *p)
{
	if (!enable_system_registers())
		return "ICC system registers disabled by a higher exception level";
	gic.dist = gic_map(bi, &p->gic.dist, DIST_SIZE);
	if (gic.dist == 0)
		return "GICv3 distributor too small or not mappable";
	if (!find_redistributor(bi, &p->gic.redist))
		return "no redistributor for this CPU";
	const char *why = init_distributor();
	if (why == 0)
		why = init_redistributor();
	if (why == 0)
		init_cpu_interface();
	return why;
}

uint32_t gicv3_acknowledge(void)
{
	return (uint32_t)read_sysreg(icc_iar1_el1);
}

void gicv3_end(uint32_t iar)
{
	write_sysreg(icc_eoir1_el1, iar);
	isb();
}
