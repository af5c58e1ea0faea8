// Test doubles for the other subsystems' hooks, and World (see fake_hooks.h).
#include "helios/kernel/tests/fake_hooks.h"

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>

extern "C" {
#include "helios/kernel/arch.h"
#include "helios/kernel/console.h"
#include "helios/kernel/irq.h"
#include "helios/kernel/kernel.h"
#include "helios/kernel/task.h"
#include "helios/kernel/vm/vm.h"
}

HookLog hooks;

void ResetHooks()
{
	hooks = HookLog();
}

extern "C" {

// A kernel panic in a host test is a failed invariant: print it and die (death tests
// match the message).
void panic(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "KERNEL PANIC: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	abort();
}

uint64_t task_object_size(void)
{
	return sizeof(FakeTask);
}

uint64_t endpoint_object_size(void)
{
	return kEndpointSize;
}

uint64_t notification_object_size(void)
{
	return kNotificationSize;
}

void task_init_object(struct task *)
{
	hooks.task_init++;
}

void task_finalize(struct task *t)
{
	hooks.task_finalize++;
	FakeTask *ft = reinterpret_cast<FakeTask *>(t);
	cap_delete(&ft->cspace_cap);
	cap_delete(&ft->reply_cap);
}

void endpoint_finalize(struct endpoint *e)
{
	hooks.endpoint_finalize++;
	hooks.finalized.push_back(reinterpret_cast<uintptr_t>(e));
}

void notification_finalize(struct notification *n)
{
	hooks.notification_finalize++;
	hooks.finalized.push_back(reinterpret_cast<uintptr_t>(n));
}

void reply_cap_deleted(struct cap *)
{
	hooks.reply_deleted++;
}

void reply_cap_moved(struct cap *dst)
{
	hooks.reply_moved++;
	hooks.last_reply_moved = dst;
}

void irq_handler_finalize(struct cap *)
{
	hooks.irq_finalize++;
}

struct cap *task_reply_slot(struct task *t)
{
	return &reinterpret_cast<FakeTask *>(t)->reply_cap;
}

int task_invoke(struct invocation *)
{
	return kTaskInvoked;
}

int irq_control_invoke(struct invocation *)
{
	return kIrqControlInvoked;
}

int irq_handler_invoke(struct invocation *)
{
	return kIrqHandlerInvoked;
}

int console_invoke(struct invocation *)
{
	return kConsoleInvoked;
}

// Address spaces (vm.h): tables and pages are one 4 KiB page each; nothing else can be retyped.
int vm_object_layout(unsigned type, uint64_t *size, uint64_t *align)
{
	switch (type) {
	case HELIOS_CAP_VSPACE:
	case HELIOS_CAP_PDPT:
	case HELIOS_CAP_PD:
	case HELIOS_CAP_PT:
	case HELIOS_CAP_PAGE:
		*size = HELIOS_PAGE_SIZE;
		*align = HELIOS_PAGE_SIZE;
		return HELIOS_OK;
	default:
		return HELIOS_ERR_INVALID_TYPE;
	}
}

void vm_object_init(unsigned, uintptr_t)
{
	hooks.vm_init++;
}

void vm_cap_deleted(struct cap *)
{
	hooks.vm_cap_deleted++;
}

void vm_object_finalize(struct cap *c)
{
	hooks.vm_finalize++;
	if (c->source)
		memory_free_deferred(c->source, c->object, HELIOS_PAGE_SIZE);
}

int vm_invoke(struct invocation *)
{
	return kArchInvoked;
}

int arch_io_invoke(struct invocation *)
{
	return kArchInvoked;
}

void arch_io_finalize(struct cap *) {}

} // extern "C"

World::World(uint64_t arena, uint32_t slots) : arena_size(arena)
{
	ResetHooks();
	arena_ = aligned_alloc(HELIOS_PAGE_SIZE, arena); // tests use whole pages
	memset(arena_, 0xa5, arena); // objects must be zeroed by retype, not by luck
	memory_init(&boot, reinterpret_cast<uintptr_t>(arena_), arena, nullptr);
	start_free = boot.free_bytes;

	uint64_t bytes = (cspace_object_size(slots) + MEMORY_GRAIN - 1) & ~(MEMORY_GRAIN - 1ull);
	cspace_mem_ = aligned_alloc(MEMORY_GRAIN, bytes);
	memset(cspace_mem_, 0, bytes);
	cs = static_cast<struct cspace *>(cspace_mem_);
	cspace_init(cs, slots);
	cap_create(&root_cap, HELIOS_CAP_CSPACE, HELIOS_RIGHTS_ALL,
		   reinterpret_cast<uintptr_t>(cs), 0, nullptr, nullptr);

	struct cap *slot;
	if (cspace_reserve(cs, kMemorySlot, &slot) != HELIOS_OK)
		abort();
	cap_create(slot, HELIOS_CAP_MEMORY, HELIOS_RIGHTS_ALL, reinterpret_cast<uintptr_t>(&boot),
		   0, nullptr, nullptr);
	if (cspace_reserve(cs, kSelfSlot, &slot) != HELIOS_OK)
		abort();
	cap_copy(slot, &root_cap, HELIOS_RIGHTS_ALL);
}

// Empties and destroys the root cspace (and so everything reachable only from it), then reaps, so
// no test leaves work queued for the next.
World::~World()
{
	deletion_begin();
	for (helios_caddr_t i = 1; i < cs->slot_count; i++)
		cap_delete(Slot(i));
	cap_delete(&root_cap);
	deletion_end();
	cap_delete(&caller.cspace_cap);
	cap_delete(&caller.reply_cap);
	reap();
	free(cspace_mem_);
	free(arena_);
}

int World::Invoke(helios_caddr_t caddr, uint64_t label, std::initializer_list<uint64_t> params)
{
	inv = {};
	inv.caller = reinterpret_cast<struct task *>(&caller);
	inv.cspace = cs;
	inv.cap = Slot(caddr);
	inv.label = label;
	for (uint64_t p : params)
		inv.params[inv.nparams++] = p;
	inv.nresults = 12345; // invoke() must set it
	return invoke(&inv);
}

int World::Retype(uint64_t type, uint64_t size, uint64_t count, uint64_t dest,
		  helios_caddr_t mem)
{
	return Invoke(mem, HELIOS_MEMORY_RETYPE, {type, size, count, dest});
}

helios_caddr_t World::Make(uint64_t type, uint64_t size, helios_caddr_t mem)
{
	if (Retype(type, size, 1, HELIOS_CADDR_UNDEF, mem) != HELIOS_OK)
		return 0;
	return static_cast<helios_caddr_t>(inv.results[0]);
}
