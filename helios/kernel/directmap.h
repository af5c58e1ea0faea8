/*
 * The direct map: all RAM (and, on some architectures, device memory) at HELIOS_HHDM_BASE +
 * its physical address, which is how the kernel addresses objects. Host tests define
 * HOST_TEST and map 1:1.
 */
#ifndef HELIOS_KERNEL_DIRECTMAP_H
#define HELIOS_KERNEL_DIRECTMAP_H

#include <stdint.h>

#include <helios/boot.h>

#ifdef HOST_TEST
static inline uintptr_t phys_to_virt(uint64_t p) { return (uintptr_t)p; }
static inline uint64_t virt_to_phys(uintptr_t v) { return (uint64_t)v; }
#else
static inline uintptr_t phys_to_virt(uint64_t p) { return (uintptr_t)(p + HELIOS_HHDM_BASE); }
static inline uint64_t virt_to_phys(uintptr_t v) { return (uint64_t)v - HELIOS_HHDM_BASE; }
#endif

#endif
