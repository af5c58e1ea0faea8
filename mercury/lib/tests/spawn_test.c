/*
 * Starting programs: the probe started with arguments, environment and capabilities reads them
 * all back; its exit, its abort and its fault reach the supervisor; its own heap and threads
 * work; it serves requests; malformed executables and impossible requests are refused with
 * their error and leave nothing behind (the runner's leak check).
 */
#include <stdint.h>
#include <string.h>

#include <mercury/startup.h>
#include <mercury/startup_block.h>

#include "mercury/lib/tests/suite.h"

KTEST(spawn_probe_reads_args_env_caps)
{
	struct mt_probe p;
	helios_caddr_t report = kt_endpoint(), extra = kt_notification(), trio;
	KT_OK(rt_alloc_objects(HELIOS_CAP_NOTIFICATION, 0, 3, &trio));
	const char *argv[] = { "probe", "echo", "hello world", NULL };
	const char *envp[] = { "PROBE_ENV=42", "OTHER=x", NULL };
	struct mercury_cap_grant caps[] = {
		{ "report", report, HELIOS_RIGHT_WRITE, 0 },
		{ "trio", trio, HELIOS_RIGHT_WRITE, 3 },
		{ "extra", extra, HELIOS_RIGHT_WRITE, 1 },
	};
	struct mercury_spawn spec = mt_probe_prepare(&p, argv, 0x77);
	spec.envp = envp;
	spec.caps = caps;
	spec.cap_count = 3;
	mt_probe_spawn(&p, &spec);
	char text[PROBE_TEXT_MAX + 1];
	mt_receive_report(report, text);
	const char *want = "argc=3 argv=probe|echo|hello world env=42 environ=2 "
			   "caps=report:ENDPOINT,trio:NOTIFICATIONx3,extra:NOTIFICATION name=probe";
	if (strcmp(text, want) != 0)
		KT_FAIL("the probe reported \"%s\"", text);
	KT_OK(helios_wait(extra, NULL));
	struct mercury_task_event ev = mt_wait(p.supervisor);
	KT_EQ(ev.kind, MERCURY_TASK_EXITED);
	KT_EQ(ev.status, 7);
	KT_EQ(ev.badge, 0x77);
	mt_probe_finish(&p);
	rt_free_range(trio, 3);
}

KTEST(spawn_exit_status_reported)
{
	struct mt_probe p;
	struct mercury_task_event ev = mt_probe_run(&p, (const char *[]){ "probe", "exit", "42",
									 NULL },
						    5);
	KT_EQ(ev.kind, MERCURY_TASK_EXITED);
	KT_EQ(ev.status, 42);
	KT_EQ(ev.badge, 5);
	KT_EQ(kt_state(p.task.task), HELIOS_TASK_INACTIVE); /* its thread suspended itself */
	mt_probe_finish(&p);
}

/* A double free in a spawned program: the heap says so on the console and the program ends
 * with MERCURY_EXIT_ABORTED, which its supervisor sees. */
KTEST(spawn_double_free_aborts_the_program)
{
	struct mt_probe p;
	struct mercury_spawn spec =
		mt_probe_prepare(&p, (const char *[]){ "probe", "double-free", NULL }, 1);
	mt_probe_spawn(&p, &spec);
	mt_probe_expect_exit(&p, MERCURY_EXIT_ABORTED);
}

KTEST(spawn_fault_reaches_supervisor)
{
	struct mt_probe p;
	struct mercury_task_event ev = mt_probe_run(&p, (const char *[]){ "probe", "fault", NULL },
						    9);
	KT_EQ(ev.kind, MERCURY_TASK_FAULTED);
	KT_EQ(ev.badge, 9);
	KT_EQ(ev.fault_type, HELIOS_FAULT_PAGE);
	KT_EQ(ev.fault_addr, 16);
	KT_EQ(kt_state(p.task.task), HELIOS_TASK_BLOCKED_REPLY);
	mt_probe_finish(&p);
}

