/*
 * The IRQ tests' device (ktest.h): //helios/lib/qemu's interrupt device (qemu/irq_device.h),
 * each call failing the test on an error.
 */
#include "helios/tests/ktest.h"

/* Where open maps device registers (aarch64; inside the page table the runner's warm-up made). */
#define IRQ_DEVICE_VADDR (KT_SCRATCH + 0x1f0000)

void kt_irq_device_open(struct kt_irq_device *d)
{
	KT_OK(qemu_irq_device_open(&d->dev, kt_slot(), IRQ_DEVICE_VADDR));
}

void kt_irq_device_raise(struct kt_irq_device *d, uint8_t token)
{
	KT_OK(qemu_irq_device_raise(&d->dev, token));
}

uint8_t kt_irq_device_take(struct kt_irq_device *d)
{
	uint8_t token = 0;
	KT_OK(qemu_irq_device_take(&d->dev, &token));
	return token;
}

void kt_irq_device_drain(struct kt_irq_device *d)
{
	KT_OK(qemu_irq_device_drain(&d->dev));
}
