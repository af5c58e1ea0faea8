/*
 * Executables a task can be made of: an ELF file checked by the boot parser (//boot:elf, the
 * one the kernel loads init with) for this machine and the address range a task's image may
 * use (below MERCURY_IMAGE_MAX_VADDR: the stack, IPC buffer, startup block and runtime areas
 * lie above), then by the loader's own rules. Pure: the host tests run it.
 */
#ifndef MERCURY_IMAGE_H
#define MERCURY_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "boot/elf.h"

/* At most this many pages from the lowest segment's page to the highest's end. */
#define MERCURY_IMAGE_MAX_PAGES 4096

/* The ELF machine of the architecture this is built for. */
uint16_t mercury_image_machine(void);

/*
 * Checks an executable for `machine` and fills *img. Returns 0, MERCURY_ERR_ELF + the parser's
 * error, MERCURY_ERR_IMAGE_WX (a segment both writable and executable: no task maps a page
 * so) or MERCURY_ERR_IMAGE_TOO_LARGE.
 */
int mercury_image_parse(const void *file, size_t size, uint16_t machine, struct elf_image *img);

/* Pages from img->vbase to img->vend. */
uint32_t mercury_image_pages(const struct elf_image *img);

/* The map rights (HELIOS_MAP_*) of the image's page at vaddr: its segment's (always
 * readable), 0 for a page no segment touches. */
uint64_t mercury_image_page_rights(const struct elf_image *img, uint64_t vaddr);

#endif
