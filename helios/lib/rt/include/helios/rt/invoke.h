/*
 * Typed wrappers for every kernel object invocation in abi.h. Each one is a CALL on the
 * object's capability with the method label; parameters beyond the fourth go in the calling
 * thread's IPC buffer. Each returns an enum helios_error: the syscall's own error (msg.error) when it
 * is not HELIOS_OK, else the reply's label (the invocation's error). Result pointers may be
 * NULL; they are written only on success (and `missing` on HELIOS_ERR_MISSING_TABLES).
 * "slot" parameters are capability addresses in the caller's cspace; destination slots may be
 * HELIOS_CADDR_UNDEF to let the kernel choose, and *slot says which it chose.
 */
#ifndef HELIOS_RT_INVOKE_H
#define HELIOS_RT_INVOKE_H

#include <stdint.h>

#include <helios/abi.h>

/*
 * The generic invocation: nparams parameters from params[], up to max_results results into
 * results[] (whatever the reply carries, also on errors). Returns the error as above.
 */
int helios_invoke(helios_caddr_t cap, uint64_t label, unsigned nparams, const uint64_t *params,
		  uint64_t *results, unsigned max_results);

/* ---- Memory and device memory ------------------------------------------------------- */

struct helios_memory_info {
	uint64_t base, size, free, largest;
};

int helios_memory_retype(helios_caddr_t mem, uint64_t type, uint64_t size, uint64_t count,
			 helios_caddr_t dest, helios_caddr_t *slot);
int helios_memory_info(helios_caddr_t mem, struct helios_memory_info *info);
int helios_device_memory_retype(helios_caddr_t dev, uint64_t type, uint64_t size,
				uint64_t count, helios_caddr_t dest, uint64_t offset,
				helios_caddr_t *slot);
int helios_device_memory_info(helios_caddr_t dev, uint64_t *base, uint64_t *size);

/* ---- Capability spaces: `cspace` is the destination / the cspace acted on --------------- */

int helios_cspace_copy(helios_caddr_t cspace, helios_caddr_t dest, helios_caddr_t src_cspace,
		       helios_caddr_t src, uint64_t rights, helios_caddr_t *slot);
int helios_cspace_mint(helios_caddr_t cspace, helios_caddr_t dest, helios_caddr_t src_cspace,
		       helios_caddr_t src, uint64_t rights, uint64_t badge, helios_caddr_t *slot);
int helios_cspace_move(helios_caddr_t cspace, helios_caddr_t dest, helios_caddr_t src_cspace,
		       helios_caddr_t src, helios_caddr_t *slot);
int helios_cspace_delete(helios_caddr_t cspace, helios_caddr_t slot);
int helios_cspace_revoke(helios_caddr_t cspace, helios_caddr_t slot);
int helios_cspace_save_reply(helios_caddr_t cspace, helios_caddr_t dest, helios_caddr_t *slot);
int helios_cspace_info(helios_caddr_t cspace, uint64_t *slots, uint64_t *free_slots);

/* ---- Address spaces ------------------------------------------------------------------- */

/* Table maps: `missing` (may be NULL) gets the type of the table level that is missing. */
int helios_pdpt_map(helios_caddr_t pdpt, helios_caddr_t vspace, uint64_t vaddr,
		    unsigned *missing);
int helios_pdpt_unmap(helios_caddr_t pdpt);
int helios_pd_map(helios_caddr_t pd, helios_caddr_t vspace, uint64_t vaddr, unsigned *missing);
int helios_pd_unmap(helios_caddr_t pd);
int helios_pt_map(helios_caddr_t pt, helios_caddr_t vspace, uint64_t vaddr, unsigned *missing);
int helios_pt_unmap(helios_caddr_t pt);
/* Maps any table type (PDPT, PD, PT) with the right method. */
int helios_table_map(unsigned type, helios_caddr_t table, helios_caddr_t vspace, uint64_t vaddr,
		     unsigned *missing);
/* rights: HELIOS_MAP_*. */
int helios_page_map(helios_caddr_t page, helios_caddr_t vspace, uint64_t vaddr,
		    uint64_t rights, unsigned *missing);
int helios_page_unmap(helios_caddr_t page);
int helios_page_info(helios_caddr_t page, uint64_t *phys, uint64_t *vaddr, uint64_t *asid);
int helios_asid_control_make_pool(helios_caddr_t control, helios_caddr_t mem,
				  helios_caddr_t dest, helios_caddr_t *slot);
int helios_asid_pool_assign(helios_caddr_t pool, helios_caddr_t vspace, uint64_t *asid);

/* ---- Tasks ---------------------------------------------------------------------------- */

int helios_task_configure(helios_caddr_t task, helios_caddr_t cspace, helios_caddr_t vspace,
			  helios_caddr_t ipc_page, uint64_t ipc_vaddr, helios_caddr_t fault_ep,
			  uint64_t priority);
int helios_task_set_space(helios_caddr_t task, helios_caddr_t cspace, helios_caddr_t vspace);
int helios_task_set_ipc_buffer(helios_caddr_t task, helios_caddr_t ipc_page, uint64_t vaddr);
int helios_task_set_fault_endpoint(helios_caddr_t task, helios_caddr_t endpoint);
int helios_task_set_priority(helios_caddr_t task, uint64_t priority);
int helios_task_read_registers(helios_caddr_t task, struct helios_regs *regs);
int helios_task_write_registers(helios_caddr_t task, const struct helios_regs *regs);
int helios_task_resume(helios_caddr_t task);
int helios_task_suspend(helios_caddr_t task);
/* state: enum helios_task_state. */
int helios_task_info(helios_caddr_t task, uint64_t *state, uint64_t *priority);

/* ---- Hardware ------------------------------------------------------------------------- */

int helios_io_control_issue(helios_caddr_t control, uint64_t first, uint64_t last,
			    helios_caddr_t dest, helios_caddr_t *slot);
int helios_io_port_in8(helios_caddr_t port_cap, uint64_t port, uint8_t *value);
int helios_io_port_in16(helios_caddr_t port_cap, uint64_t port, uint16_t *value);
int helios_io_port_in32(helios_caddr_t port_cap, uint64_t port, uint32_t *value);
int helios_io_port_out8(helios_caddr_t port_cap, uint64_t port, uint64_t value);
int helios_io_port_out16(helios_caddr_t port_cap, uint64_t port, uint64_t value);
int helios_io_port_out32(helios_caddr_t port_cap, uint64_t port, uint64_t value);
int helios_irq_control_issue(helios_caddr_t control, uint64_t irq, helios_caddr_t notification,
			     helios_caddr_t dest, helios_caddr_t *slot);
int helios_irq_handler_ack(helios_caddr_t handler);

#endif
