/*
 * Declarations shared by the aarch64 architecture files (not part of arch.h: portable code
 * never sees them).
 */
#ifndef HELIOS_ARCH_AARCH64_AARCH64_H
#define HELIOS_ARCH_AARCH64_AARCH64_H

#include <stdint.h>

#include <helios/boot.h>

/* How to call PSCI firmware, from the device tree ("method") or ACPI (FADT). */
enum psci_method {
	PSCI_NONE = 0,
	PSCI_HVC,
	PSCI_SMC,
};

/* A range of physical addresses. */
struct phys_range {
	uint64_t base, size;
};

/* The interrupt controller's architecture version: 0 when none usable was found. */
enum gic_version {
	GIC_NONE = 0,
	GIC_V2 = 2,
	GIC_V3 = 3,
};

#define PLATFORM_MAX_MEMORY 8 /* /memory ranges kept (for the boot log only) */

/* What the kernel needs to know about the machine this early. */
struct platform {
	uint64_t uart;    /* physical address of a PL011-compatible UART, 0 if none found */
	enum psci_method psci;
	unsigned uart_irq; /* the UART's GIC interrupt ID (an SPI), 0 if unknown */
	struct {
		enum gic_version version;
		struct phys_range dist;   /* distributor */
		struct phys_range cpu;    /* GICv2 CPU interface */
		struct phys_range redist; /* GICv3: the first redistributor region */
	} gic;
	unsigned timer_irq; /* the EL1 virtual timer's GIC interrupt ID (a PPI), 0 if none */
	struct phys_range memory[PLATFORM_MAX_MEMORY]; /* RAM per the /memory nodes */
	unsigned memory_count;
};

/*
 * fdt.c: fills what a flattened device tree says (UART, PSCI, GIC, timer, memory); returns 0,
 * or -1 if it is not valid. A malformed property reads as "not found".
 */
int fdt_read_platform(const void *fdt, struct platform *out);

struct helios_init_region;
/*
 * fdt_devices.c: the device registers init gets: every "reg" of every enabled node reachable
 * from the root through simple-bus style buses, the ECAM and memory windows of generic PCI
 * host bridges, and the RESERVED regions of the memory map `map` (where EFI reports the MMIO
 * its runtime services keep, such as QEMU's PL031 and flash, which it disables in the tree);
 * never /memory, /cpus, the GIC or the kernel's UART (`p`), nor any other region of `map`
 * (RAM). Page-aligned, sorted, merged; at most `max` (the lowest), with *dropped saying how
 * many did not fit. Returns how many, -1 if the tree is not valid.
 */
int fdt_device_regions(const void *fdt, const struct platform *p,
		       const struct helios_mem_region *map, unsigned map_count,
		       struct helios_init_region *out, unsigned max, unsigned *dropped);

/* acpi.c: fills what ACPI's SPCR and FADT say; returns 0, or -1 without usable tables. */
int acpi_read_platform(const struct helios_boot_info *bi, struct platform *out);

/* Whether [base, base + size) lies in memory the direct map covers (so it can be read). */
int phys_readable(const struct helios_boot_info *bi, uint64_t base, uint64_t size);
/* The direct-map address of physical address `phys`. */
void *phys_to_virt(uint64_t phys);

/*
 * devmap.c: maps `size` bytes of device registers at `phys` with Device-nGnRnE attributes in
 * the kernel's device window. Returns the virtual address, or NULL if out of room.
 */
volatile void *devmap_map(const struct helios_boot_info *bi, uint64_t phys, uint64_t size);

/* pl011.c: polled output on the UART mapped at `regs`; pl011_reclaim before a panic message,
 * after a driver may have changed the UART (interrupts off, transmitter on). */
void pl011_init(volatile void *regs);
void pl011_putc(char c);
void pl011_reclaim(void);

/* power.c: how PSCI is called, once the platform is known. */
void power_init(enum psci_method method);

#endif
