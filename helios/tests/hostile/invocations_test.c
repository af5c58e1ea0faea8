/*
 * Every kernel method against every capability it is not a method of, and against its own
 * type without the right it needs: each must be refused (INVALID_METHOD, ACCESS) before it
 * looks at a parameter, whatever the parameters say.
 */
#include "helios/tests/ktest.h"

/* Every method, and the right it asks of the invoked capability (docs/capabilities.md,
 * Rights; 0: none, or decided by the parameters, as PAGE_MAP's map rights). */
static const struct {
	uint64_t label, right;
} methods[] = {
	{ HELIOS_MEMORY_RETYPE, HELIOS_RIGHT_WRITE },
	{ HELIOS_MEMORY_INFO, 0 },
	{ HELIOS_DEVICE_MEMORY_RETYPE, HELIOS_RIGHT_WRITE },
	{ HELIOS_DEVICE_MEMORY_INFO, 0 },
	{ HELIOS_CSPACE_COPY, HELIOS_RIGHT_WRITE },
	{ HELIOS_CSPACE_MINT, HELIOS_RIGHT_WRITE },
	{ HELIOS_CSPACE_MOVE, HELIOS_RIGHT_WRITE },
	{ HELIOS_CSPACE_DELETE, HELIOS_RIGHT_WRITE },
	{ HELIOS_CSPACE_REVOKE, HELIOS_RIGHT_WRITE },
	{ HELIOS_CSPACE_SAVE_REPLY, HELIOS_RIGHT_WRITE },
	{ HELIOS_CSPACE_INFO, 0 },
	{ HELIOS_PDPT_MAP, HELIOS_RIGHT_WRITE },
	{ HELIOS_PDPT_UNMAP, 0 },
	{ HELIOS_PD_MAP, HELIOS_RIGHT_WRITE },
	{ HELIOS_PD_UNMAP, 0 },
	{ HELIOS_PT_MAP, HELIOS_RIGHT_WRITE },
	{ HELIOS_PT_UNMAP, 0 },
	{ HELIOS_PAGE_MAP, 0 },
	{ HELIOS_PAGE_UNMAP, 0 },
	{ HELIOS_PAGE_INFO, HELIOS_RIGHT_READ },
	{ HELIOS_ASID_CONTROL_MAKE_POOL, HELIOS_RIGHT_WRITE },
	{ HELIOS_ASID_POOL_ASSIGN, HELIOS_RIGHT_WRITE },
	{ HELIOS_TASK_CONFIGURE, HELIOS_RIGHT_WRITE },
	{ HELIOS_TASK_SET_SPACE, HELIOS_RIGHT_WRITE },
	{ HELIOS_TASK_SET_IPC_BUFFER, HELIOS_RIGHT_WRITE },
	{ HELIOS_TASK_SET_FAULT_ENDPOINT, HELIOS_RIGHT_WRITE },
	{ HELIOS_TASK_SET_PRIORITY, HELIOS_RIGHT_WRITE },
	{ HELIOS_TASK_READ_REGISTERS, HELIOS_RIGHT_READ },
	{ HELIOS_TASK_WRITE_REGISTERS, HELIOS_RIGHT_WRITE },
	{ HELIOS_TASK_RESUME, HELIOS_RIGHT_WRITE },
	{ HELIOS_TASK_SUSPEND, HELIOS_RIGHT_WRITE },
	{ HELIOS_TASK_INFO, HELIOS_RIGHT_READ },
	{ HELIOS_IO_CONTROL_ISSUE, HELIOS_RIGHT_WRITE },
	{ HELIOS_IO_PORT_IN8, HELIOS_RIGHT_READ },
	{ HELIOS_IO_PORT_IN16, HELIOS_RIGHT_READ },
	{ HELIOS_IO_PORT_IN32, HELIOS_RIGHT_READ },
	{ HELIOS_IO_PORT_OUT8, HELIOS_RIGHT_WRITE },
	{ HELIOS_IO_PORT_OUT16, HELIOS_RIGHT_WRITE },
	{ HELIOS_IO_PORT_OUT32, HELIOS_RIGHT_WRITE },
	{ HELIOS_IRQ_CONTROL_ISSUE, HELIOS_RIGHT_WRITE },
	{ HELIOS_IRQ_HANDLER_ACK, HELIOS_RIGHT_WRITE },
};

/* Parameters a method might act on if it were let through: slots of the caller, a real
 * memory capability, a real vspace, an address that could be mapped. */
static uint64_t params[HELIOS_REGS_COUNT];

static void fill_params(void)
{
	for (unsigned i = 0; i < KT_COUNT(params); i++)
		params[i] = 0;
	params[0] = rt_vspace;
	params[1] = KT_SCRATCH;
	params[2] = HELIOS_MAP_READ;
	params[3] = HELIOS_CADDR_UNDEF;
}

/* One capability of every invocable type this machine has (none of an endpoint or a
 * notification: invoking those is IPC). `types` gets their types. */
