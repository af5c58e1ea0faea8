/*
 * The smallest Helios program worth booting: says hello with its arguments and how much memory
 * it was given, then exits (its thread suspends itself). Also builds the runtime for the user
 * platform whenever //helios/lib/rt/... is built.
 */
#include <stdint.h>

#include <helios/rt/invoke.h>
#include <helios/rt/mem.h>
#include <helios/rt/print.h>
#include <helios/rt/rt.h>

int main(int argc, char **argv)
{
	rt_printf("hello from %s:", argc > 0 ? argv[0] : "?");
	for (int i = 1; i < argc; i++)
		rt_printf(" %s", argv[i]);
	rt_printf("\n%u memory capabilities, %llu bytes free\n", rt_memory.count,
		  (unsigned long long)rt_memory_free());
	return 0;
}
