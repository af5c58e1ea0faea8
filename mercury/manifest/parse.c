/* The manifest parser (manifest.h): one statement a line, each checked before it is stored. */
#include "mercury/manifest/manifest.h"

#include <string.h>

#include <base/fields.h>
#include <base/fmt.h>

#define FIELDS_MAX 4 /* the longest statement has 3 fields: one more to refuse a fourth */

typedef const char *(*statement_parser)(const struct base_field *f, unsigned n,
					struct mercury_manifest *m);

static bool is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* `digits` hex digits at s, exactly, into *v. */
static bool fixed_hex(const char *s, size_t digits, uint64_t *v)
{
	for (size_t i = 0; i < digits; i++)
		if (!is_hex(s[i]))
			return false;
	return base_field_number((struct base_field){ s, digits }, 16, UINT64_MAX, v);
}

static const char *parse_driver(const struct base_field *f, unsigned n,
				struct mercury_manifest *m)
{
	if (n != 2)
		return "driver takes one NAME";
	if (m->driver[0])
		return "driver named twice";
	if (f[1].len > MERCURY_MANIFEST_NAME_MAX)
		return "driver name longer than 31 bytes";
	if (!base_field_is_name(f[1]))
		return "driver name must be [a-z0-9._-]";
	base_field_copy(m->driver, sizeof(m->driver), f[1]);
	return NULL;
}

static const char *parse_pci(struct base_field id, struct mercury_manifest_match *match)
{
	uint64_t vendor, device;
	if (id.len != 9 || id.s[4] != ':' || !fixed_hex(id.s, 4, &vendor) ||
	    !fixed_hex(id.s + 5, 4, &device))
		return "match pci wants VVVV:DDDD (hex)";
	match->kind = MERCURY_MATCH_PCI;
	match->vendor = (uint16_t)vendor;
	match->device = (uint16_t)device;
	return NULL;
}

/* A byte of a class code at *s: two hex digits, or `*` (any) if `star` allows. */
static bool class_byte(struct base_field f, size_t *at, bool star, uint8_t *v, bool *any)
{
	if (star && *at < f.len && f.s[*at] == '*') {
		*any = true;
		*at += 1;
		return true;
	}
	uint64_t value;
	if (f.len - *at < 2 || !fixed_hex(f.s + *at, 2, &value))
		return false;
	*v = (uint8_t)value;
	*at += 2;
	return true;
}

static const char *parse_pci_class(struct base_field code, struct mercury_manifest_match *match)
{
	size_t at = 0;
	bool no_star = false;
	if (!class_byte(code, &at, false, &match->class_code, &no_star) ||
	    !class_byte(code, &at, true, &match->subclass, &match->any_subclass) ||
	    !class_byte(code, &at, true, &match->prog_if, &match->any_prog_if) || at != code.len)
		return "match pci-class wants CCSSPP (hex; SS and PP may be *)";
	match->kind = MERCURY_MATCH_PCI_CLASS;
	return NULL;
}

/* Device-tree compatible strings: "vendor,model" of printable bytes without spaces. */
static bool good_compatible(struct base_field f)
{
	for (size_t i = 0; i < f.len; i++) {
		char c = f.s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == ',' || c == '.' || c == '_' || c == '+' || c == '-'))
			return false;
	}
	return true;
}

static const char *parse_compatible(struct base_field s, struct mercury_manifest_match *match)
{
	if (s.len > MERCURY_MANIFEST_COMPATIBLE_MAX)
		return "compatible string longer than 63 bytes";
	if (!good_compatible(s))
		return "compatible string must be [A-Za-z0-9,._+-]";
	match->kind = MERCURY_MATCH_COMPATIBLE;
	base_field_copy(match->compatible, sizeof(match->compatible), s);
	return NULL;
}

