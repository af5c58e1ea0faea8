/*
 * The device manager's interrupt test driver (README.md): drives QEMU's edu device through
 * BAR 0's first page of registers and its legacy interrupt (INTx), which the device manager
 * routed and handed over from the manifest's `device irq` (`irq`: the handler, `irq_wait`: the
 * notification it signals). Serves test.devmgr.edu on the endpoint the device manager made.
 * What the device reports is checked: its identification and liveness before serving, the
 * interrupt status against what was raised.
 */
#include <stddef.h>
#include <stdint.h>

#include <base/fmt.h>
#include <helios/rt/invoke.h>
#include <helios/rt/print.h>
#include <helios/rt/rt.h>
#include <helios/rt/syscall.h>
#include <mercury/module.h>
#include <mercury/program.h>
#include <mercury/startup_block.h>

#include "mercury/devmgr/tests/edu/edu.ipc.h"

/* edu's registers (QEMU docs/specs/edu.rst), 32-bit accesses only below 0x80. */
#define EDU_ID 0x00         /* RO: 0xRRrr00ed */
#define EDU_LIVENESS 0x04   /* RW: reads back the inverse of what was written */
#define EDU_IRQ_STATUS 0x24 /* RO: the values raised and not yet acknowledged */
#define EDU_IRQ_RAISE 0x60  /* WO: ORed into the status, raises the interrupt */
#define EDU_IRQ_ACK 0x64    /* WO: cleared from the status; lowers it when none is left */
#define EDU_ID_MASK 0xffff
#define EDU_ID_LOW 0x00ed
#define EDU_REGISTERS_END 0x80
#define LIVENESS_PATTERN 0x5a0ff0a5u
/* Wakes whose status shows nothing raised (the line may be shared) before giving up. */
#define MAX_FOREIGN_WAKES 16

static volatile uint32_t *regs;
static helios_caddr_t irq, irq_wait;

static uint32_t reg_read(unsigned offset)
{
	return regs[offset / 4];
}

static void reg_write(unsigned offset, uint32_t value)
{
	regs[offset / 4] = value;
}

static int identify(void *ctx, const struct ipcgen_request *req, uint32_t *id)
{
	(void)ctx;
	(void)req;
	*id = reg_read(EDU_ID);
	return HELIOS_OK;
}

/* Waits for the device's interrupt; *status: what it reports raised. */
static int await_interrupt(uint32_t *status)
{
	for (unsigned wakes = 0; wakes < MAX_FOREIGN_WAKES; wakes++) {
		int err = helios_wait(irq_wait, NULL);
		if (err)
			return err;
		*status = reg_read(EDU_IRQ_STATUS);
		if (*status != 0)
			return HELIOS_OK;
		/* Not this device's: let the line fire again. */
		if ((err = helios_irq_handler_ack(irq)))
			return err;
	}
	return TEST_DEVMGR_EDU_ERROR_NO_INTERRUPT;
}

static int interrupt(void *ctx, const struct ipcgen_request *req, uint32_t value,
		     uint32_t *status)
{
	(void)ctx;
	(void)req;
	if (value == 0)
		return TEST_DEVMGR_EDU_ERROR_BAD_VALUE;
	reg_write(EDU_IRQ_RAISE, value);
	int err = await_interrupt(status);
	if (err)
		return err;
	/* Level-triggered: the device lowers the line before the kernel unmasks it. */
	reg_write(EDU_IRQ_ACK, *status);
	err = helios_irq_handler_ack(irq);
	if (err)
		return err;
	return *status == value ? HELIOS_OK : TEST_DEVMGR_EDU_ERROR_WRONG_STATUS;
}

static const struct test_devmgr_edu_server edu = { .identify = identify,
						    .interrupt = interrupt };

/* The device answers as an edu: its identification and its liveness register. */
static int check_device(const char *name)
{
	uint32_t id = reg_read(EDU_ID);
	reg_write(EDU_LIVENESS, LIVENESS_PATTERN);
	uint32_t inverse = reg_read(EDU_LIVENESS);
	if ((id & EDU_ID_MASK) != EDU_ID_LOW || inverse != ~LIVENESS_PATTERN) {
		rt_printf("%s: not an edu: id 0x%08x, liveness 0x%08x\n", name, id, inverse);
		return 1;
	}
	rt_printf("%s: edu %u.%u\n", name, id >> 24, (id >> 16) & 0xff);
	return 0;
}

int main(int argc, char **argv)
{
	(void)argc;
	mercury_print_given(argv[0]);
	helios_caddr_t ep = mercury_cap("endpoint");
	struct helios_cap_range bar0 = mercury_cap_range("bar0");
	irq = mercury_cap("irq");
	irq_wait = mercury_cap("irq_wait");
	struct mercury_mapping m;
	if (ep == HELIOS_CADDR_UNDEF || bar0.count == 0 || irq == HELIOS_CADDR_UNDEF ||
	    irq_wait == HELIOS_CADDR_UNDEF) {
		rt_printf("%s: missing its endpoint, BAR 0 or interrupt\n", argv[0]);
		return 1;
	}
	/* The registers are in the first page; the rest of the MiB is not needed. */
	int err = mercury_map_copies(bar0.first, 1, HELIOS_MAP_READ | HELIOS_MAP_WRITE, &m);
	if (err || m.size < EDU_REGISTERS_END) {
		rt_printf("%s: cannot map BAR 0: %s\n", argv[0], rt_strerror(err));
		return 1;
	}
	regs = m.data;
	if (check_device(argv[0]))
		return 1;
	rt_printf("%s: serving\n", argv[0]);
	err = test_devmgr_edu_serve(ep, &edu, NULL, NULL);
	rt_printf("%s: stopped: %s\n", argv[0], rt_strerror(err));
	return 1;
}
