/*
 * What the kernel needs from a flattened device tree this early: the PL011 UART to print on
 * (/chosen's stdout-path, else the first "arm,pl011" node) and how to call PSCI.
 */
#include <stdint.h>
#include <string.h>

#include <libfdt.h>

#include "helios/arch/aarch64/aarch64.h"

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

/* The first address in a node's "reg" (no bus translation: devices hang off the root). */
static uint64_t node_address(const void *fdt, int node)
{
	int parent = fdt_parent_offset(fdt, node);
	int cells = parent >= 0 ? fdt_address_cells(fdt, parent) : 2;
	if (cells < 1 || cells > 2)
		return 0;
	int len;
	const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);
	if (reg == NULL || len < cells * 4)
		return 0;
	uint64_t address = fdt32_to_cpu(reg[0]);
	if (cells == 2)
		address = address << 32 | fdt32_to_cpu(reg[1]);
	return address;
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

int fdt_read_platform(const void *fdt, struct platform *out)
{
	if (fdt_check_header(fdt) != 0)
		return -1;
	int uart = stdout_node(fdt);
	if (uart < 0)
		uart = fdt_node_offset_by_compatible(fdt, -1, PL011_COMPATIBLE);
	if (uart >= 0)
		out->uart = node_address(fdt, uart);
	out->psci = psci_method(fdt);
	return 0;
}
