/*
 * The driver's state, shared by the thread that serves venus.block (block.c: requests checked,
 * submitted, their reply capabilities kept) and the thread that takes completions
 * (completion.c: each checked and answered). The lock guards everything below it.
 */
#ifndef VENUS_NVME_DRIVER_H
#define VENUS_NVME_DRIVER_H

#include <stdbool.h>
#include <stdint.h>

#include <helios/abi.h>
#include <mercury/lock.h>

#include "venus/ipc/block.ipc.h"
#include "venus/nvme/controller.h"
#include "venus/nvme/prp.h"

#define NVME_BUFFERS_MAX 8

/* A client's attached pages: the driver's copies of their capabilities and their frames. */
struct nvme_buffer {
	bool used;
	unsigned count;
	helios_caddr_t pages[NVME_BUFFER_PAGES_MAX];
	uint64_t phys[NVME_BUFFER_PAGES_MAX];
};

/* A command in flight: the caller's reply capability, answered at its completion. */
struct nvme_pending {
	helios_caddr_t reply;
	uint8_t opcode;
};

struct nvme_driver {
	const char *name;
	helios_caddr_t irq, irq_wait;
	/* Where the next request's capabilities land (attach keeps them: fresh slots then). */
	helios_caddr_t recv_slots[HELIOS_MSG_MAX_CAPS];
	struct nvme_controller ctl;
	struct mercury_lock lock;
	struct nvme_slots slots; /* I/O command ids */
	struct nvme_pending pending[NVME_SLOTS_MAX];
	struct nvme_buffer buffers[NVME_BUFFERS_MAX];
	uint64_t ignored; /* completions that failed their checks */
};

extern const struct venus_block_server nvme_block_server;

/* Takes the I/O completion queue's entries at each interrupt, forever (a thread's body). */
int nvme_completion_thread(void *driver);

#endif
