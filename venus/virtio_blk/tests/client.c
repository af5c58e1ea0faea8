/*
 * The virtio-blk tests' client (../README.md). Arguments: a mode, the test disk's sectors, its
 * FNV-1a checksum as built and its checksum once phase 1 has written its last sector (both
 * computed by make_disk.py at build time), and for `crash` a sector. It finds the disk among
 * venus.block's instances by its size and reads it all with several readers at once. Then:
 *
 *   `reboot`, which knows from the checksum which phase it is in:
 *     phase 1 (the disk as built): writes the last sector inverted, flushes, reads it back;
 *       requests outside the disk, bad buffers and a page lent read-only must be refused;
 *       the whole disk must then sum to the second checksum;
 *     phase 2 (after a reboot of the machine on the same disk): the write is still there;
 *   `crash` (with the driver's test build, which dies reading that sector): the read fails
 *     as its server is gone, the client reconnects to the restarted driver, attaches its
 *     buffers again and reads the disk as built.
 *
 * Exits 0 when all went as described.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <helios/rt/invoke.h>
#include <helios/rt/mem.h>
#include <helios/rt/print.h>
#include <helios/rt/rt.h>
#include <helios/rt/slot.h>
#include <helios/rt/thread.h>
#include <ipcgen/bulk.h>
#include <mercury/malloc.h>
#include <mercury/program.h>
#include <mercury/startup_block.h>
#include <mercury/vm.h>

#include "mercury/registry/registry.ipc.h"
#include "mercury/registry/service.h"
#include "venus/ipc/block.ipc.h"

#define READERS 4
#define BUFFER_PAGES 4
#define BUFFER_BYTES (BUFFER_PAGES * HELIOS_PAGE_SIZE)
#define MAX_INSTANCES 4
#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

struct reader {
	helios_caddr_t service;
	uint32_t buffer;
	helios_caddr_t pages[BUFFER_PAGES];
	uint8_t *data; /* the buffer, mapped here */
	uint64_t first, count, step; /* sectors it reads, `step` a request */
	uint8_t *disk;                /* where its sectors go */
	int err;
	struct rt_thread thread;
};

static struct reader readers[READERS];
static helios_caddr_t service;
static uint32_t sector_size, max_sectors;
static uint64_t sectors;
static char instance[2];
static uint64_t generation;

static const char *error_name(int err)
{
	const char *name = venus_block_error_name(err);
	return name ? name : rt_strerror((uint64_t)err);
}

static uint64_t fnv1a(const uint8_t *p, uint64_t n)
{
	uint64_t h = FNV_OFFSET;
	for (uint64_t i = 0; i < n; i++)
		h = (h ^ p[i]) * FNV_PRIME;
	return h;
}

static uint64_t parse_hex(const char *s)
{
	uint64_t v = 0;
	for (; *s; s++)
		v = v << 4 | (uint64_t)(*s <= '9' ? *s - '0' : (*s | 0x20) - 'a' + 10);
	return v;
}

static uint64_t parse_decimal(const char *s)
{
	uint64_t v = 0;
	for (; *s >= '0' && *s <= '9'; s++)
		v = v * 10 + (uint64_t)(*s - '0');
	return v;
}

static int read_range(void *arg)
{
	struct reader *r = arg;
	for (uint64_t s = r->first; s < r->first + r->count; s += r->step) {
		uint64_t n = r->first + r->count - s < r->step ? r->first + r->count - s : r->step;
		r->err = venus_block_read(r->service, r->buffer, 0, s, (uint32_t)n);
		if (r->err)
			return r->err;
		memcpy(r->disk + s * sector_size, r->data, n * sector_size);
	}
	return 0;
}

/* The whole disk into `disk`, the readers' requests in flight at once; 0 or an error. */
static int read_disk(uint8_t *disk)
{
	uint64_t share = (sectors + READERS - 1) / READERS;
	for (unsigned i = 0; i < READERS; i++) {
		struct reader *r = &readers[i];
		r->first = share * i < sectors ? share * i : sectors;
		r->count = r->first + share <= sectors ? share : sectors - r->first;
		r->step = max_sectors < BUFFER_BYTES / sector_size ? max_sectors
								: BUFFER_BYTES / sector_size;
		r->disk = disk;
		r->err = 0;
		int err = rt_thread_spawn(&r->thread, read_range, r, rt_startup->priority,
					  rt_startup->exit_endpoint);
		if (err)
			return err;
	}
	int first_err = 0;
	for (unsigned i = 0; i < READERS; i++) {
		int result = 0;
		rt_thread_join(&readers[i].thread, &result);
		rt_thread_destroy(&readers[i].thread);
		if (!first_err)
			first_err = readers[i].err;
	}
	return first_err;
}

