/*
 * Syscalls as such: numbers, the register convention, the console, identify, the message tag,
 * and what each syscall says about capabilities of the wrong type.
 */
#include "helios/tests/ktest.h"

KTEST(syscall_yield)
{
	KT_OK(helios_yield());
}

KTEST(syscall_invalid_numbers)
{
	static const uint64_t numbers[] = { HELIOS_SYSCALL_COUNT, 15, 255, 1ull << 32, ~0ull };
	for (unsigned i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
		struct helios_msg m = { .tag = helios_tag(1, 0, 0) };
		helios_syscall(numbers[i], HELIOS_INIT_TASK, &m);
		KT_ERR(m.error, HELIOS_ERR_INVALID_SYSCALL);
	}
}

KTEST(syscall_preserves_registers)
{
	KT_EQ(kt_syscall_preserves(HELIOS_SYS_YIELD, 0), 0);
	KT_EQ(kt_syscall_preserves(HELIOS_SYS_IDENTIFY, HELIOS_INIT_TASK), 0);
	KT_EQ(kt_syscall_preserves(HELIOS_SYSCALL_COUNT + 7, 0), 0);
	KT_EQ(kt_syscall_preserves(HELIOS_SYS_NBWAIT, kt_notification()), 0);
}

KTEST(syscall_writecons)
{
	size_t written = 99;
	KT_OK(helios_writecons("", 0, &written));
	KT_EQ(written, 0);
}

KTEST(syscall_writecons_refuses_bad_ranges)
{
	kt_map(KT_SCRATCH, 2);
	size_t written = 99;
	KT_ERR(helios_writecons((void *)KT_SCRATCH, 4097, NULL), HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_writecons((void *)0xffff800000000000ull, 1, NULL), HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_writecons((void *)(HELIOS_USER_TOP - 1), 2, NULL),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_writecons((void *)~0ull, 2, NULL), HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_writecons((void *)(KT_SCRATCH + 0x10000), 1, &written),
	       HELIOS_ERR_INVALID_PARAM);
	KT_EQ(written, 0);
}

KTEST(syscall_identify_fixed_slots)
{
	static const struct {
		helios_caddr_t slot;
		unsigned type;
	} fixed[] = {
		{ HELIOS_INIT_TASK, HELIOS_CAP_TASK },
		{ HELIOS_INIT_CSPACE, HELIOS_CAP_CSPACE },
		{ HELIOS_INIT_VSPACE, HELIOS_CAP_VSPACE },
		{ HELIOS_INIT_ASID_CONTROL, HELIOS_CAP_ASID_CONTROL },
		{ HELIOS_INIT_ASID_POOL, HELIOS_CAP_ASID_POOL },
		{ HELIOS_INIT_IO_CONTROL, KT_INIT_IO_CONTROL_TYPE }, /* aarch64: empty */
		{ HELIOS_INIT_IRQ_CONTROL, HELIOS_CAP_IRQ_CONTROL },
		{ HELIOS_INIT_IPC_BUFFER, HELIOS_CAP_PAGE },
		{ HELIOS_INIT_INFO_PAGE, HELIOS_CAP_PAGE },
	};
	for (unsigned i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		unsigned type, rights;
		if (fixed[i].type == HELIOS_CAP_NULL) {
			KT_ERR(helios_identify(fixed[i].slot, &type, &rights),
			       HELIOS_ERR_INVALID_CSLOT);
			continue;
		}
		KT_OK(helios_identify(fixed[i].slot, &type, &rights));
		KT_EQ(type, fixed[i].type);
		KT_EQ(rights, HELIOS_RIGHTS_ALL);
	}
}

