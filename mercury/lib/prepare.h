/*
 * What each part of the library that sets itself up on first use does at once when asked
 * (mercury_prepare, <mercury/mercury.h>). Each returns a helios_error.
 */
#ifndef MERCURY_LIB_PREPARE_H
#define MERCURY_LIB_PREPARE_H

int mercury_vm_prepare(void);
int mercury_malloc_prepare(void);

#endif
