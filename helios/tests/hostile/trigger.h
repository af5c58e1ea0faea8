/*
 * Instructions user mode must not get away with, as tables the architecture's privileged.S
 * builds with its `trigger` macro: each entry a function that runs any set-up and then the
 * instruction, in a supervised thread of its own (ktest.h, kt_sup_*), which must fault there.
 * Included by C for struct trigger, by privileged.S for the table macros.
 */
#ifndef HELIOS_TESTS_HOSTILE_TRIGGER_H
#define HELIOS_TESTS_HOSTILE_TRIGGER_H

#ifdef __ASSEMBLER__
/* A table of triggers: table_begin, its entries (each architecture's `trigger` macro in its
 * privileged.S), table_end (an entry of zeros). */
.macro table_begin name
	.pushsection .rodata.\name, "a"
	.balign 8
	.globl \name
	.type \name, %object
\name:
	.popsection
.endm

.macro table_end name
	.pushsection .rodata.\name, "a"
	.quad	0, 0, 0, 0
	.size \name, . - \name
	.popsection
.endm
#else

#include <stdint.h>

#include "helios/tests/ktest.h"

/* One instruction; a table ends with an entry whose fn is NULL. */
struct trigger {
	int (*fn)(void *arg); /* the set-up, then the instruction; returns 0 if it completes */
	const char *ip;       /* the instruction: where its fault must be reported */
	const char *text;     /* the instruction as written, for failure messages */
	uint64_t data;        /* what else the test expects of it (privileged_test.c says) */
};

/* Runs t->fn(arg) supervised, its thread destroyed after: 1 if it faulted (*f says how), 0 if
 * it completed. */
int trigger_run(const struct trigger *t, void *arg, struct kt_fault *f);

/* The same for an instruction that must fault: its fault. Fails the test, naming the
 * instruction, if it completes instead. */
struct kt_fault trigger_fault(const struct trigger *t, void *arg);

/* Fails the test, naming the instruction, unless f is a fault of `type` with FAULT_VECTOR
 * `vector` reported at t's instruction. */
void trigger_check(const struct trigger *t, const struct kt_fault *f, uint64_t type,
		   uint64_t vector);

#endif /* __ASSEMBLER__ */
#endif
