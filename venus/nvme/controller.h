/*
 * The controller brought up: reset (CC.EN = 0, CSTS.RDY = 0), the admin queue, enable, Identify
 * controller and namespace 1, one I/O completion and submission queue pair (id 1, interrupts
 * on vector 0: the pin). Waits are bounded: there is no timer, so each polls at most
 * NVME_WAIT_POLLS times with a yield between polls and then gives up.
 */
#ifndef VENUS_NVME_CONTROLLER_H
#define VENUS_NVME_CONTROLLER_H

#include <stdint.h>

#include "venus/nvme/dma.h"
#include "venus/nvme/identify.h"
#include "venus/nvme/queue.h"
#include "venus/nvme/request.h"

#define NVME_WAIT_POLLS 200000u
#define NVME_ADMIN_ENTRIES 8
#define NVME_IO_ENTRIES_MAX 64 /* one page of submission entries */
#define NVME_IO_QUEUE 1
#define NVME_NAMESPACE 1
/* Each command id's PRP list, in the PRP page: NVME_PRP_LIST_MAX entries, 32 bytes. */
#define NVME_PRP_SLOT_BYTES 32

/* The DMA pages, in order. */
enum nvme_dma_page {
	NVME_PAGE_ADMIN_SQ,
	NVME_PAGE_ADMIN_CQ,
	NVME_PAGE_IO_SQ,
	NVME_PAGE_IO_CQ,
	NVME_PAGE_IDENTIFY,
	NVME_PAGE_PRP_LISTS,
	NVME_PAGE_COUNT,
};

struct nvme_controller {
	volatile uint32_t *regs;
	uint64_t regs_size;
	uint64_t cap;
	uint32_t doorbell_stride; /* bytes between doorbells */
	struct nvme_dma dma;
	struct nvme_sq admin_sq, io_sq;
	struct nvme_cq admin_cq, io_cq;
	struct nvme_slots admin_slots;
	uint16_t io_entries;
	uint32_t version;
	struct nvme_controller_info info;
	struct nvme_geometry geometry;
};

/* Brings the controller at regs (regs_size bytes of BAR 0) up. 0, or -1 after printing why
 * ("NAME: error: ..."). */
int nvme_controller_start(struct nvme_controller *c, const char *name, volatile uint32_t *regs,
			  uint64_t regs_size);

void nvme_ring_sq(struct nvme_controller *c, uint16_t qid, uint16_t tail);
void nvme_ring_cq(struct nvme_controller *c, uint16_t qid, uint16_t head);

/* Command id cid's PRP list: its address in the driver and for the controller. */
uint64_t *nvme_prp_list(struct nvme_controller *c, uint16_t cid);
uint64_t nvme_prp_list_phys(const struct nvme_controller *c, uint16_t cid);

#endif
