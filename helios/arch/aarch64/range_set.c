/* Sorted sets of page ranges (range_set.h). */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "helios/arch/aarch64/range_set.h"

#define PAGE_MASK 0xfffull
/* The highest page-aligned end there is: rounding up past it would wrap to 0. */
#define LAST_END (UINT64_MAX & ~PAGE_MASK)

static uint64_t end_of(const struct helios_init_region *r)
{
	return r->base + r->size;
}

void range_set_init(struct range_set *s, struct helios_init_region *storage, unsigned max,
		    bool widen)
{
	s->r = storage;
	s->count = 0;
	s->max = max;
	s->dropped = 0;
	s->widen = widen;
}

/* Makes r[i] the hull of itself and [base, end), then swallows the ranges it now reaches. */
static void merge_at(struct range_set *s, unsigned i, uint64_t base, uint64_t end)
{
	uint64_t hull_base = base < s->r[i].base ? base : s->r[i].base;
	uint64_t hull_end = end > end_of(&s->r[i]) ? end : end_of(&s->r[i]);
	unsigned next = i + 1;
	while (next < s->count && s->r[next].base <= hull_end) {
		if (end_of(&s->r[next]) > hull_end)
			hull_end = end_of(&s->r[next]);
		next++;
	}
	s->r[i].base = hull_base;
	s->r[i].size = hull_end - hull_base;
	memmove(&s->r[i + 1], &s->r[next], (s->count - next) * sizeof(s->r[0]));
	s->count -= next - (i + 1);
}

/* [base, end), already page-aligned and not empty. */
static void insert(struct range_set *s, uint64_t base, uint64_t end)
{
	unsigned i = 0;
	while (i < s->count && end_of(&s->r[i]) < base)
		i++;
	if (i < s->count && s->r[i].base <= end) {
		merge_at(s, i, base, end);
		return;
	}
	if (s->count == s->max) {
		if (s->max > 0 && s->widen) {
			merge_at(s, i < s->count ? i : i - 1, base, end);
			return;
		}
		s->dropped++;
		if (i == s->count)
			return; /* the new range is the highest: it goes */
		s->count--; /* the highest range makes room */
	}
	memmove(&s->r[i + 1], &s->r[i], (s->count - i) * sizeof(s->r[0]));
	s->r[i].base = base;
	s->r[i].size = end - base;
	s->count++;
}

/* [base, end) rounded out to pages; false if nothing is left. */
static bool round_out(uint64_t *base, uint64_t *end)
{
	*base &= ~PAGE_MASK;
	*end = *end > LAST_END ? LAST_END : (*end + PAGE_MASK) & ~PAGE_MASK;
	return *base < *end;
}

void range_set_add(struct range_set *s, uint64_t base, uint64_t end)
{
	if (round_out(&base, &end))
		insert(s, base, end);
}

void range_set_add_except(struct range_set *s, uint64_t base, uint64_t end,
			  const struct range_set *holes)
{
	if (!round_out(&base, &end))
		return;
	for (unsigned i = 0; i < holes->count && base < end; i++) {
		const struct helios_init_region *hole = &holes->r[i];
		if (end_of(hole) <= base)
			continue;
		if (hole->base >= end)
			break;
		if (hole->base > base)
			insert(s, base, hole->base);
		base = end_of(hole);
	}
	if (base < end)
		insert(s, base, end);
}
