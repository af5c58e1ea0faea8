/*
 * The serial drivers' test client (../README.md): finds venus.chardev "0", says it is about
 * to read (the test types its input once it sees that line), reads with `wait` until a whole
 * line is the one the test types (other lines are counted and skipped; a driver that dies
 * meanwhile is reconnected to), prints it, checks that a read without `wait` now answers
 * NOTHING_YET, and writes a line through the driver. Exits 0 when all of it worked.
 */
#include <stdint.h>
#include <string.h>

#include <helios/rt/print.h>
#include <helios/rt/slot.h>
#include <mercury/program.h>
#include <mercury/time.h>

#include "mercury/registry/registry.ipc.h"
#include "mercury/registry/service.h"
#include "venus/ipc/chardev.ipc.h"

#define WANTED "hello from the test"
#define WRITTEN "serial-client: written through the driver\n"
#define LINE_MAX 128
#define WRITE_TRIES 1000

static helios_caddr_t registry, serial;
static uint64_t generation;

static const char *error_name(int err)
{
	const char *name = venus_chardev_error_name(err);
	return name ? name : rt_strerror((uint64_t)err);
}

/* Reads until a line equal to WANTED; 0, or 1 (said why). */
static int read_wanted_line(void)
{
	char line[LINE_MAX];
	size_t len = 0;
	unsigned skipped = 0;
	for (;;) {
		uint8_t data[256];
		size_t got = 0;
		int err = venus_chardev_read(serial, sizeof(data), true, data, &got);
		if (mercury_service_gone(err)) {
			rt_printf("serial-client: read with the driver gone: %s\n", error_name(err));
			if ((err = mercury_reconnect(registry, VENUS_CHARDEV_ID, "0", serial,
						     &generation))) {
				rt_printf("serial-client: reconnect: %s\n", rt_strerror(err));
				return 1;
			}
			rt_printf("serial-client: reconnected, generation %lu\n",
				  (unsigned long)generation);
			continue;
		}
		if (err || got == 0) {
			rt_printf("serial-client: read: %s (%zu bytes)\n", error_name(err), got);
			return 1;
		}
		for (size_t i = 0; i < got; i++) {
			if (data[i] != '\n' && len < LINE_MAX - 1) {
				line[len++] = (char)data[i];
				continue;
			}
			line[len] = '\0';
			if (data[i] == '\n' && strcmp(line, WANTED) == 0) {
				if (skipped)
					rt_printf("serial-client: %u other lines skipped\n", skipped);
				rt_printf("serial-client: line: %s\n", line);
				return 0;
			}
			skipped++;
			len = 0;
		}
	}
}

static int write_all(const char *text)
{
	size_t len = strlen(text), done = 0;
	for (unsigned tries = 0; done < len && tries < WRITE_TRIES; tries++) {
		uint32_t queued = 0;
		int err = venus_chardev_write(serial, text + done, len - done, &queued);
		if (err) {
			rt_printf("serial-client: write: %s\n", error_name(err));
			return 1;
		}
		done += queued;
		if (done < len)
			mercury_sleep_ns(1000000); /* the driver's buffer is full: let it drain */
	}
	return done == len ? 0 : 1;
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	registry = mercury_cap("registry");
	serial = rt_slot_alloc();
	if (registry == HELIOS_CADDR_UNDEF || serial == HELIOS_CADDR_UNDEF) {
		rt_printf("serial-client: no registry capability\n");
		return 1;
	}
	int err = mercury_registry_await(registry, VENUS_CHARDEV_ID, "0", 0, &serial, &generation);
	if (err) {
		rt_printf("serial-client: await venus.chardev 0: %s\n", rt_strerror(err));
		return 1;
	}
	rt_printf("serial-client: found venus.chardev 0, generation %lu: reading\n",
		  (unsigned long)generation);
	if (read_wanted_line())
		return 1;
	uint8_t byte;
	size_t got = 0;
	err = venus_chardev_read(serial, 1, false, &byte, &got);
	rt_printf("serial-client: a read without wait, nothing left: %s\n", error_name(err));
	if (err != VENUS_CHARDEV_ERROR_NOTHING_YET)
		return 1;
	err = venus_chardev_read(serial, 0, false, &byte, &got);
	rt_printf("serial-client: a read of 0 bytes: %s\n", error_name(err));
	if (err != HELIOS_ERR_INVALID_PARAM)
		return 1;
	if (write_all(WRITTEN))
		return 1;
	/* The driver sends it as the transmitter has room; the kernel's polled output (this
	 * program's next lines) would interleave with it byte by byte meanwhile. */
	mercury_sleep_ns(200000000);
	rt_printf("serial-client: done\n");
	return 0;
}
