/*
 * Boot modules and address reservations (module.h, vm.h), and what a program that was not
 * spawned (init, this suite) finds in place of a startup block (program.h).
 */
#include <stdint.h>
#include <string.h>

#include "mercury/lib/tests/suite.h"

KTEST(module_map_reads_the_probe)
{
	const struct helios_init_module *m = mercury_module_find("probe");
	KT_CHECK(m != NULL);
	struct mercury_mapping map = mt_map_probe();
	KT_EQ(map.size, m->size);
	KT_EQ(map.pages, m->pages.count);
	KT_CHECK(memcmp(map.data, "\177ELF", 4) == 0);
	/* Read-only: a write faults. */
	KT_EQ(kt_probe_write((uintptr_t)map.data), HELIOS_FAULT_PAGE);
	mercury_mapping_unmap(&map);
	struct mercury_mapping none;
	KT_EQ(mercury_module_map("no-such-module", &none), MERCURY_ERR_NOT_FOUND);
	KT_CHECK(mercury_module_find("mercury") == NULL); /* init itself is no module */
}

KTEST(vm_reservations)
{
	uintptr_t a, b, c;
	KT_OK(mercury_vm_reserve(1, &a));
	KT_OK(mercury_vm_reserve(3 * MERCURY_VM_GRANULE, &b));
	KT_OK(mercury_vm_reserve(MERCURY_VM_GRANULE, &c));
	KT_CHECK(a >= MERCURY_VM_BASE && c < MERCURY_VM_BASE + MERCURY_VM_SIZE);
	KT_CHECK(a + MERCURY_VM_GRANULE <= b && b + 3 * MERCURY_VM_GRANULE <= c);
	mercury_vm_release(b, 3 * MERCURY_VM_GRANULE);
	uintptr_t again;
	KT_OK(mercury_vm_reserve(2 * MERCURY_VM_GRANULE, &again));
	KT_EQ(again, b); /* first fit */
	KT_ERR(mercury_vm_reserve(MERCURY_VM_SIZE, &again), HELIOS_ERR_NOMEM);
	mercury_vm_release(again, 2 * MERCURY_VM_GRANULE);
	mercury_vm_release(a, 1);
	mercury_vm_release(c, MERCURY_VM_GRANULE);
}

KTEST(program_not_spawned_has_no_startup_block)
{
	KT_CHECK(rt_startup == NULL);
	KT_CHECK(rt_info != NULL);
	KT_EQ(mercury_cap("log"), HELIOS_CADDR_UNDEF);
	unsigned type = 99;
	KT_EQ(mercury_cap_typed("log", &type), HELIOS_CADDR_UNDEF);
	KT_EQ(type, HELIOS_CAP_NULL);
	KT_CHECK(mercury_getenv("PATH") == NULL);
	KT_CHECK(mercury_environ()[0] == NULL);
	KT_CHECK(strcmp(rt_program_name, "mercury") == 0);
	KT_CHECK(strcmp(mercury_strerror(MERCURY_ERR_ELF + ELF_ERR_MAGIC), "not an ELF file") == 0);
	KT_CHECK(strcmp(mercury_strerror(HELIOS_ERR_NOMEM), "NOMEM") == 0);
}
