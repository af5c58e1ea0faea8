/*
 * Reading a device tree's properties, checked (dt_enum.c and dt_ecam.c share them). Only for
 * blobs dt_check has accepted.
 */
#ifndef MERCURY_DEVMGR_DT_PROPS_H
#define MERCURY_DEVMGR_DT_PROPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mercury/devmgr/dt.h"

/* The header, the size against `size`, every node and every property reachable. */
enum dt_error dt_check(const void *blob, size_t size);

/* "status" absent, "okay" or "ok". */
bool dt_enabled(const void *blob, int node);

/* A one-cell property, or `fallback` when absent; false when it is not one cell. */
bool dt_u32(const void *blob, int node, const char *name, uint32_t fallback, uint32_t *out);

/*
 * The "reg" entries of `node` in the cell counts of `parent`: up to max into out; *count =
 * how many, *more = how many more there are. false (and nothing) when the cell counts are not
 * 1-2 (address) and 0-2 (size) or the length is not whole entries.
 */
bool dt_reg(const void *blob, int parent, int node, struct dt_region *out, unsigned max,
	    unsigned *count, unsigned *more);

/* A GIC specifier's (type, number) as an interrupt ID: SPI n is n + 32, PPI n is n + 16; 0
 * when it names none (SGIs, bad numbers). */
uint32_t dt_gic_id(uint32_t type, uint32_t number);

#endif
