/*
 * The Helios EFI loader (x86_64 and aarch64). From the volume it was loaded from it reads
 * /helios (the kernel), every file of /modules in name order, an optional /helios.dtb and an
 * optional /helios.cmdline; it loads the kernel, collects what the firmware knows (device
 * tree, ACPI, framebuffer), reserves page tables and the boot-info block, takes the final
 * memory map, builds the tables and the block from it, exits boot services and jumps
 * (docs/boot.md).
 * Until ExitBootServices every problem is reported as "loader error: ..." and halts.
 */
#include <stdint.h>
#include <string.h>

#include <base/fmt.h>
#include <helios/boot.h>
#include <helios/version.h>

#include "boot/bootinfo_builder.h"
#include "boot/elf.h"
#include "boot/memmap.h"
#include "bootloaders/efi/arch.h"
#include "bootloaders/efi/loader.h"

#define FDT_MAGIC 0xd00dfeedu
#define FDT_HEADER_SIZE 40u
#define FDT_MAX_SIZE (64u << 20)

/* Everything the loader gathers on the way to the jump. */
struct boot {
	EFI_HANDLE image;
	struct bootinfo_builder *builder;
	struct elf_image kernel;
	uint64_t kernel_phys;
	struct memmap *memmap;
	struct efi_memory_map efi_map;
	struct tables tables;
	uint64_t boot_info;   /* physical address of the block */
	uint32_t boot_info_capacity;
};

static struct boot boot;

/* Reads, checks and loads /helios into pages of its own. */
static void load_kernel(EFI_FILE_HANDLE root)
{
	struct file_data file;
	if (files_read(root, "/helios", 0, &file) != 0)
		loader_fail("/helios: not found");
	enum elf_error err = elf_parse(file.data, file.size, loader_arch.elf_machine,
				       HELIOS_KERNEL_BASE, ~0ull, &boot.kernel);
	if (err != ELF_OK)
		loader_fail("/helios: %s", elf_strerror(err));
	uint64_t size = boot.kernel.vend - boot.kernel.vbase;
	boot.kernel_phys = alloc_pages(size, HELIOS_MEM_KERNEL, "/helios");
	elf_load(&boot.kernel, file.data, (void *)(uintptr_t)boot.kernel_phys);
	free_pool(file.data);

	struct helios_boot_info *h = &boot.builder->header;
	h->kernel_phys = boot.kernel_phys;
	h->kernel_virt = boot.kernel.vbase;
	h->kernel_size = size;
}

/* Loads every file of /modules, in name order, each into page-aligned memory. */
static void load_modules(EFI_FILE_HANDLE root)
{
	struct files_entry *names =
		alloc_pool(sizeof(*names) * BOOTINFO_MAX_MODULES, "module list");
	unsigned count = files_list(root, "/modules", names, BOOTINFO_MAX_MODULES);
	for (unsigned i = 0; i < count; i++) {
		char path[FILES_MAX_NAME + 16];
		fmt_snprintf(path, sizeof(path), "/modules/%s", names[i].name);
		struct file_data file;
		if (files_read(root, path, HELIOS_MEM_MODULE, &file) != 0)
			loader_fail("%s: not found", path);
		if (bootinfo_add_module(boot.builder, (uint64_t)(uintptr_t)file.data, file.size,
					names[i].name) != 0)
			loader_fail("%s: no room left in the boot info", path);
	}
	free_pool(names);
}

