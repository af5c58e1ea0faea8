/* The x86_64 interrupt device: QEMU pc's i8042 keyboard controller (qemu/irq_device.h). */
#include <stddef.h>
#include <stdint.h>

#include <helios/abi.h>
#include <helios/rt/invoke.h>

#include <qemu/irq_device.h>

#define KBD_DATA 0x60
#define KBD_STATUS 0x64
#define KBD_STATUS_OUT_FULL 0x01
#define KBD_STATUS_IN_FULL 0x02
#define KBD_READ_CONFIG 0x20
#define KBD_WRITE_CONFIG 0x60
#define KBD_WRITE_OUTPUT 0xd2
#define KBD_CONFIG_IRQ1 0x01
/* Status polls before the controller counts as not answering (QEMU's answers at once). */
#define KBD_POLLS 100000
/* Bytes drain reads at most: more means the controller keeps producing them. */
#define KBD_DRAIN_MAX 32

/* Waits (a bounded number of polls) until the controller's status has `bit` == want. */
static int kbd_wait(helios_caddr_t ports, uint8_t bit, int want)
{
	for (int i = 0; i < KBD_POLLS; i++) {
		uint8_t status;
		int err = helios_io_port_in8(ports, KBD_STATUS, &status);
		if (err)
			return err;
		if (!!(status & bit) == want)
			return HELIOS_OK;
	}
	return HELIOS_ERR_WOULD_BLOCK;
}

static int kbd_command(helios_caddr_t ports, uint8_t command)
{
	int err = kbd_wait(ports, KBD_STATUS_IN_FULL, 0);
	return err ? err : helios_io_port_out8(ports, KBD_STATUS, command);
}

static int kbd_write(helios_caddr_t ports, uint8_t data)
{
	int err = kbd_wait(ports, KBD_STATUS_IN_FULL, 0);
	return err ? err : helios_io_port_out8(ports, KBD_DATA, data);
}

static int kbd_read(helios_caddr_t ports, uint8_t *v)
{
	int err = kbd_wait(ports, KBD_STATUS_OUT_FULL, 1);
	return err ? err : helios_io_port_in8(ports, KBD_DATA, v);
}

/* The ports, and the controller told to raise IRQ 1 for keyboard data. */
int qemu_irq_device_open(struct qemu_irq_device *d, helios_caddr_t slot, uint64_t vaddr)
{
	(void)vaddr;
	*d = (struct qemu_irq_device){ .cap = slot };
	uint8_t config;
	int err = helios_io_control_issue(HELIOS_INIT_IO_CONTROL, KBD_DATA, KBD_STATUS, slot,
					  NULL);
	if (!err)
		err = qemu_irq_device_drain(d);
	if (!err)
		err = kbd_command(slot, KBD_READ_CONFIG);
	if (!err)
		err = kbd_read(slot, &config);
	if (!err)
		err = kbd_command(slot, KBD_WRITE_CONFIG);
	if (!err)
		err = kbd_write(slot, config | KBD_CONFIG_IRQ1);
	return err;
}

int qemu_irq_device_raise(struct qemu_irq_device *d, uint8_t token)
{
	int err = qemu_irq_device_ready(d);
	return err ? err : qemu_irq_device_fire(d, token);
}

/* The next data byte goes to the output buffer; the controller has taken the command. */
int qemu_irq_device_ready(struct qemu_irq_device *d)
{
	int err = kbd_command(d->cap, KBD_WRITE_OUTPUT);
	return err ? err : kbd_wait(d->cap, KBD_STATUS_IN_FULL, 0);
}

/* The token goes into the output buffer as if the keyboard had sent it. */
int qemu_irq_device_fire(struct qemu_irq_device *d, uint8_t token)
{
	return helios_io_port_out8(d->cap, KBD_DATA, token);
}

int qemu_irq_device_take(struct qemu_irq_device *d, uint8_t *token)
{
	return kbd_read(d->cap, token);
}

int qemu_irq_device_drain(struct qemu_irq_device *d)
{
	for (int i = 0; i < KBD_DRAIN_MAX; i++) {
		uint8_t status, v;
		int err = helios_io_port_in8(d->cap, KBD_STATUS, &status);
		if (err || !(status & KBD_STATUS_OUT_FULL))
			return err;
		if ((err = helios_io_port_in8(d->cap, KBD_DATA, &v)))
			return err;
	}
	return HELIOS_OK;
}
