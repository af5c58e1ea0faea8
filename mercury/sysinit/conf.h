/*
 * sysinit's configuration, /etc/sysinit.conf in the initramfs (README.md): plain text, one
 * statement a line, fields separated by spaces or tabs, `#` to the end of the line a comment:
 *
 *     run NAME PATH [OPTION...] [ARG...]
 *
 * starts the executable PATH of the initramfs as NAME (its argv[0]) with the ARGs after it.
 * The OPTIONs, right after PATH, until the first word that is none:
 *
 *     restart          start it again when it faults or exits with a nonzero status
 *     registry         it is the service registry: it gets the registry's endpoint
 *     registry=BADGE   it gets the registry's endpoint badged BADGE (not 0), as "registry"
 *     hardware         it gets the hardware: I/O ports, IRQs, device memory, device tree
 *     initramfs        it gets the initramfs's pages, read-only
 *     memory=SIZE      the memory it is started with: bytes, or with a K or M suffix
 *
 * Each option at most once a line; at most one program is the registry, and registry=BADGE
 * needs one.
 * Programs start in the order of their lines. A line with a syntax error is reported as
 * `sysinit.conf:LINE: message` and skipped; the other lines still count.
 *
 * Pure C: no allocation, no syscalls (the host tests build it).
 */
#ifndef MERCURY_SYSINIT_CONF_H
#define MERCURY_SYSINIT_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SYSINIT_NAME_MAX 31     /* bytes of a program's name */
#define SYSINIT_PATH_MAX 127    /* bytes of its path */
#define SYSINIT_ARG_MAX 63      /* bytes of one argument */
#define SYSINIT_ARGS_MAX 8      /* arguments after the path */
#define SYSINIT_PROGRAMS_MAX 16 /* run lines */
#define SYSINIT_LINE_MAX 255    /* bytes of a line, its newline not counted */
#define SYSINIT_MEMORY_MIN (256u << 10) /* memory=SIZE bounds */
#define SYSINIT_MEMORY_MAX (1ull << 30)

struct sysinit_program {
	char name[SYSINIT_NAME_MAX + 1];
	char path[SYSINIT_PATH_MAX + 1];
	bool restart;
	bool serves_registry;    /* `registry` */
	bool hardware;           /* `hardware` */
	bool initramfs;          /* `initramfs` */
	uint64_t registry_badge; /* `registry=BADGE`; 0: no registry capability */
	uint64_t memory;         /* `memory=SIZE`; 0: the default */
	unsigned argc;
	char args[SYSINIT_ARGS_MAX][SYSINIT_ARG_MAX + 1];
	unsigned line; /* where it was declared */
};

struct sysinit_config {
	struct sysinit_program programs[SYSINIT_PROGRAMS_MAX];
	unsigned count;
};

/* Called for each error: the line number (from 1) and the message (without the prefix). */
typedef void (*sysinit_conf_report)(void *ctx, unsigned line, const char *message);

/*
 * Parses `len` bytes of `text` (no NUL needed) into `config`. Every bad line is reported and
 * skipped. Returns the number of errors (0: every line was good).
 */
unsigned sysinit_conf_parse(const char *text, size_t len, struct sysinit_config *config,
			    sysinit_conf_report report, void *ctx);

#endif
