/*
 * The GIC, v2 or v3, as the rest of the architecture code uses it. Interrupts are named by
 * their GIC interrupt ID: SGIs 0-15, PPIs 16-31 (this CPU's own), SPIs from 32 up to
 * gic_lines(). Every interrupt has one priority and goes to this CPU as an IRQ; EOI mode 0:
 * gic_end both drops the running priority and deactivates.
 */
#ifndef HELIOS_ARCH_AARCH64_GIC_H
#define HELIOS_ARCH_AARCH64_GIC_H

#include <stdbool.h>
#include <stdint.h>

#include <helios/boot.h>

#include "helios/arch/aarch64/aarch64.h"

#define GIC_FIRST_PPI 16
#define GIC_FIRST_SPI 32
#define GIC_MAX_LINES 1020 /* IDs 1020-1023 are special: 1023 = nothing pending */

/*
 * Maps the GIC the platform describes and resets it: everything masked, nothing pending,
 * SPIs routed to this CPU, distributor and CPU interface on. Returns NULL, or why there is
 * no usable GIC (nothing is then enabled).
 */
const char *gic_init(const struct helios_boot_info *bi, const struct platform *p);

/* The version initialised (GIC_NONE before gic_init or when it failed), and its lines. */
enum gic_version gic_version(void);
unsigned gic_lines(void);

/* Masks or unmasks one interrupt ID at the GIC; IDs it does not implement are ignored. */
void gic_mask(unsigned id);
void gic_unmask(unsigned id);

/*
 * Acknowledges the highest-priority pending interrupt: returns the IAR value for gic_end,
 * and its ID through gic_id (1023 when there was none).
 */
uint32_t gic_acknowledge(void);
unsigned gic_id(uint32_t iar);
void gic_end(uint32_t iar);

#endif
