/*
 * Reading addresses out of a flattened device tree (fdt.c, fdt_devices.c): "reg" entries in
 * the cell counts of their bus, translated through the buses' "ranges" up to the CPU's
 * physical address space. Anything malformed (wrong lengths, more than two cells for a
 * number, an address no "ranges" entry covers) reads as "not found".
 */
#ifndef HELIOS_ARCH_AARCH64_FDT_ADDR_H
#define HELIOS_ARCH_AARCH64_FDT_ADDR_H

#include <stdbool.h>
#include <stdint.h>

#include <libfdt.h>

#include "helios/arch/aarch64/aarch64.h"

#define FDT_MAX_DEPTH 8 /* nodes nested deeper than this are not looked at */

/* The buses above a node, root first: node[depth - 1] is the node's parent. */
struct fdt_bus_path {
	int node[FDT_MAX_DEPTH];
	int depth;
};

/* `count` (0 to 2) big-endian cells as one number; false for more cells. */
bool fdt_cells_value(const fdt32_t *cells, int count, uint64_t *out);

/* The path of buses above `node`; false if it is nested too deep or the tree is broken. */
bool fdt_bus_path_of(const void *fdt, int node, struct fdt_bus_path *path);

/*
 * Moves [*addr, *addr + size) from the address space of the path's last bus to the CPU's,
 * through each bus's "ranges" (empty: one to one; absent: not translatable).
 */
bool fdt_translate(const void *fdt, const struct fdt_bus_path *path, uint64_t *addr,
		   uint64_t size);

/* How many entries the "reg" of `node` (a child of the path's last bus) has; 0 if malformed. */
int fdt_reg_count(const void *fdt, const struct fdt_bus_path *path, int node);

/* Entry `index` of the "reg" of `node` (a child of the path's last bus), as a CPU range. */
bool fdt_reg_range(const void *fdt, const struct fdt_bus_path *path, int node, int index,
		   struct phys_range *out);

/* "status" absent, "okay" or "ok". */
bool fdt_node_enabled(const void *fdt, int node);

/* Whether the string-list property `name` of `node` holds `value`. */
bool fdt_prop_has(const void *fdt, int node, const char *name, const char *value);

/* Whether `node` is compatible with one of the `n` strings of `list`. */
bool fdt_compatible_with_any(const void *fdt, int node, const char *const *list, unsigned n);
#define FDT_COUNT(list) ((unsigned)(sizeof(list) / sizeof((list)[0])))

/* fdt.c: which GIC a node is by its "compatible" (GIC_NONE: not a GIC). */
enum gic_version fdt_gic_version(const void *fdt, int node);

#endif
