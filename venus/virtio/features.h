/*
 * Feature negotiation (virtio 1.x, 3.1.1 and 6): the driver accepts only features it
 * understands, and refuses a device that lacks one it requires. Pure C, host-tested.
 */
#ifndef VENUS_VIRTIO_FEATURES_H
#define VENUS_VIRTIO_FEATURES_H

#include <stdbool.h>
#include <stdint.h>

#define VIRTIO_F_VERSION_1 (1ull << 32) /* the modern interface: every driver here needs it */

/*
 * *chosen = what the device offers and the driver understands. false (and *chosen 0) when
 * the device does not offer all of `required` (VERSION_1 is always required: this transport
 * speaks no legacy interface).
 */
bool virtio_features_choose(uint64_t offered, uint64_t understood, uint64_t required,
			    uint64_t *chosen);

#endif
