/*
 * Which driver runs for which device (instance.h): every driver whose manifest matches a PCI
 * function (vendor:device or class) or a device-tree node (a compatible string) gets an
 * instance for it; a `match none` driver gets one with no device. A device two drivers match
 * goes to the first (the archive's order) and the other is said to be left out.
 */
#include <string.h>

#include <base/fmt.h>
#include <helios/rt/print.h>

#include "mercury/devmgr/match.h"

static bool pci_matches(const struct mercury_manifest *m, const struct pci_device *d)
{
	uint32_t class_code = (uint32_t)d->class_code << 16 | (uint32_t)d->subclass << 8 |
			      d->prog_if;
	return mercury_manifest_matches_pci(m, d->vendor, d->device, class_code);
}

static bool none_matches(const struct mercury_manifest *m)
{
	for (unsigned i = 0; i < m->match_count; i++)
		if (m->matches[i].kind == MERCURY_MATCH_NONE)
			return true;
	return false;
}

/* The index of the driver taking the device, or -1. */
static int claim(const struct devmgr_driver *drivers, unsigned count, const char *what,
		 bool (*matches)(const struct mercury_manifest *, const void *), const void *dev)
{
	int taker = -1;
	for (unsigned k = 0; k < count; k++) {
		if (!matches(&drivers[k].manifest, dev))
			continue;
		if (taker < 0)
			taker = (int)k;
		else
			rt_printf("devmgr: %s: also matched by %s, left to %s\n", what,
				  drivers[k].manifest.driver, drivers[taker].manifest.driver);
	}
	return taker;
}

static bool pci_matcher(const struct mercury_manifest *m, const void *dev)
{
	return pci_matches(m, dev);
}

static bool dt_matcher(const struct mercury_manifest *m, const void *dev)
{
	const struct dt_device *d = dev;
	return mercury_manifest_matches_compatible(m, d->compatible, strlen(d->compatible));
}

/* The device's number among those the driver already took. */
static unsigned ordinal(const struct devmgr_instance *out, unsigned n,
			const struct devmgr_driver *driver)
{
	unsigned k = 0;
	for (unsigned i = 0; i < n; i++)
		k += out[i].driver == driver;
	return k;
}

static bool add(struct devmgr_instance *out, unsigned *n, unsigned max,
		const struct devmgr_driver *driver, struct devmgr_device device, const char *what)
{
	if (*n == max) {
		rt_printf("devmgr: %s for %s: left out (at most %u drivers running)\n",
			  driver->manifest.driver, what, max);
		return false;
	}
	struct devmgr_instance *in = &out[*n];
	memset(in, 0, sizeof(*in));
	in->driver = driver;
	in->device = device;
	in->ordinal = ordinal(out, *n, driver);
	fmt_snprintf(in->label, sizeof(in->label), "%s for %s", driver->manifest.driver, what);
	++*n;
	return true;
}

unsigned devmgr_match(const struct devmgr_driver *drivers, unsigned driver_count,
		      const struct devmgr_found *found, struct devmgr_instance *out, unsigned max)
{
	unsigned n = 0;
	char what[DEVMGR_LABEL_MAX];
	for (unsigned i = 0; i < found->pci_count; i++) {
		const struct pci_device *d = &found->pci[i];
		fmt_snprintf(what, sizeof(what), "pci %02x:%02x.%u", d->address.bus,
			     d->address.device, d->address.function);
		int k = claim(drivers, driver_count, what, pci_matcher, d);
		if (k >= 0)
			add(out, &n, max, &drivers[k],
			    (struct devmgr_device){ DEVMGR_DEVICE_PCI, d, NULL }, what);
	}
	for (unsigned i = 0; i < found->dt_count; i++) {
		const struct dt_device *d = &found->dt[i];
		fmt_snprintf(what, sizeof(what), "dt %s", d->path);
		int k = claim(drivers, driver_count, what, dt_matcher, d);
		if (k >= 0)
			add(out, &n, max, &drivers[k],
			    (struct devmgr_device){ DEVMGR_DEVICE_DT, NULL, d }, what);
	}
	for (unsigned k = 0; k < driver_count; k++)
		if (none_matches(&drivers[k].manifest))
			add(out, &n, max, &drivers[k],
			    (struct devmgr_device){ DEVMGR_DEVICE_NONE, NULL, NULL }, "no device");
	return n;
}
