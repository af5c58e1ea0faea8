/*
 * Completions taken (driver.h): at each interrupt every new entry of the I/O completion queue
 * is checked (queue.h: queue, command id in range and in flight, status) and its caller
 * answered; an entry that fails the checks is counted and logged, never believed. The line is
 * level-triggered: the controller lowers it when the head doorbell says all was taken, and
 * only then is it acknowledged at the kernel.
 */
#include <helios/rt/invoke.h>
#include <helios/rt/print.h>
#include <helios/rt/syscall.h>
#include <mercury/abort.h>

#include "venus/nvme/driver.h"

static void answer(struct nvme_driver *d, uint16_t cid, int status)
{
	struct nvme_pending *p = &d->pending[cid];
	/* A caller that left meanwhile makes the send fail: nothing to do about it. */
	if (p->opcode == NVME_CMD_READ)
		venus_block_read_reply(p->reply, status);
	else if (p->opcode == NVME_CMD_WRITE)
		venus_block_write_reply(p->reply, status);
	else
		venus_block_flush_reply(p->reply, status);
	p->reply = HELIOS_CADDR_UNDEF;
	nvme_slot_free(&d->slots, cid);
}

/* Every new completion taken; the lock held. */
static void drain(struct nvme_driver *d)
{
	struct nvme_controller *c = &d->ctl;
	struct nvme_completion done;
	unsigned taken = 0;
	/* At most a queue's worth a wake: a device that keeps writing entries cannot keep this
	 * thread here; what is left raises the line again. */
	while (taken < c->io_cq.size && nvme_cq_next(&c->io_cq, &done)) {
		taken++;
		enum nvme_completion_verdict v =
			nvme_completion_check(&d->slots, NVME_IO_QUEUE, c->io_sq.size, &done);
		if (v == NVME_COMPLETION_OK) {
			answer(d, done.cid, HELIOS_OK);
		} else if (v == NVME_COMPLETION_FAILED) {
			rt_printf("%s: command %u: status type %u code 0x%x\n", d->name, done.cid,
				  NVME_STATUS_TYPE(done.status), NVME_STATUS_CODE(done.status));
			answer(d, done.cid, VENUS_BLOCK_ERROR_IO_ERROR);
		} else {
			d->ignored++;
			rt_printf("%s: completion ignored (%lu so far): %s\n", d->name, d->ignored,
				  nvme_completion_verdict_name(v));
		}
	}
	if (taken)
		nvme_ring_cq(c, NVME_IO_QUEUE, c->io_cq.head);
}

int nvme_completion_thread(void *driver)
{
	struct nvme_driver *d = driver;
	for (;;) {
		/* Without this thread no request is ever answered: the program ends, to be
		 * restarted, rather than leave its callers waiting. */
		int err = helios_wait(d->irq_wait, NULL);
		if (err)
			mercury_abort("interrupt wait: %s", rt_strerror((uint64_t)err));
		/* The line may be shared: a wake with nothing new is another device's. */
		mercury_lock(&d->lock);
		drain(d);
		mercury_unlock(&d->lock);
		if ((err = helios_irq_handler_ack(d->irq)))
			mercury_abort("interrupt ack: %s", rt_strerror((uint64_t)err));
	}
}
