/*
 * Where Mercury puts things in a program's address space, and reservations of address ranges
 * for mappings that come and go (a boot module read, the pages of a task being built).
 *
 *   0x0000_0000_0040_0000  the program's image (below MERCURY_IMAGE_MAX_VADDR)
 *   0x0000_1000_0000_0000  the runtime's thread stacks (RT_THREAD_AREA)
 *   0x0000_3000_0000_0000  the program's heap (MERCURY_HEAP_BASE, MERCURY_HEAP_SIZE)
 *   0x0000_3100_0000_0000  reservations (MERCURY_VM_BASE, MERCURY_VM_SIZE)
 *   0x0000_7fff_fe00_0000  the main stack, IPC buffer, init info or startup block (abi.h,
 *                          mercury/startup.h)
 */
#ifndef MERCURY_VM_H
#define MERCURY_VM_H

#include <stddef.h>
#include <stdint.h>

#define MERCURY_HEAP_BASE 0x0000300000000000ull
#define MERCURY_HEAP_SIZE (1ull << 30)
#define MERCURY_VM_BASE 0x0000310000000000ull
#define MERCURY_VM_SIZE (4ull << 30)
#define MERCURY_VM_GRANULE 0x10000ull /* reservations are whole 64 KiB granules */

/* Reserves `bytes` (rounded up to granules) of the reservation range: *addr. NOMEM when no
 * run of granules is that long. */
int mercury_vm_reserve(size_t bytes, uintptr_t *addr);
/* Gives a reservation back (the caller has unmapped what it mapped there). */
void mercury_vm_release(uintptr_t addr, size_t bytes);

#endif
