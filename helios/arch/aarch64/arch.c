/*
 * The aarch64 side of helios/kernel/arch.h, apart from poweroff (power.c): exception vectors,
 * and the console, a PL011 found in the device tree or, failing that, in ACPI.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <helios/boot.h>
#include <libfdt.h>

#include "boot/bootinfo.h"
#include "helios/arch/aarch64/aarch64.h"
#include "helios/arch/aarch64/cpu.h"
#include "helios/arch/aarch64/mmu.h"
#include "helios/arch/aarch64/devices.h"
#include "helios/arch/aarch64/irq.h"
#include "helios/kernel/arch.h"
#include "helios/kernel/kernel.h"

const char arch_name[] = "aarch64";

extern char exception_vectors[]; /* vectors.S */

void *phys_to_virt(uint64_t phys)
{
	return (void *)(uintptr_t)(HELIOS_HHDM_BASE + phys);
}

/* A seam of its own so that the host tests of acpi.c can stand in for the memory map. */
int phys_readable(const struct helios_boot_info *bi, uint64_t base, uint64_t size)
{
	return bootinfo_readable(bi, base, size);
}

/* What arch_early_init found, for arch_describe. */
static struct platform found;
static const char *uart_source = "nowhere";
static const char *psci_source = "nowhere";

/* The device tree's view if there is one, ACPI's for whatever it did not say. */
static void find_platform(const struct helios_boot_info *bi, struct platform *p)
{
	*p = (struct platform){0};
	if (bi->dtb != 0 && phys_readable(bi, bi->dtb, sizeof(struct fdt_header))) {
		const void *fdt = phys_to_virt(bi->dtb);
		/* A valid tree also says what init's device regions are (devices.c). */
		if (phys_readable(bi, bi->dtb, fdt_totalsize(fdt)) && fdt_read_platform(fdt, p) == 0)
			devices_init(bi, fdt, p);
		if (p->uart)
			uart_source = "device tree";
		if (p->psci != PSCI_NONE)
			psci_source = "device tree";
	}
	if (p->uart == 0 || p->psci == PSCI_NONE) {
		struct platform acpi = {0};
		acpi_read_platform(bi, &acpi);
		if (p->uart == 0 && acpi.uart != 0) {
			p->uart = acpi.uart;
			uart_source = "ACPI SPCR";
		}
		if (p->psci == PSCI_NONE && acpi.psci != PSCI_NONE) {
			p->psci = acpi.psci;
			psci_source = "ACPI FADT";
		}
	}
}

void arch_describe(void)
{
	kprintf("console: PL011 UART at %#llx (from %s)\n", (unsigned long long)found.uart,
		uart_source);
	kprintf("PSCI: %s (from %s)\n",
		found.psci == PSCI_HVC ? "hvc" : found.psci == PSCI_SMC ? "smc" : "none",
		psci_source);
	irq_describe();
	kprintf("ASIDs: %s\n", mmu_asids() ? "16-bit (TLB entries kept across switches)"
					    : "8-bit: every switch flushes the TLB");
	kprintf("PMU: %s\n", cpu_pmu_cycles_user() ? "cycle counter readable at EL0" : "none");
	kprintf("PAN: %s\n", cpu_pan() ? "on" : "none (CPU lacks it)");
	if (found.memory_count != 0) {
		kprintf("memory (device tree):");
		for (unsigned i = 0; i < found.memory_count; i++)
			kprintf(" %#llx-%#llx", (unsigned long long)found.memory[i].base,
				(unsigned long long)(found.memory[i].base + found.memory[i].size - 1));
		kprintf("\n");
	}
}

/*
 * Without boot info there is no memory map to check the firmware tables against, so no
 * console: the kernel then halts silently.
 */
void arch_early_init(const struct helios_boot_info *bi)
{
	__asm__ volatile("msr vbar_el1, %0\n\tisb" : : "r"(exception_vectors) : "memory");
	if (bi == 0)
		return;
	cpu_init(bi);
	struct platform *p = &found;
	find_platform(bi, p);
	power_init(p->psci);
	if (p->uart != 0) {
		volatile void *regs = devmap_map(bi, p->uart, 4096);
		if (regs != 0)
			pl011_init(regs);
	}
	irq_init(bi, p);
}

/* No selftest of aarch64's own (main.c has the portable ones). */
bool arch_selftest(const char *what, size_t len)
{
	(void)what;
	(void)len;
	return false;
}

void arch_console_putc(char c)
{
	pl011_putc(c);
}

void arch_console_region(uint64_t *base, uint64_t *size)
{
	*base = found.uart;
	*size = found.uart ? HELIOS_PAGE_SIZE : 0;
}

void arch_console_hand_over(void)
{
	irq_console_handed_over();
}

void arch_console_reclaim(void)
{
	pl011_reclaim();
}

_Noreturn void arch_halt(void)
{
	__asm__ volatile("msr daifset, #0xf");
	for (;;)
		__asm__ volatile("wfi");
}
