/*
 * A function's vendor-specific capabilities (PCI capability ID 0x09), written out for its
 * driver: a driver gets its BARs, not configuration space, but devices such as virtio say in
 * these capabilities where in the BARs their registers are. Pure C, host-tested.
 */
#ifndef MERCURY_DEVMGR_PCI_CAPS_H
#define MERCURY_DEVMGR_PCI_CAPS_H

#include <stddef.h>

#include "mercury/devmgr/pci.h"

#define PCI_STATUS 0x06
#define PCI_STATUS_CAP_LIST 0x10u /* the capability pointer is valid */
#define PCI_CAP_POINTER 0x34
#define PCI_CAP_ID_VENDOR 0x09
#define PCI_CAP_FIRST 0x40     /* capabilities live after the standard header */
#define PCI_CAP_WALK_MAX 48    /* (256 - 64) / 4: more entries than that is a loop */
#define PCI_VENDOR_CAP_MIN 3   /* ID, next, length */
#define PCI_VENDOR_CAP_MAX 64  /* bytes of one capability passed on */
#define PCI_VENDOR_CAPS_ENV "PCI_VENDOR_CAPS"

/*
 * Writes "PCI_VENDOR_CAPS=" and each vendor capability of the function at `a` in list order,
 * as lower-case hex of its bytes from its ID to its length (byte 2), the capabilities
 * separated by ','. The list is walked as untrusted: a pointer's reserved low two bits are
 * dropped, one below 0x40 ends the list, at most PCI_CAP_WALK_MAX entries are visited, a capability whose length is below 3, above
 * PCI_VENDOR_CAP_MAX or past the first 256 bytes is left out. Only whole capabilities are
 * written: one that does not fit `size` ends the string there. Always NUL-terminated (size >
 * 0); returns the number of capabilities written.
 */
unsigned pci_vendor_caps_env(const struct pci_config *c, struct pci_address a, char *out,
			     size_t size);

#endif