static const char *parse_match(const struct base_field *f, unsigned n,
			       struct mercury_manifest *m)
{
	if (n < 2)
		return "match needs a kind: pci, pci-class, compatible or none";
	if (m->match_count == MERCURY_MANIFEST_EACH_MAX)
		return "too many matches (at most 8)";
	struct mercury_manifest_match match;
	memset(&match, 0, sizeof(match));
	const char *err;
	if (base_field_is(f[1], "none")) {
		if (n != 2)
			return "match none takes nothing";
		match.kind = MERCURY_MATCH_NONE;
		err = NULL;
	} else if (base_field_is(f[1], "pci")) {
		err = n != 3 ? "match pci takes one VVVV:DDDD" : parse_pci(f[2], &match);
	} else if (base_field_is(f[1], "pci-class")) {
		err = n != 3 ? "match pci-class takes one CCSSPP" : parse_pci_class(f[2], &match);
	} else if (base_field_is(f[1], "compatible")) {
		err = n != 3 ? "match compatible takes one STRING" : parse_compatible(f[2], &match);
	} else {
		return "unknown match kind (expected pci, pci-class, compatible or none)";
	}
	if (err)
		return err;
	m->matches[m->match_count++] = match;
	return NULL;
}

/* How many resources of `kind` come before: the index in a fixed resource's capability name. */
static unsigned count_kind(const struct mercury_manifest *m,
			   enum mercury_manifest_resource_kind kind)
{
	unsigned count = 0;
	for (unsigned i = 0; i < m->resource_count; i++)
		count += m->resources[i].kind == kind;
	return count;
}

static void name_resource(const struct mercury_manifest *m, struct mercury_manifest_resource *r)
{
	char *name = r->cap_name;
	size_t size = sizeof(r->cap_name);
	switch (r->kind) {
	case MERCURY_RESOURCE_DEVICE_BAR:
		fmt_snprintf(name, size, "bar%u", r->number);
		break;
	case MERCURY_RESOURCE_DEVICE_IRQ:
		fmt_snprintf(name, size, "irq");
		break;
	case MERCURY_RESOURCE_DEVICE_REG:
		fmt_snprintf(name, size, "reg%u", r->number);
		break;
	case MERCURY_RESOURCE_PORTS:
		fmt_snprintf(name, size, "ports%u", count_kind(m, r->kind));
		break;
	case MERCURY_RESOURCE_IRQ:
		fmt_snprintf(name, size, "irq%u", r->number);
		break;
	case MERCURY_RESOURCE_MEMORY:
		fmt_snprintf(name, size, "memory%u", count_kind(m, r->kind));
		break;
	}
}

/* Stores a resource unless one of the same name is there (the same BAR twice, say). */
static const char *add_resource(struct mercury_manifest *m, struct mercury_manifest_resource *r)
{
	if (m->resource_count == MERCURY_MANIFEST_EACH_MAX)
		return "too many resources (at most 8)";
	name_resource(m, r);
	for (unsigned i = 0; i < m->resource_count; i++)
		if (strcmp(m->resources[i].cap_name, r->cap_name) == 0)
			return "resource already named";
	m->resources[m->resource_count++] = *r;
	return NULL;
}

static const char *parse_device(const struct base_field *f, unsigned n,
				struct mercury_manifest *m)
{
	if (n < 2)
		return "device needs bar N, irq or reg N";
	struct mercury_manifest_resource r;
	memset(&r, 0, sizeof(r));
	uint64_t number = 0;
	if (base_field_is(f[1], "bar")) {
		if (n != 3)
			return "device bar takes one N";
		if (!base_field_number(f[2], 10, MERCURY_MANIFEST_BAR_MAX, &number))
			return "BAR number must be 0 to 5";
		r.kind = MERCURY_RESOURCE_DEVICE_BAR;
	} else if (base_field_is(f[1], "irq")) {
		if (n != 2)
			return "device irq takes nothing";
		r.kind = MERCURY_RESOURCE_DEVICE_IRQ;
	} else if (base_field_is(f[1], "reg")) {
		if (n != 3)
			return "device reg takes one N";
		if (!base_field_number(f[2], 10, MERCURY_MANIFEST_REG_MAX, &number))
			return "reg number must be 0 to 15";
		r.kind = MERCURY_RESOURCE_DEVICE_REG;
	} else {
		return "unknown device resource (expected bar, irq or reg)";
	}
	r.number = (unsigned)number;
	return add_resource(m, &r);
}

