/*
 * The portable start of Helios: check what the loader handed over, say hello, describe the
 * machine. Everything architecture-specific happened before (start code) or hides behind
 * arch.h.
 */
#include <stdint.h>
#include <string.h>

#include <helios/boot.h>
#include <helios/version.h>

#include "boot/bootinfo.h"
#include "boot/memmap.h"
#include "helios/kernel/arch.h"
#include "helios/kernel/cmdline.h"
#include "helios/kernel/fastpath.h"
#include "helios/kernel/init.h"
#include "helios/kernel/kernel.h"

/* Prints a byte count the way people read them. */
static void print_size(uint64_t bytes)
{
	if (bytes >= (1ull << 30) && bytes % (1ull << 30) == 0)
		kprintf("%llu GiB", (unsigned long long)(bytes >> 30));
	else if (bytes >= (1ull << 20))
		kprintf("%llu MiB", (unsigned long long)(bytes >> 20));
	else if (bytes >= (1ull << 10))
		kprintf("%llu KiB", (unsigned long long)(bytes >> 10));
	else
		kprintf("%llu B", (unsigned long long)bytes);
}

static void print_memory_map(const struct helios_boot_info *bi)
{
	const struct helios_mem_region *r = bootinfo_regions(bi);
	uint64_t usable = 0;
	kprintf("memory map (%u regions):\n", bi->mem_count);
	for (uint32_t i = 0; i < bi->mem_count; i++) {
		kprintf("  %016llx-%016llx %-16s ", (unsigned long long)r[i].base,
			(unsigned long long)(r[i].base + r[i].size - 1), memmap_type_name(r[i].type));
		print_size(r[i].size);
		kprintf("\n");
		if (r[i].type == HELIOS_MEM_USABLE)
			usable += r[i].size;
	}
	kprintf("usable memory: ");
	print_size(usable);
	kprintf("\n");
}

static void print_modules(const struct helios_boot_info *bi)
{
	const struct helios_boot_module *m = bootinfo_modules(bi);
	kprintf("modules (%u):\n", bi->module_count);
	for (uint32_t i = 0; i < bi->module_count; i++)
		kprintf("  %-20s %016llx %llu bytes\n", bootinfo_string(bi, m[i].name),
			(unsigned long long)m[i].base, (unsigned long long)m[i].size);
}

static void print_boot_info(const struct helios_boot_info *bi)
{
	kprintf("loader: %s\n", bootinfo_string(bi, bi->loader_name));
	kprintf("command line: %s\n", bootinfo_string(bi, bi->cmdline));
	kprintf("kernel: %016llx (physical %016llx), ", (unsigned long long)bi->kernel_virt,
		(unsigned long long)bi->kernel_phys);
	print_size(bi->kernel_size);
	kprintf("\n");
	if (bi->dtb)
		kprintf("device tree: %016llx\n", (unsigned long long)bi->dtb);
	if (bi->acpi_rsdp)
		kprintf("ACPI RSDP: %016llx\n", (unsigned long long)bi->acpi_rsdp);
	if (bi->framebuffer.base)
		kprintf("framebuffer: %ux%u, %u bpp at %016llx\n", bi->framebuffer.width,
			bi->framebuffer.height, bi->framebuffer.bpp,
			(unsigned long long)bi->framebuffer.base);
	print_memory_map(bi);
	print_modules(bi);
}

/* Set from the command line before anything can fault. */
static int exit_on_stop;

_Noreturn void kernel_stop(void)
{
	if (exit_on_stop)
		arch_poweroff(KERNEL_EXIT_FAULT);
	arch_halt();
}

/*
 * `selftest=NAME`: deliberate faults, so tests can see the exception path report and halt, or
 * an architecture's own state that only a test should ever need (arch_selftest).
 */
static void run_selftest(const char *cmdline)
{
	const char *what;
	size_t len;
	if (!cmdline_find(cmdline, "selftest", &what, &len))
		return;
	if (len == 5 && memcmp(what, "fault", 5) == 0) {
		kprintf("selftest: writing to an unmapped address\n");
		*(volatile uint64_t *)0xffffff0000000000ull = 1;
	} else if (!arch_selftest(what, len)) {
		kprintf("selftest: unknown: %.*s\n", (int)len, what);
	}
}

_Noreturn void kernel_main(struct helios_boot_info *bi)
{
	const char *problem = bootinfo_check(bi, BOOTINFO_MAX_SIZE);
	arch_early_init(problem ? 0 : bi);
	kprintf("Helios %s (%s)\n", HELIOS_VERSION, arch_name);
	if (problem) {
		kprintf("boot info rejected: %s\n", problem);
		kprintf("nothing to run: halting\n");
		arch_halt();
	}
	const char *cmdline = bootinfo_string(bi, bi->cmdline);
	const char *value;
	size_t len;
	exit_on_stop = cmdline_find(cmdline, "qemu_exit", &value, &len);

	arch_describe();
	kprintf("IPC fastpath: %s\n", kernel_has_fastpath ? "on" : "off");
	print_boot_info(bi);
	run_selftest(cmdline);
	kprintf("boot complete\n");

	/* qemu_exit asks for the boot report only: tests of the boot path stop here. */
	if (exit_on_stop)
		arch_poweroff((int)cmdline_number(cmdline, "qemu_exit", 0));
	if (init_start(bi))
		arch_start_scheduling();
	kprintf("no init: halting\n");
	arch_halt();
}
