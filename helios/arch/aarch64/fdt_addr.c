/* Addresses in a flattened device tree (fdt_addr.h). */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <libfdt.h>

#include "helios/arch/aarch64/fdt_addr.h"

bool fdt_cells_value(const fdt32_t *cells, int count, uint64_t *out)
{
	uint64_t value = 0;
	if (count < 0 || count > 2)
		return false;
	for (int i = 0; i < count; i++)
		value = value << 32 | fdt32_ld(&cells[i]);
	*out = value;
	return true;
}

bool fdt_bus_path_of(const void *fdt, int node, struct fdt_bus_path *path)
{
	int up[FDT_MAX_DEPTH];
	int depth = 0;
	/* libfdt puts the root at offset 0. */
	while (node != 0) {
		int parent = fdt_parent_offset(fdt, node);
		if (parent < 0 || depth == FDT_MAX_DEPTH)
			return false;
		up[depth++] = parent;
		node = parent;
	}
	path->depth = depth;
	for (int i = 0; i < depth; i++)
		path->node[i] = up[depth - 1 - i];
	return true;
}

/* [*addr, +size) inside the window [child, +length) moves to the same offset from parent. */
static bool map_window(uint64_t child, uint64_t parent, uint64_t length, uint64_t *addr,
		       uint64_t size)
{
	if (*addr < child || *addr - child > length || size > length - (*addr - child))
		return false;
	uint64_t offset = *addr - child;
	if (parent > UINT64_MAX - offset || size > UINT64_MAX - (parent + offset))
		return false;
	*addr = parent + offset;
	return true;
}

/* One step up: from the space of `bus` to that of its parent, through bus's "ranges". */
static bool translate_step(const void *fdt, int bus, int parent, uint64_t *addr, uint64_t size)
{
	int len;
	const fdt32_t *ranges = fdt_getprop(fdt, bus, "ranges", &len);
	if (ranges == NULL)
		return false;
	if (len == 0)
		return true;
	int child_cells = fdt_address_cells(fdt, bus);
	int parent_cells = fdt_address_cells(fdt, parent);
	int size_cells = fdt_size_cells(fdt, bus);
	if (child_cells < 0 || parent_cells < 0 || size_cells < 0)
		return false;
	int entry = child_cells + parent_cells + size_cells;
	if (len % (entry * 4) != 0)
		return false;
	for (int at = 0; at < len / 4; at += entry) {
		uint64_t child, target, length;
		if (!fdt_cells_value(&ranges[at], child_cells, &child) ||
		    !fdt_cells_value(&ranges[at + child_cells], parent_cells, &target) ||
		    !fdt_cells_value(&ranges[at + child_cells + parent_cells], size_cells, &length))
			return false;
		if (map_window(child, target, length, addr, size))
			return true;
	}
	return false;
}

bool fdt_translate(const void *fdt, const struct fdt_bus_path *path, uint64_t *addr,
		   uint64_t size)
{
	for (int i = path->depth - 1; i > 0; i--)
		if (!translate_step(fdt, path->node[i], path->node[i - 1], addr, size))
			return false;
	return true;
}

/* The cells of `node`'s "reg" and their layout on its bus; the entry count, 0 if malformed. */
static int reg_layout(const void *fdt, const struct fdt_bus_path *path, int node,
		      const fdt32_t **reg, int *address_cells, int *size_cells)
{
	if (path->depth < 1)
		return 0;
	int bus = path->node[path->depth - 1];
	*address_cells = fdt_address_cells(fdt, bus);
	*size_cells = fdt_size_cells(fdt, bus);
	if (*address_cells < 1 || *size_cells < 0)
		return 0;
	int entry = *address_cells + *size_cells;
	int len;
	*reg = fdt_getprop(fdt, node, "reg", &len);
	if (*reg == NULL || len % (entry * 4) != 0)
		return 0;
	return len / (entry * 4);
}

int fdt_reg_count(const void *fdt, const struct fdt_bus_path *path, int node)
{
	const fdt32_t *reg;
	int address_cells, size_cells;
	return reg_layout(fdt, path, node, &reg, &address_cells, &size_cells);
}

bool fdt_reg_range(const void *fdt, const struct fdt_bus_path *path, int node, int index,
		   struct phys_range *out)
{
	const fdt32_t *reg;
	int address_cells, size_cells;
	int count = reg_layout(fdt, path, node, &reg, &address_cells, &size_cells);
	if (index < 0 || index >= count)
		return false;
	const fdt32_t *cells = &reg[index * (address_cells + size_cells)];
	uint64_t base, size;
	if (!fdt_cells_value(cells, address_cells, &base) ||
	    !fdt_cells_value(&cells[address_cells], size_cells, &size) ||
	    size > UINT64_MAX - base || !fdt_translate(fdt, path, &base, size))
		return false;
	out->base = base;
	out->size = size;
	return true;
}

bool fdt_node_enabled(const void *fdt, int node)
{
	int len;
	const char *status = fdt_getprop(fdt, node, "status", &len);
	if (status == NULL)
		return true;
	return (len == 5 && memcmp(status, "okay", 5) == 0) ||
	       (len == 3 && memcmp(status, "ok", 3) == 0);
}

bool fdt_prop_has(const void *fdt, int node, const char *name, const char *value)
{
	int len;
	const char *list = fdt_getprop(fdt, node, name, &len);
	return list != NULL && fdt_stringlist_contains(list, len, value);
}

bool fdt_compatible_with_any(const void *fdt, int node, const char *const *list, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (fdt_prop_has(fdt, node, "compatible", list[i]))
			return true;
	return false;
}