static const char *parse_ports(const struct base_field *f, unsigned n,
			       struct mercury_manifest *m)
{
	if (n != 3)
		return "ports takes FIRST LAST";
	uint64_t first, last;
	if (!base_field_number(f[1], 16, 0xffff, &first) ||
	    !base_field_number(f[2], 16, 0xffff, &last))
		return "ports must be hex 0 to ffff";
	if (first > last)
		return "ports FIRST is above LAST";
	struct mercury_manifest_resource r;
	memset(&r, 0, sizeof(r));
	r.kind = MERCURY_RESOURCE_PORTS;
	r.first_port = (uint16_t)first;
	r.last_port = (uint16_t)last;
	return add_resource(m, &r);
}

static const char *parse_irq(const struct base_field *f, unsigned n, struct mercury_manifest *m)
{
	if (n != 2)
		return "irq takes one N";
	uint64_t number;
	if (!base_field_number(f[1], 10, MERCURY_MANIFEST_IRQ_MAX, &number))
		return "IRQ number must be 0 to 1023";
	struct mercury_manifest_resource r;
	memset(&r, 0, sizeof(r));
	r.kind = MERCURY_RESOURCE_IRQ;
	r.number = (unsigned)number;
	return add_resource(m, &r);
}

static const char *parse_memory(const struct base_field *f, unsigned n,
				struct mercury_manifest *m)
{
	if (n != 3)
		return "memory takes BASE SIZE";
	uint64_t base, size;
	if (!base_field_number(f[1], 16, UINT64_MAX, &base) ||
	    !base_field_number(f[2], 16, UINT64_MAX, &size))
		return "memory BASE and SIZE must be hex";
	if (size == 0)
		return "memory SIZE must not be 0";
	if (base % MERCURY_MANIFEST_PAGE_SIZE || size % MERCURY_MANIFEST_PAGE_SIZE)
		return "memory BASE and SIZE must be page-aligned (4 KiB)";
	if (base + size - 1 < base)
		return "memory region wraps around";
	struct mercury_manifest_resource r;
	memset(&r, 0, sizeof(r));
	r.kind = MERCURY_RESOURCE_MEMORY;
	r.base = base;
	r.size = size;
	return add_resource(m, &r);
}

/* An ipcgen qualified name, a.b[.c...], each part [A-Za-z_][A-Za-z0-9_]*. */
static bool good_interface(struct base_field f)
{
	bool dotted = false, part_start = true;
	for (size_t i = 0; i < f.len; i++) {
		char c = f.s[i];
		bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
		if (c == '.') {
			if (part_start)
				return false;
			dotted = part_start = true;
		} else if (letter || (!part_start && c >= '0' && c <= '9')) {
			part_start = false;
		} else {
			return false;
		}
	}
	return dotted && !part_start;
}

static const char *parse_service(const struct base_field *f, unsigned n,
				 struct mercury_manifest_service *list, unsigned *count,
				 const char *usage, const char *too_many, const char *again)
{
	if (n < 2 || n > 3)
		return usage;
	if (*count == MERCURY_MANIFEST_EACH_MAX)
		return too_many;
	struct mercury_manifest_service s;
	memset(&s, 0, sizeof(s));
	if (f[1].len > MERCURY_MANIFEST_INTERFACE_MAX)
		return "interface name longer than 31 bytes";
	if (!good_interface(f[1]))
		return "interface name must be qualified (a.b, each part [A-Za-z_][A-Za-z0-9_]*)";
	base_field_copy(s.interface, sizeof(s.interface), f[1]);
	if (n == 3) {
		if (f[2].len > MERCURY_MANIFEST_INSTANCE_MAX)
			return "instance name longer than 32 bytes";
		if (!base_field_is_name(f[2]))
			return "instance name must be [a-z0-9._-]";
		base_field_copy(s.instance, sizeof(s.instance), f[2]);
	}
	for (unsigned i = 0; i < *count; i++)
		if (strcmp(list[i].interface, s.interface) == 0)
			return again;
	list[(*count)++] = s;
	return NULL;
}

static const char *parse_provides(const struct base_field *f, unsigned n,
				  struct mercury_manifest *m)
{
	return parse_service(f, n, m->provides, &m->provides_count,
			     "provides takes INTERFACE [INSTANCE]", "too many provides (at most 8)",
			     "interface already provided");
}

