/* Matching a manifest against a device (manifest.h). */
#include "mercury/manifest/manifest.h"

#include <string.h>

static bool class_matches(const struct mercury_manifest_match *m, uint32_t class_code)
{
	uint8_t class = (uint8_t)(class_code >> 16), sub = (uint8_t)(class_code >> 8),
		prog_if = (uint8_t)class_code;
	return m->class_code == class && (m->any_subclass || m->subclass == sub) &&
	       (m->any_prog_if || m->prog_if == prog_if);
}

bool mercury_manifest_matches_pci(const struct mercury_manifest *m, uint16_t vendor,
				  uint16_t device, uint32_t class_code)
{
	for (unsigned i = 0; i < m->match_count && i < MERCURY_MANIFEST_EACH_MAX; i++) {
		const struct mercury_manifest_match *match = &m->matches[i];
		if (match->kind == MERCURY_MATCH_PCI && match->vendor == vendor &&
		    match->device == device)
			return true;
		if (match->kind == MERCURY_MATCH_PCI_CLASS && class_matches(match, class_code))
			return true;
	}
	return false;
}

static bool names_compatible(const struct mercury_manifest *m, const char *s, size_t len)
{
	for (unsigned i = 0; i < m->match_count && i < MERCURY_MANIFEST_EACH_MAX; i++) {
		const struct mercury_manifest_match *match = &m->matches[i];
		if (match->kind == MERCURY_MATCH_COMPATIBLE && strlen(match->compatible) == len &&
		    memcmp(match->compatible, s, len) == 0)
			return true;
	}
	return false;
}

bool mercury_manifest_matches_compatible(const struct mercury_manifest *m,
					 const char *compatible_list, size_t len)
{
	size_t start = 0;
	while (start < len) {
		const char *nul = memchr(compatible_list + start, '\0', len - start);
		size_t end = nul ? (size_t)(nul - compatible_list) : len;
		if (end > start && names_compatible(m, compatible_list + start, end - start))
			return true;
		start = end + 1;
	}
	return false;
}
