/*
 * The firmware's memory map (GetMemoryMap) and its translation into the Helios memory map.
 * The final map must be taken last, right before ExitBootServices, since every allocation
 * changes it (and its key); the buffer is therefore sized with room to spare.
 */
#include <stdint.h>

#include "bootloaders/efi/loader.h"

/* Descriptors of slack added whenever the buffer grows: allocating it adds a few. */
#define MAP_SLACK 32

EFI_STATUS efi_memory_map_get(struct efi_memory_map *map)
{
	for (int attempt = 0; attempt < 8; attempt++) {
		UINTN size = map->capacity;
		EFI_STATUS status = uefi_call_wrapper(BS->GetMemoryMap, 5, &size, map->buffer,
						      &map->key, &map->descriptor_size,
						      &map->descriptor_version);
		if (status != EFI_BUFFER_TOO_SMALL) {
			map->size = size;
			return status;
		}
		UINTN descriptor = map->descriptor_size;
		if (descriptor < sizeof(EFI_MEMORY_DESCRIPTOR))
			descriptor = sizeof(EFI_MEMORY_DESCRIPTOR);
		if (map->buffer != NULL)
			free_pool(map->buffer);
		map->capacity = size + MAP_SLACK * descriptor;
		map->buffer = alloc_pool(map->capacity, "memory map");
	}
	return EFI_BUFFER_TOO_SMALL;
}

/* The Helios type of an EFI memory type (UEFI 2.10, table 7.10). */
static uint32_t helios_type(UINT32 efi_type)
{
	switch (efi_type) {
	case EfiConventionalMemory:
	case EfiBootServicesCode:
	case EfiBootServicesData:
	case EfiLoaderData: /* our own allocations are carved out afterwards */
		return HELIOS_MEM_USABLE;
	case EfiLoaderCode: /* the loader itself, still running until the jump */
		return HELIOS_MEM_LOADER;
	case EfiRuntimeServicesCode:
	case EfiRuntimeServicesData:
		return HELIOS_MEM_FIRMWARE;
	case EfiACPIReclaimMemory:
		return HELIOS_MEM_ACPI_RECLAIMABLE;
	case EfiACPIMemoryNVS:
		return HELIOS_MEM_ACPI_NVS;
	case EfiUnusableMemory:
		return HELIOS_MEM_BAD;
	default: /* reserved, MMIO, port space, PAL code, persistent memory, unknown */
		return HELIOS_MEM_RESERVED;
	}
}

int efi_memory_map_convert(const struct efi_memory_map *map, struct memmap *out)
{
	if (map->descriptor_size < sizeof(EFI_MEMORY_DESCRIPTOR))
		return -1;
	memmap_init(out);
	for (UINTN offset = 0; offset + map->descriptor_size <= map->size;
	     offset += map->descriptor_size) {
		const EFI_MEMORY_DESCRIPTOR *d =
			(const EFI_MEMORY_DESCRIPTOR *)((const uint8_t *)map->buffer + offset);
		uint64_t pages = d->NumberOfPages;
		if (pages > (UINT64_MAX >> 12))
			pages = UINT64_MAX >> 12; /* nonsense; memmap_add saturates the end */
		if (memmap_add(out, d->PhysicalStart, pages * PAGE_SIZE, helios_type(d->Type)) != 0)
			return -1;
	}
	return alloc_carve_all(out);
}
