/*
 * Driver manifests (README.md, docs/mercury.md "Driver manifests"): the plain text a driver
 * carries in its ELF section `.ares.manifest`, naming the devices it drives and every
 * capability it is to be given. The device manager finds the section, parses it into the
 * fixed-size structures below and starts the driver whose manifest matches a device.
 *
 *     driver NAME
 *     match pci VVVV:DDDD | match pci-class CCSSPP | match compatible STRING | match none
 *     device bar N | device irq | device reg N
 *     ports FIRST LAST | irq N | memory BASE SIZE
 *     provides INTERFACE [INSTANCE] | uses INTERFACE [INSTANCE]
 *
 * Pure C: no allocation, no syscalls (freestanding on the Helios user platforms and on the
 * host, where the tests build it). The ELF file and the text are untrusted: everything is
 * bounds-checked and every problem is an error, never a crash.
 */
#ifndef MERCURY_MANIFEST_MANIFEST_H
#define MERCURY_MANIFEST_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MERCURY_MANIFEST_SECTION ".ares.manifest"
#define MERCURY_MANIFEST_SECTION_MAX 4096  /* bytes of the section, its NUL included */
#define MERCURY_MANIFEST_LINE_MAX 127      /* bytes of a line, its newline not counted */
#define MERCURY_MANIFEST_NAME_MAX 31       /* bytes of the driver's name */
#define MERCURY_MANIFEST_COMPATIBLE_MAX 63 /* bytes of a device-tree compatible string */
#define MERCURY_MANIFEST_INTERFACE_MAX 31  /* bytes of an interface name: a capability name */
#define MERCURY_MANIFEST_INSTANCE_MAX 32   /* bytes of an instance name, as the registry's */
#define MERCURY_MANIFEST_CAP_NAME_MAX 15   /* bytes of a resource's capability name */
#define MERCURY_MANIFEST_EACH_MAX 8        /* matches, resources, provides, uses: each */

#define MERCURY_MANIFEST_BAR_MAX 5    /* PCI BARs 0-5 */
#define MERCURY_MANIFEST_REG_MAX 15   /* device-tree reg entries 0-15 */
#define MERCURY_MANIFEST_IRQ_MAX 1023 /* x86 legacy IRQs, GIC interrupt ids below 1024 */
#define MERCURY_MANIFEST_PAGE_SIZE 4096u

enum mercury_manifest_match_kind {
	MERCURY_MATCH_PCI = 1,    /* vendor and device */
	MERCURY_MATCH_PCI_CLASS,  /* class, subclass or any, prog-if or any */
	MERCURY_MATCH_COMPATIBLE, /* one device-tree compatible string */
	MERCURY_MATCH_NONE,       /* no device: a legacy driver with fixed resources only */
};

struct mercury_manifest_match {
	enum mercury_manifest_match_kind kind;
	uint16_t vendor, device;
	uint8_t class_code, subclass, prog_if;
	bool any_subclass, any_prog_if;
	char compatible[MERCURY_MANIFEST_COMPATIBLE_MAX + 1];
	unsigned line;
};

enum mercury_manifest_resource_kind {
	MERCURY_RESOURCE_DEVICE_BAR = 1, /* `number`: the matched PCI device's BAR */
	MERCURY_RESOURCE_DEVICE_IRQ,     /* the matched device's interrupt */
	MERCURY_RESOURCE_DEVICE_REG,     /* `number`: the matched device-tree node's reg entry */
	MERCURY_RESOURCE_PORTS,          /* `first_port` to `last_port`, x86 I/O ports */
	MERCURY_RESOURCE_IRQ,            /* `number`: a fixed interrupt line */
	MERCURY_RESOURCE_MEMORY,         /* `base`, `size`: fixed physical memory, page-aligned */
};

