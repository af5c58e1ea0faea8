/*
 * The capability slot allocator (slot.h): one bit per slot of the range, set while the slot
 * is allocated. Bits change only through atomic read-modify-write operations, so concurrent
 * threads never hand out the same slot and nobody ever waits for a lock.
 */
#include <stddef.h>
#include <stdint.h>

#include <helios/abi.h>

#include <helios/rt/slot.h>
#include <helios/rt/syscall.h>

#define WORDS (RT_SLOT_MAX / 64)

static helios_caddr_t first_slot;
static uint32_t slot_count;
static uint64_t bits[WORDS];

void rt_slot_init(helios_caddr_t first, uint32_t count)
{
	first_slot = first;
	slot_count = count < RT_SLOT_MAX ? count : RT_SLOT_MAX;
	for (size_t i = 0; i < WORDS; i++)
		bits[i] = 0;
}

helios_caddr_t rt_slot_first(void)
{
	return first_slot;
}

uint32_t rt_slot_count(void)
{
	return slot_count;
}

/* Sets bit i; true when it was clear (the caller now owns it). */
static int claim(uint32_t i)
{
	uint64_t bit = 1ull << (i % 64);
	return !(__atomic_fetch_or(&bits[i / 64], bit, __ATOMIC_ACQ_REL) & bit);
}

static void release(uint32_t i)
{
	__atomic_fetch_and(&bits[i / 64], ~(1ull << (i % 64)), __ATOMIC_ACQ_REL);
}

static int is_set(uint32_t i)
{
	return (__atomic_load_n(&bits[i / 64], __ATOMIC_ACQUIRE) >> (i % 64)) & 1;
}

/* Whether the kernel says the slot is empty (a kernel-chosen slot may hold a capability). */
static int slot_empty(uint32_t i)
{
	return helios_identify(first_slot + i, NULL, NULL) == HELIOS_ERR_INVALID_CSLOT;
}

/*
 * Claims count bits from i, all or none. A slot that turns out to hold a capability stays
 * claimed (it is not ours to hand out) and the claim fails.
 */
static int claim_run(uint32_t i, uint32_t count)
{
	for (uint32_t k = 0; k < count; k++) {
		if (!claim(i + k)) {
			while (k--)
				release(i + k);
			return 0;
		}
		if (!slot_empty(i + k)) {
			while (k--)
				release(i + k);
			return 0;
		}
	}
	return 1;
}

helios_caddr_t rt_slot_alloc_range(uint32_t count)
{
	if (count == 0 || count > slot_count)
		return HELIOS_CADDR_UNDEF;
	for (uint32_t i = 0; i + count <= slot_count; i++) {
		if (bits[i / 64] == ~0ull) {
			i |= 63; /* a full word: skip it */
			continue;
		}
		int free_run = 1;
		for (uint32_t k = 0; k < count && free_run; k++)
			free_run = !is_set(i + k);
		if (free_run && claim_run(i, count))
			return first_slot + i;
	}
	return HELIOS_CADDR_UNDEF;
}

helios_caddr_t rt_slot_alloc(void)
{
	return rt_slot_alloc_range(1);
}

void rt_slot_free_range(helios_caddr_t first, uint32_t count)
{
	for (uint32_t k = 0; k < count; k++) {
		uint64_t i = (uint64_t)first + k - first_slot;
		if (first + k >= first_slot && i < slot_count)
			release((uint32_t)i);
	}
}

void rt_slot_free(helios_caddr_t slot)
{
	rt_slot_free_range(slot, 1);
}

int rt_slot_allocated(helios_caddr_t slot)
{
	return slot >= first_slot && slot - first_slot < slot_count && is_set(slot - first_slot);
}

void rt_slot_mark(struct rt_slot_mark *m)
{
	for (size_t i = 0; i < WORDS; i++)
		m->bits[i] = __atomic_load_n(&bits[i], __ATOMIC_ACQUIRE);
}

void rt_slot_each_since(const struct rt_slot_mark *m, void (*fn)(helios_caddr_t, void *),
			void *ctx)
{
	for (size_t w = WORDS; w--;) {
		uint64_t fresh = __atomic_load_n(&bits[w], __ATOMIC_ACQUIRE) & ~m->bits[w];
		for (int b = 63; fresh && b >= 0; b--)
			if (fresh & (1ull << b))
				fn(first_slot + (helios_caddr_t)(w * 64 + (size_t)b), ctx);
	}
}