/* The supervisor set later, through the task capability the spawner holds. */
KTEST(spawn_fault_endpoint_set_after_create)
{
	struct mt_probe p;
	struct mercury_spawn spec = mt_probe_prepare(&p, (const char *[]){ "probe", "fault", NULL },
						     0);
	spec.supervisor = HELIOS_CADDR_UNDEF;
	KT_OK(mercury_task_create(&spec, &p.task));
	KT_EQ(kt_state(p.task.task), HELIOS_TASK_INACTIVE); /* created, not started */
	KT_OK(mercury_task_set_fault_endpoint(&p.task, p.supervisor));
	KT_OK(mercury_task_start(&p.task));
	struct mercury_task_event ev = mt_wait(p.supervisor);
	KT_EQ(ev.kind, MERCURY_TASK_FAULTED);
	KT_EQ(ev.fault_addr, 16);
	mt_probe_finish(&p);
}

KTEST(spawn_program_heap_and_threads)
{
	struct mt_probe p;
	struct mercury_spawn spec = mt_probe_prepare(&p, (const char *[]){ "probe", "heap", NULL },
						     1);
	spec.memory = 4u << 20;
	mt_probe_spawn(&p, &spec);
	mt_probe_expect_exit(&p, 0);
}

/* Starts the probe serving the endpoint `service` (server.h). */
static void start_service(struct mt_probe *p, helios_caddr_t service)
{
	struct mercury_cap_grant caps[] = { { "service", service, HELIOS_RIGHT_READ, 1 } };
	struct mercury_spawn spec =
		mt_probe_prepare(p, (const char *[]){ "probe", "service", NULL }, 1);
	spec.caps = caps;
	spec.cap_count = 1;
	mt_probe_spawn(p, &spec);
}

/* The probe runs a server loop on an endpoint it was given; we are its client. */
KTEST(spawn_program_serves_requests)
{
	struct mt_probe p;
	helios_caddr_t service = kt_endpoint();
	start_service(&p, service);
	for (uint64_t i = 0; i < 20; i++) {
		struct helios_msg m = { .tag = helios_tag(PROBE_ADD, 1, 0), .p = { i * 10 } };
		KT_OK(helios_call(service, &m));
		KT_EQ(helios_tag_label(m.tag), HELIOS_OK);
		KT_EQ(m.p[0], i * 10 + 1);
	}
	/* A request it does not know: an error back, and it goes on serving. */
	struct helios_msg bad = { .tag = helios_tag(0x5555, 0, 0) };
	KT_OK(helios_call(service, &bad));
	KT_EQ(helios_tag_label(bad.tag), HELIOS_ERR_INVALID_METHOD);
	struct helios_msg stop = { .tag = helios_tag(PROBE_STOP, 0, 0) };
	KT_OK(helios_call(service, &stop));
	mt_probe_expect_exit(&p, 0);
}

/* A running task destroyed from outside: everything comes back (the leak check). */
KTEST(spawn_destroy_while_running)
{
	struct mt_probe p;
	uint64_t before = rt_memory_free();
	start_service(&p, kt_endpoint());
	kt_wait_state(p.task.task, HELIOS_TASK_BLOCKED_POLL);
	KT_CHECK(rt_memory_free() < before);
	mt_probe_finish(&p);
}

/* ---- Refusals ------------------------------------------------------------------------- */

/* A writable copy of the probe's executable in scratch pages. */
static uint8_t *probe_copy(const struct mercury_mapping *probe)
{
	uint32_t pages = (uint32_t)((probe->size + HELIOS_PAGE_SIZE - 1) / HELIOS_PAGE_SIZE);
	kt_map(MT_SCRATCH, pages);
	uint8_t *copy = (uint8_t *)MT_SCRATCH;
	memcpy(copy, probe->data, probe->size);
	return copy;
}

/* ELF64 fields by offset (the file header, then program header i). */
#define EH_MACHINE 18
#define EH_ENTRY 24
#define EH_PHOFF 32
#define PH_SIZE 56
#define PH_FLAGS 4
#define PH_OFFSET 8
#define PH_VADDR 16
#define PH_FILESZ 32

static uint64_t get(const uint8_t *at, unsigned bytes)
{
	uint64_t v = 0;
	memcpy(&v, at, bytes);
	return v;
}

static void put(uint8_t *at, uint64_t v, unsigned bytes)
{
	memcpy(at, &v, bytes);
}

#define EH_PHNUM 56
#define PT_LOAD 1