/* The instance of venus.block whose disk has `want` sectors. */
static int find_disk(helios_caddr_t registry, uint64_t want)
{
	bool read_only = false;
	for (unsigned i = 0; i < MAX_INSTANCES; i++) {
		instance[0] = (char)('0' + i);
		generation = 0;
		int err = mercury_registry_await(registry, VENUS_BLOCK_ID, instance, 0, &service,
						 &generation);
		if (!err)
			err = venus_block_info(service, &sector_size, &sectors, &max_sectors,
					       &read_only);
		if (err) {
			rt_printf("client: instance %s: %s\n", instance, error_name(err));
			return 1;
		}
		if (sectors == want && !read_only) {
			rt_printf("client: disk of %llu sectors of %u bytes, %u a request at most, "
				  "read-write\n",
				  (unsigned long long)sectors, sector_size, max_sectors);
			return sector_size == 0 || max_sectors == 0;
		}
		rt_printf("client: instance %s is another disk (%llu sectors)\n", instance,
			  (unsigned long long)sectors);
	}
	return 1;
}

/* Each reader's pages lent to the driver (again, after a restart) as its buffer. */
static int attach_buffers(void)
{
	for (unsigned i = 0; i < READERS; i++) {
		struct reader *r = &readers[i];
		int err = venus_block_attach(service, r->pages, BUFFER_PAGES, &r->buffer);
		if (err) {
			rt_printf("client: attach: %s\n", error_name(err));
			return 1;
		}
		r->service = service;
	}
	return 0;
}

static int allocate_buffers(void)
{
	for (unsigned i = 0; i < READERS; i++) {
		struct reader *r = &readers[i];
		uintptr_t vaddr;
		unsigned count = 0;
		int err = mercury_vm_reserve(BUFFER_BYTES, &vaddr);
		if (!err)
			err = ipcgen_bulk_alloc(vaddr, BUFFER_BYTES, r->pages, &count);
		if (err || count != BUFFER_PAGES) {
			rt_printf("client: buffer pages: %s\n", error_name(err));
			return 1;
		}
		r->data = (uint8_t *)vaddr;
	}
	return 0;
}

/* Phase 1's write: the last sector inverted, flushed, read back elsewhere in the buffer. */
static int write_last_sector(const uint8_t *disk)
{
	struct reader *r = &readers[0];
	uint64_t last = sectors - 1;
	for (uint32_t i = 0; i < sector_size; i++)
		r->data[i] = (uint8_t)~disk[last * sector_size + i];
	memset(r->data + sector_size, 0, sector_size);
	int err = venus_block_write(service, r->buffer, 0, last, 1);
	if (!err)
		err = venus_block_flush(service);
	if (!err)
		err = venus_block_read(service, r->buffer, sector_size, last, 1);
	if (err || memcmp(r->data, r->data + sector_size, sector_size) != 0) {
		rt_printf("client: sector %llu written and read back: %s\n",
			  (unsigned long long)last, err ? error_name(err) : "different");
		return 1;
	}
	rt_printf("client: sector %llu written, flushed and read back\n", (unsigned long long)last);
	return 0;
}

/* One request that must be refused with `want`. */
static int refused(const char *what, int err, int want)
{
	rt_printf("client: %s: %s\n", what, error_name(err));
	return err != want;
}

static int refusals(void)
{
	const uint32_t b = readers[0].buffer, gone = readers[READERS - 1].buffer;
	const int range = VENUS_BLOCK_ERROR_OUT_OF_RANGE, bad = VENUS_BLOCK_ERROR_BAD_BUFFER;
	int failed = 0;
	failed |= refused("read past the end", venus_block_read(service, b, 0, sectors, 1), range);
	failed |= refused("read across the end",
			  venus_block_read(service, b, 0, sectors - 1, 2), range);
	failed |= refused("write past the end",
			  venus_block_write(service, b, 0, sectors, 1), range);
	failed |= refused("read of no sectors", venus_block_read(service, b, 0, 0, 0), range);
	failed |= refused("read of too many sectors",
			  venus_block_read(service, b, 0, 0, max_sectors + 1), range);
	failed |= refused("read into no such buffer",
			  venus_block_read(service, b + 1000, 0, 0, 1), bad);
	failed |= refused("read past the buffer's end",
			  venus_block_read(service, b, BUFFER_BYTES - sector_size, 0, 2), bad);
	failed |= refused("read at an unaligned offset",
			  venus_block_read(service, b, sector_size / 2, 0, 1), bad);
	int err = venus_block_detach(service, gone);
	failed |= refused("read into a detached buffer",
			  err ? err : venus_block_read(service, gone, 0, 0, 1), bad);
	struct reader *last = &readers[READERS - 1];
	if ((err = venus_block_attach(service, last->pages, BUFFER_PAGES, &last->buffer))) {
		rt_printf("client: attach again: %s\n", error_name(err));
		failed = 1;
	}
	/* A page the client may only read must not become one the device writes. */
	helios_caddr_t read_only = rt_slot_alloc();
	uint32_t buffer;
	err = helios_cspace_copy(rt_cspace, read_only, rt_cspace, readers[0].pages[0],
				 HELIOS_RIGHT_READ, NULL);
	failed |= refused("attach of a read-only page",
			  err ? err : venus_block_attach(service, &read_only, 1, &buffer), bad);
	return failed;
}

