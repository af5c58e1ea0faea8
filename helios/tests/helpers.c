/*
 * Helpers for tests (ktest.h): objects and threads that fail the test when they cannot be
 * had, and supervised threads whose faults the test itself receives.
 */
#include <stddef.h>
#include <stdint.h>

#include <qemu/exit.h>

#include "helios/tests/ktest.h"

helios_caddr_t kt_slot(void)
{
	helios_caddr_t s = rt_slot_alloc();
	if (s == HELIOS_CADDR_UNDEF)
		KT_FAIL("no free slot");
	return s;
}

helios_caddr_t kt_object(uint64_t type, uint64_t size)
{
	helios_caddr_t s;
	int err = rt_alloc(type, size, &s);
	if (err)
		KT_FAIL("allocating a %s: %s", rt_cap_type_name(type), rt_strerror(err));
	return s;
}

helios_caddr_t kt_endpoint(void)
{
	return kt_object(HELIOS_CAP_ENDPOINT, 0);
}

helios_caddr_t kt_notification(void)
{
	return kt_object(HELIOS_CAP_NOTIFICATION, 0);
}

helios_caddr_t kt_copy(helios_caddr_t src, uint64_t rights)
{
	helios_caddr_t s = kt_slot();
	KT_OK(helios_cspace_copy(rt_cspace, s, rt_cspace, src, rights, NULL));
	return s;
}

helios_caddr_t kt_mint(helios_caddr_t src, uint64_t rights, uint64_t badge)
{
	helios_caddr_t s = kt_slot();
	KT_OK(helios_cspace_mint(rt_cspace, s, rt_cspace, src, rights, badge, NULL));
	return s;
}

unsigned kt_type(helios_caddr_t slot)
{
	unsigned type = HELIOS_CAP_NULL;
	helios_identify(slot, &type, NULL);
	return type;
}

helios_caddr_t kt_map(uint64_t vaddr, uint32_t count)
{
	helios_caddr_t first;
	int err = rt_map_pages(vaddr, count, HELIOS_MAP_READ | HELIOS_MAP_WRITE, &first);
	if (err)
		KT_FAIL("mapping %u pages at %#llx: %s", count, (unsigned long long)vaddr,
			rt_strerror(err));
	return first;
}

helios_caddr_t kt_big_memory(void)
{
	helios_caddr_t best = rt_memory.first;
	uint64_t most = 0;
	for (uint32_t i = 0; i < rt_memory.count; i++) {
		struct helios_memory_info info;
		if (helios_memory_info(rt_memory.first + i, &info) == HELIOS_OK &&
		    info.free > most) {
			most = info.free;
			best = rt_memory.first + i;
		}
	}
	return best;
}

helios_caddr_t kt_memory(uint64_t bytes)
{
	return kt_object(HELIOS_CAP_MEMORY, bytes);
}

uint64_t kt_free(helios_caddr_t mem)
{
	struct helios_memory_info info;
	KT_OK(helios_memory_info(mem, &info));
	return info.free;
}

void kt_create(struct rt_thread *t, int (*fn)(void *), void *arg, uint64_t priority)
{
	int err = rt_thread_create(t, fn, arg, priority, kt_report_ep);
	if (err)
		KT_FAIL("creating a thread: %s", rt_strerror(err));
}

void kt_spawn(struct rt_thread *t, int (*fn)(void *), void *arg, uint64_t priority)
{
	kt_create(t, fn, arg, priority);
	KT_OK(rt_thread_start(t));
}

int kt_join(struct rt_thread *t)
{
	int result = 0;
	KT_OK(rt_thread_join(t, &result));
	return result;
}

uint64_t kt_state(helios_caddr_t task)
{
	uint64_t state = 0;
	KT_OK(helios_task_info(task, &state, NULL));
	return state;
}

uint64_t kt_priority(helios_caddr_t task)
{
	uint64_t priority = 0;
	KT_OK(helios_task_info(task, NULL, &priority));
	return priority;
}

void kt_wait_state(helios_caddr_t task, uint64_t state)
{
	for (int i = 0; i < 10000; i++) {
		if (kt_state(task) == state)
			return;
		helios_yield();
	}
	KT_FAIL("task state stayed %llu, expected %llu", (unsigned long long)kt_state(task),
		(unsigned long long)state);
}

void kt_yield(unsigned n)
{
	while (n--)
		helios_yield();
}

