/*
 * Random syscalls: a task confined to a small cspace of its own (a sandbox holding its own
 * cspace, memory, an endpoint, a notification, tables, pages, a vspace and a spare task)
 * issues thousands of syscalls and invocations with random numbers, labels, tags and
 * parameters. Nothing may crash or hang the kernel, the sandbox may not reach anything
 * outside itself, and the runner's leak check proves that tearing the sandbox down gives every
 * byte back. Only syscalls that cannot block are used, so the task keeps running; the random
 * generator is seeded, so a failure repeats.
 */
#include "helios/tests/ktest.h"

#define FUZZ_SLOTS 48
#define FUZZ_CALLS 6000

/* Every kernel method, so most invocations reach a decoder rather than INVALID_METHOD. */
static const uint64_t methods[] = {
	HELIOS_MEMORY_RETYPE, HELIOS_MEMORY_INFO, HELIOS_DEVICE_MEMORY_RETYPE,
	HELIOS_DEVICE_MEMORY_INFO, HELIOS_CSPACE_COPY, HELIOS_CSPACE_MINT, HELIOS_CSPACE_MOVE,
	HELIOS_CSPACE_DELETE, HELIOS_CSPACE_REVOKE, HELIOS_CSPACE_SAVE_REPLY, HELIOS_CSPACE_INFO,
	HELIOS_PDPT_MAP, HELIOS_PDPT_UNMAP, HELIOS_PD_MAP, HELIOS_PD_UNMAP, HELIOS_PT_MAP,
	HELIOS_PT_UNMAP, HELIOS_PAGE_MAP, HELIOS_PAGE_UNMAP, HELIOS_PAGE_INFO,
	HELIOS_ASID_CONTROL_MAKE_POOL, HELIOS_ASID_POOL_ASSIGN, HELIOS_TASK_CONFIGURE,
	HELIOS_TASK_SET_SPACE, HELIOS_TASK_SET_IPC_BUFFER, HELIOS_TASK_SET_FAULT_ENDPOINT,
	HELIOS_TASK_SET_PRIORITY, HELIOS_TASK_READ_REGISTERS, HELIOS_TASK_INFO,
	HELIOS_TASK_SUSPEND, HELIOS_IO_PORT_IN8, HELIOS_IRQ_HANDLER_ACK,
};