struct mercury_manifest_resource {
	enum mercury_manifest_resource_kind kind;
	unsigned number;
	uint16_t first_port, last_port;
	uint64_t base, size;
	/*
	 * The name the driver finds it under among its startup capabilities: bar<N>, irq,
	 * reg<N> for the device's; ports<I> and memory<I> (the I-th statement of its kind, from
	 * 0) and irq<N> for fixed ones.
	 */
	char cap_name[MERCURY_MANIFEST_CAP_NAME_MAX + 1];
	unsigned line;
};

struct mercury_manifest_service {
	char interface[MERCURY_MANIFEST_INTERFACE_MAX + 1]; /* a qualified ipcgen name, a.b */
	char instance[MERCURY_MANIFEST_INSTANCE_MAX + 1];   /* "" when not given */
	unsigned line;
};

struct mercury_manifest {
	char driver[MERCURY_MANIFEST_NAME_MAX + 1];
	struct mercury_manifest_match matches[MERCURY_MANIFEST_EACH_MAX];
	unsigned match_count;
	struct mercury_manifest_resource resources[MERCURY_MANIFEST_EACH_MAX];
	unsigned resource_count;
	struct mercury_manifest_service provides[MERCURY_MANIFEST_EACH_MAX];
	unsigned provides_count;
	struct mercury_manifest_service uses[MERCURY_MANIFEST_EACH_MAX];
	unsigned uses_count;
};

/*
 * Called for each error: the line number (from 1; 0 for the manifest as a whole) and the
 * message. Shown as `manifest:LINE: message` (`manifest: message` for line 0).
 */
typedef void (*mercury_manifest_report)(void *ctx, unsigned line, const char *message);

/*
 * Parses `len` bytes of `text` (no NUL needed) into `out`. Every error is reported (a bad line
 * is skipped and the rest still checked, so one pass reports them all). Returns the number of
 * errors: a manifest with any is to be refused whole.
 */
unsigned mercury_manifest_parse(const char *text, size_t len, struct mercury_manifest *out,
				mercury_manifest_report report, void *ctx);

enum mercury_manifest_error {
	MERCURY_MANIFEST_OK = 0,
	MERCURY_MANIFEST_ERR_TRUNCATED,      /* shorter than an ELF header */
	MERCURY_MANIFEST_ERR_NOT_ELF,        /* no ELF magic */
	MERCURY_MANIFEST_ERR_NOT_ELF64_LE,   /* not a 64-bit little-endian ELF file */
	MERCURY_MANIFEST_ERR_SECTIONS,       /* section header table malformed or outside */
	MERCURY_MANIFEST_ERR_NAMES,          /* section name table malformed or outside */
	MERCURY_MANIFEST_ERR_NO_MANIFEST,    /* no .ares.manifest section */
	MERCURY_MANIFEST_ERR_TWO_MANIFESTS,  /* more than one .ares.manifest section */
	MERCURY_MANIFEST_ERR_SECTION,        /* the section empty, NOBITS or outside the file */
	MERCURY_MANIFEST_ERR_TOO_LARGE,      /* the section larger than 4 KiB */
	MERCURY_MANIFEST_ERR_NOT_TERMINATED, /* not ending in its one NUL */
};

/*
 * Finds the manifest of the ELF64 file of `size` bytes at `elf` (any alignment): *text points
 * into the file, *len bytes without the NUL. Returns MERCURY_MANIFEST_OK or the error, and
 * then leaves *text and *len untouched.
 */
enum mercury_manifest_error mercury_manifest_find(const void *elf, size_t size, const char **text,
						  size_t *len);

const char *mercury_manifest_strerror(enum mercury_manifest_error err);

/* Whether a match names the PCI device (class_code: 0xCCSSPP, class, subclass, prog-if). */
bool mercury_manifest_matches_pci(const struct mercury_manifest *m, uint16_t vendor,
				  uint16_t device, uint32_t class_code);

/*
 * Whether a match names one of the strings of a device-tree `compatible` property: `len`
 * bytes of NUL-separated strings (the last NUL may be missing).
 */
bool mercury_manifest_matches_compatible(const struct mercury_manifest *m,
					 const char *compatible_list, size_t len);

#ifdef __cplusplus
}
#endif

#endif