/* The file's i-th loadable segment's program header (the probe has three: rodata, text and
 * data, in that order). */
static uint8_t *phdr(uint8_t *file, unsigned i)
{
	for (unsigned k = 0; k < get(file + EH_PHNUM, 2); k++) {
		uint8_t *ph = file + get(file + EH_PHOFF, 8) + (uint64_t)k * PH_SIZE;
		if (get(ph, 4) == PT_LOAD && i-- == 0)
			return ph;
	}
	KT_FAIL("the probe has no loadable segment %u", i);
}

/* Tries to start the executable (size bytes): the error it gives. */
static int try_spawn(const uint8_t *file, size_t size)
{
	const char *argv[] = { "probe", "exit", "0", NULL };
	struct mercury_spawn spec = {
		.image = file,
		.image_size = size,
		.argv = argv,
		.priority = KT_PRIORITY,
		.supervisor = HELIOS_CADDR_UNDEF,
		.asid_pool = HELIOS_CADDR_UNDEF,
	};
	struct mercury_task t;
	int err = mercury_task_create(&spec, &t);
	if (!err)
		mercury_task_destroy(&t);
	return err;
}

#define KT_REFUSED(expr, want)                                                                  \
	do {                                                                                    \
		int kt_got_ = (expr), kt_want_ = (want);                                        \
		if (kt_got_ != kt_want_)                                                        \
			KT_FAIL("%s: got \"%s\", expected \"%s\"", #expr,                        \
				mercury_strerror(kt_got_), mercury_strerror(kt_want_));          \
	} while (0)

KTEST(spawn_refuses_malformed_executables)
{
	struct mercury_mapping probe = mt_map_probe();
	uint8_t *f = probe_copy(&probe);
	size_t size = probe.size;
	KT_REFUSED(try_spawn(f, size), 0); /* the copy itself is fine */
	KT_REFUSED(try_spawn(f, 40), MERCURY_ERR_ELF + ELF_ERR_TRUNCATED);
	f[1] = 'X';
	KT_REFUSED(try_spawn(f, size), MERCURY_ERR_ELF + ELF_ERR_MAGIC);
	f[1] = 'E';
	/* The last segment's bytes run past the end of the file. */
	uint8_t *data = phdr(f, 2);
	uint64_t offset = get(data + PH_OFFSET, 8), filesz = get(data + PH_FILESZ, 8);
	put(data + PH_OFFSET, size - 8, 8);
	put(data + PH_FILESZ, 64, 8);
	KT_REFUSED(try_spawn(f, size), MERCURY_ERR_ELF + ELF_ERR_SEGMENT);
	put(data + PH_OFFSET, offset, 8);
	put(data + PH_FILESZ, filesz, 8);
	/* Two segments on the same page. */
	uint64_t vaddr = get(phdr(f, 1) + PH_VADDR, 8);
	put(phdr(f, 1) + PH_VADDR, get(phdr(f, 0) + PH_VADDR, 8), 8);
	KT_REFUSED(try_spawn(f, size), MERCURY_ERR_ELF + ELF_ERR_OVERLAP);
	put(phdr(f, 1) + PH_VADDR, vaddr, 8);
	/* The entry point in no executable segment. */
	uint64_t entry = get(f + EH_ENTRY, 8);
	put(f + EH_ENTRY, get(phdr(f, 0) + PH_VADDR, 8), 8);
	KT_REFUSED(try_spawn(f, size), MERCURY_ERR_ELF + ELF_ERR_ENTRY);
	put(f + EH_ENTRY, entry, 8);
	/* Another machine's executable. */
	uint64_t machine = get(f + EH_MACHINE, 2);
	uint64_t other = machine == ELF_MACHINE_X86_64 ? ELF_MACHINE_AARCH64 : ELF_MACHINE_X86_64;
	put(f + EH_MACHINE, other, 2);
	KT_REFUSED(try_spawn(f, size), MERCURY_ERR_ELF + ELF_ERR_MACHINE);
	put(f + EH_MACHINE, machine, 2);
	/* A text segment made writable. */
	uint64_t flags = get(phdr(f, 1) + PH_FLAGS, 4);
	put(phdr(f, 1) + PH_FLAGS, flags | ELF_SEGMENT_W, 4);
	KT_REFUSED(try_spawn(f, size), MERCURY_ERR_IMAGE_WX);
	put(phdr(f, 1) + PH_FLAGS, flags, 4);
	KT_REFUSED(try_spawn(f, size), 0); /* every field restored */
	mercury_mapping_unmap(&probe);
}

