/*
 * sysinit, the first task (README.md): maps the initramfs boot module, checks the whole
 * archive, reads /etc/sysinit.conf from it, starts each program it lists in order and
 * supervises them. A missing or malformed initramfs or configuration is reported on the
 * console and sysinit ends (the kernel then has no running task and idles); nothing crashes.
 */
#include <stdbool.h>
#include <string.h>

#include <helios/rt/mem.h>
#include <helios/rt/print.h>
#include <mercury/error.h>
#include <mercury/module.h>
#include <qemu/exit.h>

#include "mercury/sysinit/sysinit.h"
#include "mercury/tar/tar.h"

static struct sysinit_config config;
static struct sysinit_child children[SYSINIT_PROGRAMS_MAX];
static struct tar_entry entry; /* about 400 bytes: not on the stack */

static void report(void *ctx, unsigned line, const char *message)
{
	(void)ctx;
	rt_printf("sysinit.conf:%u: %s\n", line, message);
}

/* The initramfs, checked whole; 0 or 1 (said why). */
static int open_initramfs(struct mercury_mapping *m)
{
	int err = mercury_module_map(SYSINIT_INITRAMFS, m);
	if (err) {
		rt_printf("sysinit: error: boot module %s: %s\n", SYSINIT_INITRAMFS,
			  mercury_strerror(err));
		return 1;
	}
	size_t count;
	enum tar_error terr = tar_check(m->data, m->size, &count);
	if (terr != TAR_OK) {
		rt_printf("sysinit: error: %s is malformed: %s (after %zu entries)\n",
			  SYSINIT_INITRAMFS, tar_strerror(terr), count);
		return 1;
	}
	rt_printf("sysinit: initramfs: %zu entries, %zu bytes\n", count, m->size);
	return 0;
}

/* A regular file of the archive, or 1 (said why). */
static int find_file(const struct mercury_mapping *m, const char *path, const void **data,
		     size_t *size)
{
	enum tar_error err = tar_find(m->data, m->size, path, &entry);
	if (err == TAR_OK && entry.type != TAR_FILE) {
		rt_printf("sysinit: error: %s: not a regular file\n", path);
		return 1;
	}
	if (err != TAR_OK) {
		rt_printf("sysinit: error: %s: %s\n", path, tar_strerror(err));
		return 1;
	}
	*data = entry.data;
	*size = (size_t)entry.size;
	return 0;
}

/* Finds every program's executable; a program whose file is missing is left out. */
static unsigned load_programs(const struct mercury_mapping *m)
{
	unsigned n = 0;
	for (unsigned i = 0; i < config.count; i++) {
		const struct sysinit_program *p = &config.programs[i];
		struct sysinit_child *c = &children[n];
		if (find_file(m, p->path, &c->image, &c->image_size)) {
			rt_printf("sysinit.conf:%u: %s: left out\n", p->line, p->name);
			continue;
		}
		c->program = p;
		n++;
	}
	return n;
}

/* With the word SYSINIT_EXIT_WORD on the kernel command line (tests), sysinit leaves QEMU
 * once no program is left running (status 0) or when it stops on an error (status 1). With
 * SYSINIT_EXIT_WITH NAME, it also leaves when program NAME ends for good, with its status. */
#define SYSINIT_EXIT_WORD "sysinit.exit_qemu"
#define SYSINIT_EXIT_WITH "sysinit.exit_with="

static int finish(int argc, char **argv, int status)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], SYSINIT_EXIT_WORD) == 0)
			qemu_exit(status);
	return status;
}

static const char *exit_with(int argc, char **argv)
{
	size_t n = strlen(SYSINIT_EXIT_WITH);
	for (int i = 1; i < argc; i++)
		if (strncmp(argv[i], SYSINIT_EXIT_WITH, n) == 0)
			return argv[i] + n;
	return NULL;
}

/* A program of the `count` loaded has the machine: its drivers may want the console's UART. */
static bool gives_hardware(unsigned count)
{
	for (unsigned i = 0; i < count; i++)
		if (children[i].program->hardware)
			return true;
	return false;
}

static bool serves_registry(void)
{
	for (unsigned i = 0; i < config.count; i++)
		if (config.programs[i].serves_registry)
			return true;
	return false;
}

/* The endpoints every program's start uses; 0 or 1 (said why). */
static int make_world(struct sysinit_world *w, int argc, char **argv)
{
	w->exit_with = exit_with(argc, argv);
	w->registry = HELIOS_CADDR_UNDEF;
	w->console_memory = HELIOS_CADDR_UNDEF;
	int err = rt_alloc(HELIOS_CAP_ENDPOINT, 0, &w->supervisor);
	if (!err && serves_registry())
		err = rt_alloc(HELIOS_CAP_ENDPOINT, 0, &w->registry);
	if (err)
		rt_printf("sysinit: error: no endpoint: %s\n", rt_strerror(err));
	return err != 0;
}

int main(int argc, char **argv)
{
	struct mercury_mapping initramfs;
	if (open_initramfs(&initramfs))
		goto stop;
	const void *text;
	size_t size;
	if (find_file(&initramfs, SYSINIT_CONF_PATH, &text, &size))
		goto stop;
	unsigned errors = sysinit_conf_parse(text, size, &config, report, NULL);
	rt_printf("sysinit: %s: %u programs, %u bad lines skipped\n", SYSINIT_CONF_PATH,
		  config.count, errors);
	unsigned count = load_programs(&initramfs);
	struct sysinit_world world;
	if (make_world(&world, argc, argv))
		goto stop;
	if (gives_hardware(count))
		sysinit_console_hand_over(&world);
	for (unsigned i = 0; i < count; i++)
		sysinit_start(&children[i], i, &world);
	sysinit_supervise(children, count, &world);
	return finish(argc, argv, 0);
stop:
	rt_printf("sysinit: stopped\n");
	return finish(argc, argv, 1);
}
