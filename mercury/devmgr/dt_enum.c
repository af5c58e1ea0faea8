/*
 * Walking a device tree's devices (dt.h): one pass over the nodes in order, keeping the nodes
 * above the current one (their offsets and the path so far) in small stacks.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <libfdt.h>

#include "mercury/devmgr/dt.h"
#include "mercury/devmgr/dt_props.h"

#define GIC_CELLS 3 /* GIC interrupt specifiers: type, number, flags */

struct walk {
	const void *blob;
	int nodes[DT_MAX_DEPTH];       /* nodes[d]: the node at depth d above the current one */
	size_t path_len[DT_MAX_DEPTH]; /* how much of path is the path of nodes[d] */
	char path[DT_PATH_MAX];
	struct dt_device device;
};

/* Appends "/name" to the path of depth - 1, cut at DT_PATH_MAX - 1 bytes. */
static void enter(struct walk *w, int node, int depth)
{
	size_t len = depth == 0 ? 0 : w->path_len[depth - 1];
	const char *name = depth == 0 ? "" : fdt_get_name(w->blob, node, NULL);
	if (depth > 0 && len < DT_PATH_MAX - 1)
		w->path[len++] = '/';
	for (; name != NULL && *name != '\0' && len < DT_PATH_MAX - 1; name++)
		w->path[len++] = *name;
	w->path[len] = '\0';
	w->nodes[depth] = node;
	w->path_len[depth] = len;
}

/* The node's interrupt parent: "interrupt-parent" on it or the nearest node above; -1: none. */
static int interrupt_parent(const struct walk *w, int depth)
{
	for (int d = depth; d >= 0; d--) {
		uint32_t phandle;
		if (!dt_u32(w->blob, w->nodes[d], "interrupt-parent", 0, &phandle))
			return -1;
		if (phandle != 0)
			return fdt_node_offset_by_phandle(w->blob, phandle);
	}
	return -1;
}

/* "interrupts", decoded when the interrupt parent takes 3-cell (GIC) specifiers. */
static void read_interrupts(const struct walk *w, int depth, struct dt_device *d)
{
	int len;
	const fdt32_t *spec = fdt_getprop(w->blob, w->nodes[depth], "interrupts", &len);
	if (spec == NULL)
		return;
	int parent = interrupt_parent(w, depth);
	uint32_t cells;
	if (parent < 0 || !dt_u32(w->blob, parent, "#interrupt-cells", 0, &cells) ||
	    cells != GIC_CELLS || len % (GIC_CELLS * 4) != 0)
		return;
	for (int i = 0; i < len / (GIC_CELLS * 4) && d->irq_count < DT_MAX_IRQS; i++) {
		const fdt32_t *s = spec + i * GIC_CELLS;
		uint32_t id = dt_gic_id(fdt32_ld(&s[0]), fdt32_ld(&s[1]));
		if (id != 0)
			d->irqs[d->irq_count++] = id;
	}
}

/* The device at depth (> 0); false when it has no "compatible". */
static bool read_device(struct walk *w, int depth)
{
	int node = w->nodes[depth], len;
	const char *compatible = fdt_getprop(w->blob, node, "compatible", &len);
	if (compatible == NULL || len <= 0)
		return false;
	struct dt_device *d = &w->device;
	memset(d, 0, sizeof(*d));
	memcpy(d->path, w->path, w->path_len[depth] + 1);
	const char *end = memchr(compatible, '\0', (size_t)len); /* may be missing: cut at len */
	size_t n = end ? (size_t)(end - compatible) : (size_t)len;
	if (n > DT_COMPATIBLE_MAX - 1)
		n = DT_COMPATIBLE_MAX - 1;
	memcpy(d->compatible, compatible, n);
	d->compatible[n] = '\0';
	if (!dt_reg(w->blob, w->nodes[depth - 1], node, d->regs, DT_MAX_REGS, &d->reg_count,
		    &d->reg_more))
		d->reg_count = d->reg_more = 0;
	read_interrupts(w, depth, d);
	return true;
}

enum dt_error dt_enumerate(const void *blob, size_t size, dt_device_fn fn, void *ctx,
			   unsigned *count)
{
	*count = 0;
	enum dt_error err = dt_check(blob, size);
	if (err != DT_OK)
		return err;
	struct walk w = {.blob = blob};
	int depth = 0, skip_below = -1;
	for (int node = 0; node >= 0 && depth >= 0; node = fdt_next_node(blob, node, &depth)) {
		if (depth >= DT_MAX_DEPTH || (skip_below >= 0 && depth > skip_below))
			continue;
		skip_below = -1;
		enter(&w, node, depth);
		if (!dt_enabled(blob, node)) {
			skip_below = depth; /* a disabled bus's children are out of reach too */
			continue;
		}
		if (depth > 0 && read_device(&w, depth)) {
			fn(ctx, &w.device);
			++*count;
		}
	}
	return DT_OK;
}

const char *dt_strerror(enum dt_error err)
{
	switch (err) {
	case DT_OK: return "no error";
	case DT_ERR_HEADER: return "not a device tree, or cut short";
	case DT_ERR_STRUCTURE: return "malformed node structure";
	case DT_ERR_NO_ROUTE: return "no interrupt-map entry for it";
	case DT_ERR_BAD_MAP: return "malformed interrupt-map";
	default: return "unknown error";
	}
}
