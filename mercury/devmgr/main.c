/*
 * The device manager (README.md). Started by sysinit (`hardware initramfs registry=BADGE`),
 * it takes the hardware capabilities from its startup block, enumerates PCI (x86_64: I/O
 * ports; aarch64: the device tree's ECAM host bridge) and the device tree, prints one line per
 * device, then starts the drivers of the initramfs whose manifests match and supervises them.
 * Booted as init (its enumeration tests), it takes them from the init info, lists, and with the
 * word devmgr.exit_qemu on the kernel command line leaves QEMU: status 0, or 1 when something
 * could not be enumerated.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <helios/rt/mem.h>
#include <helios/rt/print.h>
#include <helios/rt/rt.h>
#include <mercury/error.h>
#include <mercury/module.h>
#include <mercury/program.h>
#include <qemu/exit.h>

#include "mercury/devmgr/dt.h"
#include "mercury/devmgr/hardware.h"
#include "mercury/devmgr/listing.h"
#include "mercury/devmgr/match.h"
#include "mercury/devmgr/pci_access.h"
#include "mercury/devmgr/pci_enum.h"
#include "mercury/devmgr/pci_service.h"

#define DEVMGR_MAX_PCI_DEVICES 256
#define DEVMGR_MAX_DT_DEVICES 64
#define DEVMGR_EXIT_WORD "devmgr.exit_qemu"

static struct devmgr_hardware hardware;
static struct pci_device pci_devices[DEVMGR_MAX_PCI_DEVICES];
static struct dt_device dt_devices[DEVMGR_MAX_DT_DEVICES];
static struct devmgr_found found = { pci_devices, 0, dt_devices, 0 };
static struct devmgr_driver drivers[DEVMGR_MAX_DRIVERS];
static struct devmgr_instance instances[DEVMGR_MAX_INSTANCES];
static char line[DEVMGR_LINE_MAX];

static void list_pci(const struct pci_device *devices, const struct pci_enum_result *r)
{
	for (unsigned i = 0; i < r->count; i++) {
		devmgr_format_pci(line, sizeof(line), &devices[i]);
		rt_printf("%s\n", line);
	}
	if (r->dropped)
		rt_printf("devmgr: %u more pci functions not listed (at most %u)\n", r->dropped,
			  DEVMGR_MAX_PCI_DEVICES);
	if (r->bad_bridges)
		rt_printf("devmgr: %u bridges with a bus number not followed\n", r->bad_bridges);
}

/* Drivers will map their memory BARs through device memory capabilities: say whether the
 * kernel handed out ones covering every BAR the firmware assigned. */
static void report_bar_coverage(const struct pci_device *devices, unsigned count)
{
	unsigned assigned = 0, covered = 0;
	for (unsigned i = 0; i < count; i++)
		for (unsigned b = 0; b < devices[i].bar_count && b < PCI_MAX_BARS; b++) {
			const struct pci_bar *bar = &devices[i].bars[b];
			uint64_t offset;
			if (bar->kind == PCI_BAR_IO || bar->base == 0)
				continue;
			assigned++;
			if (devmgr_device_memory_find(&hardware, bar->base, bar->size, &offset) !=
			    HELIOS_CADDR_UNDEF)
				covered++;
		}
	rt_printf("devmgr: pci memory bars: %u assigned, %u covered by device memory\n", assigned,
		  covered);
}

/* aarch64: each function's legacy interrupt through bridges and the host bridge's
 * interrupt-map, kept for `device irq`; one without a route keeps 0 (no driver can have it).
 * 0, or 1 when the map is broken (said once). */
static int route_interrupts(const struct dt_pci_ecam *window, unsigned count)
{
	enum dt_error first_error = DT_OK;
	for (unsigned i = 0; i < count; i++) {
		struct pci_address at;
		uint8_t pin;
		uint32_t id;
		if (!pci_irq_at_root(pci_devices, count, i, window->bus_first, &at, &pin))
			continue;
		enum dt_error err = dt_pci_route_irq(hardware.devicetree, hardware.devicetree_size,
						     window, at.bus, at.device, at.function, pin,
						     &id);
		if (err == DT_OK)
			pci_devices[i].interrupt_id = id;
		else if (err != DT_ERR_NO_ROUTE && first_error == DT_OK)
			first_error = err;
	}
	if (first_error != DT_OK)
		rt_printf("devmgr: error: pci interrupts: %s\n", dt_strerror(first_error));
	return first_error != DT_OK;
}

/* Enumerates with config, routes interrupts through window's map (NULL: the firmware's lines
 * are all there is), lists; *count = devices found. 0 or 1 (said why). */
static int enumerate_pci(const struct pci_config *config, const int *backend_error,
			 const struct dt_pci_ecam *window, unsigned *count)
{
	struct pci_enum_result r;
	int failed = 0;
	pci_enumerate(config, pci_devices, DEVMGR_MAX_PCI_DEVICES, &r);
	if (window)
		failed = route_interrupts(window, r.count);
	list_pci(pci_devices, &r);
	report_bar_coverage(pci_devices, r.count);
	found.pci_count = r.count;
	*count = r.count + r.dropped;
	if (*backend_error) {
		rt_printf("devmgr: error: pci configuration access: %s\n",
			  mercury_strerror(*backend_error));
		return 1;
	}
	return failed;
}

