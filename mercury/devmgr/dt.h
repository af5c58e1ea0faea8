/*
 * The devices a flattened device tree describes (dt_enum.c) and the PCI ECAM host bridge in it
 * (dt_ecam.c). The blob is untrusted: anything malformed is an error or a property left out,
 * never a read outside the blob. Pure C over libfdt, host-tested against dtc's blobs.
 */
#ifndef MERCURY_DEVMGR_DT_H
#define MERCURY_DEVMGR_DT_H

#include <stddef.h>
#include <stdint.h>

#define DT_PATH_MAX 128
#define DT_COMPATIBLE_MAX 64
#define DT_MAX_REGS 4
#define DT_MAX_IRQS 4
#define DT_MAX_DEPTH 16 /* nodes nested deeper are not looked at */

enum dt_error {
	DT_OK = 0,
	DT_ERR_HEADER = 1,    /* not a device tree, or larger than the bytes given */
	DT_ERR_STRUCTURE = 2, /* the node structure is broken (bad tags, offsets, names) */
	DT_ERR_NO_ROUTE = 3,  /* the interrupt map has no entry for it (or there is no map) */
	DT_ERR_BAD_MAP = 4,   /* the interrupt map, its mask or its parents do not fit */
};

struct dt_region {
	uint64_t base, size; /* as the node's bus sees them (no "ranges" translation) */
};

struct dt_device {
	char path[DT_PATH_MAX];             /* "/pl011@9000000"; cut short if longer */
	char compatible[DT_COMPATIBLE_MAX]; /* the first (most specific) string */
	unsigned reg_count;                 /* entries of "reg" kept in regs */
	unsigned reg_more;                  /* well-formed entries beyond DT_MAX_REGS */
	struct dt_region regs[DT_MAX_REGS];
	unsigned irq_count;                 /* interrupt IDs (GIC: SPI n is n + 32) */
	uint32_t irqs[DT_MAX_IRQS];
};

typedef void (*dt_device_fn)(void *ctx, const struct dt_device *device);

/*
 * Checks the whole blob (size bytes), then calls `fn` for every node below the root with a
 * "compatible", in tree order, leaving out disabled nodes and everything below them.
 * *count = how many were reported. Nothing is reported when the blob is malformed.
 */
enum dt_error dt_enumerate(const void *blob, size_t size, dt_device_fn fn, void *ctx,
			   unsigned *count);

/* The PCI host bridge of the "pci-host-ecam-generic" binding: its configuration window and
 * the buses it reaches (bus_first's space is at base). */
struct dt_pci_ecam {
	uint64_t base, size;
	uint8_t bus_first, bus_last;
	int node; /* the bridge's offset in the blob it was found in */
};

/* The first enabled ECAM host bridge; DT_OK and *found = 0 when there is none. The bus range
 * is cut to what the window holds (1 MiB per bus). */
enum dt_error dt_find_pci_ecam(const void *blob, size_t size, struct dt_pci_ecam *out,
			       int *found);

/*
 * The GIC interrupt ID of the legacy interrupt `pin` (1-4: INTA-INTD) of the PCI function
 * bus:device.function on the bridge's root bus, through the bridge's "interrupt-map" and
 * "interrupt-map-mask" (the PCI binding: a 3-cell child unit address whose first cell holds
 * bus << 16 | device << 11 | function << 8, a 1-cell pin; the parent's unit address and
 * specifier in the parent's #address-cells and #interrupt-cells, which must be a GIC's 3).
 * `blob` must be the one `bridge` was found in. DT_ERR_NO_ROUTE when no entry matches;
 * DT_ERR_BAD_MAP when the map cannot be read (every length and count is checked first).
 */
enum dt_error dt_pci_route_irq(const void *blob, size_t size, const struct dt_pci_ecam *bridge,
			       uint8_t bus, uint8_t device, uint8_t function, uint8_t pin,
			       uint32_t *irq_id);

const char *dt_strerror(enum dt_error err);

#endif
