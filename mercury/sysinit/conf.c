/* sysinit.conf's parser (conf.h). */
#include "mercury/sysinit/conf.h"

#include <string.h>

#include <base/fields.h>

#define FIELDS_MAX (3 + 1 + SYSINIT_ARGS_MAX + 1) /* run NAME PATH restart ARGS, and one more */

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
	if (i < n && base_field_is(f[i], "restart")) {
		p->restart = true;
		i++;
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
	return errors;
}