static uint32_t be32(const void *p)
{
	const uint8_t *b = p;
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* The size a flattened device tree says it has, after checking its header against `size`. */
static uint32_t fdt_size(const char *what, const void *fdt, uint64_t size)
{
	if (size < FDT_HEADER_SIZE || be32(fdt) != FDT_MAGIC)
		loader_fail("%s: not a flattened device tree", what);
	uint32_t total = be32((const uint8_t *)fdt + 4);
	if (total < FDT_HEADER_SIZE || total > size)
		loader_fail("%s: device tree header gives a size of %u bytes", what,
			    (unsigned)total);
	return total;
}

/*
 * /helios.dtb if present, else a copy of the firmware's device tree (the firmware's own may
 * sit in memory the kernel will reuse). Returns its physical address, or 0 if there is none.
 */
static uint64_t load_device_tree(EFI_FILE_HANDLE root)
{
	struct file_data file;
	if (files_read(root, "/helios.dtb", HELIOS_MEM_LOADER, &file) == 0) {
		fdt_size("/helios.dtb", file.data, file.size);
		return (uint64_t)(uintptr_t)file.data;
	}
	uint64_t firmware = config_device_tree();
	if (firmware == 0)
		return 0;
	const void *fdt = (const void *)(uintptr_t)firmware;
	uint32_t size = fdt_size("firmware device tree", fdt, FDT_MAX_SIZE);
	uint64_t copy = alloc_pages(size, HELIOS_MEM_LOADER, "device tree");
	memcpy((void *)(uintptr_t)copy, fdt, size);
	return copy;
}

/* /helios.cmdline, up to its first NUL, trailing newline dropped, line breaks as spaces. */
static void load_cmdline(EFI_FILE_HANDLE root)
{
	struct file_data file;
	if (files_read(root, "/helios.cmdline", 0, &file) != 0)
		return;
	char *text = alloc_pool(file.size + 1, "command line");
	uint64_t len = 0;
	const char *bytes = file.data;
	while (len < file.size && bytes[len] != '\0') {
		char c = bytes[len];
		text[len++] = (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
	}
	while (len > 0 && (bytes[len - 1] == '\n' || bytes[len - 1] == '\r'))
		len--;
	text[len] = '\0';
	if (bootinfo_set_cmdline(boot.builder, text) != 0)
		loader_fail("/helios.cmdline: no room left in the boot info");
	free_pool(text);
	free_pool(file.data);
}

/* Reads the firmware's memory map as it is now into boot.memmap (carving our allocations). */
static void read_memory_map(void)
{
	EFI_STATUS status = efi_memory_map_get(&boot.efi_map);
	if (EFI_ERROR(status))
		loader_fail("cannot read the memory map: %s", loader_status(status));
	if (efi_memory_map_convert(&boot.efi_map, boot.memmap) != 0)
		loader_fail("memory map: more than %d regions", MEMMAP_MAX_REGIONS);
}

/*
 * The last allocations, sized from the memory map as it is now: the page-table pool and the
 * boot-info block (room for the largest memory map the block can describe).
 */
static void reserve_tables_and_boot_info(void)
{
	read_memory_map();
	tables_reserve(&boot.tables, boot.memmap, &boot.kernel);
	boot.boot_info_capacity = bootinfo_size(boot.builder, MEMMAP_MAX_REGIONS);
	boot.boot_info = alloc_pages(boot.boot_info_capacity, HELIOS_MEM_LOADER, "boot info");
}

/*
 * Takes the final memory map, builds the page tables and the boot-info block from it and
 * leaves boot services. A firmware event may change the map meanwhile (ExitBootServices then
 * refuses the stale key): the whole step is retried once.
 */
static void exit_boot_services(void)
{
	for (int attempt = 0; attempt < 2; attempt++) {
		read_memory_map();
		const char *problem =
			tables_build(&boot.tables, boot.memmap, &boot.kernel, boot.kernel_phys);
		if (problem)
			loader_fail("%s (%u pages reserved)", problem, boot.tables.pages);
		if (bootinfo_finish(boot.builder, boot.memmap, (void *)(uintptr_t)boot.boot_info,
				    boot.boot_info_capacity) == 0)
			loader_fail("boot info does not fit in %u bytes", boot.boot_info_capacity);
		EFI_STATUS status =
			uefi_call_wrapper(BS->ExitBootServices, 2, boot.image, boot.efi_map.key);
		if (!EFI_ERROR(status))
			return;
	}
	/* Boot services may be half gone: no console to report on. */
	for (;;)
		;
}

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *system_table)
{
	InitializeLib(image, system_table);
	/* The boot manager's 5-minute watchdog would reset a loader halted on an error. */
	uefi_call_wrapper(BS->SetWatchdogTimer, 4, 0, 0, 0, NULL);
	loader_print("ares-efi %s (%s)\n", HELIOS_VERSION, loader_arch.name);
	const char *problem = arch_check();
	if (problem)
		loader_fail("%s", problem);

	boot.image = image;
	boot.builder = alloc_pool(sizeof(*boot.builder), "boot info builder");
	boot.memmap = alloc_pool(sizeof(*boot.memmap), "memory map");
	bootinfo_init(boot.builder, loader_arch.boot_arch);
	char name[64];
	fmt_snprintf(name, sizeof(name), "ares-efi %s (%s)", HELIOS_VERSION, loader_arch.name);
	bootinfo_set_loader_name(boot.builder, name);
	boot.builder->header.hhdm_base = HELIOS_HHDM_BASE;

	EFI_FILE_HANDLE root = files_open_boot_volume(image);
	load_kernel(root);
	load_modules(root);
	boot.builder->header.dtb = load_device_tree(root);
	load_cmdline(root);
	boot.builder->header.acpi_rsdp = config_acpi_rsdp();
	config_framebuffer(&boot.builder->header.framebuffer);

	reserve_tables_and_boot_info();
	exit_boot_services();

	struct arch_range written[] = {
		{boot.kernel_phys, boot.builder->header.kernel_size},
		{boot.tables.pool, (uint64_t)boot.tables.pages * PAGE_SIZE},
		{boot.boot_info, boot.boot_info_capacity},
	};
	struct arch_handoff handoff = {
		.kernel_root = boot.tables.kernel.root,
		.identity_root = boot.tables.identity.root,
		.entry = boot.kernel.entry,
		.boot_info = HELIOS_HHDM_BASE + boot.boot_info,
		.written = written,
		.written_count = sizeof(written) / sizeof(written[0]),
	};
	arch_enter_kernel(&handoff);
}
