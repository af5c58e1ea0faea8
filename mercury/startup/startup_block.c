/*
 * Startup blocks (startup_block.h): the writer lays out header, argv, envp, capability table
 * and strings one after another; the checker trusts nothing it has not bounded first, since
 * the block comes from another task.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <mercury/startup_block.h>

#define ALIGN8(x) (((x) + 7u) & ~(uint64_t)7u)

const char *mercury_startup_strerror(int err)
{
	switch (err) {
	case MERCURY_STARTUP_OK:
		return "no error";
	case MERCURY_STARTUP_ERR_TRUNCATED:
		return "startup block truncated";
	case MERCURY_STARTUP_ERR_MAGIC:
		return "not a startup block";
	case MERCURY_STARTUP_ERR_VERSION:
		return "unknown startup block version";
	case MERCURY_STARTUP_ERR_SIZE:
		return "startup block sizes impossible";
	case MERCURY_STARTUP_ERR_BASE:
		return "startup block mapped at another address than it was written for";
	case MERCURY_STARTUP_ERR_TABLE:
		return "startup block table outside the block, misaligned or unterminated";
	case MERCURY_STARTUP_ERR_STRING:
		return "startup block string outside the string area or malformed";
	case MERCURY_STARTUP_ERR_CAP:
		return "startup block capability malformed, repeated or out of range";
	case MERCURY_STARTUP_ERR_RANGE:
		return "startup block slot range outside the cspace";
	case MERCURY_STARTUP_ERR_TOO_LARGE:
		return "startup block contents too large";
	}
	return "unknown startup block error";
}

/* ---- Layout, shared by the writer and the checker ------------------------------------- */

/* Entries of a NULL-terminated string array (NULL: none). */
static uint64_t count_strings(const char *const *v)
{
	uint64_t n = 0;
	while (v && v[n])
		n++;
	return n;
}

/* Bytes of the strings of v, with their NULs. */
static uint64_t string_bytes(const char *const *v, uint64_t n)
{
	uint64_t total = 0;
	for (uint64_t i = 0; i < n; i++)
		total += strlen(v[i]) + 1;
	return total;
}

struct layout {
	uint64_t argc, envc, argv, envp, caps, strings, strings_size, size;
};

static int plan(const struct mercury_startup_contents *c, struct layout *l)
{
	l->argc = count_strings(c->argv);
	l->envc = count_strings(c->envp);
	if (c->capc > MERCURY_STARTUP_MAX_CAPS || l->argc > MERCURY_STARTUP_MAX_SIZE ||
	    l->envc > MERCURY_STARTUP_MAX_SIZE)
		return MERCURY_STARTUP_ERR_TOO_LARGE;
	l->argv = ALIGN8(sizeof(struct mercury_startup));
	l->envp = l->argv + (l->argc + 1) * sizeof(uint64_t);
	l->caps = l->envp + (l->envc + 1) * sizeof(uint64_t);
	l->strings = l->caps + (uint64_t)c->capc * sizeof(struct mercury_startup_cap);
	l->strings_size = string_bytes(c->argv, l->argc) + string_bytes(c->envp, l->envc);
	l->size = l->strings + l->strings_size;
	return l->size > MERCURY_STARTUP_MAX_SIZE ? MERCURY_STARTUP_ERR_TOO_LARGE
						  : MERCURY_STARTUP_OK;
}

int mercury_startup_measure(const struct mercury_startup_contents *c, size_t *size)
{
	struct layout l;
	int err = plan(c, &l);
	if (!err)
		*size = (size_t)l.size;
	return err;
}

/* Copies n strings to `at` in the block, their addresses (for `base`) to the table. */
static uint64_t put_strings(uint8_t *block, uint64_t base, uint64_t table, uint64_t at,
			    const char *const *v, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++) {
		uint64_t len = strlen(v[i]) + 1;
		uint64_t addr = base + at;
		memcpy(block + table + i * sizeof(uint64_t), &addr, sizeof(addr));
		memcpy(block + at, v[i], len);
		at += len;
	}
	memset(block + table + n * sizeof(uint64_t), 0, sizeof(uint64_t));
	return at;
}

