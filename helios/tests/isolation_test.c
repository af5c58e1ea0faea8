/*
 * Isolation: a task reaches only what its own cspace and vspace hold. A task with a cspace of
 * its own cannot name the suite's capabilities; a task with a vspace of its own cannot see the
 * suite's memory, even at the same addresses.
 */
#include "helios/tests/ktest.h"

#define RWX (HELIOS_MAP_READ | HELIOS_MAP_WRITE | HELIOS_MAP_EXEC)

/* What the isolated task found, in memory both sides share (the image's data pages). */
static volatile struct {
	int done;
	int identify[8];
	int retype, copy, signal_err;
	uint64_t seen;
} found;

/* Runs in a cspace of 4 slots whose slot 1 is a notification to report through. */
static int probe_cspace(void *arg)
{
	(void)arg;
	for (int i = 0; i < 8; i++)
		found.identify[i] = helios_identify((helios_caddr_t)i, NULL, NULL);
	/* The suite's memory, cspace and task capabilities are just numbers here. */
	found.retype = helios_memory_retype(rt_memory.first, HELIOS_CAP_ENDPOINT, 0, 1, 2, NULL);
	found.copy = helios_cspace_copy(HELIOS_INIT_CSPACE, 3, HELIOS_INIT_CSPACE,
					HELIOS_INIT_TASK, HELIOS_RIGHTS_ALL, NULL);
	found.signal_err = helios_signal(1);
	found.done = 1;
	for (;;)
		helios_yield(); /* until the test deletes it */
}

KTEST(isolation_own_cspace)
{
	helios_caddr_t cs = kt_object(HELIOS_CAP_CSPACE, 4), n = kt_notification();
	KT_OK(helios_cspace_copy(cs, 1, rt_cspace, n, HELIOS_RIGHT_WRITE, NULL));
	found.done = 0;
	struct rt_thread t;
	kt_create(&t, probe_cspace, NULL, KT_PRIORITY);
	KT_OK(helios_task_set_space(t.task, cs, rt_vspace));
	KT_OK(rt_thread_start(&t));
	KT_OK(helios_wait(n, NULL));
	while (!found.done)
		helios_yield();
	KT_EQ(found.signal_err, HELIOS_OK);
	KT_CHECK(found.identify[0] == HELIOS_ERR_INVALID_CADDR ||
		 found.identify[0] == HELIOS_ERR_INVALID_CSLOT);
	KT_EQ(found.identify[1], HELIOS_OK);
	KT_EQ(found.identify[2], HELIOS_ERR_INVALID_CSLOT);
	KT_EQ(found.identify[3], HELIOS_ERR_INVALID_CSLOT);
	for (int i = 4; i < 8; i++)
		KT_EQ(found.identify[i], HELIOS_ERR_INVALID_CADDR);
	KT_CHECK(found.retype == HELIOS_ERR_INVALID_CADDR ||
		 found.retype == HELIOS_ERR_INVALID_CSLOT);
	KT_CHECK(found.copy == HELIOS_ERR_INVALID_CSLOT || found.copy == HELIOS_ERR_INVALID_TYPE ||
		 found.copy == HELIOS_ERR_INVALID_CADDR);
	/* It made nothing in its cspace. */
	uint64_t free_slots;
	KT_OK(helios_cspace_info(cs, NULL, &free_slots));
	KT_EQ(free_slots, 2);
}

/* Revoking the capability a task was given takes it away from the task. */
KTEST(isolation_revoke_takes_back)
{
	helios_caddr_t cs = kt_object(HELIOS_CAP_CSPACE, 4), n = kt_notification();
	KT_OK(helios_cspace_copy(cs, 1, rt_cspace, n, HELIOS_RIGHT_WRITE, NULL));
	KT_OK(helios_cspace_revoke(rt_cspace, n));
	found.done = 0;
	struct rt_thread t;
	kt_create(&t, probe_cspace, NULL, KT_PRIORITY);
	KT_OK(helios_task_set_space(t.task, cs, rt_vspace));
	KT_OK(rt_thread_start(&t));
	while (!found.done)
		helios_yield();
	KT_EQ(found.identify[1], HELIOS_ERR_INVALID_CSLOT);
	KT_EQ(found.signal_err, HELIOS_ERR_INVALID_CSLOT);
	KT_ERR(helios_nbwait(n, NULL), HELIOS_ERR_WOULD_BLOCK);
}

#define SHARED_VADDR (KT_SCRATCH + 0x300000)
#define PRIVATE_VADDR (KT_SCRATCH + 0x301000)
#define STACK_VADDR (KT_SCRATCH + 0x310000)

/* The isolated task's code: records what it sees at SHARED_VADDR, then touches the
 * suite-only page (which faults). It has no stack frames to return to. */
