/*
 * The GIC, whichever version (gic.h): what v2 and v3 do alike, and the choice between them.
 * Masking goes through the enable bits, the same registers in both: the distributor's for
 * SPIs, and for SGIs and PPIs the distributor's banked copy (v2) or the redistributor (v3).
 */
#include <stdbool.h>
#include <stdint.h>

#include "helios/arch/aarch64/gic.h"
#include "helios/arch/aarch64/gic_regs.h"

#define IAR_ID_V2 0x3ffu     /* v2 IARs also carry the sending CPU of an SGI */
#define IAR_ID_V3 0xffffffu
#define SPURIOUS_ID 1023

struct gic_state gic;

void gic_reset_ids(volatile uint8_t *regs, unsigned first, unsigned end, unsigned group)
{
	for (unsigned id = first; id < end; id += 32) {
		uint32_t bank = id / 32 * 4;
		gic_write(regs, GICD_ICENABLER + bank, 0xffffffffu);
		gic_write(regs, GICD_ICPENDR + bank, 0xffffffffu);
		gic_write(regs, GICD_ICACTIVER + bank, 0xffffffffu);
		gic_write(regs, GICD_IGROUPR + bank, group ? 0xffffffffu : 0);
	}
	for (unsigned id = first; id < end; id += 4)
		gic_write(regs, GICD_IPRIORITYR + id, GIC_PRIORITY * 0x01010101u);
}

unsigned gic_dist_lines(volatile uint8_t *dist)
{
	unsigned lines = 32 * ((gic_read(dist, GICD_TYPER) & 0x1f) + 1);
	return lines < GIC_MAX_LINES ? lines : GIC_MAX_LINES;
}

volatile uint8_t *gic_map(const struct helios_boot_info *bi, const struct phys_range *r,
			  uint64_t size)
{
	if (r->size < size)
		return 0;
	return (volatile uint8_t *)devmap_map(bi, r->base, size);
}

const char *gic_init(const struct helios_boot_info *bi, const struct platform *p)
{
	const char *why;
	switch (p->gic.version) {
	case GIC_V2:
		why = gicv2_init(bi, p);
		break;
	case GIC_V3:
		why = gicv3_init(bi, p);
		break;
	default:
		return "no GIC in the device tree";
	}
	gic.version = why ? GIC_NONE : p->gic.version;
	if (why)
		gic.lines = 0;
	return why;
}

enum gic_version gic_version(void)
{
	return gic.version;
}

unsigned gic_lines(void)
{
	return gic.version == GIC_NONE ? 0 : gic.lines;
}

/* Sets the bit of `id` in the ISENABLER (unmask) or ICENABLER (mask) bank that holds it. */
static void set_enable(unsigned id, uint32_t bank_base)
{
	if (id >= gic_lines())
		return;
	volatile uint8_t *regs = id < GIC_FIRST_SPI ? gic.private_ids : gic.dist;
	gic_write(regs, bank_base + id / 32 * 4, 1u << (id % 32));
	/* v3: a mask takes effect only once RWP clears; it must before the interrupt's EOI. */
	if (gic.version == GIC_V3 && id < GIC_FIRST_SPI)
		gicv3_wait_redist();
	else if (gic.version == GIC_V3)
		gicv3_wait_dist();
}

void gic_mask(unsigned id)
{
	set_enable(id, GICD_ICENABLER);
}

void gic_unmask(unsigned id)
{
	set_enable(id, GICD_ISENABLER);
}

uint32_t gic_acknowledge(void)
{
	switch (gic.version) {
	case GIC_V2:
		return gicv2_acknowledge();
	case GIC_V3:
		return gicv3_acknowledge();
	default:
		return SPURIOUS_ID;
	}
}

unsigned gic_id(uint32_t iar)
{
	return iar & (gic.version == GIC_V2 ? IAR_ID_V2 : IAR_ID_V3);
}

void gic_end(uint32_t iar)
{
	if (gic.version == GIC_V2)
		gicv2_end(iar);
	else if (gic.version == GIC_V3)
		gicv3_end(iar);
}
