/*
 * What gic.c, gicv2.c and gicv3.c share: the register layout of a distributor (a GICv3
 * redistributor's SGI frame has the same one for IDs 0-31) and the state of the one GIC.
 */
#ifndef HELIOS_ARCH_AARCH64_GIC_REGS_H
#define HELIOS_ARCH_AARCH64_GIC_REGS_H

#include <stdint.h>

#include <helios/boot.h>

#include "helios/arch/aarch64/aarch64.h"
#include "helios/arch/aarch64/gic.h"

#define GICD_CTLR 0x000
#define GICD_TYPER 0x004
#define GICD_IGROUPR 0x080
#define GICD_ISENABLER 0x100
#define GICD_ICENABLER 0x180
#define GICD_ICPENDR 0x280
#define GICD_ICACTIVER 0x380
#define GICD_IPRIORITYR 0x400

#define GIC_PRIORITY 0xa0 /* one priority for all: no interrupt preempts another */
#define GIC_POLL_LIMIT 1000000 /* register polls give up after this many reads */

struct gic_state {
	enum gic_version version;
	unsigned lines;
	volatile uint8_t *dist;
	/* Where IDs 0-31 are enabled: v2 the distributor (banked), v3 this CPU's SGI frame. */
	volatile uint8_t *private_ids;
	volatile uint8_t *cpu;    /* v2: the CPU interface */
	volatile uint8_t *redist; /* v3: this CPU's redistributor (RD frame) */
};
extern struct gic_state gic;

static inline uint32_t gic_read(volatile uint8_t *base, uint32_t offset)
{
	return *(volatile uint32_t *)(base + offset);
}

static inline void gic_write(volatile uint8_t *base, uint32_t offset, uint32_t value)
{
	*(volatile uint32_t *)(base + offset) = value;
}

/*
 * Resets IDs [first, end) of a distributor-shaped register block: disabled, not pending, not
 * active, GIC_PRIORITY, in group `group` (0 or 1). first and end are multiples of 32.
 */
void gic_reset_ids(volatile uint8_t *regs, unsigned first, unsigned end, unsigned group);

/* The IDs the distributor implements: GICD_TYPER.ITLinesNumber, at most GIC_MAX_LINES. */
unsigned gic_dist_lines(volatile uint8_t *dist);

/* Maps `size` bytes of registers (at most the range's size); NULL if they do not fit. */
volatile uint8_t *gic_map(const struct helios_boot_info *bi, const struct phys_range *r,
			  uint64_t size);

/* Each version's bring-up: fill `gic` and return NULL, or say why not. */
const char *gicv2_init(const struct helios_boot_info *bi, const struct platform *p);
const char *gicv3_init(const struct helios_boot_info *bi, const struct platform *p);

/* v3: waits until the writes to a distributor or redistributor control register took effect. */
void gicv3_wait_dist(void);
void gicv3_wait_redist(void);

uint32_t gicv2_acknowledge(void);
void gicv2_end(uint32_t iar);
uint32_t gicv3_acknowledge(void);
void gicv3_end(uint32_t iar);

#endif
