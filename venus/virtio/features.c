/* Feature negotiation (features.h). */
#include "venus/virtio/features.h"

bool virtio_features_choose(uint64_t offered, uint64_t understood, uint64_t required,
			    uint64_t *chosen)
{
	required |= VIRTIO_F_VERSION_1;
	understood |= required;
	*chosen = 0;
	if ((offered & required) != required)
		return false;
	*chosen = offered & understood;
	return true;
}
