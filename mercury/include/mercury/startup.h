/*
 * The Mercury startup block: what a task started by another task (mercury_task_spawn) finds
 * when it begins, the counterpart of the kernel's struct helios_init_info for init. The
 * parent writes it into pages of the new task, mapped read-write at MERCURY_STARTUP_VADDR; the
 * task starts with its address in the first argument register (x86_64 rdi, aarch64 x0), as
 * init does with its info, and the runtime (helios/lib/rt, rt_start) tells the two apart by
 * their first word.
 *
 * Versioned and sized so a task can check it before trusting it: `version` changes when a
 * field changes meaning; fields are only ever added at the end of the header, and
 * `header_size` and `cap_entry_size` say how large the writer's structures were, so a reader
 * accepts any block whose sizes are at least its own. Every offset is from the start of the
 * block and every table lies inside `size`; argv and envp hold addresses valid at `base`
 * (the address the block is mapped at), each pointing at a NUL-terminated string in the
 * string area. The codec (//mercury/startup) writes and checks blocks.
 *
 * Layout of the block: this header, the argv pointers (argc + 1, NULL last), the envp
 * pointers (envc + 1, NULL last), the capability table (capc entries of cap_entry_size
 * bytes), then the strings.
 */
#ifndef MERCURY_STARTUP_H
#define MERCURY_STARTUP_H

#include <stdint.h>

#include <helios/abi.h>

#define MERCURY_STARTUP_MAGIC 0x747261745363724dull /* "MrcStart" */
#define MERCURY_STARTUP_VERSION 2
/* The largest block a parent writes and a task accepts (16 pages). */
#define MERCURY_STARTUP_MAX_SIZE 0x10000u

/* A capability name: at most MERCURY_CAP_NAME_MAX - 1 bytes and a NUL. */
#define MERCURY_CAP_NAME_MAX 32

/* One named capability copied into the task's cspace ("log" -> slot 18), or a named range of
 * `count` capabilities of one type in consecutive slots ("device_memory" -> slots 40-52). */
struct mercury_startup_cap {
	char name[MERCURY_CAP_NAME_MAX]; /* NUL-terminated, not empty, unique in the block */
	helios_caddr_t slot;             /* where it (the first of the range) is in the cspace */
	uint32_t type;                   /* enum helios_cap_type of the capabilities given */
	uint32_t count;                  /* 1 for one capability; slot + count <= cspace_slots */
	uint32_t reserved;               /* 0 */
};

struct mercury_startup {
	uint64_t magic;          /* MERCURY_STARTUP_MAGIC */
	uint32_t version;        /* MERCURY_STARTUP_VERSION */
	uint32_t size;           /* bytes of the whole block, at most MERCURY_STARTUP_MAX_SIZE */
	uint32_t header_size;    /* sizeof(struct mercury_startup) of the writer */
	uint32_t cap_entry_size; /* sizeof(struct mercury_startup_cap) of the writer */
	uint64_t base;           /* the address the block is mapped at */

	/* The task's own capabilities (slots of its cspace). */
	helios_caddr_t task;          /* its TASK */
	helios_caddr_t cspace;        /* its CSPACE */
	helios_caddr_t vspace;        /* its VSPACE */
	helios_caddr_t exit_endpoint; /* where rt_exit reports (MERCURY_EXIT_LABEL); UNDEF: none */
	uint32_t cspace_slots;        /* slot count of its cspace */
	uint32_t priority;            /* the priority it was started at */
	struct helios_cap_range memory;      /* MEMORY capabilities to allocate from */
	struct helios_cap_range free_slots;  /* empty slots, for the slot allocator */
	struct helios_cap_range image_pages; /* the pages of its loaded ELF image */
	struct helios_cap_range stack_pages;
	struct helios_cap_range page_tables; /* the tables of its vspace (the range's first
					      * `count` slots hold one each) */
	struct helios_cap_range block_pages; /* the pages of this block */
	helios_caddr_t ipc_page;             /* the page of its IPC buffer */
	uint32_t reserved0;

	/* Where its pieces are mapped. */
	uint64_t ipc_buffer;     /* vaddr of its IPC buffer */
	uint64_t stack_base, stack_size;
	uint64_t image_base, image_size;

	/* The tables (offsets from the start of the block). */
	uint32_t argc, envc, capc, reserved1;
	uint64_t argv;          /* argc + 1 addresses (char *), the last one 0 */
	uint64_t envp;          /* envc + 1 addresses of "NAME=value" strings, the last one 0 */
	uint64_t caps;          /* capc struct mercury_startup_cap, cap_entry_size bytes apart */
	uint64_t strings;       /* the string area */
	uint64_t strings_size;
};
HELIOS_STATIC_ASSERT(sizeof(struct mercury_startup) == 208, "startup block header layout");
HELIOS_STATIC_ASSERT(sizeof(struct mercury_startup_cap) == 48, "startup capability layout");

/*
 * Where a task started by Mercury has its pieces: the same places as init's (abi.h), so the
 * runtime treats both alike (its stack is one RT_STACK_REGION, its IPC buffer where init's
 * is), and the startup block past init's info and IPC pages.
 */
#define MERCURY_TASK_STACK_TOP HELIOS_INIT_STACK_TOP
#define MERCURY_TASK_STACK_PAGES HELIOS_INIT_STACK_PAGES
#define MERCURY_TASK_IPC_BUFFER_VADDR HELIOS_INIT_IPC_BUFFER_VADDR
#define MERCURY_STARTUP_VADDR 0x00007fffff010000ull
/* The highest address an ELF image of a task may use (below the runtime's thread area). */
#define MERCURY_IMAGE_MAX_VADDR 0x00000fffffffffffull

/* Fixed slots of a task's cspace (the numbers init has for the same capabilities); what
 * follows (memory, exit endpoint, named capabilities, pages, tables, free slots) is in the
 * block. */
#define MERCURY_SLOT_TASK HELIOS_INIT_TASK
#define MERCURY_SLOT_CSPACE HELIOS_INIT_CSPACE
#define MERCURY_SLOT_VSPACE HELIOS_INIT_VSPACE
#define MERCURY_SLOT_FIRST_RANGE HELIOS_INIT_FIRST_FREE_FIXED

/*
 * The exit report: when the program ends (main returns, rt_exit, an abort), the runtime sends
 * a message with this label and the status in p0 to exit_endpoint, then suspends. The label
 * is below the interface labels (>= 1 << 16) and is no kernel method or the fault label, so a
 * supervisor can take faults and exits on one endpoint.
 */
#define MERCURY_EXIT_LABEL 0xe817ull
/* The status of a program that aborted (mercury_abort: a detected heap error, ...). */
#define MERCURY_EXIT_ABORTED 134

#endif
