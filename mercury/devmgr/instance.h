/*
 * A driver started for a device (docs/mercury.md, "The device manager"): what the device
 * manager matched, the capabilities it made for the driver from its manifest (kept across
 * restarts: the driver gets copies), the endpoint it publishes for it, and the running task.
 */
#ifndef MERCURY_DEVMGR_INSTANCE_H
#define MERCURY_DEVMGR_INSTANCE_H

#include <stdbool.h>
#include <stdint.h>

#include <mercury/startup.h>
#include <mercury/task.h>

#include "mercury/devmgr/drivers.h"
#include "mercury/devmgr/dt.h"
#include "mercury/devmgr/hardware.h"
#include "mercury/devmgr/pci_enum.h"

#define DEVMGR_MAX_INSTANCES 16
#define DEVMGR_LABEL_MAX 48
#define DEVMGR_ENV_MAX 512 /* a PCI driver's PCI_VENDOR_CAPS entry (pci_caps.h) */

enum devmgr_device_kind {
	DEVMGR_DEVICE_NONE, /* a `match none` driver: fixed resources only */
	DEVMGR_DEVICE_PCI,
	DEVMGR_DEVICE_DT,
};

struct devmgr_device {
	enum devmgr_device_kind kind;
	const struct pci_device *pci;
	const struct dt_device *dt;
};

struct devmgr_instance {
	const struct devmgr_driver *driver;
	struct devmgr_device device;
	unsigned ordinal;             /* the device's number among its driver's: 0, 1, ... */
	char label[DEVMGR_LABEL_MAX]; /* "testdev for pci 00:04.0", in log lines */
	/* What the driver gets, in the device manager's cspace. */
	struct mercury_cap_grant grants[MERCURY_SPAWN_MAX_CAPS];
	uint32_t grant_count;
	/* Its environment: a PCI function's vendor capabilities (where virtio's registers are
	 * in its BARs), read once; empty for other devices. */
	char env[DEVMGR_ENV_MAX];
	char irq_wait_names[MERCURY_MANIFEST_EACH_MAX][MERCURY_CAP_NAME_MAX];
	/* `provides`: the endpoint the device manager made (UNDEF: none) and the instance
	 * names it is published under. */
	helios_caddr_t endpoint;
	char instances[MERCURY_MANIFEST_EACH_MAX][MERCURY_MANIFEST_INSTANCE_MAX + 1];
	struct mercury_task task;
	bool running;
	bool dma_was_on; /* its PCI device's bus mastering, when it last died */
	unsigned restarts;
};

/* What every instance's start needs. */
struct devmgr_world {
	const struct devmgr_hardware *hw;
	const struct pci_config *pci; /* the configuration space; NULL: no PCI */
	helios_caddr_t registry;   /* the device manager's registry capability; UNDEF: none */
	helios_caddr_t supervisor; /* where its drivers' faults and exits arrive */
	uint64_t priority;         /* its drivers' (its own) */
};

/* resources.c: the manifest's resources as capabilities (grants); a helios_error, said why
 * on the console. */
int devmgr_resources_make(const struct devmgr_world *w, struct devmgr_instance *in);

/* Bus mastering of the instance's PCI device off (before its dead driver's memory goes) or
 * back on (before a restart). */
void devmgr_device_dma(const struct devmgr_world *w, struct devmgr_instance *in, bool on);

/* services.c: the manifest's `uses` looked up and granted; an endpoint made for its
 * `provides` and granted as "endpoint". Then, once the driver runs, published. */
int devmgr_services_make(const struct devmgr_world *w, struct devmgr_instance *in);
void devmgr_services_publish(const struct devmgr_world *w, struct devmgr_instance *in);
/* The driver died: every copy of its endpoint is revoked (its clients' calls fail, the
 * registry drops it) and a new endpoint is made for the next start. */
int devmgr_services_renew(struct devmgr_instance *in);

/* supervise.c */
int devmgr_instance_start(const struct devmgr_world *w, struct devmgr_instance *in,
			  unsigned index);
void devmgr_supervise(const struct devmgr_world *w, struct devmgr_instance *instances,
		      unsigned count);

#endif
