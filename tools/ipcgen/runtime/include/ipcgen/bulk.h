/*
 * Bulk data, beyond the 63 words a message can carry (docs/ipc.md, "Bulk data"): up to
 * HELIOS_MSG_MAX_CAPS pages travel as a cap<page>[N] parameter. The client maps fresh pages,
 * fills them and passes their capabilities (copies: both sides map the same frames); the server
 * maps what it received, reads or writes, and deletes its copies before it replies. Helios
 * only (it maps pages through the runtime).
 */
#ifndef IPCGEN_BULK_H
#define IPCGEN_BULK_H

#include <stdint.h>

#include <helios/abi.h>

#define IPCGEN_BULK_MAX_BYTES (HELIOS_MSG_MAX_CAPS * HELIOS_PAGE_SIZE)

/* Client: fresh zeroed pages covering `bytes` (1 to IPCGEN_BULK_MAX_BYTES) mapped read-write at
 * vaddr; their capabilities in pages[0..*count). */
int ipcgen_bulk_alloc(uint64_t vaddr, uint64_t bytes, helios_caddr_t *pages, unsigned *count);
/* Client: deletes (and so unmaps) the pages of ipcgen_bulk_alloc. */
void ipcgen_bulk_free(const helios_caddr_t *pages, unsigned count);

/* Server: maps received pages at vaddr, in order, with HELIOS_MAP_* rights. On failure none
 * stays mapped. */
int ipcgen_bulk_map(const helios_caddr_t *pages, unsigned count, uint64_t vaddr,
		    uint64_t rights);
/* Server: deletes (and so unmaps) received pages. */
void ipcgen_bulk_drop(const helios_caddr_t *pages, unsigned count);

#endif
