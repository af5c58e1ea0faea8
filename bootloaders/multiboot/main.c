/*
 * The Multiboot loader for x86_64 Helios. A Multiboot 1 boot loader (QEMU's -kernel, GRUB)
 * starts us in 32-bit protected mode with the kernel as module 0 and boot modules after it.
 * We build the memory map, load the kernel ELF, build its page tables and the boot-info
 * block, then switch to long mode and jump to the kernel (docs/boot.md has the contract).
 * Paging stays off until that jump, so physical addresses below 4 GiB are pointers.
 */
#include <stdint.h>
#include <string.h>

#include <base/fmt.h>
#include <helios/boot.h>

#include "boot/bootinfo_builder.h"
#include "boot/elf.h"
#include "boot/memmap.h"
#include "bootloaders/multiboot/loader.h"
#include "bootloaders/multiboot/multiboot.h"

void loader_main(uint32_t magic, const struct multiboot_info *mbi);

/* The loader's own image, .bss included (linker.ld). */
extern char __loader_start[], __loader_end[];

static struct memmap memmap;
static struct elf_image kernel;
static struct bootinfo_builder builder;

static const void *phys(uint64_t addr)
{
	return (const void *)(uintptr_t)addr;
}

/* Marks a range in the memory map; the only failure is a full map. */
static void carve(uint64_t base, uint64_t size, uint32_t type)
{
	if (size != 0 && memmap_carve(&memmap, base, size, type) < 0)
		loader_fail("memory map full (more than %d regions)", MEMMAP_MAX_REGIONS);
}

/* What the loader cannot do without, each missing piece named. */
static void check_info(uint32_t magic, const struct multiboot_info *mbi)
{
	if (magic != MULTIBOOT_BOOTLOADER_MAGIC)
		loader_fail("not started by a Multiboot boot loader (eax = %#x, expected %#x)",
			    (unsigned)magic, MULTIBOOT_BOOTLOADER_MAGIC);
	if (!(mbi->flags & MULTIBOOT_INFO_MMAP))
		loader_fail("the boot loader passed no memory map (Multiboot info flag 6)");
	if (!(mbi->flags & MULTIBOOT_INFO_MODS) || mbi->mods_count == 0)
		loader_fail("no kernel: pass it as the first module (QEMU: -initrd helios,...)");
	if (mbi->mods_count > BOOTINFO_MAX_MODULES + 1)
		loader_fail("%u modules: at most %d boot modules after the kernel",
			    (unsigned)mbi->mods_count, BOOTINFO_MAX_MODULES);
}

static uint32_t helios_mem_type(uint32_t multiboot_type)
{
	switch (multiboot_type) {
	case MULTIBOOT_MEMORY_AVAILABLE:
		return HELIOS_MEM_USABLE;
	case MULTIBOOT_MEMORY_ACPI_RECLAIMABLE:
		return HELIOS_MEM_ACPI_RECLAIMABLE;
	case MULTIBOOT_MEMORY_NVS:
		return HELIOS_MEM_ACPI_NVS;
	case MULTIBOOT_MEMORY_BADRAM:
		return HELIOS_MEM_BAD;
	default:
		return HELIOS_MEM_RESERVED;
	}
}

/* Builds the memory map from the boot loader's copy of the BIOS E820 map. */
static void read_memory_map(const struct multiboot_info *mbi)
{
	memmap_init(&memmap);
	uint64_t offset = 0;
	while (offset < mbi->mmap_length) {
		const struct multiboot_mmap_entry *e = phys(mbi->mmap_addr + offset);
		if (mbi->mmap_length - offset < sizeof(*e) || e->size < sizeof(*e) - 4 ||
		    e->size + 4ull > mbi->mmap_length - offset)
			loader_fail("malformed Multiboot memory map entry at offset %llu",
				    (unsigned long long)offset);
		if (e->length != 0 &&
		    memmap_add(&memmap, e->base_addr, e->length, helios_mem_type(e->type)) < 0)
			loader_fail("memory map full (more than %d regions)", MEMMAP_MAX_REGIONS);
		offset += e->size + 4ull;
	}
	if (memmap_top(&memmap, HELIOS_MEM_USABLE) == 0)
		loader_fail("the boot loader's memory map has no usable memory");
}