void kt_sup_start(struct kt_sup *s, int (*fn)(void *), void *arg)
{
	s->ep = kt_endpoint();
	int err = rt_thread_spawn(&s->thread, fn, arg, KT_PRIORITY, s->ep);
	if (err)
		KT_FAIL("creating a supervised thread: %s", rt_strerror(err));
}

int kt_sup_wait(struct kt_sup *s)
{
	struct helios_ipc_buffer *ipc = rt_ipc_buffer();
	for (;;) {
		ipc->poll[0] = (struct helios_poll_item){ s->ep, HELIOS_POLL_RECV, 0 };
		ipc->poll[1] = (struct helios_poll_item){ s->thread.done, HELIOS_POLL_RECV, 0 };
		unsigned ready;
		KT_OK(helios_poll(2, &ready));
		struct helios_msg m;
		if (ipc->poll[0].ready && helios_nbrecv(s->ep, &m) == HELIOS_OK) {
			s->fault = (struct kt_fault){
				.label = helios_tag_label(m.tag),
				.type = m.p[HELIOS_FAULT_TYPE],
				.addr = m.p[HELIOS_FAULT_ADDR],
				.ip = m.p[HELIOS_FAULT_IP],
				.code = m.p[HELIOS_FAULT_CODE],
				.vector = ipc->params[HELIOS_FAULT_VECTOR],
			};
			KT_EQ(s->fault.label, HELIOS_FAULT_LABEL);
			return 1;
		}
		if (ipc->poll[1].ready) {
			kt_join(&s->thread);
			return 0;
		}
	}
}

void kt_sup_resume(struct kt_sup *s)
{
	(void)s;
	struct helios_msg m = { .tag = helios_tag(0, 0, 0) };
	KT_OK(helios_reply(&m));
}

static int probe_read(void *arg)
{
	return *(volatile uint8_t *)arg;
}

static int probe_write(void *arg)
{
	*(volatile uint8_t *)arg = 0x5a;
	return 0;
}

/* Runs fn in a supervised thread: the fault type, or 0. The thread is destroyed after. */
static uint64_t probe(int (*fn)(void *), uint64_t vaddr)
{
	struct kt_sup s;
	kt_sup_start(&s, fn, (void *)(uintptr_t)vaddr);
	uint64_t type = kt_sup_wait(&s) ? s.fault.type : 0;
	rt_thread_destroy(&s.thread);
	rt_free(s.ep);
	return type;
}

uint64_t kt_probe_read(uint64_t vaddr)
{
	return probe(probe_read, vaddr);
}

uint64_t kt_probe_write(uint64_t vaddr)
{
	return probe(probe_write, vaddr);
}

struct kt_fault kt_expect_fault(struct kt_sup *s, int (*fn)(void *), void *arg, uint64_t type,
				uint64_t vector)
{
	kt_sup_start(s, fn, arg);
	KT_EQ(kt_sup_wait(s), 1);
	KT_EQ(s->fault.type, type);
	KT_EQ(s->fault.vector, vector);
	KT_EQ(kt_state(s->thread.task), HELIOS_TASK_BLOCKED_REPLY);
	return s->fault;
}

void kt_leave_qemu(int failed)
{
	int err = qemu_exit(failed ? 1 : 0);
	rt_printf("ktest: could not leave QEMU: %s\n", rt_strerror((uint64_t)err));
}

void kt_spin_ms(uint64_t ms)
{
	uint64_t start = kt_counter(), ticks = ms * kt_counter_per_ms();
	while (kt_counter() - start < ticks)
		kt_relax();
}

helios_caddr_t kt_device_memory(uint64_t phys, uint64_t *offset)
{
	helios_caddr_t dev = rt_device_memory_find(phys, offset);
	if (dev == HELIOS_CADDR_UNDEF)
		KT_FAIL("no device memory capability covers %#llx", (unsigned long long)phys);
	return dev;
}

helios_caddr_t kt_map_device(uint64_t phys, uint64_t vaddr)
{
	uint64_t offset;
	helios_caddr_t dev = kt_device_memory(phys, &offset), page = kt_slot();
	KT_OK(helios_device_memory_retype(dev, HELIOS_CAP_PAGE, 0, 1, page, offset, NULL));
	KT_OK(rt_map(rt_vspace, page, vaddr, HELIOS_MAP_READ | HELIOS_MAP_WRITE));
	return page;
}

int kt_return_arg(void *arg)
{
	return (int)(uintptr_t)arg;
}
