/*
 * Checked property reads (dt_props.h). libfdt bounds-checks every offset it is given once
 * the header is right; what is checked here is what the properties mean: lengths and cell
 * counts.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <libfdt.h>

#include "mercury/devmgr/dt_props.h"

#define MAX_ADDRESS_CELLS 2
#define MAX_SIZE_CELLS 2

#define GIC_SPI 0
#define GIC_PPI 1
#define GIC_SPI_BASE 32
#define GIC_PPI_BASE 16
#define GIC_PPI_COUNT 16
#define GIC_LAST_ID 1019 /* IDs from 1020 are special */

static bool properties_readable(const void *blob, int node)
{
	int prop, len;
	fdt_for_each_property_offset(prop, blob, node)
	{
		const char *name;
		if (fdt_getprop_by_offset(blob, prop, &name, &len) == NULL || name == NULL)
			return false;
	}
	return prop == -FDT_ERR_NOTFOUND;
}

enum dt_error dt_check(const void *blob, size_t size)
{
	if (blob == NULL || size < sizeof(struct fdt_header) || fdt_check_header(blob) != 0 ||
	    fdt_totalsize(blob) > size)
		return DT_ERR_HEADER;
	/* fdt_next_node returns the offset after the root's end (depth -1) when the tree ends. */
	int depth = 0, node = 0;
	for (; node >= 0 && depth >= 0; node = fdt_next_node(blob, node, &depth))
		if (fdt_get_name(blob, node, NULL) == NULL || !properties_readable(blob, node))
			return DT_ERR_STRUCTURE;
	return node >= 0 || node == -FDT_ERR_NOTFOUND ? DT_OK : DT_ERR_STRUCTURE;
}

bool dt_enabled(const void *blob, int node)
{
	int len;
	const char *status = fdt_getprop(blob, node, "status", &len);
	if (status == NULL)
		return true;
	return (len == 5 && memcmp(status, "okay", 5) == 0) ||
	       (len == 3 && memcmp(status, "ok", 3) == 0);
}

bool dt_u32(const void *blob, int node, const char *name, uint32_t fallback, uint32_t *out)
{
	int len;
	const fdt32_t *value = fdt_getprop(blob, node, name, &len);
	if (value == NULL) {
		*out = fallback;
		return true;
	}
	if (len != 4)
		return false;
	*out = fdt32_ld(value);
	return true;
}

/* `cells` (0-2) cells as one number. */
static uint64_t cells_value(const fdt32_t *cells, uint32_t count)
{
	uint64_t v = 0;
	for (uint32_t i = 0; i < count; i++)
		v = v << 32 | fdt32_ld(&cells[i]);
	return v;
}

bool dt_reg(const void *blob, int parent, int node, struct dt_region *out, unsigned max,
	    unsigned *count, unsigned *more)
{
	*count = *more = 0;
	uint32_t address_cells, size_cells;
	int len;
	/* The binding's defaults when the parent does not say: 2 and 1. */
	if (!dt_u32(blob, parent, "#address-cells", 2, &address_cells) ||
	    !dt_u32(blob, parent, "#size-cells", 1, &size_cells) || address_cells == 0 ||
	    address_cells > MAX_ADDRESS_CELLS || size_cells > MAX_SIZE_CELLS)
		return false;
	const fdt32_t *reg = fdt_getprop(blob, node, "reg", &len);
	if (reg == NULL)
		return true;
	unsigned entry = address_cells + size_cells;
	if ((unsigned)len % (entry * 4) != 0)
		return false;
	unsigned entries = (unsigned)len / (entry * 4);
	for (unsigned i = 0; i < entries; i++) {
		if (i >= max) {
			*more = entries - max;
			break;
		}
		const fdt32_t *at = reg + i * entry;
		out[i].base = cells_value(at, address_cells);
		out[i].size = cells_value(at + address_cells, size_cells);
		++*count;
	}
	return true;
}

uint32_t dt_gic_id(uint32_t type, uint32_t number)
{
	if (type == GIC_SPI && number <= GIC_LAST_ID - GIC_SPI_BASE)
		return number + GIC_SPI_BASE;
	if (type == GIC_PPI && number < GIC_PPI_COUNT)
		return number + GIC_PPI_BASE;
	return 0;
}
