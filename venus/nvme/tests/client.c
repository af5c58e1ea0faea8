/*
 * The NVMe test's client (README.md): finds venus.block instance "0", checks the geometry
 * against the disk the build made (disk.h), reads all of it with four threads at once (each
 * with its own attached buffer, so requests are in flight together) and checksums it. The
 * checksum says which boot this is: the disk as built (boot 1: overwrite a sector with sector
 * 0's bytes, flush, read it back) or as boot 1 left it (boot 2: the write survived the
 * reboot). Both boots then check that requests outside the disk or the buffer are refused.
 * Exits 0 when all went as described.
 */
#include <stdint.h>
#include <string.h>

#include <helios/rt/invoke.h>
#include <helios/rt/mem.h>
#include <helios/rt/print.h>
#include <helios/rt/rt.h>
#include <helios/rt/slot.h>
#include <helios/rt/thread.h>
#include <mercury/malloc.h>
#include <mercury/program.h>
#include <mercury/startup_block.h>
#include <mercury/vm.h>

#include "mercury/registry/registry.ipc.h"
#include "mercury/registry/service.h"
#include "venus/ipc/block.ipc.h"
#include "venus/nvme/tests/disk.h"

#define READERS 4
#define BUFFER_PAGES 4
#define BUFFER_BYTES (BUFFER_PAGES * HELIOS_PAGE_SIZE)
#define DISK_BYTES ((uint64_t)DISK_SECTORS * DISK_SECTOR_SIZE)
#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull
#define NO_SUCH_BUFFER 1000u

struct reader {
	struct rt_thread thread;
	unsigned index;
	uint32_t buffer; /* the driver's name for it */
	uint8_t *data;   /* where it is mapped here */
	helios_caddr_t first_page;
	int err;
};

static helios_caddr_t block;
static uint32_t max_sectors;
static uint8_t *disk;
static struct reader readers[READERS];

static const char *error_name(int err)
{
	const char *name = venus_block_error_name(err);
	return name ? name : rt_strerror((uint64_t)err);
}

static uint64_t fnv1a(const uint8_t *data, uint64_t len)
{
	uint64_t h = FNV_OFFSET;
	for (uint64_t i = 0; i < len; i++)
		h = (h ^ data[i]) * FNV_PRIME;
	return h;
}

/* Fresh pages, lent to the driver as one buffer. */
static int attach_buffer(struct reader *r)
{
	uintptr_t addr = 0;
	helios_caddr_t first = HELIOS_CADDR_UNDEF;
	int err = mercury_vm_reserve(BUFFER_BYTES, &addr);
	if (!err)
		err = rt_map_pages(addr, BUFFER_PAGES, HELIOS_MAP_READ | HELIOS_MAP_WRITE, &first);
	if (err)
		return err;
	helios_caddr_t pages[BUFFER_PAGES];
	for (unsigned i = 0; i < BUFFER_PAGES; i++)
		pages[i] = first + i;
	r->data = (uint8_t *)addr;
	r->first_page = first;
	return venus_block_attach(block, pages, BUFFER_PAGES, &r->buffer);
}

/* Reader i reads chunks i, i + READERS, ... into `disk`. */
static int read_chunks(void *arg)
{
	struct reader *r = arg;
	uint64_t chunk_bytes = (uint64_t)max_sectors * DISK_SECTOR_SIZE;
	for (uint64_t at = r->index * chunk_bytes; at < DISK_BYTES; at += READERS * chunk_bytes) {
		uint64_t bytes = DISK_BYTES - at < chunk_bytes ? DISK_BYTES - at : chunk_bytes;
		int err = venus_block_read(block, r->buffer, 0, at / DISK_SECTOR_SIZE,
					   (uint32_t)(bytes / DISK_SECTOR_SIZE));
		if (err) {
			rt_printf("client: read at sector %lu: %s\n", at / DISK_SECTOR_SIZE,
				  error_name(err));
			return err;
		}
		memcpy(disk + at, r->data, bytes);
	}
	return 0;
}

static int read_disk(void)
{
	for (unsigned i = 0; i < READERS; i++) {
		readers[i].index = i;
		int err = rt_thread_spawn(&readers[i].thread, read_chunks, &readers[i],
					  rt_startup->priority, HELIOS_CADDR_UNDEF);
		if (err) {
			rt_printf("client: no reader thread: %s\n", rt_strerror((uint64_t)err));
			return 1;
		}
	}
	int failed = 0;
	for (unsigned i = 0; i < READERS; i++) {
		int result = 1;
		if (rt_thread_join(&readers[i].thread, &result) || result)
			failed = 1;
	}
	return failed;
}

/* Boot 1: sector DISK_WRITE_SECTOR becomes a copy of sector 0, flushed, read back. */
static int write_sector(struct reader *r)
{
	memcpy(r->data, disk, DISK_SECTOR_SIZE);
	int err = venus_block_write(block, r->buffer, 0, DISK_WRITE_SECTOR, 1);
	if (!err)
		err = venus_block_flush(block);
	if (err) {
		rt_printf("client: write and flush: %s\n", error_name(err));
		return 1;
	}
	memset(r->data, 0, DISK_SECTOR_SIZE);
	err = venus_block_read(block, r->buffer, DISK_SECTOR_SIZE, DISK_WRITE_SECTOR, 1);
	if (err || memcmp(r->data + DISK_SECTOR_SIZE, disk, DISK_SECTOR_SIZE) != 0) {
		rt_printf("client: sector %u read back: %s\n", DISK_WRITE_SECTOR,
			  err ? error_name(err) : "not what was written");
		return 1;
	}
	rt_printf("client: sector %u written, flushed and read back\n", DISK_WRITE_SECTOR);
	return 0;
}