KTEST(syscall_identify_init_ranges)
{
	const struct helios_init_info *info = rt_info;
	KT_EQ(info->magic, HELIOS_INIT_MAGIC);
	KT_CHECK(info->memory.count > 0);
	for (uint32_t i = 0; i < info->memory.count; i++)
		KT_EQ(kt_type(info->memory.first + i), HELIOS_CAP_MEMORY);
	for (uint32_t i = 0; i < info->device_memory.count; i++)
		KT_EQ(kt_type(info->device_memory.first + i), HELIOS_CAP_DEVICE_MEMORY);
	KT_CHECK(info->image_pages.count > 0);
	for (uint32_t i = 0; i < info->image_pages.count; i++)
		KT_EQ(kt_type(info->image_pages.first + i), HELIOS_CAP_PAGE);
	KT_EQ(info->stack_pages.count, HELIOS_INIT_STACK_PAGES);
	for (uint32_t i = 0; i < info->stack_pages.count; i++)
		KT_EQ(kt_type(info->stack_pages.first + i), HELIOS_CAP_PAGE);
	KT_CHECK(info->page_tables.count >= 3);
	for (uint32_t i = 0; i < info->page_tables.count; i++) {
		unsigned t = kt_type(info->page_tables.first + i);
		KT_CHECK(t == HELIOS_CAP_PDPT || t == HELIOS_CAP_PD || t == HELIOS_CAP_PT);
	}
	KT_EQ((uint64_t)info->free_slots.first + info->free_slots.count, info->cspace_slots);
	KT_EQ(info->ipc_buffer, HELIOS_INIT_IPC_BUFFER_VADDR);
	KT_EQ(info->stack_base + info->stack_size, HELIOS_INIT_STACK_TOP);
	KT_EQ(info->priority, HELIOS_INIT_PRIORITY);
}

KTEST(syscall_identify_errors)
{
	int err = helios_identify(0, NULL, NULL);
	KT_CHECK(err == HELIOS_ERR_INVALID_CADDR || err == HELIOS_ERR_INVALID_CSLOT);
	KT_ERR(helios_identify(kt_slot(), NULL, NULL), HELIOS_ERR_INVALID_CSLOT);
	KT_ERR(helios_identify(rt_info->cspace_slots, NULL, NULL), HELIOS_ERR_INVALID_CADDR);
	KT_ERR(helios_identify(HELIOS_CADDR_UNDEF, NULL, NULL), HELIOS_ERR_INVALID_CADDR);
	/* A caddr is 32 bits: the upper half of its register is not ignored. */
	struct helios_msg m = { 0 };
	helios_syscall(HELIOS_SYS_IDENTIFY, 1ull << 32 | HELIOS_INIT_TASK, &m);
	KT_ERR(m.error, HELIOS_ERR_INVALID_CADDR);
}

KTEST(syscall_wrong_cap_types)
{
	helios_caddr_t mem = rt_memory.first, ep = kt_endpoint();
	struct helios_msg m;
	KT_ERR(helios_recv(mem, &m), HELIOS_ERR_INVALID_TYPE);
	KT_ERR(helios_nbrecv(HELIOS_INIT_TASK, &m), HELIOS_ERR_INVALID_TYPE);
	KT_ERR(helios_wait(ep, NULL), HELIOS_ERR_INVALID_TYPE);
	KT_ERR(helios_nbwait(ep, NULL), HELIOS_ERR_INVALID_TYPE);
	KT_ERR(helios_signal(ep), HELIOS_ERR_INVALID_TYPE);
	KT_ERR(helios_signal(mem), HELIOS_ERR_INVALID_TYPE);
}

KTEST(syscall_empty_and_bad_slots)
{
	helios_caddr_t empty = kt_slot();
	struct helios_msg m = { .tag = helios_tag(1, 0, 0) };
	KT_ERR(helios_send(empty, &m), HELIOS_ERR_INVALID_CSLOT);
	m = (struct helios_msg){ .tag = helios_tag(1, 0, 0) };
	KT_ERR(helios_call(rt_info->cspace_slots + 5, &m), HELIOS_ERR_INVALID_CADDR);
	KT_ERR(helios_nbrecv(empty, &m), HELIOS_ERR_INVALID_CSLOT);
	KT_ERR(helios_signal(empty), HELIOS_ERR_INVALID_CSLOT);
	KT_ERR(helios_nbwait(HELIOS_CADDR_UNDEF, NULL), HELIOS_ERR_INVALID_CADDR);
}

