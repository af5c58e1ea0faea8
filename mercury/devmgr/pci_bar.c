/*
 * Sizing BARs: write all ones, read back which bits stick, put the value back. Decoding is
 * off in the command register meanwhile, so the device never answers at the probe address.
 * The size is the lowest address bit that sticks: a power of two whatever the device says.
 */
#include <stdbool.h>
#include <stdint.h>

#include "mercury/devmgr/pci_enum.h"

#define BAR_IO_BIT 0x1u
#define BAR_MEM_TYPE(v) (((v) >> 1) & 3u)
#define BAR_MEM_TYPE_64 2u
#define BAR_PREFETCHABLE 0x8u
#define BAR_IO_MASK 0xfffffffcu
#define BAR_MEM_MASK 0xfffffff0u

static unsigned bar_offset(unsigned index)
{
	return PCI_BAR0 + 4 * index;
}

/* Writes all ones to the BAR, returns what reads back, restores the value. */
static uint32_t probe(const struct pci_config *c, struct pci_address a, unsigned index,
		      uint32_t original)
{
	pci_write32(c, a, bar_offset(index), 0xffffffffu);
	uint32_t sticky = pci_read32(c, a, bar_offset(index));
	pci_write32(c, a, bar_offset(index), original);
	return sticky;
}

static uint64_t lowest_bit(uint64_t mask)
{
	return mask & (~mask + 1);
}

/* The BAR at index as out (size 0: not implemented); how many BAR registers it takes. */
static unsigned probe_bar(const struct pci_config *c, struct pci_address a, unsigned index,
			  unsigned count, struct pci_bar *out)
{
	uint32_t low = pci_read32(c, a, bar_offset(index));
	uint32_t sticky = probe(c, a, index, low);
	out->index = (uint8_t)index;
	out->prefetchable = false;
	if (low & BAR_IO_BIT) {
		uint64_t mask = sticky & BAR_IO_MASK;
		if ((mask & 0xffff0000u) == 0)
			mask |= 0xffff0000u; /* a device decoding 16 address bits */
		out->kind = PCI_BAR_IO;
		out->base = low & BAR_IO_MASK;
		out->size = mask == 0xffff0000u ? 0 : lowest_bit(mask);
		return 1;
	}
	out->prefetchable = (low & BAR_PREFETCHABLE) != 0;
	if (BAR_MEM_TYPE(low) != BAR_MEM_TYPE_64) {
		uint64_t mask = sticky & BAR_MEM_MASK;
		out->kind = PCI_BAR_MEM32;
		out->base = low & BAR_MEM_MASK;
		out->size = lowest_bit(mask);
		return 1;
	}
	out->size = 0;
	if (index + 1 >= count)
		return 1; /* a 64-bit BAR in the last register has no upper half: broken */
	uint32_t high = pci_read32(c, a, bar_offset(index + 1));
	uint32_t sticky_high = probe(c, a, index + 1, high);
	uint64_t mask = (uint64_t)sticky_high << 32 | (sticky & BAR_MEM_MASK);
	out->kind = PCI_BAR_MEM64;
	out->base = (uint64_t)high << 32 | (low & BAR_MEM_MASK);
	out->size = lowest_bit(mask);
	return 2;
}

unsigned pci_probe_bars(const struct pci_config *c, struct pci_address a, unsigned count,
			struct pci_bar *out)
{
	if (count > PCI_MAX_BARS)
		count = PCI_MAX_BARS;
	uint16_t command = pci_read16(c, a, PCI_COMMAND);
	pci_write16(c, a, PCI_COMMAND,
		    (uint16_t)(command & ~(PCI_COMMAND_IO | PCI_COMMAND_MEM)));
	unsigned found = 0;
	for (unsigned index = 0; index < count;) {
		index += probe_bar(c, a, index, count, &out[found]);
		if (out[found].size != 0)
			found++;
	}
	pci_write16(c, a, PCI_COMMAND, command);
	return found;
}
