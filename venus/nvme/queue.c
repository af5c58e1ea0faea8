/* Queue bookkeeping (queue.h). */
#include "venus/nvme/queue.h"

#include "venus/nvme/barrier.h"

void nvme_sq_init(struct nvme_sq *sq, volatile struct nvme_command *entries, uint16_t size)
{
	sq->entries = entries;
	sq->size = size;
	sq->tail = 0;
}

uint16_t nvme_sq_push(struct nvme_sq *sq, const struct nvme_command *cmd)
{
	volatile struct nvme_command *e = &sq->entries[sq->tail];
	e->cdw0 = cmd->cdw0;
	e->nsid = cmd->nsid;
	e->cdw2 = cmd->cdw2;
	e->cdw3 = cmd->cdw3;
	e->mptr = cmd->mptr;
	e->prp1 = cmd->prp1;
	e->prp2 = cmd->prp2;
	e->cdw10 = cmd->cdw10;
	e->cdw11 = cmd->cdw11;
	e->cdw12 = cmd->cdw12;
	e->cdw13 = cmd->cdw13;
	e->cdw14 = cmd->cdw14;
	e->cdw15 = cmd->cdw15;
	sq->tail = (uint16_t)((sq->tail + 1) % sq->size);
	/* The entry is in memory before the doorbell tells the controller to fetch it. */
	nvme_barrier_before_doorbell();
	return sq->tail;
}

void nvme_cq_init(struct nvme_cq *cq, volatile struct nvme_completion *entries, uint16_t size)
{
	cq->entries = entries;
	cq->size = size;
	cq->head = 0;
	cq->phase = 1;
}

bool nvme_cq_next(struct nvme_cq *cq, struct nvme_completion *out)
{
	volatile struct nvme_completion *e = &cq->entries[cq->head];
	uint16_t status = e->status;
	if (NVME_STATUS_PHASE(status) != cq->phase)
		return false;
	/* The rest of the entry is read only after its phase said it is complete. */
	nvme_barrier_after_phase();
	out->result = e->result;
	out->reserved = e->reserved;
	out->sq_head = e->sq_head;
	out->sq_id = e->sq_id;
	out->cid = e->cid;
	out->status = status;
	if (++cq->head == cq->size) {
		cq->head = 0;
		cq->phase ^= 1;
	}
	return true;
}

void nvme_slots_init(struct nvme_slots *s, uint16_t count)
{
	if (count < 1)
		count = 1;
	if (count > NVME_SLOTS_MAX)
		count = NVME_SLOTS_MAX;
	s->count = count;
	s->busy = 0;
}

bool nvme_slot_alloc(struct nvme_slots *s, uint16_t *cid)
{
	for (uint16_t i = 0; i < s->count; i++) {
		if (!(s->busy & (1ull << i))) {
			s->busy |= 1ull << i;
			*cid = i;
			return true;
		}
	}
	return false;
}

void nvme_slot_free(struct nvme_slots *s, uint16_t cid)
{
	if (cid < s->count)
		s->busy &= ~(1ull << cid);
}

bool nvme_slot_busy(const struct nvme_slots *s, uint16_t cid)
{
	return cid < s->count && (s->busy & (1ull << cid));
}

unsigned nvme_slots_in_flight(const struct nvme_slots *s)
{
	return (unsigned)__builtin_popcountll(s->busy);
}

enum nvme_completion_verdict nvme_completion_check(const struct nvme_slots *s, uint16_t sq_id,
						   uint16_t sq_size,
						   const struct nvme_completion *c)
{
	if (c->sq_id != sq_id)
		return NVME_COMPLETION_WRONG_QUEUE;
	if (c->sq_head >= sq_size)
		return NVME_COMPLETION_BAD_SQ_HEAD;
	if (c->cid >= s->count)
		return NVME_COMPLETION_BAD_CID;
	if (!nvme_slot_busy(s, c->cid))
		return NVME_COMPLETION_NOT_OUTSTANDING;
	if (NVME_STATUS_CODE(c->status) != 0 || NVME_STATUS_TYPE(c->status) != 0)
		return NVME_COMPLETION_FAILED;
	return NVME_COMPLETION_OK;
}

const char *nvme_completion_verdict_name(enum nvme_completion_verdict v)
{
	switch (v) {
	case NVME_COMPLETION_OK:
		return "ok";
	case NVME_COMPLETION_FAILED:
		return "failed";
	case NVME_COMPLETION_WRONG_QUEUE:
		return "wrong queue";
	case NVME_COMPLETION_BAD_CID:
		return "command id out of range";
	case NVME_COMPLETION_NOT_OUTSTANDING:
		return "command id not in flight";
	case NVME_COMPLETION_BAD_SQ_HEAD:
		return "submission queue head out of range";
	}
	return "?";
}