static unsigned sample_caps(helios_caddr_t *caps, unsigned *types)
{
	unsigned n = 0;
	caps[n++] = kt_memory(64 * 1024);
	caps[n++] = kt_object(HELIOS_CAP_CSPACE, 4);
	caps[n++] = kt_object(HELIOS_CAP_VSPACE, 0);
	caps[n++] = kt_object(HELIOS_CAP_PDPT, 0);
	caps[n++] = kt_object(HELIOS_CAP_PD, 0);
	caps[n++] = kt_object(HELIOS_CAP_PT, 0);
	caps[n++] = kt_object(HELIOS_CAP_PAGE, 0);
	caps[n++] = kt_object(HELIOS_CAP_TASK, 0);
	caps[n++] = kt_copy(HELIOS_INIT_ASID_CONTROL, HELIOS_RIGHTS_ALL);
	caps[n++] = kt_copy(HELIOS_INIT_ASID_POOL, HELIOS_RIGHTS_ALL);
	caps[n++] = kt_copy(HELIOS_INIT_IRQ_CONTROL, HELIOS_RIGHTS_ALL);
	if (KT_INIT_IO_CONTROL_TYPE != HELIOS_CAP_NULL)
		caps[n++] = kt_copy(HELIOS_INIT_IO_CONTROL, HELIOS_RIGHTS_ALL);
	if (rt_info->device_memory.count)
		caps[n++] = kt_copy(rt_info->device_memory.first, HELIOS_RIGHTS_ALL);
	for (unsigned i = 0; i < n; i++)
		types[i] = kt_type(caps[i]);
	return n;
}

/* A method of one type is no method of any other: INVALID_METHOD, nothing done. */
KTEST(hostile_methods_of_other_types)
{
	helios_caddr_t caps[16];
	unsigned types[16];
	unsigned n = sample_caps(caps, types);
	for (unsigned m = 0; m < KT_COUNT(methods); m++) {
		for (unsigned c = 0; c < n; c++) {
			if (types[c] == methods[m].label >> 8)
				continue;
			fill_params();
			int err = helios_invoke(caps[c], methods[m].label, KT_COUNT(params), params,
						NULL, 0);
			if (err != HELIOS_ERR_INVALID_METHOD)
				KT_FAIL("method %#llx on a capability of type %u: %s",
					(unsigned long long)methods[m].label, types[c],
					rt_strerror((uint64_t)err));
		}
	}
	/* Every capability is still what it was. */
	for (unsigned c = 0; c < n; c++)
		KT_EQ(kt_type(caps[c]), types[c]);
}

/* A method on its own type, through a capability lacking the right it needs: ACCESS,
 * whatever the parameters. */
KTEST(hostile_methods_without_rights)
{
	helios_caddr_t caps[16];
	unsigned types[16];
	unsigned n = sample_caps(caps, types);
	for (unsigned m = 0; m < KT_COUNT(methods); m++) {
		if (!methods[m].right)
			continue;
		for (unsigned c = 0; c < n; c++) {
			if (types[c] != methods[m].label >> 8)
				continue;
			helios_caddr_t weak = kt_copy(caps[c], HELIOS_RIGHTS_ALL & ~methods[m].right);
			fill_params();
			int err = helios_invoke(weak, methods[m].label, KT_COUNT(params), params, NULL,
						0);
			if (err != HELIOS_ERR_ACCESS)
				KT_FAIL("method %#llx without right %llu: %s",
					(unsigned long long)methods[m].label,
					(unsigned long long)methods[m].right, rt_strerror((uint64_t)err));
			KT_OK(rt_free(weak));
		}
	}
}

/* Capability parameters of the wrong type: each method that takes one refuses it with
 * INVALID_TYPE (a page where a vspace is wanted, a vspace where a cspace is). */
KTEST(hostile_wrong_parameter_types)
{
	helios_caddr_t page = kt_object(HELIOS_CAP_PAGE, 0), pt = kt_object(HELIOS_CAP_PT, 0);
	helios_caddr_t task = kt_object(HELIOS_CAP_TASK, 0), vs = kt_object(HELIOS_CAP_VSPACE, 0);
	KT_ERR(helios_page_map(page, pt, KT_SCRATCH, HELIOS_MAP_READ, NULL),
	       HELIOS_ERR_INVALID_TYPE);
	KT_ERR(helios_pt_map(pt, page, KT_SCRATCH, NULL), HELIOS_ERR_INVALID_TYPE);
	KT_ERR(helios_task_set_space(task, vs, vs), HELIOS_ERR_INVALID_TYPE);
	KT_ERR(helios_task_set_space(task, rt_cspace, rt_cspace), HELIOS_ERR_INVALID_TYPE);
	KT_ERR(helios_task_set_ipc_buffer(task, pt, KT_SCRATCH), HELIOS_ERR_INVALID_TYPE);
	KT_ERR(helios_task_set_fault_endpoint(task, kt_notification()), HELIOS_ERR_INVALID_TYPE);
	KT_ERR(helios_asid_pool_assign(HELIOS_INIT_ASID_POOL, page, NULL),
	       HELIOS_ERR_INVALID_TYPE);
	KT_ERR(helios_asid_control_make_pool(HELIOS_INIT_ASID_CONTROL, page, kt_slot(), NULL),
	       HELIOS_ERR_INVALID_TYPE);
	KT_ERR(helios_cspace_copy(rt_cspace, kt_slot(), vs, 1, HELIOS_RIGHTS_ALL, NULL),
	       HELIOS_ERR_INVALID_TYPE);
	KT_EQ(kt_state(task), HELIOS_TASK_INACTIVE);
}
