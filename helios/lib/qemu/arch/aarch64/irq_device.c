/* The aarch64 interrupt device: QEMU virt's PL061 GPIO controller (qemu/irq_device.h). */
#include <stddef.h>
#include <stdint.h>

#include <helios/abi.h>
#include <helios/rt/invoke.h>
#include <helios/rt/mem.h>
#include <helios/rt/rt.h>

#include <qemu/irq_device.h>

#define PL061_BASE 0x09030000ull

/* PL061 registers, in 32-bit words. */
#define GPIO_DATA (0x3fc / 4) /* the address bits 2-9 select the pins: all eight here */
#define GPIO_DIR (0x400 / 4)
#define GPIO_IS (0x404 / 4)   /* 1: level-sensitive */
#define GPIO_IBE (0x408 / 4)
#define GPIO_IEV (0x40c / 4)  /* 1: high level (or rising edge) */
#define GPIO_IE (0x410 / 4)   /* 1: the pin may interrupt */
#define GPIO_MIS (0x418 / 4)  /* masked interrupt status */
#define GPIO_IC (0x41c / 4)
#define GPIO_ALL_PINS 0xffu

/* The PL061's page, from the device memory capability of init's that covers it. */
static int retype_page(helios_caddr_t slot)
{
	uint64_t offset;
	helios_caddr_t dev = rt_device_memory_find(PL061_BASE, &offset);
	if (dev == HELIOS_CADDR_UNDEF)
		return HELIOS_ERR_INVALID_CSLOT;
	return helios_device_memory_retype(dev, HELIOS_CAP_PAGE, 0, 1, slot, offset, NULL);
}

/* The PL061 mapped, every pin an output driven low, level-sensitive and active high, no
 * interrupt pending, every pin's interrupt enabled. */
int qemu_irq_device_open(struct qemu_irq_device *d, helios_caddr_t slot, uint64_t vaddr)
{
	*d = (struct qemu_irq_device){ .cap = slot };
	int err = retype_page(slot);
	if (!err)
		err = rt_map(rt_vspace, slot, vaddr, HELIOS_MAP_READ | HELIOS_MAP_WRITE);
	if (err)
		return err;
	d->regs = (volatile uint32_t *)vaddr;
	d->regs[GPIO_IE] = 0;
	d->regs[GPIO_DIR] = GPIO_ALL_PINS;
	d->regs[GPIO_DATA] = 0;
	d->regs[GPIO_IEV] = GPIO_ALL_PINS;
	d->regs[GPIO_IBE] = 0;
	d->regs[GPIO_IS] = GPIO_ALL_PINS;
	d->regs[GPIO_IC] = GPIO_ALL_PINS;
	d->regs[GPIO_IE] = GPIO_ALL_PINS;
	return HELIOS_OK;
}

int qemu_irq_device_raise(struct qemu_irq_device *d, uint8_t token)
{
	int err = qemu_irq_device_ready(d);
	return err ? err : qemu_irq_device_fire(d, token);
}

int qemu_irq_device_ready(struct qemu_irq_device *d)
{
	(void)d;
	return HELIOS_OK;
}

/* The token's bits drive their pins high: each interrupts. */
int qemu_irq_device_fire(struct qemu_irq_device *d, uint8_t token)
{
	d->regs[GPIO_DATA] = token;
	return HELIOS_OK;
}

/* Which pins interrupt; then all low again and cleared. */
int qemu_irq_device_take(struct qemu_irq_device *d, uint8_t *token)
{
	*token = (uint8_t)d->regs[GPIO_MIS];
	return qemu_irq_device_drain(d);
}

int qemu_irq_device_drain(struct qemu_irq_device *d)
{
	d->regs[GPIO_DATA] = 0;
	d->regs[GPIO_IC] = GPIO_ALL_PINS;
	return HELIOS_OK;
}
