/*
 * Address-range reservations (vm.h): one bit per granule, first fit under a lock. Mappings
 * come and go with the work that needs them (a module read, a task built), so a plain scan is
 * enough.
 */
#include <stddef.h>
#include <stdint.h>

#include <helios/abi.h>

#include <mercury/lock.h>
#include <mercury/vm.h>

#include "mercury/lib/bitmap.h"
#include "mercury/lib/prepare.h"

#define GRANULES (MERCURY_VM_SIZE / MERCURY_VM_GRANULE)

static uint64_t taken[GRANULES / 64];
static struct mercury_lock lock = MERCURY_LOCK_INIT;

static uint64_t granules(size_t bytes)
{
	return (bytes + MERCURY_VM_GRANULE - 1) / MERCURY_VM_GRANULE;
}

int mercury_vm_reserve(size_t bytes, uintptr_t *addr)
{
	uint64_t want = granules(bytes ? bytes : 1);
	if (want > GRANULES)
		return HELIOS_ERR_NOMEM;
	mercury_lock(&lock);
	uint64_t run = 0;
	for (uint64_t g = 0; g < GRANULES; g++) {
		run = bitmap_get(taken, g) ? 0 : run + 1;
		if (run == want) {
			uint64_t first = g + 1 - want;
			bitmap_set_run(taken, first, want, 1);
			mercury_unlock(&lock);
			*addr = (uintptr_t)(MERCURY_VM_BASE + first * MERCURY_VM_GRANULE);
			return HELIOS_OK;
		}
	}
	mercury_unlock(&lock);
	return HELIOS_ERR_NOMEM;
}

void mercury_vm_release(uintptr_t addr, size_t bytes)
{
	mercury_lock(&lock);
	bitmap_set_run(taken, (addr - MERCURY_VM_BASE) / MERCURY_VM_GRANULE,
		       granules(bytes ? bytes : 1), 0);
	mercury_unlock(&lock);
}

/* For mercury_prepare: the lock's notification now. */
int mercury_vm_prepare(void)
{
	return mercury_lock_prepare(&lock);
}
