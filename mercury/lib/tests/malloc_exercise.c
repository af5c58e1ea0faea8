/*
 * The malloc workload (malloc_exercise.h).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <mercury/malloc.h>

#include "mercury/lib/tests/malloc_exercise.h"

#define BLOCKS 16

int malloc_exercise(uint32_t seed, int steps, size_t max_size)
{
	uint8_t fill = (uint8_t)(seed * 31u);
	uint8_t *blocks[BLOCKS] = { 0 };
	size_t sizes[BLOCKS] = { 0 };
	int result = MALLOC_EXERCISE_OK;
	for (int step = 0; step < steps && !result; step++) {
		seed = seed * 1103515245u + 12345u;
		unsigned i = (seed >> 8) % BLOCKS;
		if (!blocks[i]) {
			sizes[i] = (seed >> 12) % (max_size + 1);
			blocks[i] = malloc(sizes[i]);
			if (!blocks[i])
				result = MALLOC_EXERCISE_NOMEM;
			else
				memset(blocks[i], fill ^ (int)i, sizes[i]);
			continue;
		}
		for (size_t k = 0; k < sizes[i]; k++)
			if (blocks[i][k] != (uint8_t)(fill ^ i))
				result = MALLOC_EXERCISE_CHANGED;
		free(blocks[i]);
		blocks[i] = NULL;
	}
	for (unsigned i = 0; i < BLOCKS; i++)
		free(blocks[i]);
	return result;
}