static _Noreturn void probe_vspace(void)
{
	found.seen = *(volatile uint64_t *)SHARED_VADDR;
	found.done = 1;
	found.seen += *(volatile uint64_t *)PRIVATE_VADDR;
	for (;;)
		;
}

/* Copies of the suite's image pages mapped at the same addresses: the same code and data. */
static void map_image(helios_caddr_t vs)
{
	for (uint32_t i = 0; i < rt_info->image_pages.count; i++) {
		uint64_t vaddr;
		KT_OK(helios_page_info(rt_info->image_pages.first + i, NULL, &vaddr, NULL));
		helios_caddr_t copy = kt_copy(rt_info->image_pages.first + i, HELIOS_RIGHTS_ALL);
		KT_OK(rt_map(vs, copy, vaddr, RWX));
	}
}

KTEST(isolation_own_vspace)
{
	/* In the suite's vspace: one value at SHARED_VADDR and a page at PRIVATE_VADDR. */
	helios_caddr_t mine = kt_map(SHARED_VADDR, 2);
	*(volatile uint64_t *)SHARED_VADDR = 111;
	*(volatile uint64_t *)PRIVATE_VADDR = 5;
	/* The other vspace: the image, a stack, and a different page at SHARED_VADDR. */
	helios_caddr_t vs = kt_object(HELIOS_CAP_VSPACE, 0);
	KT_OK(helios_asid_pool_assign(HELIOS_INIT_ASID_POOL, vs, NULL));
	map_image(vs);
	helios_caddr_t stack = kt_object(HELIOS_CAP_PAGE, 0);
	KT_OK(rt_map(vs, stack, STACK_VADDR, HELIOS_MAP_READ | HELIOS_MAP_WRITE));
	helios_caddr_t theirs = kt_object(HELIOS_CAP_PAGE, 0);
	helios_caddr_t theirs_here = kt_copy(theirs, HELIOS_RIGHTS_ALL);
	KT_OK(rt_map(rt_vspace, theirs_here, SHARED_VADDR + 0x20000, HELIOS_MAP_READ |
			 HELIOS_MAP_WRITE));
	*(volatile uint64_t *)(SHARED_VADDR + 0x20000) = 222;
	KT_OK(rt_map(vs, theirs, SHARED_VADDR, HELIOS_MAP_READ));

	helios_caddr_t ep = kt_endpoint(), task = kt_object(HELIOS_CAP_TASK, 0);
	KT_OK(helios_task_configure(task, rt_cspace, vs, HELIOS_CADDR_UNDEF, 0, ep, KT_PRIORITY));
	struct helios_regs r;
	rt_regs_init(&r, (uint64_t)(uintptr_t)probe_vspace, STACK_VADDR + HELIOS_PAGE_SIZE, 0);
	KT_OK(helios_task_write_registers(task, &r));
	found.done = 0;
	found.seen = 0;
	KT_OK(helios_task_resume(task));
	struct helios_msg m;
	KT_OK(helios_recv(ep, &m));
	KT_EQ(helios_tag_label(m.tag), HELIOS_FAULT_LABEL);
	KT_EQ(found.done, 1);
	KT_EQ(found.seen, 222); /* its own page, not ours (111) */
	KT_EQ(m.p[HELIOS_FAULT_TYPE], HELIOS_FAULT_PAGE);
	KT_EQ(m.p[HELIOS_FAULT_ADDR], PRIVATE_VADDR);
	KT_EQ(*(volatile uint64_t *)SHARED_VADDR, 111);
	(void)mine;
}

/* The suite's own pages are not in a fresh vspace: nothing is mapped there but what is put
 * there. */
KTEST(isolation_fresh_vspace_is_empty)
{
	helios_caddr_t vs = kt_object(HELIOS_CAP_VSPACE, 0);
	KT_OK(helios_asid_pool_assign(HELIOS_INIT_ASID_POOL, vs, NULL));
	/* Mapping at init's own addresses finds no tables there: nothing of init is present. */
	helios_caddr_t page = kt_object(HELIOS_CAP_PAGE, 0);
	unsigned missing = 0;
	KT_ERR(helios_page_map(page, vs, rt_info->image_base & ~0xfffull, HELIOS_MAP_READ,
			       &missing),
	       HELIOS_ERR_MISSING_TABLES);
	KT_EQ(missing, HELIOS_CAP_PDPT);
	KT_ERR(helios_page_map(page, vs, HELIOS_INIT_IPC_BUFFER_VADDR, HELIOS_MAP_READ, &missing),
	       HELIOS_ERR_MISSING_TABLES);
	KT_EQ(missing, HELIOS_CAP_PDPT);
}
