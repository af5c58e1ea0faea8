/*
 * A malloc workload for one thread, shared by the suite (malloc_test.c) and the probe (the
 * same from a spawned program): blocks of varied sizes allocated, filled with a pattern of
 * the thread's own, checked and freed in a pseudo-random order.
 */
#ifndef MERCURY_TESTS_MALLOC_EXERCISE_H
#define MERCURY_TESTS_MALLOC_EXERCISE_H

#include <stddef.h>
#include <stdint.h>

enum malloc_exercise_result {
	MALLOC_EXERCISE_OK = 0,
	MALLOC_EXERCISE_CHANGED = 1, /* a block's contents changed while it was held */
	MALLOC_EXERCISE_NOMEM = 2,   /* malloc returned NULL */
};

/* `steps` allocations or frees of up to `max_size` bytes; `seed` picks the order and the
 * pattern. Everything is freed at the end. */
int malloc_exercise(uint32_t seed, int steps, size_t max_size);

#endif
