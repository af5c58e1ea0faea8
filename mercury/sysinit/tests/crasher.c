/*
 * A program for sysinit's QEMU tests: `crasher once` faults on its first run (sysinit passes
 * the restart count as SYSINIT_RESTARTS; a program has no other memory of earlier runs), then
 * works and exits with 0; `crasher always` faults on every run, so sysinit gives up on it.
 */
#include <stdbool.h>
#include <string.h>

#include <helios/rt/print.h>
#include <helios/rt/syscall.h>
#include <mercury/program.h>

int main(int argc, char **argv)
{
	const char *restarts = mercury_getenv("SYSINIT_RESTARTS");
	bool always = argc > 1 && strcmp(argv[1], "always") == 0;
	if (!restarts) {
		rt_printf("%s: no SYSINIT_RESTARTS\n", argv[0]);
		return 2;
	}
	if (always || strcmp(restarts, "0") == 0) {
		rt_printf("%s: run after %s restarts: faulting on purpose\n", argv[0], restarts);
		*(volatile int *)16 = 1;
	}
	for (int i = 0; i < 100; i++)
		helios_yield(); /* the others run meanwhile */
	rt_printf("%s: run after %s restarts: working\n", argv[0], restarts);
	return 0;
}