/* One request that must be refused with `want`. */
static int refused(const char *what, int err, int want)
{
	rt_printf("client: %s: %s\n", what, error_name(err));
	return err != want;
}

static int check_refusals(struct reader *r)
{
	uint32_t b = r->buffer;
	int bad = 0;
	bad |= refused("read past the end", venus_block_read(block, b, 0, DISK_SECTORS, 1),
		       VENUS_BLOCK_ERROR_OUT_OF_RANGE);
	bad |= refused("write across the end", venus_block_write(block, b, 0, DISK_SECTORS - 1, 2),
		       VENUS_BLOCK_ERROR_OUT_OF_RANGE);
	bad |= refused("read of 0 sectors", venus_block_read(block, b, 0, 0, 0),
		       VENUS_BLOCK_ERROR_OUT_OF_RANGE);
	bad |= refused("read of too many sectors", venus_block_read(block, b, 0, 0, max_sectors + 1),
		       VENUS_BLOCK_ERROR_OUT_OF_RANGE);
	bad |= refused("read into no buffer", venus_block_read(block, NO_SUCH_BUFFER, 0, 0, 1),
		       VENUS_BLOCK_ERROR_BAD_BUFFER);
	bad |= refused("read past the buffer",
		       venus_block_read(block, b, BUFFER_BYTES - DISK_SECTOR_SIZE, 0, 2),
		       VENUS_BLOCK_ERROR_BAD_BUFFER);
	bad |= refused("write from a misaligned offset", venus_block_write(block, b, 1, 0, 1),
		       VENUS_BLOCK_ERROR_BAD_BUFFER);
	/* A page the client may only read: the device must not write into it. */
	helios_caddr_t read_only = rt_slot_alloc();
	uint32_t id = 0;
	int err = helios_cspace_copy(rt_cspace, read_only, rt_cspace, r->first_page,
				     HELIOS_RIGHT_READ, NULL);
	bad |= refused("attach of a read-only page",
		       err ? err : venus_block_attach(block, &read_only, 1, &id),
		       VENUS_BLOCK_ERROR_BAD_BUFFER);
	err = venus_block_detach(block, b);
	bad |= refused("read into a detached buffer",
		       err ? err : venus_block_read(block, b, 0, 0, 1),
		       VENUS_BLOCK_ERROR_BAD_BUFFER);
	return bad;
}

static int connect(void)
{
	helios_caddr_t registry = mercury_cap("registry");
	block = rt_slot_alloc();
	uint64_t generation = 0;
	if (registry == HELIOS_CADDR_UNDEF || block == HELIOS_CADDR_UNDEF) {
		rt_printf("client: no registry capability\n");
		return 1;
	}
	int err = mercury_registry_await(registry, VENUS_BLOCK_ID, "0", 0, &block, &generation);
	if (err) {
		rt_printf("client: await: %s\n", rt_strerror((uint64_t)err));
		return 1;
	}
	uint32_t sector_size = 0;
	uint64_t sectors = 0;
	bool read_only = true;
	err = venus_block_info(block, &sector_size, &sectors, &max_sectors, &read_only);
	if (err) {
		rt_printf("client: info: %s\n", error_name(err));
		return 1;
	}
	rt_printf("client: %lu sectors of %u bytes, at most %u a request, %s\n", sectors,
		  sector_size, max_sectors, read_only ? "read-only" : "writable");
	return sector_size != DISK_SECTOR_SIZE || sectors != DISK_SECTORS || read_only ||
	       max_sectors == 0 || max_sectors > BUFFER_BYTES / DISK_SECTOR_SIZE;
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (connect())
		return 1;
	disk = malloc(DISK_BYTES);
	if (!disk) {
		rt_printf("client: no memory for the disk\n");
		return 1;
	}
	for (unsigned i = 0; i < READERS; i++) {
		int err = attach_buffer(&readers[i]);
		if (err) {
			rt_printf("client: attach: %s\n", error_name(err));
			return 1;
		}
	}
	if (read_disk())
		return 1;
	uint64_t sum = fnv1a(disk, DISK_BYTES);
	if (sum == DISK_CHECKSUM_BUILT) {
		rt_printf("client: boot 1: the disk is as built (checksum 0x%016lx)\n", sum);
		if (write_sector(&readers[0]))
			return 1;
	} else if (sum == DISK_CHECKSUM_WRITTEN) {
		rt_printf("client: boot 2: sector %u holds what boot 1 wrote (checksum 0x%016lx)\n",
			  DISK_WRITE_SECTOR, sum);
	} else {
		rt_printf("client: the disk is neither as built nor as written: checksum 0x%016lx\n",
			  sum);
		return 1;
	}
	if (check_refusals(&readers[1]))
		return 1;
	rt_printf("client: done\n");
	return 0;
}
