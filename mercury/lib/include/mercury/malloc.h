/*
 * The C allocation functions, on the program's heap: a <mercury/heap.h> heap over
 * MERCURY_HEAP_BASE (<mercury/vm.h>), MERCURY_HEAP_SIZE at most, set up at the first call.
 * Thread-safe. Blocks are 16-byte aligned. Out of memory gives NULL. A pointer that is no
 * block of the heap, a block freed twice, or a heap whose records were overwritten ends the
 * program with a message (mercury_abort): going on would corrupt memory later, far from the
 * mistake.
 *
 * realloc(p, 0) returns a block of its own (not NULL), so a NULL result always means failure
 * and the old block is still valid.
 */
#ifndef MERCURY_MALLOC_H
#define MERCURY_MALLOC_H

#include <stddef.h>

#include <mercury/heap.h>

void *malloc(size_t size);
void free(void *p);
void *calloc(size_t count, size_t size);
void *realloc(void *p, size_t size);
/* align: a power of two (else NULL); size need not be a multiple of it. */
void *aligned_alloc(size_t align, size_t size);
size_t malloc_usable_size(void *p);
/* Gives every whole free page back to the system; returns 1 if the heap exists. */
int malloc_trim(size_t pad);

/* The heap behind them (set up if it is not yet; NULL when that failed): for statistics and
 * checks. */
struct mercury_heap *mercury_malloc_heap(void);

#endif
