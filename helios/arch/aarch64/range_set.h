/*
 * A sorted set of disjoint, page-aligned physical ranges kept in a caller's array: what
 * fdt_devices.c builds the device regions for init in, and the holes it keeps out of them.
 * Pure logic, host-tested.
 */
#ifndef HELIOS_ARCH_AARCH64_RANGE_SET_H
#define HELIOS_ARCH_AARCH64_RANGE_SET_H

#include <stdbool.h>
#include <stdint.h>

#include <helios/abi.h>

struct range_set {
	struct helios_init_region *r; /* sorted by base, neither overlapping nor touching */
	unsigned count, max;
	unsigned dropped; /* ranges that found no room (the highest go first) */
	/*
	 * When full, grow the nearest range over a new one instead of dropping anything: for
	 * holes, where keeping out too much is safe and too little is not.
	 */
	bool widen;
};

void range_set_init(struct range_set *s, struct helios_init_region *storage, unsigned max,
		    bool widen);

/* Adds [base, end) rounded out to whole pages; touching and overlapping ranges merge. */
void range_set_add(struct range_set *s, uint64_t base, uint64_t end);

/* Adds [base, end), rounded out to pages, less every range of `holes`. */
void range_set_add_except(struct range_set *s, uint64_t base, uint64_t end,
			  const struct range_set *holes);

#endif
