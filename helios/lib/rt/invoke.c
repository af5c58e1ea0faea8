/*
 * Kernel object invocations: helios_invoke marshals a method call (registers, then the IPC
 * buffer) and every typed wrapper of invoke.h is a line or two on top of it.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <helios/abi.h>

#include <helios/rt/invoke.h>
#include <helios/rt/rt.h>
#include <helios/rt/syscall.h>

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

/* An invocation whose only result (if any) is a slot. */
static int invoke_slot(helios_caddr_t cap, uint64_t label, unsigned nparams,
		       const uint64_t *params, helios_caddr_t *slot)
{
	uint64_t r = 0;
	int err = helios_invoke(cap, label, nparams, params, &r, 1);
	if (!err && slot)
		*slot = (helios_caddr_t)r;
	return err;
}

/* ---- Memory --------------------------------------------------------------------------- */

int helios_memory_retype(helios_caddr_t mem, uint64_t type, uint64_t size, uint64_t count,
			 helios_caddr_t dest, helios_caddr_t *slot)
{
	uint64_t p[] = { type, size, count, dest };
	return invoke_slot(mem, HELIOS_MEMORY_RETYPE, 4, p, slot);
}

int helios_memory_info(helios_caddr_t mem, struct helios_memory_info *info)
{
	uint64_t r[4] = { 0 };
	int err = helios_invoke(mem, HELIOS_MEMORY_INFO, 0, NULL, r, 4);
	if (!err && info)
		*info = (struct helios_memory_info){ r[0], r[1], r[2], r[3] };
	return err;
}

int helios_device_memory_retype(helios_caddr_t dev, uint64_t type, uint64_t size,
				uint64_t count, helios_caddr_t dest, uint64_t offset,
				helios_caddr_t *slot)
{
	uint64_t p[] = { type, size, count, dest, offset };
	return invoke_slot(dev, HELIOS_DEVICE_MEMORY_RETYPE, 5, p, slot);
}

/* A method with no parameters and two results; either result pointer may be NULL. */
static int invoke_two(helios_caddr_t cap, uint64_t label, uint64_t *a, uint64_t *b)
{
	uint64_t r[2] = { 0 };
	int err = helios_invoke(cap, label, 0, NULL, r, 2);
	if (!err && a)
		*a = r[0];
	if (!err && b)
		*b = r[1];
	return err;
}

int helios_device_memory_info(helios_caddr_t dev, uint64_t *base, uint64_t *size)
{
	return invoke_two(dev, HELIOS_DEVICE_MEMORY_INFO, base, size);
}

/* ---- Capability spaces ---------------------------------------------------------------- */

int helios_cspace_copy(helios_caddr_t cspace, helios_caddr_t dest, helios_caddr_t src_cspace,
		       helios_caddr_t src, uint64_t rights, helios_caddr_t *slot)
{
	uint64_t p[] = { dest, src_cspace, src, rights };
	return invoke_slot(cspace, HELIOS_CSPACE_COPY, 4, p, slot);
}

int helios_cspace_mint(helios_caddr_t cspace, helios_caddr_t dest, helios_caddr_t src_cspace,
		       helios_caddr_t src, uint64_t rights, uint64_t badge, helios_caddr_t *slot)
{
	uint64_t p[] = { dest, src_cspace, src, rights, badge };
	return invoke_slot(cspace, HELIOS_CSPACE_MINT, 5, p, slot);
}

int helios_cspace_move(helios_caddr_t cspace, helios_caddr_t dest, helios_caddr_t src_cspace,
		       helios_caddr_t src, helios_caddr_t *slot)
{
	uint64_t p[] = { dest, src_cspace, src };
	return invoke_slot(cspace, HELIOS_CSPACE_MOVE, 3, p, slot);
}

int helios_cspace_delete(helios_caddr_t cspace, helios_caddr_t slot)
{
	uint64_t p[] = { slot };
	return helios_invoke(cspace, HELIOS_CSPACE_DELETE, 1, p, NULL, 0);
}

int helios_cspace_revoke(helios_caddr_t cspace, helios_caddr_t slot)
{
	uint64_t p[] = { slot };
	return helios_invoke(cspace, HELIOS_CSPACE_REVOKE, 1, p, NULL, 0);
}

int helios_cspace_save_reply(helios_caddr_t cspace, helios_caddr_t dest, helios_caddr_t *slot)
{
	uint64_t p[] = { dest };
	return invoke_slot(cspace, HELIOS_CSPACE_SAVE_REPLY, 1, p, slot);
}

int helios_cspace_info(helios_caddr_t cspace, uint64_t *slots, uint64_t *free_slots)
{
	return invoke_two(cspace, HELIOS_CSPACE_INFO, slots, free_slots);
}

