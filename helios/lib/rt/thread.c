/*
 * Threads (thread.h): a TASK sharing the program's cspace and vspace, started on a fresh
 * stack in a region of its own, with its own IPC buffer and a notification that says when it
 * is done.
 */
#include <stddef.h>
#include <stdint.h>

#include <helios/abi.h>

#include <helios/rt/invoke.h>
#include <helios/rt/mem.h>
#include <helios/rt/rt.h>
#include <helios/rt/syscall.h>
#include <helios/rt/thread.h>

#define GUARD_PAGES 1

static uint64_t regions[RT_THREAD_REGIONS / 64];

/* Takes a free region: its index, or -1 when every one is taken. */
static int region_alloc(void)
{
	for (int i = 0; i < RT_THREAD_REGIONS; i++) {
		uint64_t bit = 1ull << (i % 64);
		if (!(__atomic_fetch_or(&regions[i / 64], bit, __ATOMIC_ACQ_REL) & bit))
			return i;
	}
	return -1;
}

static void region_free(uint32_t i)
{
	__atomic_fetch_and(&regions[i / 64], ~(1ull << (i % 64)), __ATOMIC_ACQ_REL);
}

void rt_thread_regions_save(uint64_t bits[RT_THREAD_REGIONS / 64])
{
	for (int w = 0; w < RT_THREAD_REGIONS / 64; w++)
		bits[w] = __atomic_load_n(&regions[w], __ATOMIC_ACQUIRE);
}

void rt_thread_regions_restore(const uint64_t bits[RT_THREAD_REGIONS / 64])
{
	for (int w = 0; w < RT_THREAD_REGIONS / 64; w++)
		__atomic_fetch_and(&regions[w], bits[w], __ATOMIC_ACQ_REL);
}

uint64_t rt_thread_stack_top(const struct rt_thread *t)
{
	return t->base + RT_STACK_REGION - RT_TCB_RESERVE;
}

_Noreturn void rt_thread_exit(int result)
{
	struct rt_tcb *tcb = rt_tcb();
	struct rt_thread *t = tcb->thread;
	if (t) {
		t->result = result;
		__atomic_store_n(&t->finished, 1, __ATOMIC_RELEASE);
		helios_signal(t->done);
	}
	helios_task_suspend(tcb->task);
	for (;;) /* only without the right to suspend itself */
		helios_yield();
}

/* Where every thread starts (its first argument: its struct rt_thread), on its own stack. */
static _Noreturn void thread_main(struct rt_thread *t)
{
	rt_thread_exit(t->fn(t->arg));
}

/* Frees what rt_thread_create made so far (slots still UNDEF are skipped). */
static void undo(struct rt_thread *t)
{
	if (t->task != HELIOS_CADDR_UNDEF)
		rt_free(t->task);
	if (t->stack_pages != HELIOS_CADDR_UNDEF)
		rt_unmap_pages(t->stack_pages, RT_THREAD_STACK_PAGES);
	if (t->ipc_page != HELIOS_CADDR_UNDEF)
		rt_unmap_pages(t->ipc_page, 1);
	if (t->done != HELIOS_CADDR_UNDEF)
		rt_free(t->done);
	region_free(t->region);
	t->task = t->stack_pages = t->ipc_page = t->done = HELIOS_CADDR_UNDEF;
}

/* Writes the TCB at the top of the new stack and sets the first registers. */
static int prepare_start(struct rt_thread *t)
{
	uint64_t top = rt_thread_stack_top(t);
	struct rt_tcb *tcb = (struct rt_tcb *)top;
	*tcb = (struct rt_tcb){
		.ipc = (struct helios_ipc_buffer *)t->base,
		.task = t->task,
		.magic = RT_TCB_MAGIC,
		.thread = t,
	};
	/* As if thread_main(t) had been called on the stack below the TCB (fresh pages: a zero
	 * return address where the architecture keeps it on the stack). */
	struct helios_regs regs;
	rt_regs_init(&regs, (uint64_t)(uintptr_t)thread_main, top, (uint64_t)(uintptr_t)t);
	return helios_task_write_registers(t->task, &regs);
}

int rt_thread_create(struct rt_thread *t, int (*fn)(void *), void *arg, uint64_t priority,
		     helios_caddr_t fault_ep)
{
	int region = region_alloc();
	if (region < 0)
		return HELIOS_ERR_NOMEM;
	*t = (struct rt_thread){
		.task = HELIOS_CADDR_UNDEF,
		.ipc_page = HELIOS_CADDR_UNDEF,
		.stack_pages = HELIOS_CADDR_UNDEF,
		.done = HELIOS_CADDR_UNDEF,
		.region = (uint32_t)region,
		.base = RT_THREAD_AREA + (uint64_t)region * RT_STACK_REGION,
		.fn = fn,
		.arg = arg,
	};
	uint64_t rw = HELIOS_MAP_READ | HELIOS_MAP_WRITE;
	uint64_t stack = t->base + (1 + GUARD_PAGES) * HELIOS_PAGE_SIZE;
	int err = rt_alloc(HELIOS_CAP_TASK, 0, &t->task);
	if (!err)
		err = rt_alloc(HELIOS_CAP_NOTIFICATION, 0, &t->done);
	if (!err)
		err = rt_map_pages(t->base, 1, rw, &t->ipc_page);
	if (!err)
		err = rt_map_pages(stack, RT_THREAD_STACK_PAGES, rw, &t->stack_pages);
	if (!err)
		err = helios_task_configure(t->task, rt_cspace, rt_vspace, t->ipc_page, t->base,
					    fault_ep, priority);
	if (!err)
		err = prepare_start(t);
	if (err)
		undo(t);
	return err;
}

int rt_thread_start(struct rt_thread *t)
{
	return helios_task_resume(t->task);
}

int rt_thread_spawn(struct rt_thread *t, int (*fn)(void *), void *arg, uint64_t priority,
		    helios_caddr_t fault_ep)
{
	int err = rt_thread_create(t, fn, arg, priority, fault_ep);
	if (!err) {
		err = rt_thread_start(t);
		if (err)
			undo(t);
	}
	return err;
}

int rt_thread_join(struct rt_thread *t, int *result)
{
	while (!__atomic_load_n(&t->finished, __ATOMIC_ACQUIRE)) {
		int err = helios_wait(t->done, NULL);
		if (err)
			return err;
	}
	if (result)
		*result = t->result;
	return HELIOS_OK;
}

void rt_thread_destroy(struct rt_thread *t)
{
	undo(t);
}
