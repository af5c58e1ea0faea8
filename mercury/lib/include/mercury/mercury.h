/*
 * The Mercury library (mercury/lib/README.md): every header, and mercury_prepare.
 */
#ifndef MERCURY_MERCURY_H
#define MERCURY_MERCURY_H

#include <mercury/abort.h>
#include <mercury/arena.h>
#include <mercury/error.h>
#include <mercury/heap.h>
#include <mercury/image.h>
#include <mercury/lock.h>
#include <mercury/log.h>
#include <mercury/malloc.h>
#include <mercury/module.h>
#include <mercury/pages.h>
#include <mercury/program.h>
#include <mercury/restart.h>
#include <mercury/server.h>
#include <mercury/task.h>
#include <mercury/time.h>
#include <mercury/vm.h>

/*
 * Sets up now what the library otherwise sets up at first use: the program's heap (its first
 * page and page tables) and the locks of its global state. For programs that must not
 * allocate later, such as a test suite that counts every capability a test leaves behind.
 * Returns a helios_error.
 */
int mercury_prepare(void);

#endif
