/*
 * Kernel object invocations: the stubs are generated (helios/ipc/); what stays here is the
 * generic helios_invoke, helios_table_map's choice among the three table maps, and the two
 * capability operations <ipcgen/transport.h> leaves to the runtime.
 */
#include <stddef.h>
#include <stdint.h>

#include <helios/abi.h>

#include <helios/rt/invoke.h>
#include <helios/rt/rt.h>
#include <helios/rt/syscall.h>
#include <ipcgen/transport.h>

int helios_invoke(helios_caddr_t cap, uint64_t label, unsigned nparams, const uint64_t *params,
		  uint64_t *results, unsigned max_results)
{
	struct helios_msg m = { .tag = helios_tag(label, nparams, 0) };
	struct helios_ipc_buffer *ipc = rt_ipc_buffer();
	for (unsigned i = 0; i < nparams && i < HELIOS_MSG_MAX_PARAMS; i++) {
		if (i < HELIOS_MSG_REG_PARAMS)
			m.p[i] = params[i];
		else if (ipc)
			ipc->params[i] = params[i];
	}
	helios_call(cap, &m);
	/* The kernel's reply has label = error; anything else is an error of the syscall itself
	 * (the tag register still holds our own tag then), with no results. */
	if (m.error != HELIOS_OK && helios_tag_label(m.tag) != m.error)
		return (int)m.error;
	unsigned n = helios_tag_params(m.tag);
	for (unsigned i = 0; i < n && i < max_results; i++) {
		if (i < HELIOS_MSG_REG_PARAMS)
			results[i] = m.p[i];
		else
			results[i] = ipc ? ipc->params[i] : 0;
	}
	return m.error != HELIOS_OK ? (int)m.error : (int)helios_tag_label(m.tag);
}

int helios_table_map(unsigned type, helios_caddr_t table, helios_caddr_t vspace, uint64_t vaddr,
		     unsigned *missing)
{
	switch (type) {
	case HELIOS_CAP_PDPT:
		return helios_pdpt_map(table, vspace, vaddr, missing);
	case HELIOS_CAP_PD:
		return helios_pd_map(table, vspace, vaddr, missing);
	case HELIOS_CAP_PT:
		return helios_pt_map(table, vspace, vaddr, missing);
	default:
		return HELIOS_ERR_INVALID_TYPE;
	}
}

/* <ipcgen/transport.h> on Helios: the capability operations of generated code (ipcgen's
 * runtime sits below the generated kernel interfaces, so it cannot make these itself). */
int ipcgen_delete(helios_caddr_t slot)
{
	return helios_cspace_delete(rt_cspace, slot);
}

int ipcgen_save_reply(helios_caddr_t dest, helios_caddr_t *saved)
{
	return helios_cspace_save_reply(rt_cspace, dest, saved);
}
