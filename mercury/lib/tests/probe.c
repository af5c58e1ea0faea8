/*
 * The probe: a program the Mercury suite starts (as a boot module it maps and hands to
 * mercury_task_spawn) to see, from the inside, what a spawned program gets. argv[1] says what
 * to do:
 *
 *   echo          reports "argc=... argv=a|b env=... environ=N caps=name:TYPE,... name=..."
 *                 on its "report" endpoint, signals "extra" if it has it, exits with 7
 *   exit N        exits with N
 *   double-free   frees a block twice (the heap aborts the program)
 *   fault         writes to address 16
 *   heap          exercises malloc from three threads; exits 0 when all was well
 *   service       serves PROBE_ADD on its "service" endpoint until PROBE_STOP; exits 0
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <base/fmt.h>
#include <mercury/startup.h>
#include <mercury/startup_block.h>

#include <helios/rt/print.h>
#include <helios/rt/rt.h>
#include <helios/rt/syscall.h>
#include <helios/rt/thread.h>
#include <mercury/malloc.h>
#include <mercury/program.h>
#include <mercury/server.h>

#include "mercury/lib/tests/malloc_exercise.h"
#include "mercury/lib/tests/probe_protocol.h"

struct text {
	char buf[PROBE_TEXT_MAX + 1];
	size_t at;
};

static void add(struct text *t, const char *s)
{
	size_t room = sizeof(t->buf) - t->at;
	int n = fmt_snprintf(t->buf + t->at, room, "%s", s);
	if (n > 0)
		t->at += (size_t)n < room ? (size_t)n : room - 1;
}

static int echo(int argc, char **argv)
{
	struct text t = { .at = 0 };
	char number[24];
	fmt_snprintf(number, sizeof(number), "argc=%d argv=", argc);
	add(&t, number);
	for (int i = 0; i < argc; i++) {
		add(&t, i ? "|" : "");
		add(&t, argv[i]);
	}
	const char *env = mercury_getenv("PROBE_ENV");
	add(&t, " env=");
	add(&t, env ? env : "(none)");
	int envc = 0;
	for (char **e = mercury_environ(); *e; e++)
		envc++;
	fmt_snprintf(number, sizeof(number), " environ=%d caps=", envc);
	add(&t, number);
	for (uint32_t i = 0; i < rt_startup->capc; i++) {
		const struct mercury_startup_cap *c = mercury_startup_cap_at(rt_startup, i);
		/* The type the block says, and the one the kernel says each slot holds. */
		bool same = true;
		for (uint32_t k = 0; k < c->count; k++) {
			unsigned type = 0;
			helios_identify(c->slot + k, &type, NULL);
			same = same && type == c->type;
		}
		add(&t, i ? "," : "");
		add(&t, c->name);
		add(&t, ":");
		add(&t, same ? rt_cap_type_name(c->type) : "MISMATCH");
		if (c->count > 1) {
			fmt_snprintf(number, sizeof(number), "x%u", c->count);
			add(&t, number);
		}
	}
	add(&t, " name=");
	add(&t, rt_program_name);
	/* The heap works in a spawned program. */
	char *copy = malloc(t.at + 1);
	if (!copy)
		return 2;
	memcpy(copy, t.buf, t.at + 1);
	struct helios_msg m;
	probe_pack(&m, copy);
	free(copy);
	if (helios_call(mercury_cap("report"), &m))
		return 3;
	helios_caddr_t extra = mercury_cap("extra");
	if (extra != HELIOS_CADDR_UNDEF)
		helios_signal(extra);
	return 7;
}

static int double_free(void)
{
	char *p = malloc(32);
	free(p);
	free(p); /* the heap aborts here */
	return 0;
}

static int fault(void)
{
	*(volatile uint64_t *)16 = 1;
	return 0;
}

/* One thread's share of the heap exercise. */
static int heap_worker(void *arg)
{
	return malloc_exercise((uint32_t)(uintptr_t)arg, 3000, 3000);
}

static int heap(void)
{
	struct rt_thread threads[3];
	for (int i = 0; i < 3; i++)
		if (rt_thread_spawn(&threads[i], heap_worker, (void *)(uintptr_t)(i + 1),
				    rt_startup->priority, HELIOS_CADDR_UNDEF))
			return 10;
	int failed = heap_worker((void *)(uintptr_t)99);
	for (int i = 0; i < 3; i++) {
		int result = 1;
		rt_thread_join(&threads[i], &result);
		failed |= result;
		rt_thread_destroy(&threads[i]);
	}
	struct mercury_heap *h = mercury_malloc_heap();
	if (failed || mercury_heap_check(h) || mercury_heap_stats(h).used_blocks)
		return 11;
	return 0;
}

static int add_one(void *ctx, struct mercury_request *req)
{
	struct mercury_server *s = ctx;
	uint64_t label = helios_tag_label(req->msg.tag);
	if (label == PROBE_STOP) {
		mercury_server_stop(s);
		return HELIOS_OK;
	}
	if (label != PROBE_ADD || helios_tag_params(req->msg.tag) < 1)
		return HELIOS_ERR_INVALID_METHOD;
	req->reply = (struct helios_msg){ .tag = helios_tag(HELIOS_OK, 1, 0),
					  .p = { req->msg.p[0] + 1 } };
	return HELIOS_OK;
}

static int service(void)
{
	struct mercury_server s;
	mercury_server_init(&s);
	if (mercury_server_add_endpoint(&s, mercury_cap("service"), 0, add_one, &s))
		return 20;
	return mercury_server_run(&s) ? 21 : 0;
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";
	if (!rt_startup)
		return 100; /* not started by mercury_task_spawn */
	if (strcmp(what, "echo") == 0)
		return echo(argc, argv);
	if (strcmp(what, "exit") == 0 && argc > 2)
		return (int)strtoul(argv[2], NULL, 0);
	if (strcmp(what, "double-free") == 0)
		return double_free();
	if (strcmp(what, "fault") == 0)
		return fault();
	if (strcmp(what, "heap") == 0)
		return heap();
	if (strcmp(what, "service") == 0)
		return service();
	return 101;
}