/*
 * Marks what is already in use so the allocator keeps off it. The loader and the Multiboot
 * structures are HELIOS_MEM_LOADER: free once the kernel has read the boot info. So is the
 * kernel file (module 0): the kernel runs from the copy elf_load makes, and nothing reads the
 * file afterwards. Boot modules are HELIOS_MEM_MODULE and are passed on.
 */
static void reserve_boot_data(const struct multiboot_info *mbi)
{
	const struct multiboot_module *mods = phys(mbi->mods_addr);
	carve((uintptr_t)__loader_start, (uintptr_t)(__loader_end - __loader_start),
	      HELIOS_MEM_LOADER);
	carve((uintptr_t)mbi, sizeof(*mbi), HELIOS_MEM_LOADER);
	carve(mbi->mmap_addr, mbi->mmap_length, HELIOS_MEM_LOADER);
	if (mbi->flags & MULTIBOOT_INFO_CMDLINE)
		carve(mbi->cmdline, strlen(phys(mbi->cmdline)) + 1, HELIOS_MEM_LOADER);
	carve(mbi->mods_addr, mbi->mods_count * sizeof(*mods), HELIOS_MEM_LOADER);
	for (uint32_t i = 0; i < mbi->mods_count; i++) {
		if (mods[i].mod_end < mods[i].mod_start)
			loader_fail("module %u ends (%#x) before it starts (%#x)", (unsigned)i,
				    (unsigned)mods[i].mod_end, (unsigned)mods[i].mod_start);
		if (mods[i].string)
			carve(mods[i].string, strlen(phys(mods[i].string)) + 1, HELIOS_MEM_LOADER);
		carve(mods[i].mod_start, mods[i].mod_end - mods[i].mod_start,
		      i == 0 ? HELIOS_MEM_LOADER : HELIOS_MEM_MODULE);
	}
}

/* Checks and copies the kernel ELF (module 0); returns the physical address of the copy. */
static uint64_t load_kernel(const struct multiboot_module *mod)
{
	const void *file = phys(mod->mod_start);
	enum elf_error err = elf_parse(file, mod->mod_end - mod->mod_start, ELF_MACHINE_X86_64,
				       HELIOS_KERNEL_BASE, UINT64_MAX, &kernel);
	if (err != ELF_OK)
		loader_fail("kernel: %s", elf_strerror(err));
	uint64_t size = kernel.vend - kernel.vbase;
	uint64_t kernel_phys = size < LOW_4G ? alloc_pages(size, HELIOS_MEM_KERNEL) : 0;
	if (kernel_phys == 0)
		loader_fail("kernel: no room below 4 GiB for its %llu KiB image",
			    (unsigned long long)(size >> 10));
	elf_load(&kernel, file, (void *)(uintptr_t)kernel_phys);
	loader_log("kernel: %llu KiB at physical %#llx, entry %#llx",
		   (unsigned long long)(size >> 10), (unsigned long long)kernel_phys,
		   (unsigned long long)kernel.entry);
	return kernel_phys;
}

/*
 * The kernel's command line: the Multiboot command line without its first word, which QEMU
 * and GRUB set to the loader's own file name.
 */
static const char *kernel_cmdline(const struct multiboot_info *mbi)
{
	if (!(mbi->flags & MULTIBOOT_INFO_CMDLINE) || mbi->cmdline == 0)
		return "";
	const char *p = phys(mbi->cmdline);
	while (*p == ' ')
		p++;
	while (*p && *p != ' ')
		p++;
	while (*p == ' ')
		p++;
	return p;
}