/* The whole disk read again; 0 when it sums to `want`. */
static int disk_sums_to(uint8_t *disk, uint64_t want, uint64_t *sum)
{
	int err = read_disk(disk);
	*sum = err ? 0 : fnv1a(disk, sectors * sector_size);
	if (err)
		rt_printf("client: reading the disk: %s\n", error_name(err));
	return err || *sum != want;
}

static int write_and_reboot(uint8_t *disk, uint64_t as_built, uint64_t written)
{
	uint64_t sum;
	disk_sums_to(disk, as_built, &sum);
	if (sum == written) {
		rt_printf("client: phase 2: the disk holds what phase 1 wrote (%016llx)\n",
			  (unsigned long long)sum);
		return 0;
	}
	if (sum != as_built) {
		rt_printf("client: checksum %016llx is neither the disk as built nor as written\n",
			  (unsigned long long)sum);
		return 1;
	}
	rt_printf("client: phase 1: the disk is as built (%016llx), read by %u readers at once\n",
		  (unsigned long long)sum, READERS);
	if (write_last_sector(disk) || refusals())
		return 1;
	if (disk_sums_to(disk, written, &sum)) {
		rt_printf("client: the disk sums to %016llx after the write\n",
			  (unsigned long long)sum);
		return 1;
	}
	rt_printf("client: the disk now holds what was written (%016llx)\n",
		  (unsigned long long)sum);
	return 0;
}

static int restart(helios_caddr_t registry, uint8_t *disk, uint64_t as_built, uint64_t crash)
{
	uint64_t sum;
	if (disk_sums_to(disk, as_built, &sum)) {
		rt_printf("client: the disk sums to %016llx, not as built\n",
			  (unsigned long long)sum);
		return 1;
	}
	rt_printf("client: the disk is as built (%016llx), generation %llu\n",
		  (unsigned long long)sum, (unsigned long long)generation);
	int err = venus_block_read(service, readers[0].buffer, 0, crash, 1);
	rt_printf("client: read of sector %llu as the driver dies: %s\n",
		  (unsigned long long)crash, error_name(err));
	if (!mercury_service_gone(err))
		return 1;
	uint64_t before = generation;
	err = mercury_reconnect(registry, VENUS_BLOCK_ID, instance, service, &generation);
	if (err || generation <= before) {
		rt_printf("client: reconnect: %s\n", error_name(err));
		return 1;
	}
	rt_printf("client: reconnected to generation %llu\n", (unsigned long long)generation);
	if (attach_buffers() || disk_sums_to(disk, as_built, &sum)) {
		rt_printf("client: after the restart the disk sums to %016llx\n",
			  (unsigned long long)sum);
		return 1;
	}
	rt_printf("client: after the restart the disk reads as built\n");
	return 0;
}

int main(int argc, char **argv)
{
	helios_caddr_t registry = mercury_cap("registry");
	service = rt_slot_alloc();
	/* (The mode is a word sysinit.conf does not take for an option of its own.) */
	bool restarting = argc == 6 && strcmp(argv[1], "crash") == 0;
	if ((argc != 5 || strcmp(argv[1], "reboot") != 0) && !restarting) {
		rt_printf("client: usage: client reboot|crash SECTORS SUM SUM_WRITTEN [SECTOR]\n");
		return 1;
	}
	if (registry == HELIOS_CADDR_UNDEF || service == HELIOS_CADDR_UNDEF) {
		rt_printf("client: no registry capability\n");
		return 1;
	}
	uint64_t want = parse_decimal(argv[2]), as_built = parse_hex(argv[3]),
		 written = parse_hex(argv[4]);
	if (find_disk(registry, want) || allocate_buffers() || attach_buffers())
		return 1;
	uint8_t *disk = malloc(sectors * sector_size);
	if (!disk) {
		rt_printf("client: no memory for the disk\n");
		return 1;
	}
	int failed = restarting ? restart(registry, disk, as_built, parse_decimal(argv[5]))
				: write_and_reboot(disk, as_built, written);
	if (failed)
		return 1;
	rt_printf("client: done\n");
	return 0;
}
