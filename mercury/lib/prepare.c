/*
 * mercury_prepare (mercury.h): each part's own preparation, in turn.
 */
#include <helios/abi.h>

#include <mercury/mercury.h>

#include "mercury/lib/prepare.h"

int mercury_prepare(void)
{
	int err = mercury_vm_prepare();
	if (!err)
		err = mercury_malloc_prepare();
	return err;
}
