/*
 * Fault delivery: a thread in an address space of its own executes an instruction that
 * faults; its supervisor receives the fault message on the thread's fault endpoint, moves it
 * past the instruction (TASK_READ/WRITE_REGISTERS, not measured) and replies, and the thread
 * goes on. Stamps: the thread just before the instruction and just after it, the supervisor
 * just after its receive returns and just before REPLYRECV.
 */
#include <stddef.h>
#include <stdint.h>

#include <helios/rt/invoke.h>
#include <helios/rt/mem.h>
#include <helios/rt/regs.h>
#include <helios/rt/syscall.h>

#include "bench.h"

static int faulter(void *arg)
{
	(void)arg;
	uint32_t n = bench_iterations();
	for (uint32_t i = 0; i < n; i++) {
		uint64_t t = bench_stamp();
		bench_a.start[i] = t;
		bench_fault();
		t = bench_stamp();
		bench_b.end[i] = t;
	}
	return HELIOS_OK;
}

/* Moves the faulting thread past the instruction it faulted on. */
static int skip_instruction(helios_caddr_t task)
{
	struct helios_regs r;
	int err = helios_task_read_registers(task, &r);
	if (!err) {
		rt_regs_set_pc(&r, rt_regs_pc(&r) + BENCH_FAULT_LENGTH);
		err = helios_task_write_registers(task, &r);
	}
	return err;
}

static int supervise(helios_caddr_t ep, helios_caddr_t task)
{
	uint32_t n = bench_iterations();
	struct helios_msg m;
	int err = helios_recv(ep, &m);
	for (uint32_t i = 0; !err && i < n; i++) {
		uint64_t t = bench_stamp();
		bench_a.end[i] = t;
		if (helios_tag_label(m.tag) != HELIOS_FAULT_LABEL)
			return HELIOS_ERR_INVALID_PARAM;
		if ((err = skip_instruction(task)))
			break;
		m.tag = helios_tag(0, 0, 0);
		t = bench_stamp();
		bench_b.start[i] = t;
		if (i + 1 == n)
			err = helios_reply(&m);
		else
			err = helios_replyrecv(ep, &m);
	}
	return err;
}

void bench_fault_group(void)
{
	static struct rt_thread t; /* program data: mirrored vspaces see it */
	helios_caddr_t ep;
	bench_begin();
	int err = rt_alloc(HELIOS_CAP_ENDPOINT, 0, &ep);
	/* The program's own thread supervises (above the faulter: it waits in its receive). */
	if (!err)
		err = bench_thread(&t, faulter, NULL, BENCH_PRIORITY, true, ep);
	if (!err)
		err = supervise(ep, t.task);
	if (!err)
		err = bench_join(&t);
	if (err) {
		bench_error("fault_round_trip", "supervisor", err);
	} else {
		bench_report("fault_delivery", &bench_a);
		bench_report("fault_resume", &bench_b);
		bench_report_sum("fault_round_trip", &bench_a, &bench_b);
	}
	bench_cleanup();
}
