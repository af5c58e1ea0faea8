/*
 * What the kernel needs from a flattened device tree this early: the PL011 UART to print on
 * (/chosen's stdout-path, else the first "arm,pl011" node), how to call PSCI, the GIC, the
 * generic timer's interrupt and, for the log, the /memory ranges.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <libfdt.h>

#include "helios/arch/aarch64/aarch64.h"
#include "helios/arch/aarch64/fdt_addr.h"

#define PL011_COMPATIBLE "arm,pl011"

/* The node /chosen/stdout-path names ("/pl011@9000000:115200" or an alias), if a PL011. */
static int stdout_node(const void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	if (chosen < 0)
		return -1;
	int len;
	const char *path = fdt_getprop(fdt, chosen, "stdout-path", &len);
	if (path == NULL || len <= 0)
		return -1;
	int name_len = 0;
	while (name_len < len && path[name_len] != '\0' && path[name_len] != ':')
		name_len++;
	int node = fdt_path_offset_namelen(fdt, path, name_len);
	if (node < 0 || fdt_node_check_compatible(fdt, node, PL011_COMPATIBLE) != 0)
		return -1;
	return node;
}

/* PSCI 0.2 or later (SYSTEM_OFF needs it) and its "method". */
static enum psci_method psci_method(const void *fdt)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, "arm,psci-0.2");
	if (node < 0)
		node = fdt_node_offset_by_compatible(fdt, -1, "arm,psci-1.0");
	if (node < 0)
		return PSCI_NONE;
	int len;
	const char *method = fdt_getprop(fdt, node, "method", &len);
	if (method == NULL || len != 4)
		return PSCI_NONE;
	if (memcmp(method, "hvc", 4) == 0)
		return PSCI_HVC;
	if (memcmp(method, "smc", 4) == 0)
		return PSCI_SMC;
	return PSCI_NONE;
}

static const char *const gic_v3[] = {"arm,gic-v3"};
static const char *const gic_v2[] = {
	"arm,cortex-a15-gic", "arm,cortex-a7-gic", "arm,cortex-a9-gic", "arm,gic-400", "arm,gic-v2",
};

enum gic_version fdt_gic_version(const void *fdt, int node)
{
	if (fdt_compatible_with_any(fdt, node, gic_v3, FDT_COUNT(gic_v3)))
		return GIC_V3;
	if (fdt_compatible_with_any(fdt, node, gic_v2, FDT_COUNT(gic_v2)))
		return GIC_V2;
	return GIC_NONE;
}

/* The first enabled GIC node and its two register ranges (v2: CPU interface, v3: GICR). */
static int read_gic(const void *fdt, struct platform *out)
{
	for (int node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL)) {
		enum gic_version version = fdt_gic_version(fdt, node);
		if (version == GIC_NONE || !fdt_node_enabled(fdt, node))
			continue;
		struct fdt_bus_path path;
		struct phys_range dist, second;
		if (!fdt_bus_path_of(fdt, node, &path) || !fdt_reg_range(fdt, &path, node, 0, &dist) ||
		    !fdt_reg_range(fdt, &path, node, 1, &second) || dist.size == 0 ||
		    second.size == 0)
			return -1;
		out->gic.version = version;
		out->gic.dist = dist;
		if (version == GIC_V2)
			out->gic.cpu = second;
		else
			out->gic.redist = second;
		return node;
	}
	return -1;
}

/* The node that takes `node`'s interrupts: its own or its nearest ancestor's interrupt-parent. */
static int interrupt_parent(const void *fdt, int node)
{
	for (int depth = 0; node >= 0 && depth <= FDT_MAX_DEPTH; depth++) {
		int len;
		const fdt32_t *phandle = fdt_getprop(fdt, node, "interrupt-parent", &len);
		if (phandle != NULL)
			return len == 4 ? fdt_node_offset_by_phandle(fdt, fdt32_ld(phandle)) : -1;
		node = fdt_parent_offset(fdt, node);
	}
	return -1;
}

#define GIC_SPEC_SPI 0
#define GIC_SPEC_PPI 1

/*
 * Entry `index` of `node`'s "interrupts" as a GIC interrupt ID, if the GIC takes them with
 * three cells (type, number, flags); 0 if not. `type` is what the caller expects.
 */
static unsigned gic_interrupt(const void *fdt, int node, int gic, int index, uint32_t type)
{
	if (gic < 0 || interrupt_parent(fdt, node) != gic)
		return 0;
	int len;
	const fdt32_t *cells = fdt_getprop(fdt, gic, "#interrupt-cells", &len);
	if (cells == NULL || len != 4 || fdt32_ld(cells) != 3)
		return 0;
	const fdt32_t *spec = fdt_getprop(fdt, node, "interrupts", &len);
	if (spec == NULL || len % 12 != 0 || index >= len / 12)
		return 0;
	uint32_t number = fdt32_ld(&spec[index * 3 + 1]);
	if (fdt32_ld(&spec[index * 3]) != type)
		return 0;
	if (type == GIC_SPEC_PPI)
		return number < 16 ? 16 + number : 0;
	return number < 1020 - 32 ? 32 + number : 0;
}

/* The generic timer's EL1 virtual timer: the third of its interrupts (a PPI). */
static unsigned timer_interrupt(const void *fdt, int gic)
{
	for (int node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL)) {
		if ((fdt_prop_has(fdt, node, "compatible", "arm,armv8-timer") ||
		     fdt_prop_has(fdt, node, "compatible", "arm,armv7-timer")) &&
		    fdt_node_enabled(fdt, node))
			return gic_interrupt(fdt, node, gic, 2, GIC_SPEC_PPI);
	}
	return 0;
}

/* The ranges of the root's enabled device_type = "memory" nodes, as many as fit. */
static void read_memory(const void *fdt, struct platform *out)
{
	struct fdt_bus_path root = {.node = {0}, .depth = 1};
	int node;
	fdt_for_each_subnode(node, fdt, 0) {
		if (!fdt_prop_has(fdt, node, "device_type", "memory") || !fdt_node_enabled(fdt, node))
			continue;
		int count = fdt_reg_count(fdt, &root, node);
		for (int i = 0; i < count && out->memory_count < PLATFORM_MAX_MEMORY; i++) {
			struct phys_range range;
			if (fdt_reg_range(fdt, &root, node, i, &range) && range.size != 0)
				out->memory[out->memory_count++] = range;
		}
	}
}

int fdt_read_platform(const void *fdt, struct platform *out)
{
	if (fdt_check_header(fdt) != 0)
		return -1;
	int gic = read_gic(fdt, out);
	int uart = stdout_node(fdt);
	if (uart < 0)
		uart = fdt_node_offset_by_compatible(fdt, -1, PL011_COMPATIBLE);
	struct fdt_bus_path path;
	struct phys_range reg;
	if (uart >= 0 && fdt_bus_path_of(fdt, uart, &path) && fdt_reg_range(fdt, &path, uart, 0, &reg)) {
		out->uart = reg.base;
		out->uart_irq = gic_interrupt(fdt, uart, gic, 0, GIC_SPEC_SPI);
	}
	out->psci = psci_method(fdt);
	out->timer_irq = timer_interrupt(fdt, gic);
	read_memory(fdt, out);
	return 0;
}
