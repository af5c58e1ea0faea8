/*
 * Every pointer-like argument with the addresses an attacker would pass (the kernel's, unmapped,
 * non-canonical or outside what user tables translate, wrapping past the top), and every size
 * and count with values that overflow: each gets an error, and nothing is created, mapped or
 * changed.
 */
#include "helios/tests/ktest.h"

/* Addresses no user mapping, IPC buffer, register or console write may name. */
static const uint64_t bad_addresses[] = {
	HELIOS_USER_TOP,
	HELIOS_USER_TOP + HELIOS_PAGE_SIZE,
	0x0000800000000000ull,       /* x86_64: first non-canonical */
	0x0001000000000000ull,       /* aarch64: past the 48-bit range */
	0x7fffffffffffffffull,
	0x8000000000000000ull,
	0xffff800000000000ull,       /* kernel half */
	0xffffffff80000000ull,       /* where the x86_64 kernel is linked */
	0xfffffffffffff000ull,
	~0ull,
};

/* WRITECONS (ptr, len): kernel, unmapped, non-canonical and wrapping ranges, and device pages,
 * are refused and write nothing. */
KTEST(hostile_writecons_addresses)
{
	size_t written;
	for (unsigned i = 0; i < KT_COUNT(bad_addresses); i++) {
		written = 77;
		KT_ERR(helios_writecons((void *)bad_addresses[i], 1, &written),
		       HELIOS_ERR_INVALID_PARAM);
		KT_EQ(written, 0);
		KT_ERR(helios_writecons((void *)(bad_addresses[i] - 1), 2, NULL),
		       HELIOS_ERR_INVALID_PARAM);
	}
	static const uint64_t wrapping[][2] = {
		{ KT_SCRATCH, ~0ull },
		{ KT_SCRATCH, 1ull << 63 },
		{ 0x1000, ~0ull - 0xfff },
		{ HELIOS_USER_TOP - 8, 16 },
	};
	for (unsigned i = 0; i < KT_COUNT(wrapping); i++)
		KT_ERR(helios_writecons((void *)wrapping[i][0], wrapping[i][1], NULL),
		       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_writecons((void *)(KT_SCRATCH + 0x40000000), 1, NULL),
	       HELIOS_ERR_INVALID_PARAM); /* unmapped */
	KT_ERR(helios_writecons(NULL, 1, NULL), HELIOS_ERR_INVALID_PARAM); /* page 0 */
	/* A device page: the kernel never reads device memory on a task's behalf (on aarch64 it
	 * is outside the kernel's direct map: the read faulted in the kernel). */
	kt_map_device(KT_DEVICE_SCRATCH_PAGE, KT_SCRATCH + 0x80000);
	KT_ERR(helios_writecons((void *)(KT_SCRATCH + 0x80000), 4, NULL),
	       HELIOS_ERR_INVALID_PARAM);
}

/* Every map at a bad address: pages and every table level. */
KTEST(hostile_map_addresses)
{
	helios_caddr_t page = kt_object(HELIOS_CAP_PAGE, 0);
	static const unsigned tables[] = { HELIOS_CAP_PDPT, HELIOS_CAP_PD, HELIOS_CAP_PT };
	for (unsigned i = 0; i < KT_COUNT(bad_addresses); i++) {
		uint64_t a = bad_addresses[i] & ~(HELIOS_PAGE_SIZE - 1);
		KT_ERR(helios_page_map(page, rt_vspace, a, HELIOS_MAP_READ, NULL),
		       HELIOS_ERR_INVALID_PARAM);
		for (unsigned t = 0; t < KT_COUNT(tables); t++) {
			helios_caddr_t table = kt_object(tables[t], 0);
			KT_ERR(helios_table_map(tables[t], table, rt_vspace, bad_addresses[i], NULL),
			       HELIOS_ERR_INVALID_PARAM);
			KT_OK(rt_free(table));
		}
	}
	/* Unaligned addresses, at every level. */
	KT_ERR(helios_page_map(page, rt_vspace, KT_SCRATCH + 1, HELIOS_MAP_READ, NULL),
	       HELIOS_ERR_INVALID_PARAM);
	uint64_t info_vaddr = 1;
	KT_OK(helios_page_info(page, NULL, &info_vaddr, NULL));
	KT_EQ(info_vaddr, 0); /* still unmapped */
}

/* IPC buffer addresses (TASK_CONFIGURE, TASK_SET_IPC_BUFFER) and registers
 * (TASK_WRITE_REGISTERS: pc, stack pointer, TLS base) outside user space are refused. */
