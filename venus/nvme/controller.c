/* The controller brought up (controller.h). */
#include "venus/nvme/controller.h"

#include <stdbool.h>

#include <helios/rt/print.h>
#include <helios/rt/syscall.h>

#include "venus/nvme/barrier.h"
#include "venus/nvme/nvme_spec.h"

static uint32_t reg_read(struct nvme_controller *c, unsigned offset)
{
	return c->regs[offset / 4];
}

static void reg_write(struct nvme_controller *c, unsigned offset, uint32_t value)
{
	c->regs[offset / 4] = value;
}

/* 64-bit registers as two 32-bit accesses, low half first. */
static uint64_t reg_read64(struct nvme_controller *c, unsigned offset)
{
	uint64_t low = reg_read(c, offset);
	return low | (uint64_t)reg_read(c, offset + 4) << 32;
}

static void reg_write64(struct nvme_controller *c, unsigned offset, uint64_t value)
{
	reg_write(c, offset, (uint32_t)value);
	reg_write(c, offset + 4, (uint32_t)(value >> 32));
}

static uint64_t doorbell_offset(const struct nvme_controller *c, uint16_t qid, bool completion)
{
	return NVME_REG_DOORBELLS + (2ull * qid + completion) * c->doorbell_stride;
}

void nvme_ring_sq(struct nvme_controller *c, uint16_t qid, uint16_t tail)
{
	reg_write(c, (unsigned)doorbell_offset(c, qid, false), tail);
}

void nvme_ring_cq(struct nvme_controller *c, uint16_t qid, uint16_t head)
{
	reg_write(c, (unsigned)doorbell_offset(c, qid, true), head);
}

uint64_t *nvme_prp_list(struct nvme_controller *c, uint16_t cid)
{
	return (uint64_t *)((uint8_t *)nvme_dma_page(&c->dma, NVME_PAGE_PRP_LISTS) +
			    (uint32_t)cid * NVME_PRP_SLOT_BYTES);
}

uint64_t nvme_prp_list_phys(const struct nvme_controller *c, uint16_t cid)
{
	return c->dma.phys[NVME_PAGE_PRP_LISTS] + (uint32_t)cid * NVME_PRP_SLOT_BYTES;
}

/* Waits until CSTS.RDY is `ready`, bounded; false when it never is or the controller reports
 * a fatal error. */
static bool wait_ready(struct nvme_controller *c, uint32_t ready)
{
	for (unsigned i = 0; i < NVME_WAIT_POLLS; i++) {
		uint32_t csts = reg_read(c, NVME_REG_CSTS);
		if (csts == 0xffffffffu || (ready && (csts & NVME_CSTS_CFS)))
			return false;
		if ((csts & NVME_CSTS_RDY) == ready)
			return true;
		helios_yield();
	}
	return false;
}

/* One admin command, answered before it returns (polled, bounded). 0, or -1 after saying why. */
static int admin_command(struct nvme_controller *c, const char *name, const char *what,
			 struct nvme_command *cmd)
{
	uint16_t cid = 0;
	if (!nvme_slot_alloc(&c->admin_slots, &cid)) {
		rt_printf("%s: error: %s: admin command id in use\n", name, what);
		return -1;
	}
	cmd->cdw0 |= (uint32_t)cid << 16;
	nvme_ring_sq(c, 0, nvme_sq_push(&c->admin_sq, cmd));
	for (unsigned i = 0; i < NVME_WAIT_POLLS; i++) {
		struct nvme_completion done;
		if (!nvme_cq_next(&c->admin_cq, &done)) {
			helios_yield();
			continue;
		}
		nvme_ring_cq(c, 0, c->admin_cq.head);
		enum nvme_completion_verdict v =
			nvme_completion_check(&c->admin_slots, 0, c->admin_sq.size, &done);
		if (v != NVME_COMPLETION_OK && v != NVME_COMPLETION_FAILED) {
			rt_printf("%s: %s: completion ignored: %s\n", name, what,
				  nvme_completion_verdict_name(v));
			continue;
		}
		nvme_slot_free(&c->admin_slots, cid);
		if (v == NVME_COMPLETION_OK)
			return 0;
		rt_printf("%s: error: %s: status type %u code 0x%x\n", name, what,
			  NVME_STATUS_TYPE(done.status), NVME_STATUS_CODE(done.status));
		return -1;
	}
	/* The id stays in use: a late completion for it is not taken for the next command's. */
	rt_printf("%s: error: %s: no completion\n", name, what);
	return -1;
}

static int identify(struct nvme_controller *c, const char *name, uint32_t cns, uint32_t nsid)
{
	struct nvme_command cmd = {
		.cdw0 = NVME_CDW0(NVME_ADMIN_IDENTIFY, 0),
		.nsid = nsid,
		.prp1 = c->dma.phys[NVME_PAGE_IDENTIFY],
		.cdw10 = cns,
	};
	return admin_command(c, name, cns == NVME_IDENTIFY_CONTROLLER ? "identify controller"
								      : "identify namespace",
			     &cmd);
}

