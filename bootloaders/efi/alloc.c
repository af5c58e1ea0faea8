/*
 * Memory from the firmware. Everything the kernel will see (its image, modules, page tables,
 * the boot-info block, a device tree copy) comes from AllocatePages as EfiLoaderData, and is
 * remembered here with the type it must have in the kernel's memory map: the firmware's map
 * only says "loader data", which would otherwise become usable memory.
 */
#include <stdint.h>

#include "boot/bootinfo_builder.h"
#include "bootloaders/efi/loader.h"

/* Modules, plus the kernel, page tables, boot info and device tree. */
#define MAX_ALLOCATIONS (BOOTINFO_MAX_MODULES + 8)

struct allocation {
	uint64_t base, size;
	uint32_t type;
};

static struct allocation allocations[MAX_ALLOCATIONS];
static unsigned allocation_count;

uint64_t alloc_pages(uint64_t bytes, uint32_t type, const char *what)
{
	if (allocation_count == MAX_ALLOCATIONS)
		loader_fail("%s: more than %d allocations", what, MAX_ALLOCATIONS);
	/* An empty file still gets a page, so every allocation has an address of its own. */
	uint64_t pages = bytes == 0 ? 1 : page_round_up(bytes) / PAGE_SIZE;
	EFI_PHYSICAL_ADDRESS addr = 0;
	EFI_STATUS status = uefi_call_wrapper(BS->AllocatePages, 4, AllocateAnyPages,
					      EfiLoaderData, pages, &addr);
	if (EFI_ERROR(status))
		loader_fail("%s: cannot allocate %llu KiB: %s", what,
			    (unsigned long long)(pages * 4), loader_status(status));
	struct allocation *a = &allocations[allocation_count++];
	a->base = addr;
	a->size = pages * PAGE_SIZE;
	a->type = type;
	return addr;
}

void *alloc_pool(uint64_t bytes, const char *what)
{
	void *p = NULL;
	EFI_STATUS status = uefi_call_wrapper(BS->AllocatePool, 3, EfiLoaderData, bytes, &p);
	if (EFI_ERROR(status))
		loader_fail("%s: cannot allocate %llu bytes: %s", what, (unsigned long long)bytes,
			    loader_status(status));
	return p;
}

void free_pool(void *p)
{
	uefi_call_wrapper(BS->FreePool, 1, p);
}

int alloc_carve_all(struct memmap *m)
{
	for (unsigned i = 0; i < allocation_count; i++) {
		const struct allocation *a = &allocations[i];
		if (memmap_carve(m, a->base, a->size, a->type) != 0)
			return -1;
	}
	return 0;
}
