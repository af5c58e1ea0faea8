// Test doubles for the hooks the portable object code calls in other subsystems (tasks, IPC,
// IRQs, architecture), and World: boot memory plus a root cspace holding a memory capability,
// the state a task has when it invokes kernel objects.
#ifndef HELIOS_KERNEL_TESTS_FAKE_HOOKS_H
#define HELIOS_KERNEL_TESTS_FAKE_HOOKS_H

#include <cstdint>
#include <initializer_list>
#include <vector>

extern "C" {
#include "helios/kernel/cap.h"
#include "helios/kernel/cspace.h"
#include "helios/kernel/directmap.h"
#include "helios/kernel/invoke.h"
#include "helios/kernel/memory.h"
#include "helios/kernel/object.h"
}

// How often each hook ran, and with what.
struct HookLog {
	int task_init = 0;
	int task_finalize = 0;
	int endpoint_finalize = 0;
	int notification_finalize = 0;
	int reply_deleted = 0;
	int reply_moved = 0;
	int irq_finalize = 0;
	int vm_init = 0;
	int vm_cap_deleted = 0;
	int vm_finalize = 0;
	std::vector<uintptr_t> finalized; // objects of finalized endpoints and notifications
	struct cap *last_reply_moved = nullptr;
};
extern HookLog hooks;

// What the fake *_invoke functions return, to check invoke()'s dispatch.
enum FakeInvokeResult {
	kTaskInvoked = 1001,
	kIrqControlInvoked = 1002,
	kIrqHandlerInvoked = 1003,
	kConsoleInvoked = 1005,
	kArchInvoked = 1004,
};

// Object sizes the fakes report.
constexpr uint64_t kEndpointSize = 64;
constexpr uint64_t kNotificationSize = 64;

// The fake task object: task_finalize deletes the capabilities in its kernel slots, as the
// real one does; task_reply_slot is reply_cap.
struct FakeTask {
	struct cap cspace_cap;
	struct cap reply_cap;
	uint64_t pad[4];
};

constexpr helios_caddr_t kMemorySlot = 1; // World's memory capability
constexpr helios_caddr_t kSelfSlot = 2;   // World's capability to its own root cspace

class World {
public:
	// arena bytes of boot memory; the root cspace has `slots` slots (not in the arena).
	explicit World(uint64_t arena = 1 << 20, uint32_t slots = 256);
	~World();
	World(const World &) = delete;
	World &operator=(const World &) = delete;

	// Invokes the capability at caddr of the root cspace with label and parameters.
	int Invoke(helios_caddr_t caddr, uint64_t label, std::initializer_list<uint64_t> params);
	// MEMORY_RETYPE on the memory capability at mem.
	int Retype(uint64_t type, uint64_t size, uint64_t count, uint64_t dest,
		   helios_caddr_t mem = kMemorySlot);
	// A new object through MEMORY_RETYPE into the first free slot; returns its caddr.
	helios_caddr_t Make(uint64_t type, uint64_t size = 0, helios_caddr_t mem = kMemorySlot);
	struct cap *Slot(helios_caddr_t caddr) { return &cs->slots[caddr]; }
	struct cap *MemoryCap() { return Slot(kMemorySlot); }
	uint64_t FreeBytes() const { return boot.free_bytes; }
	uint64_t Largest() const { return memory_largest_free(&boot); }

	struct memory boot;          // boot memory (no parent) over the arena
	uint64_t arena_size;
	struct cspace *cs;           // the root cspace
	struct cap root_cap = {};    // kernel slot holding a cap to cs (like a task's cspace_cap)
	FakeTask caller = {};        // the invoking task
	struct invocation inv = {};  // the last invocation
	uint64_t start_free = 0;     // boot.free_bytes after set-up

private:
	void *arena_;
	void *cspace_mem_;
};

// Resets the hook log (World's constructor does it too).
void ResetHooks();

#endif
