/*
 * The test driver (testdev, for QEMU's pci-testdev): its manifest, in BUILD.bazel, is what the
 * manifest tests and the capability report read. For now it only prints its arguments; the
 * device manager's tests will give it a body that uses its BAR and endpoint.
 */
#include <helios/rt/print.h>

int main(int argc, char **argv)
{
	rt_printf("%s: started with", argc > 0 ? argv[0] : "testdev");
	for (int i = 1; i < argc; i++)
		rt_printf(" %s", argv[i]);
	rt_printf(" %d arguments\n", argc > 0 ? argc - 1 : 0);
	return 0;
}