KTEST(syscall_tag_reserved_bits)
{
	helios_caddr_t ep = kt_endpoint();
	static const unsigned bits[] = { 7, 12, 13, 14, 15 };
	for (unsigned i = 0; i < sizeof(bits) / sizeof(bits[0]); i++) {
		struct helios_msg m = { .tag = helios_tag(1, 0, 0) | 1ull << bits[i] };
		KT_ERR(helios_nbsend(ep, &m), HELIOS_ERR_INVALID_PARAM);
		m = (struct helios_msg){.tag = helios_tag(HELIOS_MEMORY_INFO, 0, 0) |
					       1ull << bits[i]};
		KT_ERR(helios_call(rt_memory.first, &m), HELIOS_ERR_INVALID_PARAM);
	}
}

KTEST(syscall_tag_limits)
{
	helios_caddr_t ep = kt_endpoint();
	struct helios_msg m = { .tag = helios_tag(1, 65, 0) };
	KT_ERR(helios_nbsend(ep, &m), HELIOS_ERR_INVALID_PARAM);
	m = (struct helios_msg){ .tag = helios_tag(1, 127, 0) };
	KT_ERR(helios_nbsend(ep, &m), HELIOS_ERR_INVALID_PARAM);
	m = (struct helios_msg){ .tag = helios_tag(1, 0, 5) };
	KT_ERR(helios_nbsend(ep, &m), HELIOS_ERR_INVALID_PARAM);
	m = (struct helios_msg){ .tag = helios_tag(HELIOS_MEMORY_INFO, 65, 0) };
	KT_ERR(helios_call(rt_memory.first, &m), HELIOS_ERR_INVALID_PARAM);
	/* At the limits, with nobody to receive: only WOULD_BLOCK. */
	m = (struct helios_msg){ .tag = helios_tag(HELIOS_LABEL_MAX, 64, 0) };
	KT_ERR(helios_nbsend(ep, &m), HELIOS_ERR_WOULD_BLOCK);
}

KTEST(syscall_reply_without_caller)
{
	struct helios_msg m = { .tag = helios_tag(0, 0, 0) };
	KT_ERR(helios_reply(&m), HELIOS_ERR_INVALID_CSLOT);
}

KTEST(syscall_poll_bad_count)
{
	helios_caddr_t n = kt_notification();
	rt_ipc_buffer()->poll[0] = (struct helios_poll_item){ n, HELIOS_POLL_RECV, 0 };
	KT_ERR(helios_poll(0, NULL), HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_poll(HELIOS_POLL_MAX + 1, NULL), HELIOS_ERR_INVALID_PARAM);
	struct helios_msg m = { 0 };
	helios_syscall(HELIOS_SYS_POLL, 1ull << 32 | 1, &m);
	KT_ERR(m.error, HELIOS_ERR_INVALID_PARAM);
}