/* ---- Address spaces ------------------------------------------------------------------- */

/* A map method: (vspace, vaddr[, rights]); MISSING_TABLES names the missing level. */
static int invoke_map(helios_caddr_t cap, uint64_t label, unsigned nparams,
		      const uint64_t *params, unsigned *missing)
{
	uint64_t r = 0;
	int err = helios_invoke(cap, label, nparams, params, &r, 1);
	if (err == HELIOS_ERR_MISSING_TABLES && missing)
		*missing = (unsigned)r;
	return err;
}

int helios_pdpt_map(helios_caddr_t pdpt, helios_caddr_t vspace, uint64_t vaddr,
		    unsigned *missing)
{
	uint64_t p[] = { vspace, vaddr };
	return invoke_map(pdpt, HELIOS_PDPT_MAP, 2, p, missing);
}

int helios_pdpt_unmap(helios_caddr_t pdpt)
{
	return helios_invoke(pdpt, HELIOS_PDPT_UNMAP, 0, NULL, NULL, 0);
}

int helios_pd_map(helios_caddr_t pd, helios_caddr_t vspace, uint64_t vaddr, unsigned *missing)
{
	uint64_t p[] = { vspace, vaddr };
	return invoke_map(pd, HELIOS_PD_MAP, 2, p, missing);
}

int helios_pd_unmap(helios_caddr_t pd)
{
	return helios_invoke(pd, HELIOS_PD_UNMAP, 0, NULL, NULL, 0);
}

int helios_pt_map(helios_caddr_t pt, helios_caddr_t vspace, uint64_t vaddr, unsigned *missing)
{
	uint64_t p[] = { vspace, vaddr };
	return invoke_map(pt, HELIOS_PT_MAP, 2, p, missing);
}

