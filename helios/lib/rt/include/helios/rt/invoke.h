/*
 * Kernel object invocations. Every method of every kernel object type has a typed stub,
 * generated from the interface files in helios/ipc/ (README.md there): helios_<type>_<method>,
 * such as helios_memory_retype, helios_cspace_mint, helios_page_map, helios_task_configure,
 * helios_task_read_registers, helios_io_port_in8, helios_irq_handler_ack. Each is a CALL on
 * the object's capability with the method's label (inline when its words fit the registers);
 * parameters beyond the fourth go in the calling thread's IPC buffer.
 *
 * Each returns an enum helios_error: the syscall's own error when the call did not reach the
 * object, else the reply's label (the invocation's error). The reply is checked: a success
 * must carry exactly the method's results, in range (else HELIOS_ERR_INVALID_PARAM). Result
 * pointers may be NULL; results are meaningful only on HELIOS_OK, except `missing` of the map
 * methods, which names the missing table level's type on HELIOS_ERR_MISSING_TABLES. "slot"
 * parameters (caddr in the .ipc files) are capability addresses in the caller's cspace;
 * destination slots may be HELIOS_CADDR_UNDEF to let the kernel choose, and *slot says which
 * it chose. The same stubs call a userspace server that implements the interface on an
 * endpoint (docs/ipc.md, "Kernel interfaces").
 */
#ifndef HELIOS_RT_INVOKE_H
#define HELIOS_RT_INVOKE_H

#include <stdint.h>

#include <helios/abi.h>

#include "helios/ipc/cspace.ipc.h"
#include "helios/ipc/hardware.ipc.h"
#include "helios/ipc/memory.ipc.h"
#include "helios/ipc/task.ipc.h"
#include "helios/ipc/vspace.ipc.h"

/*
 * The generic invocation, for messages no stub makes (tests of the kernel's checks): nparams
 * parameters from params[], up to max_results results into results[] (whatever the reply
 * carries, also on errors), unchecked. Returns the error as above.
 */
int helios_invoke(helios_caddr_t cap, uint64_t label, unsigned nparams, const uint64_t *params,
		  uint64_t *results, unsigned max_results);

/* Maps any table type (PDPT, PD, PT) with the right method. */
int helios_table_map(unsigned type, helios_caddr_t table, helios_caddr_t vspace, uint64_t vaddr,
		     unsigned *missing);

#endif
