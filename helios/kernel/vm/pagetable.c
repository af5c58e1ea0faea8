/* Walks of user page tables (pagetable.h), through the direct map. */
#include "helios/kernel/vm/pagetable.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <helios/abi.h>

#include "helios/kernel/directmap.h"

uint64_t *pt_lookup(uint64_t *root, uint64_t vaddr, int level, int *missing_level)
{
	uint64_t *table = root;
	for (int l = PT_ROOT_LEVEL; l > level; l--) {
		uint64_t entry = table[pt_index(vaddr, l)];
		if (!pte_present(entry)) {
			if (missing_level)
				*missing_level = l;
			return NULL;
		}
		table = (uint64_t *)phys_to_virt(pte_address(entry));
	}
	return &table[pt_index(vaddr, level)];
}

bool pt_copy_from_user(uint64_t *root, void *dst, uint64_t uaddr, uint64_t len)
{
	if (uaddr >= HELIOS_USER_TOP || len > HELIOS_USER_TOP - uaddr)
		return false;
	uint8_t *out = dst;
	while (len > 0) {
		uint64_t offset = uaddr & (HELIOS_PAGE_SIZE - 1);
		uint64_t n = HELIOS_PAGE_SIZE - offset < len ? HELIOS_PAGE_SIZE - offset : len;
		uint64_t *entry = pt_lookup(root, uaddr, 0, NULL);
		/* Never a device page: reading one may have side effects, and the direct map may
		 * not even cover it (aarch64's holds RAM only: the kernel faulted there). */
		if (!entry || !pte_present(*entry) || !pte_user(*entry) || pte_device(*entry))
			return false;
		memcpy(out, (const void *)phys_to_virt(pte_address(*entry) + offset), n);
		out += n;
		uaddr += n;
		len -= n;
	}
	return true;
}
