/* The policy's rules as text (policy.h): from a configuration file or command-line words. */
#include <string.h>

#include <base/fields.h>

#include "mercury/registry/policy.h"

#define FIELDS 4

/* Words joined by ',': each lookup or publish. */
static bool parse_verbs(struct base_field f, unsigned *verbs)
{
	*verbs = 0;
	size_t start = 0;
	for (size_t i = 0; i <= f.len; i++) {
		if (i < f.len && f.s[i] != ',')
			continue;
		struct base_field word = { f.s + start, i - start };
		if (base_field_is(word, "lookup"))
			*verbs |= REGISTRY_LOOKUP;
		else if (base_field_is(word, "publish"))
			*verbs |= REGISTRY_PUBLISH;
		else
			return false; /* an empty word too */
		start = i + 1;
	}
	return true;
}

static bool ident_byte(char c, bool first)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       (!first && c >= '0' && c <= '9');
}

/* IDENT { "." IDENT }, as .ipc files spell a qualified name. */
static bool qualified_name(struct base_field f)
{
	bool first = true;
	for (size_t i = 0; i < f.len; i++) {
		if (f.s[i] == '.' && !first) {
			first = true;
			continue;
		}
		if (!ident_byte(f.s[i], first))
			return false;
		first = false;
	}
	return f.len > 0 && !first;
}

static bool parse_interface(struct base_field f, uint32_t *iface)
{
	uint64_t id;
	if (base_field_is(f, "*")) {
		*iface = REGISTRY_ANY_INTERFACE;
		return true;
	}
	if (base_field_has_hex_prefix(f)) {
		if (!base_field_number(f, 0, UINT32_MAX, &id) || id == 0)
			return false;
		*iface = (uint32_t)id;
		return true;
	}
	if (!qualified_name(f))
		return false;
	*iface = registry_interface_id(f.s, f.len);
	return true;
}

/* A valid name, or a prefix of one (possibly empty) followed by '*'. */
static bool parse_instance(struct base_field f, char *out)
{
	if (f.len == 0 || f.len > REGISTRY_NAME_MAX)
		return false;
	memcpy(out, f.s, f.len);
	out[f.len] = 0;
	if (out[f.len - 1] != '*')
		return registry_instance_valid(out);
	if (f.len == 1)
		return true;
	out[f.len - 1] = 0;
	bool ok = registry_instance_valid(out);
	out[f.len - 1] = '*';
	return ok;
}

enum registry_policy_error registry_policy_add(struct registry_policy *p, const char *text,
					       size_t len)
{
	struct base_field f[FIELDS + 1];
	struct registry_rule r = { 0 };
	if (base_split(text, len, " \t:", 0, f, FIELDS + 1) != FIELDS)
		return REGISTRY_POLICY_FIELDS;
	if (!base_field_number(f[0], 0, UINT64_MAX, &r.badge) || r.badge == 0)
		return REGISTRY_POLICY_BADGE;
	if (!parse_verbs(f[1], &r.verbs))
		return REGISTRY_POLICY_VERB;
	if (!parse_interface(f[2], &r.iface))
		return REGISTRY_POLICY_INTERFACE;
	if (!parse_instance(f[3], r.instance))
		return REGISTRY_POLICY_INSTANCE;
	if (p->count == REGISTRY_RULES_MAX)
		return REGISTRY_POLICY_FULL;
	p->rules[p->count++] = r;
	return REGISTRY_POLICY_OK;
}

enum registry_policy_error registry_policy_parse(struct registry_policy *p, const char *text,
						 size_t len, unsigned *line)
{
	*line = 0;
	size_t i = 0;
	while (i < len) {
		size_t end = i;
		while (end < len && text[end] != '\n')
			end++;
		++*line;
		size_t start = i;
		while (start < end && (text[start] == ' ' || text[start] == '\t'))
			start++;
		if (start < end && text[start] != '#') {
			enum registry_policy_error err = registry_policy_add(p, text + start,
									     end - start);
			if (err)
				return err;
		}
		i = end + 1;
	}
	return REGISTRY_POLICY_OK;
}

const char *registry_policy_strerror(enum registry_policy_error err)
{
	switch (err) {
	case REGISTRY_POLICY_OK:
		return "ok";
	case REGISTRY_POLICY_FIELDS:
		return "a rule is BADGE VERBS INTERFACE INSTANCE";
	case REGISTRY_POLICY_BADGE:
		return "the badge is not a non-zero number";
	case REGISTRY_POLICY_VERB:
		return "the verbs are not lookup, publish or lookup,publish";
	case REGISTRY_POLICY_INTERFACE:
		return "the interface is not a qualified name, an 0x id or *";
	case REGISTRY_POLICY_INSTANCE:
		return "the instance is not a name, a name's prefix and *, or *";
	case REGISTRY_POLICY_FULL:
		return "too many rules";
	}
	return "unknown error";
}

uint32_t registry_interface_id(const char *name, size_t len)
{
	uint32_t h = 2166136261u; /* FNV-1a, 32 bits, as tools/ipcgen/ipcgen/fnv.py */
	for (size_t i = 0; i < len; i++) {
		h ^= (uint8_t)name[i];
		h *= 16777619u;
	}
	return h;
}
