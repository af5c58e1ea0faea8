/*
 * Ordering between the driver's writes to a virtqueue in memory and the device, which reads
 * them by DMA (and between the device's writes and the driver's reads). A full fence: on
 * aarch64 a compiler fence is not enough for another bus master, so it is `dmb sy`.
 */
#ifndef VENUS_VIRTIO_BARRIER_H
#define VENUS_VIRTIO_BARRIER_H

static inline void virtio_barrier(void)
{
#if defined(__aarch64__)
	__asm__ volatile("dmb sy" ::: "memory");
#else
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
}

#endif
