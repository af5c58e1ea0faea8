/*
 * The NVMe driver (README.md): takes BAR 0 and the interrupt its manifest names, brings the
 * controller up (controller.h), starts the thread that answers completions and serves
 * venus.block on the endpoint the device manager made.
 */
#include <stddef.h>
#include <stdint.h>

#include <base/fmt.h>
#include <helios/rt/invoke.h>
#include <helios/rt/print.h>
#include <helios/rt/rt.h>
#include <helios/rt/slot.h>
#include <helios/rt/thread.h>
#include <mercury/module.h>
#include <mercury/program.h>
#include <mercury/startup_block.h>

#include "venus/nvme/driver.h"

static struct nvme_driver driver;
static struct rt_thread completions;

static int take_capabilities(struct nvme_driver *d, helios_caddr_t *endpoint,
			     struct mercury_mapping *bar)
{
	*endpoint = mercury_cap("endpoint");
	struct helios_cap_range bar0 = mercury_cap_range("bar0");
	d->irq = mercury_cap("irq");
	d->irq_wait = mercury_cap("irq_wait");
	if (*endpoint == HELIOS_CADDR_UNDEF || bar0.count == 0 || d->irq == HELIOS_CADDR_UNDEF ||
	    d->irq_wait == HELIOS_CADDR_UNDEF) {
		rt_printf("%s: error: missing its endpoint, BAR 0 or interrupt\n", d->name);
		return -1;
	}
	int err = mercury_map_copies(bar0.first, bar0.count, HELIOS_MAP_READ | HELIOS_MAP_WRITE,
				     bar);
	if (err) {
		rt_printf("%s: error: cannot map BAR 0: %s\n", d->name, rt_strerror((uint64_t)err));
		return -1;
	}
	for (unsigned i = 0; i < HELIOS_MSG_MAX_CAPS; i++) {
		d->recv_slots[i] = rt_slot_alloc();
		if (d->recv_slots[i] == HELIOS_CADDR_UNDEF) {
			rt_printf("%s: error: no slots\n", d->name);
			return -1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	(void)argc;
	struct nvme_driver *d = &driver;
	d->name = argv[0];
	mercury_print_given(d->name);
	helios_caddr_t endpoint;
	struct mercury_mapping bar;
	if (take_capabilities(d, &endpoint, &bar))
		return 1;
	if (nvme_controller_start(&d->ctl, d->name, bar.data, bar.pages * HELIOS_PAGE_SIZE))
		return 1;
	const struct nvme_controller *c = &d->ctl;
	rt_printf("%s: %s (serial %s), NVMe %u.%u: namespace %u of %lu sectors of %u bytes, "
		  "%u per request, %u queue entries\n",
		  d->name, c->info.model, c->info.serial, c->version >> 16, (c->version >> 8) & 0xff,
		  NVME_NAMESPACE, c->geometry.sectors, c->geometry.sector_size,
		  c->geometry.max_sectors, c->io_entries);
	/* The interrupt is the device's, kept across restarts: an instance that died between an
	 * interrupt and its acknowledgement left the line masked. The controller, reset and its
	 * admin completions taken, holds the line low now: unmask it. */
	int err = helios_irq_handler_ack(d->irq);
	if (err) {
		rt_printf("%s: error: interrupt ack: %s\n", d->name, rt_strerror((uint64_t)err));
		return 1;
	}
	/* At most entries - 1 in flight: the submission queue can never overflow. */
	nvme_slots_init(&d->slots, (uint16_t)(c->io_entries - 1));
	err = mercury_lock_prepare(&d->lock);
	if (!err)
		err = rt_thread_spawn(&completions, nvme_completion_thread, d, rt_startup->priority,
				      HELIOS_CADDR_UNDEF);
	if (err) {
		rt_printf("%s: error: no completion thread: %s\n", d->name, rt_strerror((uint64_t)err));
		return 1;
	}
	err = venus_block_serve(endpoint, &nvme_block_server, d, d->recv_slots);
	rt_printf("%s: error: stopped serving: %s\n", d->name, rt_strerror((uint64_t)err));
	return 1;
}
