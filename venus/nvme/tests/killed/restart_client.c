/*
 * The client of the NVMe driver killed mid-request (README.md): reads sector 0, then asks for
 * sector NVME_TEST_KILL_SECTOR, which the test build of the driver submits and dies with in
 * flight. The call must fail as a server gone (mercury_service_gone); the client reconnects to
 * the driver the device manager restarted, lends it a buffer again (buffers die with the
 * driver) and reads sector 0 again: the same bytes. Exits 0 when all went as described.
 */
#include <stdint.h>
#include <string.h>

#include <helios/rt/mem.h>
#include <helios/rt/print.h>
#include <helios/rt/slot.h>
#include <mercury/program.h>
#include <mercury/vm.h>

#include "mercury/registry/registry.ipc.h"
#include "mercury/registry/service.h"
#include "venus/ipc/block.ipc.h"

#define BLOCK VENUS_BLOCK_ID

static const char *error_name(int err)
{
	const char *name = venus_block_error_name(err);
	return name ? name : rt_strerror((uint64_t)err);
}

/* A fresh page lent to the driver as buffer *buffer, mapped at *data here. */
static int lend_page(helios_caddr_t block, uint8_t **data, uint32_t *buffer)
{
	uintptr_t addr = 0;
	helios_caddr_t page = HELIOS_CADDR_UNDEF;
	int err = mercury_vm_reserve(HELIOS_PAGE_SIZE, &addr);
	if (!err)
		err = rt_map_pages(addr, 1, HELIOS_MAP_READ | HELIOS_MAP_WRITE, &page);
	if (!err)
		err = venus_block_attach(block, &page, 1, buffer);
	if (err)
		rt_printf("client: attach: %s\n", error_name(err));
	*data = (uint8_t *)addr;
	return err;
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	helios_caddr_t registry = mercury_cap("registry"), block = rt_slot_alloc();
	uint64_t generation = 0;
	if (registry == HELIOS_CADDR_UNDEF || block == HELIOS_CADDR_UNDEF) {
		rt_printf("client: no registry capability\n");
		return 1;
	}
	int err = mercury_registry_await(registry, BLOCK, "0", 0, &block, &generation);
	if (err) {
		rt_printf("client: await: %s\n", rt_strerror((uint64_t)err));
		return 1;
	}
	rt_printf("client: found venus.block 0, generation %lu\n", generation);
	uint8_t *data = NULL, first[512];
	uint32_t buffer = 0, sector_size = 0;
	if ((err = venus_block_info(block, &sector_size, NULL, NULL, NULL)) ||
	    sector_size > sizeof(first)) {
		rt_printf("client: info: %s, sector size %u\n", error_name(err), sector_size);
		return 1;
	}
	if (lend_page(block, &data, &buffer))
		return 1;
	if ((err = venus_block_read(block, buffer, 0, 0, 1))) {
		rt_printf("client: read of sector 0: %s\n", error_name(err));
		return 1;
	}
	memcpy(first, data, sector_size);
	rt_printf("client: sector 0 read\n");
	err = venus_block_read(block, buffer, 0, NVME_TEST_KILL_SECTOR, 1);
	rt_printf("client: read of sector %u with the driver killed: %s\n", NVME_TEST_KILL_SECTOR,
		  error_name(err));
	if (!mercury_service_gone(err))
		return 1;
	err = mercury_reconnect(registry, BLOCK, "0", block, &generation);
	if (err) {
		rt_printf("client: reconnect: %s\n", rt_strerror((uint64_t)err));
		return 1;
	}
	rt_printf("client: reconnected, generation %lu\n", generation);
	if (lend_page(block, &data, &buffer))
		return 1;
	memset(data, 0, sector_size);
	if ((err = venus_block_read(block, buffer, 0, 0, 1)) || memcmp(data, first, sector_size)) {
		rt_printf("client: read of sector 0 after the restart: %s\n",
			  err ? error_name(err) : "other bytes");
		return 1;
	}
	rt_printf("client: the restarted driver read sector 0 again, the same bytes\n");
	rt_printf("client: done\n");
	return 0;
}