KTEST(hostile_task_addresses)
{
	helios_caddr_t task = kt_object(HELIOS_CAP_TASK, 0);
	helios_caddr_t page = kt_object(HELIOS_CAP_PAGE, 0);
	struct helios_regs before, r;
	KT_OK(helios_task_read_registers(task, &before));
	for (unsigned i = 0; i < KT_COUNT(bad_addresses); i++) {
		uint64_t a = bad_addresses[i] & ~(HELIOS_PAGE_SIZE - 1);
		KT_ERR(helios_task_set_ipc_buffer(task, page, a), HELIOS_ERR_INVALID_PARAM);
		KT_ERR(helios_task_configure(task, rt_cspace, rt_vspace, page, a, HELIOS_CADDR_UNDEF,
					     KT_PRIORITY),
		       HELIOS_ERR_INVALID_PARAM);
		r = before;
		rt_regs_set_pc(&r, bad_addresses[i] & ~3ull);
		KT_ERR(helios_task_write_registers(task, &r), HELIOS_ERR_INVALID_PARAM);
		r = before;
		rt_regs_set_sp(&r, bad_addresses[i] & ~15ull);
		KT_ERR(helios_task_write_registers(task, &r), HELIOS_ERR_INVALID_PARAM);
		r = before;
		rt_regs_set_tls(&r, bad_addresses[i]);
		KT_ERR(helios_task_write_registers(task, &r), HELIOS_ERR_INVALID_PARAM);
	}
	KT_ERR(helios_task_set_ipc_buffer(task, page, KT_SCRATCH + 8), HELIOS_ERR_INVALID_PARAM);
	/* Nothing of that was taken. */
	KT_OK(helios_task_read_registers(task, &r));
	KT_EQ(rt_regs_pc(&r), rt_regs_pc(&before));
	KT_EQ(rt_regs_sp(&r), rt_regs_sp(&before));
	KT_EQ(rt_regs_tls(&r), rt_regs_tls(&before));
	KT_ERR(helios_task_resume(task), HELIOS_ERR_INVALID_PARAM); /* no spaces were set */
}

/* Sizes and counts that overflow or exceed the machine: retype (size, count, size x count,
 * slot ranges), cspace sizes, device memory offsets, poll counts, message counts, I/O port
 * ranges, IRQ numbers. */
KTEST(hostile_sizes_and_counts)
{
	helios_caddr_t mem = kt_memory(64 * 1024);
	uint64_t free_before = kt_free(mem);
	static const uint64_t sizes[] = { 1ull << 63, ~0ull, 1ull << 40, 0 };
	for (unsigned i = 0; i < KT_COUNT(sizes); i++) {
		KT_CHECK(helios_memory_retype(mem, HELIOS_CAP_MEMORY, sizes[i], 1, kt_slot(), NULL) !=
			 HELIOS_OK);
		KT_CHECK(helios_memory_retype(mem, HELIOS_CAP_CSPACE, sizes[i], 1, kt_slot(), NULL) !=
			 HELIOS_OK);
		KT_CHECK(helios_memory_retype(mem, HELIOS_CAP_ENDPOINT, 0, sizes[i], kt_slot(),
					      NULL) != HELIOS_OK);
	}
	/* size x count overflowing 64 bits, and a slot range wrapping the caddr space. */
	KT_CHECK(helios_memory_retype(mem, HELIOS_CAP_MEMORY, 1ull << 32, 1ull << 33, kt_slot(),
				      NULL) != HELIOS_OK);
	KT_CHECK(helios_invoke(mem, HELIOS_MEMORY_RETYPE, 4,
			       (uint64_t[]){ HELIOS_CAP_ENDPOINT, 0, 4, ~0ull - 1 }, NULL, 0) !=
		 HELIOS_OK);
	KT_CHECK(helios_memory_retype(mem, HELIOS_CAP_ENDPOINT, 0, 1ull << 32, kt_slot(), NULL) !=
		 HELIOS_OK);
	KT_EQ(kt_free(mem), free_before);

	if (rt_info->device_memory.count) {
		helios_caddr_t dev = rt_info->device_memory.first;
		static const uint64_t offsets[] = { ~0ull, 1ull << 63, ~0ull - HELIOS_PAGE_SIZE + 1 };
		for (unsigned i = 0; i < KT_COUNT(offsets); i++)
			KT_CHECK(helios_device_memory_retype(dev, HELIOS_CAP_PAGE, 0, 1, kt_slot(),
							     offsets[i], NULL) != HELIOS_OK);
		KT_CHECK(helios_device_memory_retype(dev, HELIOS_CAP_PAGE, 0, ~0ull, kt_slot(), 0,
						     NULL) != HELIOS_OK);
	}

	static const unsigned polls[] = { 0, HELIOS_POLL_MAX + 1, 0x80000000u, ~0u };
	for (unsigned i = 0; i < KT_COUNT(polls); i++)
		KT_ERR(helios_poll(polls[i], NULL), HELIOS_ERR_INVALID_PARAM);

	helios_caddr_t ep = kt_endpoint();
	struct helios_msg m = { .tag = helios_tag(1, HELIOS_MSG_MAX_PARAMS + 1, 0) };
	KT_ERR(helios_nbsend(ep, &m), HELIOS_ERR_INVALID_PARAM);
	m = (struct helios_msg){ .tag = ~0ull };
	KT_ERR(helios_nbsend(ep, &m), HELIOS_ERR_INVALID_PARAM);

	static const uint64_t irqs[] = { 1ull << 32, ~0ull, 1ull << 63 | 5, 100000 };
	for (unsigned i = 0; i < KT_COUNT(irqs); i++)
		KT_CHECK(helios_irq_control_issue(HELIOS_INIT_IRQ_CONTROL, irqs[i],
						  kt_notification(), kt_slot(), NULL) != HELIOS_OK);
	if (KT_INIT_IO_CONTROL_TYPE != HELIOS_CAP_NULL) {
		static const uint64_t ports[][2] = { { 0x10000, 0x10000 }, { 0, ~0ull },
						     { ~0ull, 0 }, { 1ull << 63, 1ull << 63 } };
		for (unsigned i = 0; i < KT_COUNT(ports); i++)
			KT_ERR(helios_io_control_issue(HELIOS_INIT_IO_CONTROL, ports[i][0],
						       ports[i][1], kt_slot(), NULL),
			       HELIOS_ERR_INVALID_PARAM);
	}
}
