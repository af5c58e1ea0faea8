/*
 * The device manager, for now booted as init (README.md): takes the hardware capabilities
 * from the init info, enumerates PCI (x86_64: I/O ports; aarch64: the device tree's ECAM host
 * bridge) and the device tree, and prints one line per device and a count. With the word
 * devmgr.exit_qemu on the kernel command line (the tests) it then leaves QEMU: status 0, or 1
 * when something could not be enumerated.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <helios/rt/print.h>
#include <helios/rt/rt.h>
#include <mercury/error.h>
#include <qemu/exit.h>

#include "mercury/devmgr/dt.h"
#include "mercury/devmgr/hardware.h"
#include "mercury/devmgr/listing.h"
#include "mercury/devmgr/pci_access.h"
#include "mercury/devmgr/pci_enum.h"

#define DEVMGR_MAX_PCI_DEVICES 256
#define DEVMGR_EXIT_WORD "devmgr.exit_qemu"

static struct devmgr_hardware hardware;
static struct pci_device pci_devices[DEVMGR_MAX_PCI_DEVICES];
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

/* Enumerates with config, lists; *count = devices found. 0 or 1 (said why). */
static int enumerate_pci(const struct pci_config *config, const int *backend_error,
			 unsigned *count)
{
	struct pci_enum_result r;
	pci_enumerate(config, pci_devices, DEVMGR_MAX_PCI_DEVICES, &r);
	list_pci(pci_devices, &r);
	report_bar_coverage(pci_devices, r.count);
	*count = r.count + r.dropped;
	if (*backend_error) {
		rt_printf("devmgr: error: pci configuration access: %s\n",
			  mercury_strerror(*backend_error));
		return 1;
	}
	return 0;
}

static int pci_through_ports(unsigned *count)
{
	struct pci_ports ports;
	struct pci_config config;
	int err = pci_ports_open(hardware.io_control, &ports, &config);
	if (err) {
		rt_printf("devmgr: error: pci ports 0xcf8-0xcff: %s\n", mercury_strerror(err));
		return 1;
	}
	int failed = enumerate_pci(&config, &ports.error, count);
	pci_ports_close(&ports);
	return failed;
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
	struct pci_ecam ecam;
	struct pci_config config;
	int err = pci_ecam_open(&hardware, &window, &ecam, &config);
	if (err) {
		rt_printf("devmgr: error: pci ecam window: %s\n",
			  err == MERCURY_ERR_NOT_FOUND ? "no device memory capability covers it"
						       : mercury_strerror(err));
		return 1;
	}
	int failed = enumerate_pci(&config, &ecam.error, count);
	pci_ecam_close(&ecam);
	return failed;
}

static void print_dt_device(void *ctx, const struct dt_device *d)
{
	(void)ctx;
	devmgr_format_dt(line, sizeof(line), d);
	rt_printf("%s\n", line);
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

int main(int argc, char **argv)
{
	if (rt_info == NULL) {
		rt_printf("devmgr: error: not started as init (no init info)\n");
		return finish(argc, argv, 1);
	}
	int failed = 0;
	int err = devmgr_hardware_from_init(rt_info, &hardware);
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
	return finish(argc, argv, failed);
}
