/*
 * What each program is given besides its own task (conf.h's options): the registry's endpoint
 * to the registry, a copy badged with its registry badge to each of its users, the hardware
 * to the program marked `hardware` (the device manager; with the console UART's page on
 * aarch64, handed over by console.c), the initramfs's pages to those marked
 * `initramfs`. Everything comes from sysinit's own
 * capabilities, so it outlives every program: a restarted registry serves on the same
 * endpoint, and its users' copies stay good.
 */
#include <string.h>

#include <helios/rt/invoke.h>
#include <helios/rt/rt.h>
#include <helios/rt/slot.h>
#include <helios/rt/syscall.h>
#include <mercury/module.h>

#include "mercury/sysinit/sysinit.h"

/* What a registry user's copy may do: call and pass capabilities, never receive. */
#define REGISTRY_USER_RIGHTS (HELIOS_RIGHT_WRITE | HELIOS_RIGHT_GRANT)

static void add_with(struct sysinit_grants *g, const char *name, helios_caddr_t cap,
		     uint32_t count, uint64_t rights)
{
	g->caps[g->count++] = (struct mercury_cap_grant){ name, cap, rights, count };
}

static void add(struct sysinit_grants *g, const char *name, helios_caddr_t cap, uint32_t count)
{
	add_with(g, name, cap, count, HELIOS_RIGHTS_ALL);
}

/* The archive's pages: its readers map them read-only. */
static void add_initramfs(struct sysinit_grants *g)
{
	const struct helios_init_module *m = mercury_module_find(SYSINIT_INITRAMFS);
	if (m && m->pages.count)
		add_with(g, MERCURY_CAP_INITRAMFS, m->pages.first, m->pages.count,
			 HELIOS_RIGHT_READ);
}

/* A fixed slot of init's that holds a capability (IO_CONTROL is empty on aarch64). */
static bool holds(helios_caddr_t slot)
{
	unsigned type = HELIOS_CAP_NULL;
	return helios_identify(slot, &type, NULL) == HELIOS_OK && type != HELIOS_CAP_NULL;
}

static void add_hardware(struct sysinit_grants *g, const struct sysinit_world *w)
{
	const struct helios_init_info *info = rt_info;
	if (holds(HELIOS_INIT_IO_CONTROL))
		add(g, MERCURY_CAP_IO_CONTROL, HELIOS_INIT_IO_CONTROL, 1);
	add(g, MERCURY_CAP_IRQ_CONTROL, HELIOS_INIT_IRQ_CONTROL, 1);
	add(g, MERCURY_CAP_ASID_POOL, HELIOS_INIT_ASID_POOL, 1);
	if (info && info->device_memory.count)
		add(g, MERCURY_CAP_DEVICE_MEMORY, info->device_memory.first,
		    info->device_memory.count);
	if (info && info->device_tree.pages.count)
		add(g, MERCURY_CAP_DEVICE_TREE, info->device_tree.pages.first,
		    info->device_tree.pages.count);
	if (w->console_memory != HELIOS_CADDR_UNDEF)
		add(g, MERCURY_CAP_CONSOLE_MEMORY, w->console_memory, 1);
}

int sysinit_grants_make(const struct sysinit_program *p, const struct sysinit_world *w,
			struct sysinit_grants *g)
{
	helios_caddr_t registry = w->registry;
	memset(g, 0, sizeof(*g));
	g->badged = HELIOS_CADDR_UNDEF;
	if (p->serves_registry)
		add(g, MERCURY_CAP_ENDPOINT, registry, 1);
	if (p->registry_badge) {
		g->badged = rt_slot_alloc();
		if (g->badged == HELIOS_CADDR_UNDEF)
			return HELIOS_ERR_CSPACE_FULL;
		int err = helios_cspace_mint(rt_cspace, g->badged, rt_cspace, registry,
					     REGISTRY_USER_RIGHTS, p->registry_badge, NULL);
		if (err) {
			rt_slot_free(g->badged);
			g->badged = HELIOS_CADDR_UNDEF;
			return err;
		}
		add(g, MERCURY_CAP_REGISTRY, g->badged, 1);
	}
	if (p->hardware)
		add_hardware(g, w);
	if (p->initramfs)
		add_initramfs(g);
	return 0;
}

void sysinit_grants_release(struct sysinit_grants *g)
{
	if (g->badged == HELIOS_CADDR_UNDEF)
		return;
	helios_cspace_delete(rt_cspace, g->badged);
	rt_slot_free(g->badged);
	g->badged = HELIOS_CADDR_UNDEF;
}
