/*
 * Reading pages the program holds capabilities to but has not mapped: boot modules (init
 * only: the files the loader put next to init, handed over as page capabilities in
 * helios_init_info.modules), or the pages of a task being built. Copies of the page
 * capabilities are mapped into a reserved range (<mercury/vm.h>); unmapping deletes the copies
 * and leaves the pages as they were.
 */
#ifndef MERCURY_MODULE_H
#define MERCURY_MODULE_H

#include <stddef.h>
#include <stdint.h>

#include <helios/abi.h>

/* A range of pages mapped through copies. */
struct mercury_mapping {
	void *data;
	size_t size;               /* bytes that matter (the mapping is whole pages) */
	helios_caddr_t first_copy; /* the copies, in consecutive slots */
	uint32_t pages;
};

/* Maps copies of the `count` page capabilities in consecutive slots from `first`, one after
 * another, with HELIOS_MAP_* `rights`. A helios_error; on failure nothing stays. */
int mercury_map_copies(helios_caddr_t first, uint32_t count, uint64_t rights,
		       struct mercury_mapping *out);
void mercury_mapping_unmap(struct mercury_mapping *m);

/* The init info's module named `name`, or NULL (also when the program is not init). */
const struct helios_init_module *mercury_module_find(const char *name);
/* Maps a module read-only: a helios_error, or MERCURY_ERR_NOT_FOUND. */
int mercury_module_map(const char *name, struct mercury_mapping *out);

#endif