/* Every object type refuses labels that are not its methods. */
KTEST(syscall_unknown_methods)
{
	helios_caddr_t objects[] = {
		rt_memory.first,
		rt_cspace,
		HELIOS_INIT_TASK,
		rt_vspace,
		HELIOS_INIT_IPC_BUFFER,
		HELIOS_INIT_ASID_CONTROL,
		HELIOS_INIT_ASID_POOL,
		HELIOS_INIT_IRQ_CONTROL,
		rt_info->page_tables.first,
		HELIOS_INIT_IO_CONTROL, /* last: only where there are I/O ports */
	};
	unsigned count = sizeof(objects) / sizeof(objects[0]);
	if (KT_INIT_IO_CONTROL_TYPE == HELIOS_CAP_NULL)
		count--;
	for (unsigned i = 0; i < count; i++) {
		KT_ERR(helios_invoke(objects[i], 0, 0, NULL, NULL, 0), HELIOS_ERR_INVALID_METHOD);
		KT_ERR(helios_invoke(objects[i], 0x7777, 0, NULL, NULL, 0),
		       HELIOS_ERR_INVALID_METHOD);
		KT_ERR(helios_invoke(objects[i], HELIOS_LABEL_MAX, 0, NULL, NULL, 0),
		       HELIOS_ERR_INVALID_METHOD);
	}
	/* A method of another type is not a method of this one. */
	KT_ERR(helios_invoke(rt_memory.first, HELIOS_CSPACE_INFO, 0, NULL, NULL, 0),
	       HELIOS_ERR_INVALID_METHOD);
	KT_ERR(helios_invoke(rt_cspace, HELIOS_MEMORY_INFO, 0, NULL, NULL, 0),
	       HELIOS_ERR_INVALID_METHOD);
	if (rt_info->device_memory.count)
		KT_ERR(helios_invoke(rt_info->device_memory.first, HELIOS_MEMORY_RETYPE, 0, NULL,
				     NULL, 0),
		       HELIOS_ERR_INVALID_METHOD);
}

KTEST(syscall_too_few_parameters)
{
	uint64_t p[HELIOS_REGS_COUNT] = { HELIOS_CAP_ENDPOINT, 0, 1, HELIOS_CADDR_UNDEF };
	KT_ERR(helios_invoke(rt_memory.first, HELIOS_MEMORY_RETYPE, 3, p, NULL, 0),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_invoke(rt_cspace, HELIOS_CSPACE_COPY, 3, p, NULL, 0),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_invoke(rt_cspace, HELIOS_CSPACE_DELETE, 0, p, NULL, 0),
	       HELIOS_ERR_INVALID_PARAM);
	helios_caddr_t task = kt_object(HELIOS_CAP_TASK, 0);
	KT_ERR(helios_invoke(task, HELIOS_TASK_CONFIGURE, 5, p, NULL, 0), HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_invoke(task, HELIOS_TASK_WRITE_REGISTERS, HELIOS_REGS_COUNT - 1, p, NULL, 0),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_invoke(HELIOS_INIT_IPC_BUFFER, HELIOS_PAGE_MAP, 2, p, NULL, 0),
	       HELIOS_ERR_INVALID_PARAM);
}

/* SEND on a kernel object is an invocation too; the results come back as for CALL. */
KTEST(syscall_send_invokes)
{
	struct helios_memory_info info;
	KT_OK(helios_memory_info(rt_memory.first, &info));
	struct helios_msg m = { .tag = helios_tag(HELIOS_MEMORY_INFO, 0, 0) };
	KT_OK(helios_send(rt_memory.first, &m));
	KT_EQ(helios_tag_label(m.tag), HELIOS_OK);
	KT_EQ(helios_tag_params(m.tag), 4);
	KT_EQ(m.p[0], info.base);
	KT_EQ(m.p[1], info.size);
}

/* Parameters 4 and up of an invocation come from the IPC buffer. */
KTEST(syscall_ipc_buffer_parameters)
{
	helios_caddr_t ep = kt_endpoint();
	helios_caddr_t dest = kt_slot();
	uint64_t p[] = { dest, rt_cspace, ep, HELIOS_RIGHTS_ALL, 0x1234 };
	KT_OK(helios_invoke(rt_cspace, HELIOS_CSPACE_MINT, 5, p, NULL, 0));
	KT_EQ(kt_type(dest), HELIOS_CAP_ENDPOINT);
	/* The fifth parameter (the badge) was read: minting again with badge 0 is refused. */
	helios_caddr_t dest2 = kt_slot();
	uint64_t q[] = { dest2, rt_cspace, ep, HELIOS_RIGHTS_ALL, 0 };
	KT_ERR(helios_invoke(rt_cspace, HELIOS_CSPACE_MINT, 5, q, NULL, 0),
	       HELIOS_ERR_INVALID_PARAM);
}