int helios_pt_unmap(helios_caddr_t pt)
{
	return helios_invoke(pt, HELIOS_PT_UNMAP, 0, NULL, NULL, 0);
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

int helios_page_map(helios_caddr_t page, helios_caddr_t vspace, uint64_t vaddr,
		    uint64_t rights, unsigned *missing)
{
	uint64_t p[] = { vspace, vaddr, rights };
	return invoke_map(page, HELIOS_PAGE_MAP, 3, p, missing);
}

int helios_page_unmap(helios_caddr_t page)
{
	return helios_invoke(page, HELIOS_PAGE_UNMAP, 0, NULL, NULL, 0);
}

int helios_page_info(helios_caddr_t page, uint64_t *phys, uint64_t *vaddr, uint64_t *asid)
{
	uint64_t r[3] = { 0 };
	int err = helios_invoke(page, HELIOS_PAGE_INFO, 0, NULL, r, 3);
	if (!err && phys)
		*phys = r[0];
	if (!err && vaddr)
		*vaddr = r[1];
	if (!err && asid)
		*asid = r[2];
	return err;
}

int helios_asid_control_make_pool(helios_caddr_t control, helios_caddr_t mem,
				  helios_caddr_t dest, helios_caddr_t *slot)
{
	uint64_t p[] = { mem, dest };
	return invoke_slot(control, HELIOS_ASID_CONTROL_MAKE_POOL, 2, p, slot);
}

int helios_asid_pool_assign(helios_caddr_t pool, helios_caddr_t vspace, uint64_t *asid)
{
	uint64_t p[] = { vspace }, r = 0;
	int err = helios_invoke(pool, HELIOS_ASID_POOL_ASSIGN, 1, p, &r, 1);
	if (!err && asid)
		*asid = r;
	return err;
}

/* ---- Tasks ---------------------------------------------------------------------------- */

int helios_task_configure(helios_caddr_t task, helios_caddr_t cspace, helios_caddr_t vspace,
			  helios_caddr_t ipc_page, uint64_t ipc_vaddr, helios_caddr_t fault_ep,
			  uint64_t priority)
{
	uint64_t p[] = { cspace, vspace, ipc_page, ipc_vaddr, fault_ep, priority };
	return helios_invoke(task, HELIOS_TASK_CONFIGURE, 6, p, NULL, 0);
}

int helios_task_set_space(helios_caddr_t task, helios_caddr_t cspace, helios_caddr_t vspace)
{
	uint64_t p[] = { cspace, vspace };
	return helios_invoke(task, HELIOS_TASK_SET_SPACE, 2, p, NULL, 0);
}

int helios_task_set_ipc_buffer(helios_caddr_t task, helios_caddr_t ipc_page, uint64_t vaddr)
{
	uint64_t p[] = { ipc_page, vaddr };
	return helios_invoke(task, HELIOS_TASK_SET_IPC_BUFFER, 2, p, NULL, 0);
}

int helios_task_set_fault_endpoint(helios_caddr_t task, helios_caddr_t endpoint)
{
	uint64_t p[] = { endpoint };
	return helios_invoke(task, HELIOS_TASK_SET_FAULT_ENDPOINT, 1, p, NULL, 0);
}

int helios_task_set_priority(helios_caddr_t task, uint64_t priority)
{
	uint64_t p[] = { priority };
	return helios_invoke(task, HELIOS_TASK_SET_PRIORITY, 1, p, NULL, 0);
}

int helios_task_read_registers(helios_caddr_t task, struct helios_regs *regs)
{
	uint64_t r[HELIOS_REGS_COUNT] = { 0 };
	int err = helios_invoke(task, HELIOS_TASK_READ_REGISTERS, 0, NULL, r, HELIOS_REGS_COUNT);
	if (!err && regs)
		memcpy(regs, r, sizeof(*regs));
	return err;
}

int helios_task_write_registers(helios_caddr_t task, const struct helios_regs *regs)
{
	uint64_t p[HELIOS_REGS_COUNT];
	memcpy(p, regs, sizeof(p));
	return helios_invoke(task, HELIOS_TASK_WRITE_REGISTERS, HELIOS_REGS_COUNT, p, NULL, 0);
}

int helios_task_resume(helios_caddr_t task)
{
	return helios_invoke(task, HELIOS_TASK_RESUME, 0, NULL, NULL, 0);
}

int helios_task_suspend(helios_caddr_t task)
{
	return helios_invoke(task, HELIOS_TASK_SUSPEND, 0, NULL, NULL, 0);
}

int helios_task_info(helios_caddr_t task, uint64_t *state, uint64_t *priority)
{
	return invoke_two(task, HELIOS_TASK_INFO, state, priority);
}

/* ---- Hardware ------------------------------------------------------------------------- */

int helios_io_control_issue(helios_caddr_t control, uint64_t first, uint64_t last,
			    helios_caddr_t dest, helios_caddr_t *slot)
{
	uint64_t p[] = { first, last, dest };
	return invoke_slot(control, HELIOS_IO_CONTROL_ISSUE, 3, p, slot);
}

/* IO_PORT_IN8/16/32 (port) -> (value). */
static int port_in(helios_caddr_t port_cap, uint64_t label, uint64_t port, uint64_t *value)
{
	uint64_t p[] = { port };
	return helios_invoke(port_cap, label, 1, p, value, 1);
}

int helios_io_port_in8(helios_caddr_t port_cap, uint64_t port, uint8_t *value)
{
	uint64_t v = 0;
	int err = port_in(port_cap, HELIOS_IO_PORT_IN8, port, &v);
	if (!err && value)
		*value = (uint8_t)v;
	return err;
}

int helios_io_port_in16(helios_caddr_t port_cap, uint64_t port, uint16_t *value)
{
	uint64_t v = 0;
	int err = port_in(port_cap, HELIOS_IO_PORT_IN16, port, &v);
	if (!err && value)
		*value = (uint16_t)v;
	return err;
}

int helios_io_port_in32(helios_caddr_t port_cap, uint64_t port, uint32_t *value)
{
	uint64_t v = 0;
	int err = port_in(port_cap, HELIOS_IO_PORT_IN32, port, &v);
	if (!err && value)
		*value = (uint32_t)v;
	return err;
}

/* OUT8/16/32: the port and the value. */
static int port_out(helios_caddr_t port_cap, uint64_t label, uint64_t port, uint64_t value)
{
	uint64_t p[] = { port, value };
	return helios_invoke(port_cap, label, 2, p, NULL, 0);
}

int helios_io_port_out8(helios_caddr_t port_cap, uint64_t port, uint64_t value)
{
	return port_out(port_cap, HELIOS_IO_PORT_OUT8, port, value);
}

int helios_io_port_out16(helios_caddr_t port_cap, uint64_t port, uint64_t value)
{
	return port_out(port_cap, HELIOS_IO_PORT_OUT16, port, value);
}

int helios_io_port_out32(helios_caddr_t port_cap, uint64_t port, uint64_t value)
{
	return port_out(port_cap, HELIOS_IO_PORT_OUT32, port, value);
}

int helios_irq_control_issue(helios_caddr_t control, uint64_t irq, helios_caddr_t notification,
			     helios_caddr_t dest, helios_caddr_t *slot)
{
	uint64_t p[] = { irq, notification, dest };
	return invoke_slot(control, HELIOS_IRQ_CONTROL_ISSUE, 3, p, slot);
}

int helios_irq_handler_ack(helios_caddr_t handler)
{
	return helios_invoke(handler, HELIOS_IRQ_HANDLER_ACK, 0, NULL, NULL, 0);
}
