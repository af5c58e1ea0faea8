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

/* What the kernel needs to know about the machine this early. */
struct platform {
	uint64_t uart;    /* physical address of a PL011-compatible UART, 0 if none found */
	enum psci_method psci;
};

/* fdt.c: fills what a flattened device tree says; returns 0, or -1 if it is not valid. */
int fdt_read_platform(const void *fdt, struct platform *out);

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

/* pl011.c: polled output on the UART mapped at `regs`. */
void pl011_init(volatile void *regs);
void pl011_putc(char c);

/* power.c: how PSCI is called, once the platform is known. */
void power_init(enum psci_method method);

#endif