KTEST(spawn_refuses_impossible_requests)
{
	struct mt_probe p;
	helios_caddr_t ep = kt_endpoint();
	struct mercury_spawn spec = mt_probe_prepare(&p, (const char *[]){ "probe", "exit", "0",
									  NULL },
						     0);
	struct mercury_task t;
	/* A cspace too small for the task's own pages. */
	spec.cspace_slots = 40;
	KT_REFUSED(mercury_task_create(&spec, &t), HELIOS_ERR_INVALID_PARAM);
	spec.cspace_slots = 0;
	/* Too little memory for the task's objects. */
	spec.memory = 64 * 1024;
	KT_REFUSED(mercury_task_create(&spec, &t), HELIOS_ERR_NOMEM);
	spec.memory = 0;
	/* Capabilities: a name too long, a name twice, an empty slot, too many. */
	struct mercury_cap_grant caps[MERCURY_SPAWN_MAX_CAPS + 1];
	for (unsigned i = 0; i < MERCURY_SPAWN_MAX_CAPS + 1; i++)
		caps[i] = (struct mercury_cap_grant){ "ep", ep, HELIOS_RIGHTS_ALL, 1 };
	spec.caps = caps;
	caps[0].name = "a-name-far-too-long-for-a-startup-block";
	spec.cap_count = 1;
	KT_REFUSED(mercury_task_create(&spec, &t), MERCURY_ERR_STARTUP + MERCURY_STARTUP_ERR_CAP);
	caps[0].name = "ep";
	spec.cap_count = 2;
	KT_REFUSED(mercury_task_create(&spec, &t), MERCURY_ERR_STARTUP + MERCURY_STARTUP_ERR_CAP);
	caps[1] = (struct mercury_cap_grant){ "gone", kt_slot(), HELIOS_RIGHTS_ALL, 1 };
	KT_REFUSED(mercury_task_create(&spec, &t), HELIOS_ERR_INVALID_CSLOT);
	spec.cap_count = MERCURY_SPAWN_MAX_CAPS + 1;
	KT_REFUSED(mercury_task_create(&spec, &t), MERCURY_ERR_TOO_MANY);
	/* Ranges: more slots in all than a task may be given, and two types in one range. */
	caps[1] = (struct mercury_cap_grant){ "lots", ep, HELIOS_RIGHTS_ALL,
					      MERCURY_SPAWN_MAX_CAP_SLOTS };
	spec.cap_count = 2;
	KT_REFUSED(mercury_task_create(&spec, &t), MERCURY_ERR_TOO_MANY);
	helios_caddr_t pair = rt_slot_alloc_range(2), note = kt_notification();
	KT_OK(helios_cspace_copy(rt_cspace, pair, rt_cspace, ep, HELIOS_RIGHTS_ALL, NULL));
	KT_OK(helios_cspace_copy(rt_cspace, pair + 1, rt_cspace, note, HELIOS_RIGHTS_ALL, NULL));
	caps[1] = (struct mercury_cap_grant){ "mixed", pair, HELIOS_RIGHTS_ALL, 2 };
	KT_REFUSED(mercury_task_create(&spec, &t), HELIOS_ERR_INVALID_PARAM);
	helios_cspace_delete(rt_cspace, pair);
	helios_cspace_delete(rt_cspace, pair + 1);
	rt_slot_free_range(pair, 2);
	spec.cap_count = 0;
	/* Arguments larger than a startup block. */
	static char big[MERCURY_STARTUP_MAX_SIZE];
	memset(big, 'x', sizeof(big) - 1);
	const char *big_argv[] = { "probe", big, NULL };
	spec.argv = big_argv;
	KT_REFUSED(mercury_task_create(&spec, &t),
		   MERCURY_ERR_STARTUP + MERCURY_STARTUP_ERR_TOO_LARGE);
	mercury_mapping_unmap(&p.image);
}