static int create_io_queues(struct nvme_controller *c, const char *name)
{
	uint32_t size_and_id = (uint32_t)(c->io_entries - 1) << 16 | NVME_IO_QUEUE;
	/* Physically contiguous (one page), interrupts enabled on vector 0. */
	struct nvme_command cq = {
		.cdw0 = NVME_CDW0(NVME_ADMIN_CREATE_CQ, 0),
		.prp1 = c->dma.phys[NVME_PAGE_IO_CQ],
		.cdw10 = size_and_id,
		.cdw11 = 1u << 1 | 1u,
	};
	if (admin_command(c, name, "create I/O completion queue", &cq))
		return -1;
	struct nvme_command sq = {
		.cdw0 = NVME_CDW0(NVME_ADMIN_CREATE_SQ, 0),
		.prp1 = c->dma.phys[NVME_PAGE_IO_SQ],
		.cdw10 = size_and_id,
		.cdw11 = (uint32_t)NVME_IO_QUEUE << 16 | 1u,
	};
	if (admin_command(c, name, "create I/O submission queue", &sq))
		return -1;
	nvme_sq_init(&c->io_sq, nvme_dma_page(&c->dma, NVME_PAGE_IO_SQ), c->io_entries);
	nvme_cq_init(&c->io_cq, nvme_dma_page(&c->dma, NVME_PAGE_IO_CQ), c->io_entries);
	return 0;
}

/* Reset, the admin queue, enable. */
static int enable(struct nvme_controller *c, const char *name)
{
	c->cap = reg_read64(c, NVME_REG_CAP);
	c->version = reg_read(c, NVME_REG_VS);
	c->doorbell_stride = 4u << NVME_CAP_DSTRD(c->cap);
	uint32_t max_entries = NVME_CAP_MQES(c->cap) + 1;
	if (!NVME_CAP_CSS_NVM(c->cap) || NVME_CAP_MPSMIN(c->cap) != 0 || max_entries < 2) {
		rt_printf("%s: error: unusable controller: CAP 0x%lx\n", name, c->cap);
		return -1;
	}
	if (doorbell_offset(c, NVME_IO_QUEUE, true) + 4 > c->regs_size) {
		rt_printf("%s: error: doorbells beyond BAR 0 (%lu bytes)\n", name, c->regs_size);
		return -1;
	}
	c->io_entries = (uint16_t)(max_entries < NVME_IO_ENTRIES_MAX ? max_entries
								       : NVME_IO_ENTRIES_MAX);
	uint16_t admin_entries = (uint16_t)(max_entries < NVME_ADMIN_ENTRIES ? max_entries
									    : NVME_ADMIN_ENTRIES);
	/* Whatever ran before (firmware, a driver that died) is stopped first. */
	reg_write(c, NVME_REG_CC, 0);
	if (!wait_ready(c, 0)) {
		rt_printf("%s: error: controller did not reset (CSTS 0x%x)\n", name,
			  reg_read(c, NVME_REG_CSTS));
		return -1;
	}
	nvme_sq_init(&c->admin_sq, nvme_dma_page(&c->dma, NVME_PAGE_ADMIN_SQ), admin_entries);
	nvme_cq_init(&c->admin_cq, nvme_dma_page(&c->dma, NVME_PAGE_ADMIN_CQ), admin_entries);
	nvme_slots_init(&c->admin_slots, 1);
	reg_write(c, NVME_REG_AQA, (uint32_t)(admin_entries - 1) << 16 | (uint32_t)(admin_entries - 1));
	reg_write64(c, NVME_REG_ASQ, c->dma.phys[NVME_PAGE_ADMIN_SQ]);
	reg_write64(c, NVME_REG_ACQ, c->dma.phys[NVME_PAGE_ADMIN_CQ]);
	nvme_barrier_before_doorbell();
	reg_write(c, NVME_REG_CC, NVME_CC_EN | NVME_CC_CSS_NVM | NVME_CC_MPS_4K | NVME_CC_IOSQES |
					  NVME_CC_IOCQES);
	if (!wait_ready(c, NVME_CSTS_RDY)) {
		rt_printf("%s: error: controller did not become ready (CSTS 0x%x)\n", name,
			  reg_read(c, NVME_REG_CSTS));
		return -1;
	}
	/* The pin's interrupt (vector 0) unmasked. */
	reg_write(c, NVME_REG_INTMC, 1);
	return 0;
}

int nvme_controller_start(struct nvme_controller *c, const char *name, volatile uint32_t *regs,
			  uint64_t regs_size)
{
	c->regs = regs;
	c->regs_size = regs_size;
	int err = nvme_dma_alloc(NVME_PAGE_COUNT, &c->dma);
	if (err) {
		rt_printf("%s: error: no DMA memory: %s\n", name, rt_strerror((uint64_t)err));
		return -1;
	}
	if (enable(c, name))
		return -1;
	const uint8_t *data = nvme_dma_page(&c->dma, NVME_PAGE_IDENTIFY);
	if (identify(c, name, NVME_IDENTIFY_CONTROLLER, 0))
		return -1;
	nvme_identify_controller_parse(data, &c->info);
	if (c->info.namespaces < NVME_NAMESPACE) {
		rt_printf("%s: error: no namespace %u\n", name, NVME_NAMESPACE);
		return -1;
	}
	if (identify(c, name, NVME_IDENTIFY_NAMESPACE, NVME_NAMESPACE))
		return -1;
	enum nvme_identify_error bad = nvme_identify_namespace_parse(
		data, c->info.mdts, NVME_CAP_MPSMIN(c->cap), &c->geometry);
	if (bad) {
		rt_printf("%s: error: namespace %u: %s\n", name, NVME_NAMESPACE,
			  nvme_identify_error_name(bad));
		return -1;
	}
	return create_io_queues(c, name);
}
