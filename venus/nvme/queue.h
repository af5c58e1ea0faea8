/*
 * Queue bookkeeping, pure C (host-tested): a submission queue's tail, a completion queue's
 * head and phase, the table of command ids in flight, and the checks every completion passes
 * before the driver believes it. The caller rings the doorbells and locks.
 */
#ifndef VENUS_NVME_QUEUE_H
#define VENUS_NVME_QUEUE_H

#include <stdbool.h>
#include <stdint.h>

#include "venus/nvme/nvme_spec.h"

/* Command ids are slot numbers: at most 64 in flight (one bit each). */
#define NVME_SLOTS_MAX 64

struct nvme_sq {
	volatile struct nvme_command *entries;
	uint16_t size; /* entries, 2 or more */
	uint16_t tail;
};

struct nvme_cq {
	volatile struct nvme_completion *entries;
	uint16_t size;
	uint16_t head;
	uint16_t phase; /* the phase a new entry carries: 1 on the first pass */
};

struct nvme_slots {
	uint16_t count; /* slots usable, at most NVME_SLOTS_MAX */
	uint64_t busy;  /* bit i: command id i is in flight */
};

void nvme_sq_init(struct nvme_sq *sq, volatile struct nvme_command *entries, uint16_t size);
/* Copies cmd in at the tail; the new tail (what the doorbell is told). The caller keeps at most
 * size - 1 commands in flight, so the queue never overflows whatever the controller fetched. */
uint16_t nvme_sq_push(struct nvme_sq *sq, const struct nvme_command *cmd);

void nvme_cq_init(struct nvme_cq *cq, volatile struct nvme_completion *entries, uint16_t size);
/* The entry at the head copied to *out and the head moved on (the phase flips at the end of
 * the queue) when its phase says it is new: true; false when there is none. */
bool nvme_cq_next(struct nvme_cq *cq, struct nvme_completion *out);

/* count slots (clamped to 1..NVME_SLOTS_MAX), none busy. */
void nvme_slots_init(struct nvme_slots *s, uint16_t count);
/* A free command id in *cid (now busy): true; false when all are in flight. */
bool nvme_slot_alloc(struct nvme_slots *s, uint16_t *cid);
void nvme_slot_free(struct nvme_slots *s, uint16_t cid);
bool nvme_slot_busy(const struct nvme_slots *s, uint16_t cid);
unsigned nvme_slots_in_flight(const struct nvme_slots *s);

/* What a completion entry says, checked. */
enum nvme_completion_verdict {
	NVME_COMPLETION_OK,              /* a command in flight, done */
	NVME_COMPLETION_FAILED,          /* a command in flight, with an error status */
	NVME_COMPLETION_WRONG_QUEUE,     /* not for this submission queue: ignored */
	NVME_COMPLETION_BAD_CID,         /* a command id beyond the slots: ignored */
	NVME_COMPLETION_NOT_OUTSTANDING, /* a command id not in flight (a duplicate): ignored */
	NVME_COMPLETION_BAD_SQ_HEAD,     /* a submission queue head beyond the queue: ignored */
};
enum nvme_completion_verdict nvme_completion_check(const struct nvme_slots *s, uint16_t sq_id,
						   uint16_t sq_size,
						   const struct nvme_completion *c);
const char *nvme_completion_verdict_name(enum nvme_completion_verdict v);

#endif
