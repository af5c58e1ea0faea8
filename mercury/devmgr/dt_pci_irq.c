/*
 * PCI legacy interrupts (INTx) through the host bridge's "interrupt-map" (dt.h): the map is a
 * list of entries (child unit address, child pin, parent phandle, parent unit address, parent
 * specifier) whose lengths depend on each parent, so every entry is measured against what is
 * left of the property before any of it is read.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libfdt.h>

#include "mercury/devmgr/dt.h"
#include "mercury/devmgr/dt_props.h"

#define PCI_ADDRESS_CELLS 3   /* phys.hi, phys.mid, phys.lo */
#define PCI_INTERRUPT_CELLS 1 /* the pin, 1-4 */
#define CHILD_CELLS (PCI_ADDRESS_CELLS + PCI_INTERRUPT_CELLS)
#define PCI_PINS 4
#define PHYS_HI_BUS_SHIFT 16
#define PHYS_HI_DEVICE_SHIFT 11
#define PHYS_HI_FUNCTION_SHIFT 8
#define GIC_CELLS 3
/* Bounds on a parent's cell counts: a lying count is an error, not a long read. */
#define MAX_PARENT_ADDRESS_CELLS 4
#define MAX_PARENT_INTERRUPT_CELLS 4

/* The entry's child cells equal the function's under the mask (both sides masked, as the
 * binding's map entries need not be). */
static bool entry_matches(const fdt32_t *entry, const uint32_t *child, const uint32_t *mask)
{
	for (unsigned i = 0; i < CHILD_CELLS; i++)
		if ((fdt32_ld(&entry[i]) & mask[i]) != (child[i] & mask[i]))
			return false;
	return true;
}

/* The GIC interrupt ID of a matched entry whose parent is `parent`. */
static enum dt_error entry_irq(const void *blob, int parent, const fdt32_t *spec,
			       uint32_t interrupt_cells, uint32_t *irq_id)
{
	/* Only a GIC is decoded; a parent that is itself a nexus (its own interrupt-map) or
	 * another controller is not followed. */
	if (interrupt_cells != GIC_CELLS ||
	    fdt_getprop(blob, parent, "interrupt-controller", NULL) == NULL)
		return DT_ERR_BAD_MAP;
	uint32_t id = dt_gic_id(fdt32_ld(&spec[0]), fdt32_ld(&spec[1]));
	if (id == 0)
		return DT_ERR_BAD_MAP;
	*irq_id = id;
	return DT_OK;
}

/* The map's mask: four cells, or all ones when the bridge has none. */
static bool read_mask(const void *blob, int node, uint32_t *mask)
{
	int len;
	const fdt32_t *cells = fdt_getprop(blob, node, "interrupt-map-mask", &len);
	for (unsigned i = 0; i < CHILD_CELLS; i++)
		mask[i] = UINT32_MAX;
	if (cells == NULL)
		return true;
	if (len != CHILD_CELLS * 4)
		return false;
	for (unsigned i = 0; i < CHILD_CELLS; i++)
		mask[i] = fdt32_ld(&cells[i]);
	return true;
}

enum dt_error dt_pci_route_irq(const void *blob, size_t size, const struct dt_pci_ecam *bridge,
			       uint8_t bus, uint8_t device, uint8_t function, uint8_t pin,
			       uint32_t *irq_id)
{
	*irq_id = 0;
	if (pin < 1 || pin > PCI_PINS || device > 31 || function > 7)
		return DT_ERR_NO_ROUTE;
	enum dt_error err = dt_check(blob, size);
	if (err != DT_OK)
		return err;
	int node = bridge->node, len;
	const fdt32_t *map = fdt_getprop(blob, node, "interrupt-map", &len);
	if (map == NULL)
		return DT_ERR_NO_ROUTE; /* also a node offset libfdt refuses */
	uint32_t address_cells, interrupt_cells, mask[CHILD_CELLS];
	if (!dt_u32(blob, node, "#address-cells", 0, &address_cells) ||
	    !dt_u32(blob, node, "#interrupt-cells", 0, &interrupt_cells) ||
	    address_cells != PCI_ADDRESS_CELLS || interrupt_cells != PCI_INTERRUPT_CELLS ||
	    !read_mask(blob, node, mask) || len % 4 != 0)
		return DT_ERR_BAD_MAP;
	uint32_t child[CHILD_CELLS] = {
		(uint32_t)bus << PHYS_HI_BUS_SHIFT | (uint32_t)device << PHYS_HI_DEVICE_SHIFT |
			(uint32_t)function << PHYS_HI_FUNCTION_SHIFT,
		0, 0, pin};
	size_t cells = (size_t)len / 4;
	for (size_t at = 0; at < cells;) {
		const fdt32_t *entry = map + at;
		if (cells - at < CHILD_CELLS + 1)
			return DT_ERR_BAD_MAP;
		int parent = fdt_node_offset_by_phandle(blob, fdt32_ld(&entry[CHILD_CELLS]));
		uint32_t parent_address_cells, parent_interrupt_cells;
		if (parent < 0 ||
		    !dt_u32(blob, parent, "#address-cells", 0, &parent_address_cells) ||
		    !dt_u32(blob, parent, "#interrupt-cells", 0, &parent_interrupt_cells) ||
		    parent_address_cells > MAX_PARENT_ADDRESS_CELLS || parent_interrupt_cells == 0 ||
		    parent_interrupt_cells > MAX_PARENT_INTERRUPT_CELLS)
			return DT_ERR_BAD_MAP;
		size_t entry_cells = CHILD_CELLS + 1 + parent_address_cells + parent_interrupt_cells;
		if (cells - at < entry_cells)
			return DT_ERR_BAD_MAP;
		if (entry_matches(entry, child, mask))
			return entry_irq(blob, parent, entry + CHILD_CELLS + 1 + parent_address_cells,
					 parent_interrupt_cells, irq_id);
		at += entry_cells;
	}
	return DT_ERR_NO_ROUTE;
}
