/*
 * Writing and checking Mercury startup blocks (<mercury/startup.h>). Pure C on nothing but
 * the uapi and <string.h>: the spawner (mercury/lib) writes blocks with it, the runtime
 * (helios/lib/rt) checks the one its program starts with, and host tests run it on the host.
 */
#ifndef MERCURY_STARTUP_BLOCK_H
#define MERCURY_STARTUP_BLOCK_H

#include <stddef.h>
#include <stdint.h>

#include <mercury/startup.h>

/* At most this many named capabilities in a block (the checker compares names pairwise). */
#define MERCURY_STARTUP_MAX_CAPS 256

enum mercury_startup_error {
	MERCURY_STARTUP_OK = 0,
	MERCURY_STARTUP_ERR_TRUNCATED, /* fewer bytes than the header or its size field says */
	MERCURY_STARTUP_ERR_MAGIC,     /* not a startup block */
	MERCURY_STARTUP_ERR_VERSION,   /* a version this reader does not know */
	MERCURY_STARTUP_ERR_SIZE,      /* size, header_size or cap_entry_size impossible */
	MERCURY_STARTUP_ERR_BASE,      /* mapped somewhere else than `base` says */
	MERCURY_STARTUP_ERR_TABLE,     /* a table outside the block, misaligned or unterminated */
	MERCURY_STARTUP_ERR_STRING,    /* a string outside the string area or without its NUL,
					* or an environment entry without '=' */
	MERCURY_STARTUP_ERR_CAP,       /* a capability name empty, too long or repeated, a slot
					* outside the cspace, an unknown type, too many */
	MERCURY_STARTUP_ERR_RANGE,     /* a slot range outside the cspace */
	MERCURY_STARTUP_ERR_TOO_LARGE, /* the contents do not fit the buffer or the maximum */
};

/* A message for an error, never NULL. */
const char *mercury_startup_strerror(int err);

/* What goes into a block besides the fixed header fields. */
struct mercury_startup_contents {
	const char *const *argv; /* NULL-terminated; NULL: no arguments */
	const char *const *envp; /* NULL-terminated "NAME=value"; NULL: no environment */
	const struct mercury_startup_cap *caps;
	uint32_t capc;
};

/* The bytes a block with these contents takes (*size), or MERCURY_STARTUP_ERR_TOO_LARGE. */
int mercury_startup_measure(const struct mercury_startup_contents *c, size_t *size);

/*
 * Writes a block into buf (buf_size bytes) that will be mapped at `base` in the new task:
 * the fixed fields (task, cspace, ranges, addresses; everything but the magic, version,
 * sizes and tables) from *fixed, the tables and strings from *c. The block is checked
 * afterwards as the task will check it (with base standing for buf), so a block that would be
 * refused is never handed over. Returns a mercury_startup_error.
 */
int mercury_startup_write(void *buf, size_t buf_size, uint64_t base,
			  const struct mercury_startup *fixed,
			  const struct mercury_startup_contents *c);

/*
 * Checks a block at `block`, of which `available` bytes may be read, as if mapped at
 * `mapped_at` (the reader passes the block's own address). Everything the lookups below and
 * argv/envp use is in bounds once this returns MERCURY_STARTUP_OK.
 */
int mercury_startup_check(const void *block, size_t available, uint64_t mapped_at);

/* The block's argv and envp (NULL-terminated arrays inside the block). Checked blocks only. */
char **mercury_startup_argv(const struct mercury_startup *s);
char **mercury_startup_envp(const struct mercury_startup *s);
/* The named capability, or NULL. */
const struct mercury_startup_cap *mercury_startup_find_cap(const struct mercury_startup *s,
							   const char *name);
/* The capability table's entry i (i < capc). */
const struct mercury_startup_cap *mercury_startup_cap_at(const struct mercury_startup *s,
							 uint32_t i);
/* The value of the environment variable `name`, or NULL. */
const char *mercury_startup_getenv(const struct mercury_startup *s, const char *name);

#endif