static const char *parse_uses(const struct base_field *f, unsigned n, struct mercury_manifest *m)
{
	/* Each is a capability named after its interface: one of each. */
	return parse_service(f, n, m->uses, &m->uses_count, "uses takes INTERFACE [INSTANCE]",
			     "too many uses (at most 8)", "interface already used");
}

static const struct {
	const char *word;
	statement_parser parse;
} statements[] = {
	{ "driver", parse_driver },	{ "match", parse_match }, { "device", parse_device },
	{ "ports", parse_ports },	{ "irq", parse_irq },	  { "memory", parse_memory },
	{ "provides", parse_provides }, { "uses", parse_uses },
};

static const char *parse_line(struct base_field line, struct mercury_manifest *m)
{
	if (line.len > MERCURY_MANIFEST_LINE_MAX)
		return "line longer than 127 bytes";
	if (memchr(line.s, '\0', line.len))
		return "NUL byte in line";
	struct base_field f[FIELDS_MAX];
	unsigned n = base_split(line.s, line.len, " \t\r", '#', f, FIELDS_MAX);
	if (n == 0)
		return NULL;
	for (size_t i = 0; i < sizeof(statements) / sizeof(statements[0]); i++) {
		if (base_field_is(f[0], statements[i].word)) {
			if (n == FIELDS_MAX)
				return "too many fields";
			return statements[i].parse(f, n, m);
		}
	}
	return "unknown statement (expected driver, match, device, ports, irq, memory, provides "
	       "or uses)";
}

static void report_error(unsigned *errors, mercury_manifest_report report, void *ctx,
			 unsigned line, const char *message)
{
	(*errors)++;
	if (report)
		report(ctx, line, message);
}

/* What no single line shows: a driver name, a match, and `match none` standing alone. */
static void check_whole(struct mercury_manifest *m, unsigned *errors,
			mercury_manifest_report report, void *ctx)
{
	if (!m->driver[0])
		report_error(errors, report, ctx, 0, "no driver statement");
	if (m->match_count == 0)
		report_error(errors, report, ctx, 0,
			     "no match statement (a driver without a device says match none)");
	bool none = false;
	for (unsigned i = 0; i < m->match_count; i++)
		if (m->matches[i].kind == MERCURY_MATCH_NONE)
			none = true;
	if (!none)
		return;
	for (unsigned i = 0; i < m->match_count; i++)
		if (m->matches[i].kind != MERCURY_MATCH_NONE)
			report_error(errors, report, ctx, m->matches[i].line,
				     "match none excludes every other match");
	for (unsigned i = 0; i < m->resource_count; i++) {
		enum mercury_manifest_resource_kind k = m->resources[i].kind;
		if (k == MERCURY_RESOURCE_DEVICE_BAR || k == MERCURY_RESOURCE_DEVICE_IRQ ||
		    k == MERCURY_RESOURCE_DEVICE_REG)
			report_error(errors, report, ctx, m->resources[i].line,
				     "device resources need a matched device (match none has none)");
	}
}

/* Gives whatever the line added its line number. */
static void stamp_line(struct mercury_manifest *m, unsigned line)
{
	if (m->match_count && !m->matches[m->match_count - 1].line)
		m->matches[m->match_count - 1].line = line;
	if (m->resource_count && !m->resources[m->resource_count - 1].line)
		m->resources[m->resource_count - 1].line = line;
	if (m->provides_count && !m->provides[m->provides_count - 1].line)
		m->provides[m->provides_count - 1].line = line;
	if (m->uses_count && !m->uses[m->uses_count - 1].line)
		m->uses[m->uses_count - 1].line = line;
}

unsigned mercury_manifest_parse(const char *text, size_t len, struct mercury_manifest *out,
				mercury_manifest_report report, void *ctx)
{
	memset(out, 0, sizeof(*out));
	unsigned errors = 0;
	if (len >= MERCURY_MANIFEST_SECTION_MAX) {
		report_error(&errors, report, ctx, 0, "manifest longer than 4095 bytes");
		return errors;
	}
	unsigned number = 0;
	size_t pos = 0;
	struct base_field line;
	while (base_next_line(text, len, &pos, &line)) {
		number++;
		const char *err = parse_line(line, out);
		if (err)
			report_error(&errors, report, ctx, number, err);
		stamp_line(out, number);
	}
	check_whole(out, &errors, report, ctx);
	return errors;
}
