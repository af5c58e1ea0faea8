/*
 * The registry's policy (docs/registry.md, "Policy"): who may publish and look up what. A
 * caller is known only by the badge of the registry capability it calls through, which its
 * starter minted; every rule names one badge. Nothing a caller says about itself counts.
 */
#ifndef MERCURY_REGISTRY_POLICY_H
#define MERCURY_REGISTRY_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mercury/registry/name.h"

#ifdef __cplusplus
extern "C" {
#endif

#define REGISTRY_RULES_MAX 32
/* A rule's interface that matches every interface (ipcgen never gives an interface id 0). */
#define REGISTRY_ANY_INTERFACE 0u

/* What a rule allows (a mask). Withdrawing needs PUBLISH and being the publisher. */
enum registry_verb {
	REGISTRY_LOOKUP = 1,  /* lookup, await, list */
	REGISTRY_PUBLISH = 2, /* publish, withdraw */
};

struct registry_rule {
	uint64_t badge;    /* whose rule: never 0 (an unbadged capability has no rights) */
	unsigned verbs;    /* enum registry_verb bits */
	uint32_t iface;    /* an interface id or REGISTRY_ANY_INTERFACE */
	char instance[REGISTRY_NAME_MAX + 1]; /* a name, "prefix*" or "*" */
};

struct registry_policy {
	struct registry_rule rules[REGISTRY_RULES_MAX];
	unsigned count;
};

/* Whether some rule of `badge` allows `verb` on name. */
bool registry_policy_allows(const struct registry_policy *p, uint64_t badge,
			    enum registry_verb verb, const struct registry_name *name);

/* ---- Rules as text (policy_parse.c) ---------------------------------------------------- */

enum registry_policy_error {
	REGISTRY_POLICY_OK = 0,
	REGISTRY_POLICY_FIELDS,    /* not four fields */
	REGISTRY_POLICY_BADGE,     /* not a number, or 0 */
	REGISTRY_POLICY_VERB,      /* not lookup, publish or lookup,publish */
	REGISTRY_POLICY_INTERFACE, /* not a qualified name, an 0x id or * */
	REGISTRY_POLICY_INSTANCE,  /* not a name, a name's prefix and *, or * */
	REGISTRY_POLICY_FULL,      /* more than REGISTRY_RULES_MAX rules */
};

/*
 * Adds the rule `BADGE VERBS INTERFACE INSTANCE`, fields separated by spaces, tabs or ':'
 * (so one command-line word can hold a rule): BADGE decimal or 0x hex; VERBS `lookup`,
 * `publish` or both joined by ','; INTERFACE a qualified interface name (its ipcgen id is
 * taken), an 0x id or `*`; INSTANCE a name, a prefix of one followed by `*`, or `*`.
 */
enum registry_policy_error registry_policy_add(struct registry_policy *p, const char *text,
					       size_t len);
/* Adds a rule per line of text; blank lines and lines starting with '#' are skipped. On an
 * error *line (1-based) says where; the rules before it stay. */
enum registry_policy_error registry_policy_parse(struct registry_policy *p, const char *text,
						 size_t len, unsigned *line);
const char *registry_policy_strerror(enum registry_policy_error err);

/* The ipcgen id of a qualified interface name: its 32-bit FNV-1a hash (docs/ipc.md, Ids). */
uint32_t registry_interface_id(const char *name, size_t len);

#ifdef __cplusplus
}
#endif

#endif
