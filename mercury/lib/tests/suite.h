/*
 * The Mercury suite's own helpers, over the kernel suite's framework (helios/tests/ktest.h):
 * the probe program (probe.c, a boot module of the suite's image) mapped and started.
 */
#ifndef MERCURY_TESTS_SUITE_H
#define MERCURY_TESTS_SUITE_H

#include <mercury/mercury.h>

#include "helios/tests/ktest.h"
#include "mercury/lib/tests/probe_protocol.h"

/* Where the suite's tests put private heaps and scratch pages. */
#define MT_HEAP (KT_SCRATCH + 0x40000000ull)
#define MT_SCRATCH (KT_SCRATCH + 0x80000000ull)

/* The probe's executable, mapped read-only (fails the test if it cannot be). */
struct mercury_mapping mt_map_probe(void);

/* The probe as a test runs it: its executable, the endpoint that supervises it, its task. */
struct mt_probe {
	struct mercury_mapping image;
	helios_caddr_t supervisor;
	struct mercury_task task;
};

/* Maps the probe and makes its supervisor: the request to start it with argv
 * (NULL-terminated), supervised with `badge`, at the tests' priority, for the test to add to
 * before mt_probe_spawn. */
struct mercury_spawn mt_probe_prepare(struct mt_probe *p, const char *const *argv,
				      uint64_t badge);
void mt_probe_spawn(struct mt_probe *p, const struct mercury_spawn *spec);
/* prepare + spawn + the first event on the supervisor. */
struct mercury_task_event mt_probe_run(struct mt_probe *p, const char *const *argv,
				       uint64_t badge);
/* Destroys the task and unmaps the executable. */
void mt_probe_finish(struct mt_probe *p);
/* Waits for the probe's exit report, checks its status, then finishes it. */
void mt_probe_expect_exit(struct mt_probe *p, int status);

/* Waits for the next event on a supervisor endpoint (fails the test on an error). */
struct mercury_task_event mt_wait(helios_caddr_t supervisor);

/* Receives one probe report on ep into text (PROBE_TEXT_MAX + 1 bytes) and answers it. */
void mt_receive_report(helios_caddr_t ep, char *text);

/* Gives the program's heap back everything free and checks it: after tests that use malloc,
 * so the runner's leak check sees all memory back. */
void mt_settle_heap(void);

#endif
