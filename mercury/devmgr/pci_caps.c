/*
 * A function's vendor-specific capabilities as an environment entry for its driver
 * (pci_caps.h). Everything read from configuration space is bounded before it is used.
 */
#include <stdbool.h>
#include <stdint.h>

#include "mercury/devmgr/pci_caps.h"

#define LEGACY_END 256 /* capabilities live in the first 256 bytes */

static const char hex_digits[] = "0123456789abcdef";

static size_t put_text(char *out, size_t size, size_t len, const char *text)
{
	while (*text && len + 1 < size)
		out[len++] = *text++;
	out[len] = '\0';
	return len;
}

/* Appends the capability at `at` (length `cap_len`, bounded by the caller) if it fits
 * whole, with a ',' before it unless it is the first; false when it does not fit. */
static bool put_cap(const struct pci_config *c, struct pci_address a, unsigned at,
		    unsigned cap_len, bool first, char *out, size_t size, size_t *len)
{
	size_t need = cap_len * 2 + (first ? 0 : 1);
	if (*len + need + 1 > size)
		return false;
	if (!first)
		out[(*len)++] = ',';
	for (unsigned i = 0; i < cap_len; i++) {
		uint8_t byte = pci_read8(c, a, at + i);
		out[(*len)++] = hex_digits[byte >> 4];
		out[(*len)++] = hex_digits[byte & 0xf];
	}
	out[*len] = '\0';
	return true;
}

unsigned pci_vendor_caps_env(const struct pci_config *c, struct pci_address a, char *out,
			     size_t size)
{
	if (size == 0)
		return 0;
	size_t len = put_text(out, size, 0, PCI_VENDOR_CAPS_ENV "=");
	if (len != sizeof(PCI_VENDOR_CAPS_ENV)) {
		out[0] = '\0'; /* not even the name fits */
		return 0;
	}
	uint8_t layout = PCI_HEADER_LAYOUT(pci_read8(c, a, PCI_HEADER_TYPE));
	if ((layout != PCI_HEADER_DEVICE && layout != PCI_HEADER_BRIDGE) ||
	    !(pci_read16(c, a, PCI_STATUS) & PCI_STATUS_CAP_LIST))
		return 0;
	unsigned written = 0;
	unsigned at = pci_read8(c, a, PCI_CAP_POINTER) & ~3u;
	for (unsigned visited = 0; visited < PCI_CAP_WALK_MAX && at >= PCI_CAP_FIRST;
	     visited++) {
		uint8_t id = pci_read8(c, a, at), next = pci_read8(c, a, at + 1);
		if (id == PCI_CAP_ID_VENDOR) {
			unsigned cap_len = pci_read8(c, a, at + 2);
			if (cap_len >= PCI_VENDOR_CAP_MIN && cap_len <= PCI_VENDOR_CAP_MAX &&
			    at + cap_len <= LEGACY_END) {
				if (!put_cap(c, a, at, cap_len, written == 0, out, size, &len))
					break;
				written++;
			}
		}
		at = next & ~3u;
	}
	return written;
}
