/* Shared pages for bulk data: the client's fresh pages, the server's mapped copies. */
#include <helios/rt/invoke.h>
#include <helios/rt/mem.h>
#include <helios/rt/rt.h>
#include <ipcgen/bulk.h>
#include <ipcgen/transport.h>

int ipcgen_bulk_alloc(uint64_t vaddr, uint64_t bytes, helios_caddr_t *pages, unsigned *count)
{
	if (bytes == 0 || bytes > IPCGEN_BULK_MAX_BYTES)
		return HELIOS_ERR_INVALID_PARAM;
	unsigned n = (unsigned)((bytes + HELIOS_PAGE_SIZE - 1) / HELIOS_PAGE_SIZE);
	helios_caddr_t first;
	int err = rt_map_pages(vaddr, n, HELIOS_MAP_READ | HELIOS_MAP_WRITE, &first);
	if (err != HELIOS_OK)
		return err;
	for (unsigned i = 0; i < n; i++)
		pages[i] = first + i;
	*count = n;
	return HELIOS_OK;
}

void ipcgen_bulk_free(const helios_caddr_t *pages, unsigned count)
{
	if (count)
		rt_unmap_pages(pages[0], count);
}

int ipcgen_bulk_map(const helios_caddr_t *pages, unsigned count, uint64_t vaddr,
		    uint64_t rights)
{
	for (unsigned i = 0; i < count; i++) {
		int err = rt_map(rt_vspace, pages[i], vaddr + i * HELIOS_PAGE_SIZE, rights);
		if (err != HELIOS_OK) {
			while (i--)
				helios_page_unmap(pages[i]);
			return err;
		}
	}
	return HELIOS_OK;
}

void ipcgen_bulk_drop(const helios_caddr_t *pages, unsigned count)
{
	for (unsigned i = 0; i < count; i++)
		ipcgen_delete(pages[i]);
}
