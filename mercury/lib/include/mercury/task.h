/*
 * Starting programs: a task of its own made from an ELF executable in memory (a boot module,
 * later a file), with its own cspace, vspace and ASID, its segments mapped with their rights,
 * a stack, an IPC buffer and a startup block (<mercury/startup.h>) holding its argv, its
 * environment and the capabilities it is given by name. The runtime of the new program reads
 * the block before main (rt_start), so main gets argc and argv and mercury_cap / mercury_getenv
 * (<mercury/program.h>) find the rest.
 *
 * Everything the task is made of (its TASK, CSPACE and VSPACE objects, pages, page tables)
 * comes out of one MEMORY capability retyped for it, which the task also gets to allocate
 * from: destroying the task revokes that memory, and so takes back everything, whatever the
 * task made of it and wherever it put it. The task's cspace holds, besides the startup
 * block's named capabilities, its own pages and tables (their ranges are in the block), as
 * init's does.
 *
 * Supervision: the spawner may name an endpoint that receives the task's faults (its fault
 * endpoint) and its exit report (MERCURY_EXIT_LABEL, sent by the runtime when the program
 * ends, including by mercury_abort), each with the badge given; mercury_task_wait receives
 * one and says which it was.
 */
#ifndef MERCURY_TASK_H
#define MERCURY_TASK_H

#include <stddef.h>
#include <stdint.h>

#include <helios/abi.h>

#define MERCURY_SPAWN_MEMORY (2u << 20) /* default bytes a task gets */
#define MERCURY_SPAWN_SLOTS 512u        /* default size of its cspace, besides what it is given */
#define MERCURY_SPAWN_MAX_CAPS 32       /* named capabilities (or ranges) per task */
#define MERCURY_SPAWN_MAX_CAP_SLOTS 4096 /* slots they take in all (an initramfs is a range) */
#define MERCURY_TASK_TABLE_SLOTS 32     /* slots for its page tables */

/* A capability the new task gets, copied into its cspace and named in its startup block; or a
 * range of them: `count` capabilities of one type in consecutive slots from `cap`, copied into
 * consecutive slots (mercury_cap_range finds them). */
struct mercury_cap_grant {
	const char *name;   /* at most MERCURY_CAP_NAME_MAX - 1 bytes, unique */
	helios_caddr_t cap; /* in the caller's cspace */
	uint64_t rights;    /* HELIOS_RIGHT_* the copy keeps (of those the original has) */
	uint32_t count;     /* 0 or 1: one capability; more: a range */
};

/* What to start. */
struct mercury_spawn {
	const void *image; /* the ELF executable, image_size bytes */
	size_t image_size;
	const char *const *argv; /* NULL-terminated; argv[0] is the program's name */
	const char *const *envp; /* NULL-terminated "NAME=value"; NULL: none */
	const struct mercury_cap_grant *caps;
	uint32_t cap_count;
	uint64_t memory;       /* bytes for the task, its own objects included (0: default) */
	uint32_t cspace_slots; /* 0: MERCURY_SPAWN_SLOTS + twice the capabilities given */
	uint64_t priority;     /* at most the caller's */
	helios_caddr_t supervisor; /* ENDPOINT for faults and the exit report; UNDEF: none */
	uint64_t badge;            /* minted on the task's copies of it (0: unbadged) */
	helios_caddr_t asid_pool;  /* where its ASID comes from; UNDEF: init's pool */
};

/* A task, as its spawner holds it (capabilities in the spawner's cspace). */
struct mercury_task {
	helios_caddr_t memory; /* everything of the task is made from it */
	helios_caddr_t task;   /* its TASK: suspend, resume, registers, fault endpoint */
	helios_caddr_t cspace;
	helios_caddr_t vspace;
	uint64_t entry;
};

/*
 * Makes the task, ready but not running. Returns 0 or a Mercury error (<mercury/error.h>):
 * MERCURY_ERR_ELF + the ELF parser's error, MERCURY_ERR_IMAGE_*, MERCURY_ERR_STARTUP + the
 * startup block's (a name too long or repeated, contents too large), MERCURY_ERR_TOO_MANY
 * (capabilities, or slots in all), INVALID_PARAM (a range of mixed types), INVALID_PARAM (a cspace too small for what it must hold), or the kernel's
 * (NOMEM, a capability to grant that is missing, ...). On failure nothing stays allocated.
 */
int mercury_task_create(const struct mercury_spawn *spec, struct mercury_task *t);
int mercury_task_start(struct mercury_task *t);
/* create + start. */
int mercury_task_spawn(const struct mercury_spawn *spec, struct mercury_task *t);
/* Where the task's faults go from now on (HELIOS_CADDR_UNDEF: nowhere; the kernel then
 * suspends it and says so on the console). */
int mercury_task_set_fault_endpoint(struct mercury_task *t, helios_caddr_t endpoint);
/* Stops the task and takes back everything it had. */
void mercury_task_destroy(struct mercury_task *t);

enum mercury_task_event_kind {
	MERCURY_TASK_EXITED = 1,  /* the program ended: status */
	MERCURY_TASK_FAULTED = 2, /* a thread faulted (it waits; destroy the task) */
	MERCURY_TASK_MESSAGE = 3, /* anything else: label */
};

struct mercury_task_event {
	int kind;
	uint64_t badge; /* the badge of the capability it came through */
	int status;     /* EXITED */
	uint64_t label; /* MESSAGE */
	/* FAULTED (abi.h, enum helios_fault_param): */
	uint64_t fault_type, fault_addr, fault_ip, fault_code, fault_vector;
};

/* Receives one message on a supervisor endpoint (blocking) and says what it was. */
int mercury_task_wait(helios_caddr_t supervisor, struct mercury_task_event *ev);

#endif