int mercury_startup_write(void *buf, size_t buf_size, uint64_t base,
			  const struct mercury_startup *fixed,
			  const struct mercury_startup_contents *c)
{
	struct layout l;
	int err = plan(c, &l);
	if (err)
		return err;
	if (l.size > buf_size)
		return MERCURY_STARTUP_ERR_TOO_LARGE;
	uint8_t *block = buf;
	memset(block, 0, (size_t)l.size);
	struct mercury_startup h = *fixed;
	h.magic = MERCURY_STARTUP_MAGIC;
	h.version = MERCURY_STARTUP_VERSION;
	h.size = (uint32_t)l.size;
	h.header_size = sizeof(struct mercury_startup);
	h.cap_entry_size = sizeof(struct mercury_startup_cap);
	h.base = base;
	h.argc = (uint32_t)l.argc;
	h.envc = (uint32_t)l.envc;
	h.capc = c->capc;
	h.argv = l.argv;
	h.envp = l.envp;
	h.caps = l.caps;
	h.strings = l.strings;
	h.strings_size = l.strings_size;
	memcpy(block, &h, sizeof(h));
	if (c->capc)
		memcpy(block + l.caps, c->caps, c->capc * sizeof(struct mercury_startup_cap));
	uint64_t at = put_strings(block, base, l.argv, l.strings, c->argv, l.argc);
	put_strings(block, base, l.envp, at, c->envp, l.envc);
	/* Checked as the task will check it, with the addresses relocated to the buffer. */
	return mercury_startup_check(buf, buf_size, base);
}

/* ---- Checking ------------------------------------------------------------------------ */

/* Whether [offset, offset + len) lies in [0, size), without overflow. */
static int inside(uint64_t offset, uint64_t len, uint64_t size)
{
	return offset <= size && len <= size - offset;
}

/* A table of n + 1 addresses at `offset`: aligned, inside, every entry a string of the
 * string area (with '=' if `need_equals`), the last one 0. */
static int check_strings(const uint8_t *block, const struct mercury_startup *h, uint64_t offset,
			 uint64_t n, int need_equals)
{
	if (offset % 8 || n > h->size / 8 || !inside(offset, (n + 1) * 8, h->size))
		return MERCURY_STARTUP_ERR_TABLE;
	for (uint64_t i = 0; i <= n; i++) {
		uint64_t addr;
		memcpy(&addr, block + offset + i * 8, sizeof(addr));
		if (i == n)
			return addr ? MERCURY_STARTUP_ERR_TABLE : MERCURY_STARTUP_OK;
		uint64_t at = addr - h->base;
		if (addr < h->base || at < h->strings || at - h->strings >= h->strings_size)
			return MERCURY_STARTUP_ERR_STRING;
		uint64_t left = h->strings + h->strings_size - at;
		const char *s = (const char *)block + at;
		size_t len = strnlen(s, (size_t)left);
		if (len == left || (need_equals && !memchr(s, '=', len)))
			return MERCURY_STARTUP_ERR_STRING;
	}
	return MERCURY_STARTUP_OK;
}

static int range_ok(struct helios_cap_range r, uint32_t slots)
{
	return r.count == 0 || (r.first != 0 && (uint64_t)r.first + r.count <= slots);
}

static int check_ranges(const struct mercury_startup *h)
{
	struct helios_cap_range ranges[] = { h->memory,      h->free_slots,  h->image_pages,
					     h->stack_pages, h->page_tables, h->block_pages };
	for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
		if (!range_ok(ranges[i], h->cspace_slots))
			return MERCURY_STARTUP_ERR_RANGE;
	helios_caddr_t fixed[] = { h->task, h->cspace, h->vspace };
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (fixed[i] == 0 || fixed[i] >= h->cspace_slots)
			return MERCURY_STARTUP_ERR_RANGE;
	if (h->exit_endpoint != HELIOS_CADDR_UNDEF &&
	    (h->exit_endpoint == 0 || h->exit_endpoint >= h->cspace_slots))
		return MERCURY_STARTUP_ERR_RANGE;
	return MERCURY_STARTUP_OK;
}