/* A module's name: the last path component of the first word of its string. */
static void module_name(const char *string, unsigned index, char name[BOOTINFO_MAX_NAME])
{
	const char *start = string ? string : "";
	while (*start == ' ')
		start++;
	const char *base = start, *end = start;
	for (; *end && *end != ' '; end++)
		if (*end == '/')
			base = end + 1;
	size_t len = (size_t)(end - base);
	if (len == 0) {
		fmt_snprintf(name, BOOTINFO_MAX_NAME, "module%u", index);
		return;
	}
	if (len > BOOTINFO_MAX_NAME - 1)
		len = BOOTINFO_MAX_NAME - 1;
	memcpy(name, base, len);
	name[len] = '\0';
}

/*
 * Builds the boot-info block in LOADER memory; returns its physical address. The block's own
 * allocation changes the memory map, so it is sized for the map after that change (carving
 * splits one region into three at most), allocated, and only then finished: nothing may change
 * the map once bootinfo_finish has copied it.
 */
static uint64_t build_boot_info(const struct multiboot_info *mbi, uint64_t kernel_phys,
				uint64_t rsdp)
{
	const struct multiboot_module *mods = phys(mbi->mods_addr);
	bootinfo_init(&builder, HELIOS_ARCH_X86_64);
	builder.header.hhdm_base = HELIOS_HHDM_BASE;
	builder.header.kernel_phys = kernel_phys;
	builder.header.kernel_virt = kernel.vbase;
	builder.header.kernel_size = kernel.vend - kernel.vbase;
	builder.header.acpi_rsdp = rsdp;
	if (bootinfo_set_cmdline(&builder, kernel_cmdline(mbi)) < 0 ||
	    bootinfo_set_loader_name(&builder, LOADER_NAME) < 0)
		loader_fail("boot info: no room for the command line");
	for (uint32_t i = 1; i < mbi->mods_count; i++) {
		char name[BOOTINFO_MAX_NAME];
		module_name(phys(mods[i].string), i, name);
		if (bootinfo_add_module(&builder, mods[i].mod_start,
					mods[i].mod_end - mods[i].mod_start, name) < 0)
			loader_fail("boot info: no room for module %u (%s)", (unsigned)i, name);
	}

	uint32_t size = bootinfo_size(&builder, memmap.count + 2);
	uint64_t block = alloc_pages(size, HELIOS_MEM_LOADER);
	if (block == 0)
		loader_fail("boot info: no memory for %u bytes", (unsigned)size);
	if (bootinfo_finish(&builder, &memmap, (void *)(uintptr_t)block, size) == 0)
		loader_fail("boot info: %u bytes are not enough", (unsigned)size);
	return block;
}

/* Called by header.S on the loader's stack with what the boot loader left in eax and ebx. */
void loader_main(uint32_t magic, const struct multiboot_info *mbi)
{
	console_init();
	loader_log("%s", LOADER_NAME);
	check_info(magic, mbi);
	cpu_check();

	read_memory_map(mbi);
	reserve_boot_data(mbi);
	alloc_init(&memmap);

	uint64_t kernel_phys = load_kernel(phys(mbi->mods_addr));
	loader_log("%u boot modules", (unsigned)mbi->mods_count - 1);
	uint64_t pml4 = build_page_tables(&memmap, &kernel, kernel_phys);
	uint64_t rsdp = find_rsdp();
	if (rsdp)
		loader_log("ACPI RSDP at %#llx", (unsigned long long)rsdp);
	else
		loader_log("no ACPI RSDP found");
	uint64_t bi = build_boot_info(mbi, kernel_phys, rsdp);
	loader_log("boot info at %#llx (%u memory regions); entering the kernel",
		   (unsigned long long)bi, memmap.count);
	enter_long_mode((uint32_t)pml4, kernel.entry, HELIOS_HHDM_BASE + bi);
}
