/* Matching requests against the policy (policy.h). */
#include "mercury/registry/policy.h"

#include <string.h>

/* "*" matches any name, "abc*" any name starting with abc, anything else only itself. */
static bool instance_matches(const char *pattern, const char *instance)
{
	size_t n = strlen(pattern);
	if (n > 0 && pattern[n - 1] == '*')
		return strncmp(pattern, instance, n - 1) == 0;
	return strcmp(pattern, instance) == 0;
}

bool registry_policy_allows(const struct registry_policy *p, uint64_t badge,
			    enum registry_verb verb, const struct registry_name *name)
{
	if (badge == 0)
		return false;
	for (unsigned i = 0; i < p->count; i++) {
		const struct registry_rule *r = &p->rules[i];
		if (r->badge == badge && (r->verbs & verb) &&
		    (r->iface == REGISTRY_ANY_INTERFACE || r->iface == name->iface) &&
		    instance_matches(r->instance, name->instance))
			return true;
	}
	return false;
}
