/*
 * mercury_task_wait (task.h): what came in on a supervisor endpoint: an exit report, a fault,
 * or something else.
 */
#include <stdint.h>

#include <helios/abi.h>
#include <mercury/startup.h>

#include <helios/rt/rt.h>
#include <helios/rt/syscall.h>
#include <mercury/task.h>

int mercury_task_wait(helios_caddr_t supervisor, struct mercury_task_event *ev)
{
	struct helios_msg m;
	int err = helios_recv(supervisor, &m);
	if (err)
		return err;
	uint64_t label = helios_tag_label(m.tag);
	*ev = (struct mercury_task_event){ .badge = m.value, .label = label };
	if (label == MERCURY_EXIT_LABEL) {
		ev->kind = MERCURY_TASK_EXITED;
		ev->status = (int)(int64_t)m.p[0];
	} else if (label == HELIOS_FAULT_LABEL) {
		ev->kind = MERCURY_TASK_FAULTED;
		ev->fault_type = m.p[HELIOS_FAULT_TYPE];
		ev->fault_addr = m.p[HELIOS_FAULT_ADDR];
		ev->fault_ip = m.p[HELIOS_FAULT_IP];
		ev->fault_code = m.p[HELIOS_FAULT_CODE];
		ev->fault_vector = rt_ipc_buffer()->params[HELIOS_FAULT_VECTOR];
	} else {
		ev->kind = MERCURY_TASK_MESSAGE;
	}
	return HELIOS_OK;
}
