/*
 * The Mercury suite's setup and helpers (suite.h).
 */
#include <stddef.h>
#include <stdint.h>

#include "mercury/lib/tests/suite.h"

/* The library's global state (the program's heap, its locks) is made before the first test,
 * so no test's clean-up takes it away. */
KTEST_SETUP(mercury)
{
	return mercury_prepare();
}

struct mercury_mapping mt_map_probe(void)
{
	struct mercury_mapping m;
	int err = mercury_module_map("probe", &m);
	if (err)
		KT_FAIL("mapping the probe module: %s", mercury_strerror(err));
	return m;
}

struct mercury_spawn mt_probe_prepare(struct mt_probe *p, const char *const *argv,
				      uint64_t badge)
{
	p->image = mt_map_probe();
	p->supervisor = kt_endpoint();
	return (struct mercury_spawn){
		.image = p->image.data,
		.image_size = p->image.size,
		.argv = argv,
		.priority = KT_PRIORITY,
		.supervisor = p->supervisor,
		.badge = badge,
		.asid_pool = HELIOS_CADDR_UNDEF,
	};
}

void mt_probe_spawn(struct mt_probe *p, const struct mercury_spawn *spec)
{
	int err = mercury_task_spawn(spec, &p->task);
	if (err)
		KT_FAIL("starting the probe: %s", mercury_strerror(err));
}

struct mercury_task_event mt_probe_run(struct mt_probe *p, const char *const *argv,
				       uint64_t badge)
{
	struct mercury_spawn spec = mt_probe_prepare(p, argv, badge);
	mt_probe_spawn(p, &spec);
	return mt_wait(p->supervisor);
}

void mt_probe_expect_exit(struct mt_probe *p, int status)
{
	struct mercury_task_event ev = mt_wait(p->supervisor);
	if (ev.kind != MERCURY_TASK_EXITED)
		KT_FAIL("the probe did not exit: event %d (label %#llx, fault %s at %#llx)", ev.kind,
			(unsigned long long)ev.label, helios_fault_name(ev.fault_type),
			(unsigned long long)ev.fault_ip);
	KT_EQ(ev.status, status);
	mt_probe_finish(p);
}

void mt_probe_finish(struct mt_probe *p)
{
	mercury_task_destroy(&p->task);
	KT_EQ(p->task.task, HELIOS_CADDR_UNDEF);
	mercury_mapping_unmap(&p->image);
}

struct mercury_task_event mt_wait(helios_caddr_t supervisor)
{
	struct mercury_task_event ev;
	KT_OK(mercury_task_wait(supervisor, &ev));
	return ev;
}

void mt_receive_report(helios_caddr_t ep, char *text)
{
	struct helios_msg m;
	KT_OK(helios_recv(ep, &m));
	if (!probe_unpack(&m, text))
		KT_FAIL("malformed report: label %#llx, %u parameters",
			(unsigned long long)helios_tag_label(m.tag), helios_tag_params(m.tag));
	struct helios_msg reply = { .tag = helios_tag(HELIOS_OK, 0, 0) };
	KT_OK(helios_reply(&reply));
}

void mt_settle_heap(void)
{
	struct mercury_heap *h = mercury_malloc_heap();
	KT_CHECK(h != NULL);
	malloc_trim(0);
	int err = mercury_heap_check(h);
	if (err)
		KT_FAIL("the program's heap: %s", mercury_arena_strerror(err));
}
