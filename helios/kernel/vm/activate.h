/*
 * Which vspace is loaded, and loading another: vm_vspace_activate (vm.h) out of line for
 * the kernel's exit path, and vspace_load inline for the IPC fastpath. A load happens only
 * when the vspace, or its ASID, changed (an ASID can be assigned to, or taken from, the
 * loaded vspace): user code always runs under its own vspace's current ASID.
 */
#ifndef HELIOS_KERNEL_VM_ACTIVATE_H
#define HELIOS_KERNEL_VM_ACTIVATE_H

#include <stdbool.h>
#include <stdint.h>

#include "helios/kernel/compiler.h"
#include "helios/kernel/directmap.h"
#include "helios/kernel/vm/mmu.h"
#include "helios/kernel/vm/vspace.h"

extern uintptr_t vspace_loaded;     /* the current VSPACE object; 0: none */
extern uint32_t vspace_loaded_asid; /* the ASID it was loaded with; 0: none */

/* Whether the VSPACE object vs (not 0) is the current one, with its current ASID. */
static always_inline bool vspace_is_current(uintptr_t vs)
{
	return vs == vspace_loaded && vspace_tail(vs)->asid == vspace_loaded_asid;
}

/* Makes the VSPACE object vs (not 0) current. */
static always_inline void vspace_load(uintptr_t vs)
{
	if (vspace_is_current(vs))
		return;
	uint32_t asid = vspace_tail(vs)->asid;
	mmu_load_root(virt_to_phys(vs), asid);
	vspace_loaded = vs;
	vspace_loaded_asid = asid;
}

#endif
