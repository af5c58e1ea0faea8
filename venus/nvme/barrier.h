/*
 * Ordering between the driver's memory, the controller's DMA and its registers. On aarch64
 * normal memory and device memory need explicit barriers (the queues are normal memory, the
 * doorbells device memory); x86-64 keeps stores in order, so a compiler barrier is enough.
 */
#ifndef VENUS_NVME_BARRIER_H
#define VENUS_NVME_BARRIER_H

/* Stores to queue memory are visible to the device before a following doorbell write. */
static inline void nvme_barrier_before_doorbell(void)
{
#if defined(__aarch64__)
	__asm__ volatile("dsb st" ::: "memory");
#else
	__asm__ volatile("" ::: "memory");
#endif
}

/* Loads of a completion entry's other fields come after the load of its phase. */
static inline void nvme_barrier_after_phase(void)
{
#if defined(__aarch64__)
	__asm__ volatile("dmb oshld" ::: "memory");
#else
	__asm__ volatile("" ::: "memory");
#endif
}

#endif
