/*
 * Finding the PCI ECAM host bridge (dt.h): the "pci-host-ecam-generic" binding's first "reg"
 * entry is the configuration window, "bus-range" the buses it covers (0-255 when absent).
 */
#include <stdbool.h>
#include <stdint.h>

#include <libfdt.h>

#include "mercury/devmgr/dt.h"
#include "mercury/devmgr/dt_props.h"

#define ECAM_BUS_SHIFT 20 /* 1 MiB of configuration space per bus */

/* The bus range; false when malformed. */
static bool bus_range(const void *blob, int node, uint32_t *first, uint32_t *last)
{
	int len;
	const fdt32_t *range = fdt_getprop(blob, node, "bus-range", &len);
	if (range == NULL) {
		*first = 0;
		*last = 0xff;
		return true;
	}
	if (len != 8)
		return false;
	*first = fdt32_ld(&range[0]);
	*last = fdt32_ld(&range[1]);
	return *first <= *last && *last <= 0xff;
}

/* The bridge at node as out; false when its properties do not describe a usable window. */
static bool read_bridge(const void *blob, int node, struct dt_pci_ecam *out)
{
	struct dt_region reg;
	unsigned count, more;
	uint32_t first, last;
	int parent = fdt_parent_offset(blob, node);
	if (parent < 0 || !dt_reg(blob, parent, node, &reg, 1, &count, &more) || count == 0 ||
	    !bus_range(blob, node, &first, &last))
		return false;
	uint64_t buses = reg.size >> ECAM_BUS_SHIFT;
	if (buses == 0 || reg.base > UINT64_MAX - reg.size)
		return false;
	if (last - first + 1 > buses)
		last = first + (uint32_t)buses - 1;
	*out = (struct dt_pci_ecam){reg.base, reg.size, (uint8_t)first, (uint8_t)last, node};
	return true;
}

enum dt_error dt_find_pci_ecam(const void *blob, size_t size, struct dt_pci_ecam *out,
			       int *found)
{
	*found = 0;
	enum dt_error err = dt_check(blob, size);
	if (err != DT_OK)
		return err;
	int node = -1;
	while ((node = fdt_node_offset_by_compatible(blob, node, "pci-host-ecam-generic")) >= 0) {
		if (dt_enabled(blob, node) && read_bridge(blob, node, out)) {
			*found = 1;
			break;
		}
	}
	return DT_OK;
}
