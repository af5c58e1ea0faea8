/*
 * Capabilities used after they, or their objects, went away: a deleted slot, a slot refilled
 * with something else, everything derived from revoked memory, a reply capability whose caller
 * died, an endpoint deleted under blocked tasks. Each use is an error for the user, never a
 * dangling pointer in the kernel.
 */
#include "helios/tests/ktest.h"

/* A deleted capability's slot is empty for every syscall and invocation. */
KTEST(hostile_deleted_slot)
{
	helios_caddr_t ep = kt_endpoint(), n = kt_notification(), task = kt_object(HELIOS_CAP_TASK, 0);
	helios_caddr_t slots[] = { ep, n, task };
	for (unsigned i = 0; i < 3; i++)
		KT_OK(helios_cspace_delete(rt_cspace, slots[i]));
	struct helios_msg m = { .tag = helios_tag(1, 0, 0) };
	KT_ERR(helios_nbsend(ep, &m), HELIOS_ERR_INVALID_CSLOT);
	KT_ERR(helios_nbrecv(ep, &m), HELIOS_ERR_INVALID_CSLOT);
	KT_ERR(helios_signal(n), HELIOS_ERR_INVALID_CSLOT);
	KT_ERR(helios_nbwait(n, NULL), HELIOS_ERR_INVALID_CSLOT);
	KT_ERR(helios_task_resume(task), HELIOS_ERR_INVALID_CSLOT);
	KT_ERR(helios_identify(task, NULL, NULL), HELIOS_ERR_INVALID_CSLOT);
	KT_ERR(helios_cspace_copy(rt_cspace, kt_slot(), rt_cspace, ep, HELIOS_RIGHTS_ALL, NULL),
	       HELIOS_ERR_INVALID_CSLOT);
	KT_ERR(helios_cspace_delete(rt_cspace, ep), HELIOS_ERR_INVALID_CSLOT);
	KT_ERR(helios_cspace_revoke(rt_cspace, ep), HELIOS_ERR_INVALID_CSLOT);
	struct helios_ipc_buffer *ipc = rt_ipc_buffer();
	ipc->poll[0] = (struct helios_poll_item){ n, HELIOS_POLL_RECV, 0 };
	unsigned which = 9;
	KT_ERR(helios_poll(1, &which), HELIOS_ERR_INVALID_CSLOT);
	KT_EQ(which, 0);
}

static int receive_once(void *arg)
{
	struct helios_msg m;
	return helios_recv((helios_caddr_t)(uintptr_t)arg, &m);
}

/*
 * Revoking a memory capability destroys everything retyped from it, however it is used: an
 * endpoint a thread is blocked on (the thread gets DELETED), a page mapped in the caller's
 * vspace (unmapped), a cspace holding capabilities, a task. Copies of those objects'
 * capabilities elsewhere go with them.
 */
KTEST(hostile_revoked_memory)
{
	helios_caddr_t mem = kt_memory(128 * 1024);
	helios_caddr_t ep = kt_slot(), page = kt_slot(), cs = kt_slot(), task = kt_slot();
	KT_OK(helios_memory_retype(mem, HELIOS_CAP_ENDPOINT, 0, 1, ep, NULL));
	KT_OK(helios_memory_retype(mem, HELIOS_CAP_PAGE, 0, 1, page, NULL));
	KT_OK(helios_memory_retype(mem, HELIOS_CAP_CSPACE, 8, 1, cs, NULL));
	KT_OK(helios_memory_retype(mem, HELIOS_CAP_TASK, 0, 1, task, NULL));
	helios_caddr_t ep_copy = kt_copy(ep, HELIOS_RIGHTS_ALL);
	KT_OK(helios_cspace_copy(cs, 1, rt_cspace, ep, HELIOS_RIGHTS_ALL, NULL));
	KT_OK(rt_map(rt_vspace, page, KT_SCRATCH, HELIOS_MAP_READ | HELIOS_MAP_WRITE));
	*(volatile uint64_t *)KT_SCRATCH = 1;
	struct rt_thread t;
	kt_spawn(&t, receive_once, (void *)(uintptr_t)ep_copy, KT_PRIORITY);
	kt_wait_state(t.task, HELIOS_TASK_BLOCKED_RECV);

	KT_OK(helios_cspace_revoke(rt_cspace, mem));
	KT_EQ(kt_join(&t), HELIOS_ERR_DELETED);
	helios_caddr_t gone[] = { ep, page, cs, task, ep_copy };
	for (unsigned i = 0; i < KT_COUNT(gone); i++)
		KT_EQ(kt_type(gone[i]), HELIOS_CAP_NULL);
	KT_CHECK(kt_probe_read(KT_SCRATCH) != 0);
	/* The memory is whole again, and retypes as if new. */
	helios_caddr_t again = kt_slot();
	KT_OK(helios_memory_retype(mem, HELIOS_CAP_PAGE, 0, 1, again, NULL));
}

/* Receives one call on slots[0], saves its reply capability in slots[1], and returns. */
static int save_one_reply(void *arg)
{
	helios_caddr_t *slots = arg;
	struct helios_msg m;
	int err = helios_recv(slots[0], &m);
	if (!err)
		err = helios_cspace_save_reply(rt_cspace, slots[1], NULL);
	return err;
}

static int call_once(void *arg)
{
	struct helios_msg m = { .tag = helios_tag(3, 0, 0) };
	return helios_call((helios_caddr_t)(uintptr_t)arg, &m);
}

/* A saved reply capability whose caller was destroyed answers DELETED and goes away; deleting
 * the endpoint under a queue of blocked callers, or of receivers, wakes each with DELETED. */
KTEST(hostile_reply_after_caller_died)
{
	helios_caddr_t slots[2] = { kt_endpoint(), kt_slot() };
	struct rt_thread server, caller;
	kt_spawn(&server, save_one_reply, slots, KT_PRIORITY);
	kt_spawn(&caller, call_once, (void *)(uintptr_t)slots[0], KT_PRIORITY);
	KT_EQ(kt_join(&server), HELIOS_OK);
	KT_EQ(kt_type(slots[1]), HELIOS_CAP_REPLY);
	kt_wait_state(caller.task, HELIOS_TASK_BLOCKED_REPLY);
	rt_thread_destroy(&caller);
	struct helios_msg m = { .tag = helios_tag(0, 0, 0) };
	KT_ERR(helios_send(slots[1], &m), HELIOS_ERR_DELETED);
	KT_EQ(kt_type(slots[1]), HELIOS_CAP_NULL);

	/* A queue of callers, then a queue of receivers. */
	for (int receivers = 0; receivers < 2; receivers++) {
		helios_caddr_t ep = kt_endpoint();
		struct rt_thread blocked[3];
		for (int i = 0; i < 3; i++) {
			kt_spawn(&blocked[i], receivers ? receive_once : call_once,
				 (void *)(uintptr_t)ep, KT_PRIORITY);
			kt_wait_state(blocked[i].task, receivers ? HELIOS_TASK_BLOCKED_RECV
								 : HELIOS_TASK_BLOCKED_SEND);
		}
		KT_OK(helios_cspace_delete(rt_cspace, ep));
		for (int i = 0; i < 3; i++)
			KT_EQ(kt_join(&blocked[i]), HELIOS_ERR_DELETED);
	}
}
