/*
 * Task images (image.h): the boot ELF parser with a task's address range, then the loader's
 * rules, and the rights of each page.
 */
#include <stddef.h>
#include <stdint.h>

#include <helios/abi.h>
#include <mercury/startup.h>

#include "boot/elf.h"
#include <mercury/error.h>
#include <mercury/image.h>

uint16_t mercury_image_machine(void)
{
#if defined(__aarch64__)
	return ELF_MACHINE_AARCH64;
#else
	return ELF_MACHINE_X86_64;
#endif
}

int mercury_image_parse(const void *file, size_t size, uint16_t machine, struct elf_image *img)
{
	enum elf_error e = elf_parse(file, size, machine, HELIOS_USER_BOTTOM,
				     MERCURY_IMAGE_MAX_VADDR, img);
	if (e != ELF_OK)
		return MERCURY_ERR_ELF + (int)e;
	for (unsigned i = 0; i < img->segment_count; i++) {
		uint32_t wx = ELF_SEGMENT_W | ELF_SEGMENT_X;
		if ((img->segments[i].flags & wx) == wx)
			return MERCURY_ERR_IMAGE_WX;
	}
	if ((img->vend - img->vbase) / HELIOS_PAGE_SIZE > MERCURY_IMAGE_MAX_PAGES)
		return MERCURY_ERR_IMAGE_TOO_LARGE;
	return 0;
}

uint32_t mercury_image_pages(const struct elf_image *img)
{
	return (uint32_t)((img->vend - img->vbase) / HELIOS_PAGE_SIZE);
}

uint64_t mercury_image_page_rights(const struct elf_image *img, uint64_t vaddr)
{
	for (unsigned i = 0; i < img->segment_count; i++) {
		const struct elf_segment *s = &img->segments[i];
		uint64_t first = s->vaddr & ~(HELIOS_PAGE_SIZE - 1);
		if (vaddr >= first && vaddr < s->vaddr + s->memsz)
			return HELIOS_MAP_READ | (s->flags & ELF_SEGMENT_W ? HELIOS_MAP_WRITE : 0) |
			       (s->flags & ELF_SEGMENT_X ? HELIOS_MAP_EXEC : 0);
	}
	return 0;
}
