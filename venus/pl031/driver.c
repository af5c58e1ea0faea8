/*
 * The PL031 real-time clock driver (README.md): its registers are the pages of the matched
 * device-tree node's `reg` 0 (capability range `reg0`), or, for QEMU virt booted through UEFI,
 * whose firmware disables that node, the fixed page `memory0`; served as venus.rtc on the
 * endpoint the device manager made for it (`provides venus.rtc`). The identification
 * registers are checked before anything else is believed.
 */
#include <stdint.h>

#include <helios/rt/print.h>
#include <helios/rt/rt.h>
#include <mercury/module.h>
#include <mercury/program.h>

#include "venus/ipc/rtc.ipc.h"
#include "venus/pl031/pl031.h"

static volatile uint32_t *regs;

static uint32_t reg(enum pl031_register offset)
{
	return regs[offset / sizeof(uint32_t)];
}

static int read_seconds(void *ctx, const struct ipcgen_request *req, uint64_t *seconds)
{
	(void)ctx;
	(void)req;
	/* A counter never started was never set: it counts from whatever it held. */
	if (!(reg(PL031_CR) & PL031_CR_STARTED))
		return VENUS_RTC_ERROR_NOT_SET;
	*seconds = reg(PL031_DR);
	return HELIOS_OK;
}

static const struct venus_rtc_server rtc = { .read = read_seconds };

int main(int argc, char **argv)
{
	(void)argc;
	helios_caddr_t ep = mercury_cap("endpoint");
	const char *name = "reg0";
	struct helios_cap_range pages = mercury_cap_range(name);
	if (pages.count == 0)
		pages = mercury_cap_range(name = "memory0");
	if (ep == HELIOS_CADDR_UNDEF || pages.count == 0) {
		rt_printf("%s: missing its endpoint or its registers (reg0 or memory0)\n", argv[0]);
		return 1;
	}
	struct mercury_mapping m;
	int err = mercury_map_copies(pages.first, pages.count, HELIOS_MAP_READ, &m);
	if (err || m.size < PL031_REGION_SIZE) {
		rt_printf("%s: cannot map %s: %s\n", argv[0], name,
			  err ? rt_strerror(err) : "smaller than the registers");
		return 1;
	}
	regs = m.data;
	uint32_t id[PL031_ID_REGISTERS];
	for (unsigned i = 0; i < PL031_ID_REGISTERS; i++)
		id[i] = reg(PL031_PERIPH_ID + i * sizeof(uint32_t));
	if (!pl031_identify(id)) {
		/* Exit 0: another try would read the same registers, so no restart. */
		rt_printf("%s: not a PL031: identification %02x %02x %02x %02x %02x %02x %02x "
			  "%02x\n",
			  argv[0], id[0] & 0xff, id[1] & 0xff, id[2] & 0xff, id[3] & 0xff,
			  id[4] & 0xff, id[5] & 0xff, id[6] & 0xff, id[7] & 0xff);
		return 0;
	}
	rt_printf("%s: serving: PL031 revision %u, counter %s\n", argv[0], pl031_revision(id),
		  reg(PL031_CR) & PL031_CR_STARTED ? "started" : "not started");
	err = venus_rtc_serve(ep, &rtc, NULL, NULL);
	rt_printf("%s: stopped: %s\n", argv[0], rt_strerror(err));
	return 1;
}
