/* sysinit.conf's parser (conf.h). */
#include "mercury/sysinit/conf.h"

#include <string.h>

#include <base/fields.h>

/* run NAME PATH, every option once, the arguments, and one more */
#define FIELDS_MAX (3 + OPTION_KINDS + SYSINIT_ARGS_MAX + 1)

enum option_kind {
	NOT_AN_OPTION,
	OPTION_RESTART,
	OPTION_REGISTRY,
	OPTION_REGISTRY_BADGE,
	OPTION_HARDWARE,
	OPTION_INITRAMFS,
	OPTION_MEMORY,
	OPTION_KINDS = OPTION_MEMORY,
};

static bool has_nul(const char *line, size_t len)
{
	return memchr(line, '\0', len) != NULL;
}

static bool name_taken(const struct sysinit_config *c, const char *name)
{
	for (unsigned i = 0; i < c->count; i++)
		if (strcmp(c->programs[i].name, name) == 0)
			return true;
	return false;
}

static bool has_prefix(struct base_field f, const char *prefix)
{
	size_t n = strlen(prefix);
	return f.len >= n && memcmp(f.s, prefix, n) == 0;
}

static enum option_kind option_kind(struct base_field f)
{
	if (base_field_is(f, "restart"))
		return OPTION_RESTART;
	if (base_field_is(f, "registry"))
		return OPTION_REGISTRY;
	if (base_field_is(f, "hardware"))
		return OPTION_HARDWARE;
	if (base_field_is(f, "initramfs"))
		return OPTION_INITRAMFS;
	if (has_prefix(f, "registry="))
		return OPTION_REGISTRY_BADGE;
	if (has_prefix(f, "memory="))
		return OPTION_MEMORY;
	return NOT_AN_OPTION;
}

/* The value after `=`. */
static struct base_field option_value(struct base_field f)
{
	const char *eq = memchr(f.s, '=', f.len);
	size_t skip = (size_t)(eq - f.s) + 1;
	return (struct base_field){ f.s + skip, f.len - skip };
}

/* SIZE: a number of bytes, or of KiB or MiB with a K or M suffix. */
static bool parse_size(struct base_field f, uint64_t *bytes)
{
	unsigned shift = 0;
	if (f.len > 0 && (f.s[f.len - 1] == 'K' || f.s[f.len - 1] == 'M')) {
		shift = f.s[f.len - 1] == 'K' ? 10 : 20;
		f.len--;
	}
	uint64_t n;
	if (!base_field_number(f, 0, SYSINIT_MEMORY_MAX >> shift, &n))
		return false;
	*bytes = n << shift;
	return true;
}

static const char *parse_option(struct base_field f, struct sysinit_program *p)
{
	uint64_t n = 0;
	switch (option_kind(f)) {
	case OPTION_RESTART:
		if (p->restart)
			return "restart given twice";
		p->restart = true;
		return NULL;
	case OPTION_REGISTRY:
		if (p->serves_registry)
			return "registry given twice";
		p->serves_registry = true;
		return NULL;
	case OPTION_HARDWARE:
		if (p->hardware)
			return "hardware given twice";
		p->hardware = true;
		return NULL;
	case OPTION_INITRAMFS:
		if (p->initramfs)
			return "initramfs given twice";
		p->initramfs = true;
		return NULL;
	case OPTION_REGISTRY_BADGE:
		if (p->registry_badge)
			return "registry=BADGE given twice";
		if (!base_field_number(option_value(f), 0, UINT64_MAX, &n) || n == 0)
			return "registry=BADGE needs a non-zero number";
		p->registry_badge = n;
		return NULL;
	case OPTION_MEMORY:
		if (p->memory)
			return "memory=SIZE given twice";
		if (!parse_size(option_value(f), &n) || n < SYSINIT_MEMORY_MIN ||
		    n % 4096 != 0)
			return "memory=SIZE must be whole pages from 256K to 1024M";
		p->memory = n;
		return NULL;
	case NOT_AN_OPTION:
		break;
	}
	return "not an option";
}

/* One `run` line: NULL, or what is wrong with it. */
static const char *parse_run(const struct base_field *f, unsigned n, unsigned line,
			     struct sysinit_config *c)
{
	if (n < 3)
		return "run needs a NAME and a PATH";
	if (c->count == SYSINIT_PROGRAMS_MAX)
		return "too many programs (at most 16)";
	struct sysinit_program *p = &c->programs[c->count];
	memset(p, 0, sizeof(*p));
	if (!base_field_copy(p->name, sizeof(p->name), f[1]))
		return "program name longer than 31 bytes";
	/* As the registry's instance names: it appears in log lines. */
	if (!base_field_is_name(f[1]))
		return "program name must be [a-z0-9._-]";
	if (name_taken(c, p->name))
		return "program name already used";
	if (!base_field_copy(p->path, sizeof(p->path), f[2]))
		return "path longer than 127 bytes";
	unsigned i = 3;
	for (const char *err; i < n; i++) {
		if (option_kind(f[i]) == NOT_AN_OPTION)
			break;
		if ((err = parse_option(f[i], p)) != NULL)
			return err;
	}
	if (n - i > SYSINIT_ARGS_MAX)
		return "too many arguments (at most 8)";
	for (; i < n; i++)
		if (!base_field_copy(p->args[p->argc++], sizeof(p->args[0]), f[i]))
			return "argument longer than 63 bytes";
	p->line = line;
	c->count++;
	return NULL;
}

static const struct sysinit_program *registry_program(const struct sysinit_config *c)
{
	for (unsigned i = 0; i < c->count; i++)
		if (c->programs[i].serves_registry)
			return &c->programs[i];
	return NULL;
}

/* What a program asks of the others: NULL, or what is wrong. */
static const char *check_program(const struct sysinit_config *c, const struct sysinit_program *p)
{
	const struct sysinit_program *registry = registry_program(c);
	if (p->serves_registry && registry != p)
		return "a second program serves the registry";
	if (p->registry_badge && !registry)
		return "registry=BADGE but no program serves the registry";
	return NULL;
}

static const char *parse_line(const char *text, size_t len, unsigned line,
			      struct sysinit_config *c)
{
	if (len > SYSINIT_LINE_MAX)
		return "line longer than 255 bytes";
	if (has_nul(text, len))
		return "NUL byte in line";
	struct base_field f[FIELDS_MAX];
	unsigned n = base_split(text, len, " \t\r", '#', f, FIELDS_MAX);
	if (n == 0)
		return NULL;
	if (base_field_is(f[0], "run"))
		return parse_run(f, n, line, c);
	return "unknown statement (expected run)";
}

unsigned sysinit_conf_parse(const char *text, size_t len, struct sysinit_config *config,
			    sysinit_conf_report report, void *ctx)
{
	memset(config, 0, sizeof(*config));
	unsigned errors = 0, line = 0;
	size_t pos = 0;
	struct base_field l;
	while (base_next_line(text, len, &pos, &l)) {
		line++;
		const char *err = parse_line(l.s, l.len, line, config);
		if (err) {
			errors++;
			if (report)
				report(ctx, line, err);
		}
	}
	/* Lines that need another one are checked once every line is read. */
	for (unsigned i = 0; i < config->count;) {
		const char *err = check_program(config, &config->programs[i]);
		if (!err) {
			i++;
			continue;
		}
		errors++;
		if (report)
			report(ctx, config->programs[i].line, err);
		memmove(&config->programs[i], &config->programs[i + 1],
			(config->count - i - 1) * sizeof(config->programs[0]));
		config->count--;
	}
	return errors;
}