static int check_caps(const struct mercury_startup *h)
{
	if (h->capc > MERCURY_STARTUP_MAX_CAPS ||
	    !inside(h->caps, (uint64_t)h->capc * h->cap_entry_size, h->size) || h->caps % 8)
		return h->capc > MERCURY_STARTUP_MAX_CAPS ? MERCURY_STARTUP_ERR_CAP
							  : MERCURY_STARTUP_ERR_TABLE;
	for (uint32_t i = 0; i < h->capc; i++) {
		const struct mercury_startup_cap *c = mercury_startup_cap_at(h, i);
		size_t len = strnlen(c->name, MERCURY_CAP_NAME_MAX);
		if (len == 0 || len == MERCURY_CAP_NAME_MAX || c->slot == 0 || c->count == 0 ||
		    c->slot >= h->cspace_slots || c->count > h->cspace_slots - c->slot ||
		    c->type == HELIOS_CAP_NULL || c->type >= HELIOS_CAP_TYPE_COUNT)
			return MERCURY_STARTUP_ERR_CAP;
		for (uint32_t k = 0; k < i; k++)
			if (strcmp(mercury_startup_cap_at(h, k)->name, c->name) == 0)
				return MERCURY_STARTUP_ERR_CAP;
	}
	return MERCURY_STARTUP_OK;
}

/* The header's own fields: magic, version, sizes, where it is mapped. */
static int check_header(const struct mercury_startup *h, size_t available, uint64_t mapped_at)
{
	if (available < sizeof(*h))
		return MERCURY_STARTUP_ERR_TRUNCATED;
	if (h->magic != MERCURY_STARTUP_MAGIC)
		return MERCURY_STARTUP_ERR_MAGIC;
	if (h->version != MERCURY_STARTUP_VERSION)
		return MERCURY_STARTUP_ERR_VERSION;
	if (h->header_size < sizeof(*h) || h->header_size % 8 || h->size < h->header_size ||
	    h->size > MERCURY_STARTUP_MAX_SIZE ||
	    h->cap_entry_size < sizeof(struct mercury_startup_cap) || h->cap_entry_size % 8)
		return MERCURY_STARTUP_ERR_SIZE;
	if (h->size > available)
		return MERCURY_STARTUP_ERR_TRUNCATED;
	if (h->base != mapped_at)
		return MERCURY_STARTUP_ERR_BASE;
	if (!inside(h->strings, h->strings_size, h->size))
		return MERCURY_STARTUP_ERR_TABLE;
	return MERCURY_STARTUP_OK;
}

int mercury_startup_check(const void *block, size_t available, uint64_t mapped_at)
{
	const struct mercury_startup *h = block;
	if ((uintptr_t)block % 8)
		return MERCURY_STARTUP_ERR_BASE;
	int err = check_header(h, available, mapped_at);
	if (!err)
		err = check_ranges(h);
	if (!err)
		err = check_strings(block, h, h->argv, h->argc, 0);
	if (!err)
		err = check_strings(block, h, h->envp, h->envc, 1);
	if (!err)
		err = check_caps(h);
	return err;
}

/* ---- Lookups (checked blocks) ---------------------------------------------------------- */

char **mercury_startup_argv(const struct mercury_startup *s)
{
	return (char **)((uintptr_t)s + s->argv);
}

char **mercury_startup_envp(const struct mercury_startup *s)
{
	return (char **)((uintptr_t)s + s->envp);
}

const struct mercury_startup_cap *mercury_startup_cap_at(const struct mercury_startup *s,
							 uint32_t i)
{
	return (const struct mercury_startup_cap *)((uintptr_t)s + s->caps +
						    (uint64_t)i * s->cap_entry_size);
}

const struct mercury_startup_cap *mercury_startup_find_cap(const struct mercury_startup *s,
							   const char *name)
{
	for (uint32_t i = 0; i < s->capc; i++) {
		const struct mercury_startup_cap *c = mercury_startup_cap_at(s, i);
		if (strcmp(c->name, name) == 0)
			return c;
	}
	return NULL;
}

const char *mercury_startup_getenv(const struct mercury_startup *s, const char *name)
{
	size_t n = strlen(name);
	char **env = mercury_startup_envp(s);
	for (uint32_t i = 0; i < s->envc; i++)
		if (strncmp(env[i], name, n) == 0 && env[i][n] == '=')
			return env[i] + n + 1;
	return NULL;
}