/* The configuration space stays reachable: drivers' devices get their decoding switched on
 * when they are started (resources.c). */
static struct pci_ports ports;
static struct pci_ecam ecam;
static struct pci_config pci_config;
static bool pci_open;

static int pci_through_ports(unsigned *count)
{
	int err = pci_ports_open(hardware.io_control, &ports, &pci_config);
	if (err) {
		rt_printf("devmgr: error: pci ports 0xcf8-0xcff: %s\n", mercury_strerror(err));
		return 1;
	}
	pci_open = true;
	return enumerate_pci(&pci_config, &ports.error, NULL, count);
}

static int pci_through_ecam(unsigned *count)
{
	struct dt_pci_ecam window;
	int found;
	enum dt_error derr = dt_find_pci_ecam(hardware.devicetree, hardware.devicetree_size,
					      &window, &found);
	if (derr != DT_OK || !found)
		return 0; /* no PCI; a broken tree is reported by the device-tree walk */
	rt_printf("devmgr: pci ecam 0x%llx+0x%llx buses %02x-%02x\n",
		  (unsigned long long)window.base, (unsigned long long)window.size,
		  window.bus_first, window.bus_last);
	int err = pci_ecam_open(&hardware, &window, &ecam, &pci_config);
	if (err) {
		rt_printf("devmgr: error: pci ecam window: %s\n",
			  err == MERCURY_ERR_NOT_FOUND ? "no device memory capability covers it"
						       : mercury_strerror(err));
		return 1;
	}
	pci_open = true;
	return enumerate_pci(&pci_config, &ecam.error, &window, count);
}

static void print_dt_device(void *ctx, const struct dt_device *d)
{
	(void)ctx;
	devmgr_format_dt(line, sizeof(line), d);
	rt_printf("%s\n", line);
	if (found.dt_count < DEVMGR_MAX_DT_DEVICES)
		dt_devices[found.dt_count++] = *d;
}

static int list_device_tree(unsigned *count)
{
	*count = 0;
	if (hardware.devicetree == NULL)
		return 0;
	enum dt_error err = dt_enumerate(hardware.devicetree, hardware.devicetree_size,
					 print_dt_device, NULL, count);
	if (err != DT_OK) {
		rt_printf("devmgr: error: device tree: %s\n", dt_strerror(err));
		return 1;
	}
	return 0;
}

static int finish(int argc, char **argv, int status)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], DEVMGR_EXIT_WORD) == 0)
			qemu_exit(status);
	return status;
}

/* Prepares and starts each driver instance; a driver whose resources or services cannot be
 * had is left out, the others still start. */
static void start_drivers(const struct devmgr_world *w, unsigned count)
{
	for (unsigned i = 0; i < count; i++) {
		struct devmgr_instance *in = &instances[i];
		if (devmgr_resources_make(w, in) == 0 && devmgr_services_make(w, in) == 0)
			devmgr_instance_start(w, in, i);
	}
}

/* Under sysinit: the drivers of the initramfs for what was found, started and supervised. */
static int run_drivers(void)
{
	struct helios_cap_range archive = mercury_cap_range(MERCURY_CAP_INITRAMFS);
	struct mercury_mapping m;
	int err = archive.count ? mercury_map_copies(archive.first, archive.count,
						     HELIOS_MAP_READ, &m)
				: MERCURY_ERR_NOT_FOUND;
	if (err) {
		rt_printf("devmgr: error: no initramfs to find drivers in: %s\n",
			  mercury_strerror(err));
		return 1;
	}
	unsigned driver_count = devmgr_drivers_load(m.data, m.size, drivers, DEVMGR_MAX_DRIVERS);
	unsigned count = devmgr_match(drivers, driver_count, &found, instances,
				      DEVMGR_MAX_INSTANCES);
	rt_printf("devmgr: %u drivers, %u to start\n", driver_count, count);
	struct devmgr_world world = {
		.hw = &hardware,
		.registry = mercury_cap(MERCURY_CAP_REGISTRY),
		.pci = pci_open ? &pci_config : NULL,
		.priority = rt_startup->priority,
	};
	err = rt_alloc(HELIOS_CAP_ENDPOINT, 0, &world.supervisor);
	if (err) {
		rt_printf("devmgr: error: no endpoint: %s\n", mercury_strerror(err));
		return 1;
	}
	if (found.pci_count)
		devmgr_pci_service_start(pci_devices, found.pci_count, world.registry,
					 world.priority);
	start_drivers(&world, count);
	devmgr_supervise(&world, instances, count);
	return 1;
}

int main(int argc, char **argv)
{
	int failed = 0;
	int err = rt_info ? devmgr_hardware_from_init(rt_info, &hardware)
			  : devmgr_hardware_from_startup(&hardware);
	if (err) {
		rt_printf("devmgr: error: device tree pages: %s\n", mercury_strerror(err));
		failed = 1;
	}
	unsigned pci = 0, dt = 0;
	if (hardware.io_control != HELIOS_CADDR_UNDEF)
		failed |= pci_through_ports(&pci);
	else if (hardware.devicetree != NULL)
		failed |= pci_through_ecam(&pci);
	failed |= list_device_tree(&dt);
	rt_printf("devmgr: %u pci devices, %u device-tree devices\n", pci, dt);
	if (rt_info)
		return finish(argc, argv, failed);
	return run_drivers();
}
