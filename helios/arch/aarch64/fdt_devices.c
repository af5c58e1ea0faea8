/*
 * The device regions init gets on aarch64 (fdt_device_regions in aarch64.h): the registers
 * of the devices in the device tree and the MMIO the memory map reports, minus what the kernel
 * keeps (GIC, console UART) and anything that is RAM, so that no DEVICE_MEMORY capability can
 * reach memory the kernel hands out or uses, whatever the tree says. Pure logic, host-tested.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <helios/abi.h>
#include <helios/boot.h>
#include <libfdt.h>

#include "helios/arch/aarch64/aarch64.h"
#include "helios/arch/aarch64/fdt_addr.h"
#include "helios/arch/aarch64/range_set.h"

#define MAX_HOLES 64
#define UART_SIZE 0x1000

/* PCI "ranges" child addresses: phys.hi bits 24-25 say which space (DT PCI bus binding). */
#define PCI_ADDRESS_CELLS 3
#define PCI_SPACE(hi) (((hi) >> 24) & 3)
#define PCI_SPACE_MEM32 2
#define PCI_SPACE_MEM64 3

struct walk {
	const void *fdt;
	const struct platform *p;
	struct range_set *out;
	const struct range_set *holes;
};

/* Buses whose children's registers are the CPU's, through "ranges". */
static const char *const buses[] = {"simple-bus", "simple-mfd", "arm,amba-bus"};
static const char *const pci_hosts[] = {"pci-host-ecam-generic", "pci-host-cam-generic"};

static void add(struct walk *w, uint64_t base, uint64_t size)
{
	if (size != 0)
		range_set_add_except(w->out, base, base + size, w->holes);
}

/* Nodes whose registers init never gets: CPUs, RAM, the GIC and the kernel's console. */
static bool kernel_owned(const struct walk *w, const struct fdt_bus_path *path, int node)
{
	const char *name = fdt_get_name(w->fdt, node, NULL);
	if (path->depth == 1 && name != NULL && strcmp(name, "cpus") == 0)
		return true;
	if (fdt_prop_has(w->fdt, node, "device_type", "memory") ||
	    fdt_gic_version(w->fdt, node) != GIC_NONE)
		return true;
	struct phys_range first;
	return w->p->uart != 0 && fdt_reg_range(w->fdt, path, node, 0, &first) &&
	       first.base == w->p->uart;
}

/* The memory-space windows of a PCI host bridge's "ranges" (I/O and config space are not). */
static void add_pci_windows(struct walk *w, const struct fdt_bus_path *path, int node)
{
	int parent_cells = fdt_address_cells(w->fdt, path->node[path->depth - 1]);
	int size_cells = fdt_size_cells(w->fdt, node);
	if (fdt_address_cells(w->fdt, node) != PCI_ADDRESS_CELLS || parent_cells < 0 ||
	    size_cells < 0)
		return;
	int entry = PCI_ADDRESS_CELLS + parent_cells + size_cells;
	int len;
	const fdt32_t *ranges = fdt_getprop(w->fdt, node, "ranges", &len);
	if (ranges == NULL || len % (entry * 4) != 0)
		return;
	for (int at = 0; at < len / 4; at += entry) {
		uint32_t space = PCI_SPACE(fdt32_ld(&ranges[at]));
		uint64_t base, size;
		if ((space != PCI_SPACE_MEM32 && space != PCI_SPACE_MEM64) ||
		    !fdt_cells_value(&ranges[at + PCI_ADDRESS_CELLS], parent_cells, &base) ||
		    !fdt_cells_value(&ranges[at + PCI_ADDRESS_CELLS + parent_cells], size_cells,
				     &size) ||
		    size > UINT64_MAX - base || !fdt_translate(w->fdt, path, &base, size))
			continue;
		add(w, base, size);
	}
}

/* Every enabled child of the path's last bus, and the buses below it. */
static void walk_bus(struct walk *w, struct fdt_bus_path *path)
{
	int node;
	fdt_for_each_subnode(node, w->fdt, path->node[path->depth - 1]) {
		if (!fdt_node_enabled(w->fdt, node) || kernel_owned(w, path, node))
			continue;
		int count = fdt_reg_count(w->fdt, path, node);
		for (int i = 0; i < count; i++) {
			struct phys_range reg;
			if (fdt_reg_range(w->fdt, path, node, i, &reg))
				add(w, reg.base, reg.size);
		}
		if (fdt_compatible_with_any(w->fdt, node, pci_hosts, FDT_COUNT(pci_hosts))) {
			add_pci_windows(w, path, node);
		} else if (fdt_compatible_with_any(w->fdt, node, buses, FDT_COUNT(buses)) &&
			   path->depth < FDT_MAX_DEPTH) {
			path->node[path->depth++] = node;
			walk_bus(w, path);
			path->depth--;
		}
	}
}

/*
 * Every memory-map type but RESERVED (also where EFI reports MMIO) is RAM: free, the kernel's,
 * boot info, modules, ACPI tables, EFI runtime code and data. None of it is a device.
 */
static bool is_ram(uint32_t type)
{
	return type != HELIOS_MEM_RESERVED;
}

static void add_map_region(struct range_set *s, const struct helios_mem_region *r,
			   const struct range_set *holes)
{
	uint64_t size = r->size <= UINT64_MAX - r->base ? r->size : UINT64_MAX - r->base;
	if (holes)
		range_set_add_except(s, r->base, r->base + size, holes);
	else
		range_set_add(s, r->base, r->base + size);
}

/* What the kernel keeps and what is RAM, as holes to cut out of the device regions. */
static void collect_holes(struct range_set *holes, const struct platform *p,
			  const struct helios_mem_region *map, unsigned map_count)
{
	const struct phys_range gic[] = {p->gic.dist, p->gic.cpu, p->gic.redist};
	for (unsigned i = 0; i < 3; i++)
		if (gic[i].size != 0)
			range_set_add(holes, gic[i].base, gic[i].base + gic[i].size);
	if (p->uart != 0 && p->uart <= UINT64_MAX - UART_SIZE)
		range_set_add(holes, p->uart, p->uart + UART_SIZE);
	for (unsigned i = 0; i < p->memory_count && i < PLATFORM_MAX_MEMORY; i++)
		range_set_add(holes, p->memory[i].base, p->memory[i].base + p->memory[i].size);
	for (unsigned i = 0; i < map_count; i++)
		if (is_ram(map[i].type))
			add_map_region(holes, &map[i], NULL);
}

int fdt_device_regions(const void *fdt, const struct platform *p,
		       const struct helios_mem_region *map, unsigned map_count,
		       struct helios_init_region *out, unsigned max, unsigned *dropped)
{
	*dropped = 0;
	if (fdt_check_header(fdt) != 0)
		return -1;
	/* Holes are merged, and widened rather than dropped when there are too many. */
	struct helios_init_region hole_storage[MAX_HOLES];
	struct range_set holes, regions;
	range_set_init(&holes, hole_storage, MAX_HOLES, true);
	collect_holes(&holes, p, map, map_count);
	range_set_init(&regions, out, max, false);
	struct walk w = {fdt, p, &regions, &holes};
	struct fdt_bus_path root = {.node = {0}, .depth = 1};
	walk_bus(&w, &root);
	for (unsigned i = 0; i < map_count; i++)
		if (!is_ram(map[i].type))
			add_map_region(&regions, &map[i], &holes);
	*dropped = regions.dropped;
	return (int)regions.count;
}