/* Syscalls that never block. */
static const uint64_t syscalls[] = {
	HELIOS_SYS_IDENTIFY, HELIOS_SYS_NBSEND, HELIOS_SYS_NBSEND, HELIOS_SYS_NBSEND,
	HELIOS_SYS_NBRECV, HELIOS_SYS_REPLY, HELIOS_SYS_SIGNAL, HELIOS_SYS_NBWAIT,
	HELIOS_SYS_YIELD, HELIOS_SYSCALL_COUNT, 0x7fffffffffffffffull,
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static uint64_t xorshift(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* A parameter: usually something plausible (a slot, a type, a small size, an aligned
 * address), sometimes an edge (0, all ones, the top of user space), sometimes anything. */
static uint64_t fuzz_value(uint64_t *s)
{
	uint64_t r = xorshift(s);
	switch (r % 8) {
	case 0:
	case 1:
		return (r >> 8) % FUZZ_SLOTS;
	case 2:
		return (r >> 8) % HELIOS_CAP_TYPE_COUNT;
	case 3:
		return ((r >> 8) % 64) * HELIOS_PAGE_SIZE;
	case 4:
		return KT_SCRATCH + ((r >> 8) % 1024) * HELIOS_PAGE_SIZE;
	case 5: {
		static const uint64_t edges[] = { 0, 1, HELIOS_CADDR_UNDEF, ~0ull, HELIOS_USER_TOP,
						  1ull << 47, 4096, 7 };
		return edges[(r >> 8) % COUNT(edges)];
	}
	default:
		return xorshift(s);
	}
}

struct fuzz {
	uint64_t seed;
	volatile uint64_t calls;
};

static int fuzz_thread(void *arg)
{
	struct fuzz *f = arg;
	uint64_t s = f->seed;
	struct helios_ipc_buffer *buf = rt_ipc_buffer();
	for (;;) {
		struct helios_msg m = { 0 };
		uint64_t r = xorshift(&s);
		uint64_t label = r % 5 ? methods[(r >> 8) % COUNT(methods)] : fuzz_value(&s);
		unsigned params = (unsigned)((r >> 16) % 9), caps = (r >> 24) % 8 == 0;
		m.tag = helios_tag(label & HELIOS_LABEL_MAX, params, caps);
		if ((r >> 32) % 16 == 0)
			m.tag |= 1ull << 12; /* a reserved bit */
		for (unsigned i = 0; i < HELIOS_MSG_REG_PARAMS; i++)
			m.p[i] = fuzz_value(&s);
		for (unsigned i = HELIOS_MSG_REG_PARAMS; i < 8; i++)
			buf->params[i] = fuzz_value(&s);
		buf->caps[0] = (helios_caddr_t)fuzz_value(&s);
		buf->recv_slots[0] = HELIOS_CADDR_UNDEF;
		helios_syscall(syscalls[(r >> 40) % COUNT(syscalls)], fuzz_value(&s), &m);
		f->calls++;
	}
	return 0;
}

/* Copies a capability of the program's cspace into the sandbox at `slot`. */
static void give(helios_caddr_t sandbox, helios_caddr_t slot, helios_caddr_t cap)
{
	KT_OK(helios_cspace_copy(sandbox, slot, rt_cspace, cap, HELIOS_RIGHTS_ALL, NULL));
}

/* Builds a sandbox and lets a fuzzing task loose in it until it has made `calls` syscalls. */
static void fuzz_run(uint64_t seed, uint64_t calls)
{
	helios_caddr_t sandbox = kt_object(HELIOS_CAP_CSPACE, FUZZ_SLOTS);
	helios_caddr_t spare_task = kt_object(HELIOS_CAP_TASK, 0);
	helios_caddr_t slot = 1;
	give(sandbox, slot++, sandbox);
	give(sandbox, slot++, kt_memory(64 * 1024));
	give(sandbox, slot++, kt_endpoint());
	give(sandbox, slot++, kt_notification());
	give(sandbox, slot++, kt_object(HELIOS_CAP_VSPACE, 0));
	give(sandbox, slot++, kt_object(HELIOS_CAP_PDPT, 0));
	give(sandbox, slot++, kt_object(HELIOS_CAP_PD, 0));
	give(sandbox, slot++, kt_object(HELIOS_CAP_PT, 0));
	give(sandbox, slot++, kt_object(HELIOS_CAP_PAGE, 0));
	give(sandbox, slot++, kt_object(HELIOS_CAP_PAGE, 0));
	give(sandbox, slot++, spare_task);
	/* The spare task's faults go nowhere it can escape from: the sandbox's endpoint. */
	KT_OK(helios_task_set_fault_endpoint(spare_task, kt_endpoint()));

	struct fuzz f = { .seed = seed };
	struct rt_thread t;
	kt_create(&t, fuzz_thread, &f, KT_PRIORITY);
	/* Its own cspace is the sandbox; it shares the program's vspace for its code. */
	KT_OK(helios_task_set_space(t.task, sandbox, rt_vspace));
	KT_OK(rt_thread_start(&t));
	for (unsigned tries = 0; f.calls < calls; tries++) {
		if (tries > 200000)
			KT_FAIL("the fuzzing task made only %llu syscalls",
				(unsigned long long)f.calls);
		helios_yield();
	}
	KT_OK(helios_task_suspend(t.task));
	/* The kernel still answers, and the sandbox's own cspace is still a cspace. */
	KT_EQ(kt_type(sandbox), HELIOS_CAP_CSPACE);
	/*
	 * Empty the sandbox: it holds capabilities to itself (slot 1 and whatever copies the
	 * fuzzer made), a cycle that would keep it alive after the runner deletes its own
	 * capability. Then the leak check sees whether everything else came back.
	 */
	for (helios_caddr_t i = 1; i < FUZZ_SLOTS; i++) {
		int err = helios_cspace_delete(sandbox, i);
		KT_CHECK(err == HELIOS_OK || err == HELIOS_ERR_INVALID_CSLOT);
	}
}

KTEST(fuzz_random_syscalls_seed_1)
{
	fuzz_run(0x9e3779b97f4a7c15ull, FUZZ_CALLS);
}

KTEST(fuzz_random_syscalls_seed_2)
{
	fuzz_run(0xd1b54a32d192ed03ull, FUZZ_CALLS);
}

KTEST(fuzz_random_syscalls_seed_3)
{
	fuzz_run(0x2545f4914f6cdd1dull, FUZZ_CALLS);
}
