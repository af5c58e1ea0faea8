/*
 * Retype: every object type, counts and slots, sizes, overflow attempts, exhaustion, memory
 * accounting, device memory.
 */
#include "helios/tests/ktest.h"

KTEST(retype_every_object_type)
{
	static const struct {
		uint64_t type, size;
	} types[] = {
		{ HELIOS_CAP_MEMORY, HELIOS_PAGE_SIZE }, { HELIOS_CAP_CSPACE, 16 },
		{ HELIOS_CAP_VSPACE, 0 },                { HELIOS_CAP_TASK, 0 },
		{ HELIOS_CAP_ENDPOINT, 0 },              { HELIOS_CAP_NOTIFICATION, 0 },
		{ HELIOS_CAP_PDPT, 0 },                  { HELIOS_CAP_PD, 0 },
		{ HELIOS_CAP_PT, 0 },                    { HELIOS_CAP_PAGE, 0 },
	};
	helios_caddr_t mem = kt_big_memory();
	for (unsigned i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		helios_caddr_t dest = kt_slot(), got = 0;
		KT_OK(helios_memory_retype(mem, types[i].type, types[i].size, 1, dest,
					   &got));
		KT_EQ(got, dest);
		unsigned type, rights;
		KT_OK(helios_identify(dest, &type, &rights));
		KT_EQ(type, types[i].type);
		KT_EQ(rights, HELIOS_RIGHTS_ALL);
		KT_OK(rt_free(dest));
	}
}

KTEST(retype_refuses_other_types)
{
	static const uint64_t bad[] = {
		HELIOS_CAP_NULL,        HELIOS_CAP_DEVICE_MEMORY, HELIOS_CAP_REPLY,
		HELIOS_CAP_ASID_CONTROL, HELIOS_CAP_ASID_POOL,    HELIOS_CAP_IO_CONTROL,
		HELIOS_CAP_IO_PORT,     HELIOS_CAP_IRQ_CONTROL,   HELIOS_CAP_IRQ_HANDLER,
		HELIOS_CAP_TYPE_COUNT,  1000,                     1ull << 32,
		~0ull,
	};
	helios_caddr_t dest = kt_slot(), mem = kt_big_memory();
	uint64_t before = kt_free(mem);
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		KT_ERR(helios_memory_retype(mem, bad[i], HELIOS_PAGE_SIZE, 1, dest, NULL),
		       HELIOS_ERR_INVALID_TYPE);
	KT_EQ(kt_type(dest), HELIOS_CAP_NULL);
	KT_EQ(kt_free(mem), before);
}

KTEST(retype_count)
{
	helios_caddr_t dest = rt_slot_alloc_range(8), got = 0;
	KT_CHECK(dest != HELIOS_CADDR_UNDEF);
	KT_OK(helios_memory_retype(kt_big_memory(), HELIOS_CAP_ENDPOINT, 0, 8, dest, &got));
	KT_EQ(got, dest);
	for (helios_caddr_t i = 0; i < 8; i++)
		KT_EQ(kt_type(dest + i), HELIOS_CAP_ENDPOINT);
	/* Eight distinct endpoints: a message sent to one is not waiting on another. */
	struct helios_msg m;
	KT_ERR(helios_nbrecv(dest + 3, &m), HELIOS_ERR_WOULD_BLOCK);
}

KTEST(retype_count_errors)
{
	helios_caddr_t mem = kt_big_memory(), dest = rt_slot_alloc_range(4);
	KT_CHECK(dest != HELIOS_CADDR_UNDEF);
	KT_ERR(helios_memory_retype(mem, HELIOS_CAP_ENDPOINT, 0, 0, dest, NULL),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_memory_retype(mem, HELIOS_CAP_ENDPOINT, 0, 2, HELIOS_CADDR_UNDEF, NULL),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_memory_retype(mem, HELIOS_CAP_ENDPOINT, 0, 1ull << 63, dest, NULL),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_memory_retype(mem, HELIOS_CAP_ENDPOINT, 0, ~0ull, dest, NULL),
	       HELIOS_ERR_INVALID_PARAM);
	/* Running past the end of the cspace, and wrapping around 2^32. */
	uint32_t slots = rt_info->cspace_slots;
	KT_ERR(helios_memory_retype(mem, HELIOS_CAP_ENDPOINT, 0, 2, slots - 1, NULL),
	       HELIOS_ERR_INVALID_CADDR);
	KT_ERR(helios_memory_retype(mem, HELIOS_CAP_ENDPOINT, 0, 1, slots, NULL),
	       HELIOS_ERR_INVALID_CADDR);
	KT_ERR(helios_memory_retype(mem, HELIOS_CAP_ENDPOINT, 0, 4, 0xfffffffeu, NULL),
	       HELIOS_ERR_INVALID_CADDR);
	uint64_t wide[] = { HELIOS_CAP_ENDPOINT, 0, 1, 1ull << 32 | dest };
	KT_ERR(helios_invoke(mem, HELIOS_MEMORY_RETYPE, 4, wide, NULL, 0),
	       HELIOS_ERR_INVALID_CADDR);
	KT_ERR(helios_memory_retype(mem, HELIOS_CAP_ENDPOINT, 0, 1, 0, NULL),
	       HELIOS_ERR_INVALID_CADDR);
	for (helios_caddr_t i = 0; i < 4; i++)
		KT_EQ(kt_type(dest + i), HELIOS_CAP_NULL);
}

/* One occupied slot in the destination range: nothing is made at all. */
KTEST(retype_all_or_nothing_slots)
{
	helios_caddr_t mem = kt_memory(8 * HELIOS_PAGE_SIZE);
	uint64_t before = kt_free(mem);
	helios_caddr_t dest = rt_slot_alloc_range(4);
	KT_CHECK(dest != HELIOS_CADDR_UNDEF);
	KT_OK(helios_cspace_copy(rt_cspace, dest + 2, rt_cspace, mem, HELIOS_RIGHTS_ALL, NULL));
	KT_ERR(helios_memory_retype(mem, HELIOS_CAP_PAGE, 0, 4, dest, NULL),
	       HELIOS_ERR_INVALID_CSLOT);
	KT_EQ(kt_type(dest), HELIOS_CAP_NULL);
	KT_EQ(kt_type(dest + 1), HELIOS_CAP_NULL);
	KT_EQ(kt_type(dest + 3), HELIOS_CAP_NULL);
	KT_EQ(kt_free(mem), before);
}

KTEST(retype_memory_sizes)
{
	helios_caddr_t mem = kt_big_memory(), dest = kt_slot();
	static const uint64_t bad[] = { 0, 1, 100, HELIOS_PAGE_SIZE - 1, HELIOS_PAGE_SIZE + 1,
					3 * HELIOS_PAGE_SIZE / 2 };
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		KT_ERR(helios_memory_retype(mem, HELIOS_CAP_MEMORY, bad[i], 1, dest, NULL),
		       HELIOS_ERR_INVALID_PARAM);
	helios_caddr_t child = kt_slot();
	KT_OK(helios_memory_retype(mem, HELIOS_CAP_MEMORY, 2 * HELIOS_PAGE_SIZE, 1, child, NULL));
	struct helios_memory_info info;
	KT_OK(helios_memory_info(child, &info));
	KT_EQ(info.size, 2 * HELIOS_PAGE_SIZE);
	KT_EQ(info.free, 2 * HELIOS_PAGE_SIZE);
	KT_EQ(info.largest, 2 * HELIOS_PAGE_SIZE);
	KT_EQ(info.base % HELIOS_PAGE_SIZE, 0);
	/* Inside one of the parent's regions. */
	int inside = 0;
	for (uint32_t i = 0; i < rt_info->memory.count; i++) {
		const struct helios_init_region *r = &rt_info->memory_regions[i];
		if (info.base >= r->base && info.base + info.size <= r->base + r->size)
			inside = 1;
	}
	KT_CHECK(inside);
}

/* Sizes and counts whose product or sum would overflow 64 bits get NOMEM, never a tiny
 * object. */
KTEST(retype_overflow_attempts)
{
	helios_caddr_t mem = kt_memory(4 * HELIOS_PAGE_SIZE);
	uint64_t before = kt_free(mem);
	helios_caddr_t dest = rt_slot_alloc_range(16);
	KT_CHECK(dest != HELIOS_CADDR_UNDEF);
	static const struct {
		uint64_t size, count;
	} huge[] = {
		{ 1ull << 63, 1 },
		{ ~0ull & ~(HELIOS_PAGE_SIZE - 1), 1 },
		{ 1ull << 62, 4 },
		{ 1ull << 61, 8 },
		{ 1ull << 60, 16 },
		{ 0x8000000000001000ull, 2 },
	};
	for (unsigned i = 0; i < sizeof(huge) / sizeof(huge[0]); i++)
		KT_ERR(helios_memory_retype(mem, HELIOS_CAP_MEMORY, huge[i].size, huge[i].count,
					    dest, NULL),
		       HELIOS_ERR_NOMEM);
	/* 4096 pages' worth from a 4-page memory. */
	KT_ERR(helios_memory_retype(mem, HELIOS_CAP_PAGE, 0, 16, dest, NULL), HELIOS_ERR_NOMEM);
	for (helios_caddr_t i = 0; i < 16; i++)
		KT_EQ(kt_type(dest + i), HELIOS_CAP_NULL);
	KT_EQ(kt_free(mem), before);
}

KTEST(retype_exhaustion)
{
	helios_caddr_t mem = kt_memory(4 * HELIOS_PAGE_SIZE);
	helios_caddr_t pages = rt_slot_alloc_range(5);
	KT_CHECK(pages != HELIOS_CADDR_UNDEF);
	/* Five pages at once do not fit: none is made. */
	KT_ERR(helios_memory_retype(mem, HELIOS_CAP_PAGE, 0, 5, pages, NULL), HELIOS_ERR_NOMEM);
	KT_EQ(kt_type(pages), HELIOS_CAP_NULL);
	for (helios_caddr_t i = 0; i < 4; i++)
		KT_OK(helios_memory_retype(mem, HELIOS_CAP_PAGE, 0, 1, pages + i, NULL));
	KT_EQ(kt_free(mem), 0);
	KT_ERR(helios_memory_retype(mem, HELIOS_CAP_PAGE, 0, 1, pages + 4, NULL), HELIOS_ERR_NOMEM);
	KT_ERR(helios_memory_retype(mem, HELIOS_CAP_ENDPOINT, 0, 1, pages + 4, NULL),
	       HELIOS_ERR_NOMEM);
	KT_EQ(kt_type(pages + 4), HELIOS_CAP_NULL);
	/* Freeing one page makes room for exactly one again. */
	KT_OK(helios_cspace_delete(rt_cspace, pages + 1));
	KT_EQ(kt_free(mem), HELIOS_PAGE_SIZE);
	KT_OK(helios_memory_retype(mem, HELIOS_CAP_PAGE, 0, 1, pages + 4, NULL));
}

KTEST(retype_accounting)
{
	helios_caddr_t mem = kt_memory(16 * HELIOS_PAGE_SIZE);
	struct helios_memory_info a, b;
	KT_OK(helios_memory_info(mem, &a));
	KT_EQ(a.free, a.size);
	helios_caddr_t page = kt_slot(), ep = kt_slot(), task = kt_slot();
	KT_OK(helios_memory_retype(mem, HELIOS_CAP_PAGE, 0, 1, page, NULL));
	KT_OK(helios_memory_info(mem, &b));
	KT_EQ(b.free, a.free - HELIOS_PAGE_SIZE);
	KT_OK(helios_memory_retype(mem, HELIOS_CAP_ENDPOINT, 0, 1, ep, NULL));
	KT_OK(helios_memory_retype(mem, HELIOS_CAP_TASK, 0, 1, task, NULL));
	KT_OK(helios_memory_info(mem, &b));
	KT_CHECK(b.free < a.free - HELIOS_PAGE_SIZE);
	KT_CHECK(b.largest <= b.free);
	KT_OK(helios_cspace_delete(rt_cspace, task));
	KT_OK(helios_cspace_delete(rt_cspace, ep));
	KT_OK(helios_cspace_delete(rt_cspace, page));
	KT_OK(helios_memory_info(mem, &b));
	KT_EQ(b.free, a.free);
	KT_EQ(b.largest, a.largest);
}

/* A memory capability deleted while objects made from it live: they keep working, and their
 * memory goes back to the parent when the last of them goes. */
KTEST(retype_memory_deleted_before_objects)
{
	uint64_t before = rt_memory_free();
	helios_caddr_t mem = kt_memory(4 * HELIOS_PAGE_SIZE);
	helios_caddr_t n = kt_slot();
	KT_OK(helios_memory_retype(mem, HELIOS_CAP_NOTIFICATION, 0, 1, n, NULL));
	KT_OK(rt_free(mem));
	KT_OK(helios_signal(n));
	uint64_t word = 1;
	KT_OK(helios_nbwait(n, &word));
	KT_EQ(word, 0);
	KT_CHECK(rt_memory_free() < before);
	KT_OK(helios_cspace_delete(rt_cspace, n));
	KT_EQ(rt_memory_free(), before);
}

/* Memory from memory from memory: the grandchild's objects come out of the grandparent. */
KTEST(retype_nested_memory)
{
	uint64_t before = rt_memory_free();
	helios_caddr_t a = kt_memory(8 * HELIOS_PAGE_SIZE), b = kt_slot(), c = kt_slot();
	KT_OK(helios_memory_retype(a, HELIOS_CAP_MEMORY, 4 * HELIOS_PAGE_SIZE, 1, b, NULL));
	KT_OK(helios_memory_retype(b, HELIOS_CAP_MEMORY, 2 * HELIOS_PAGE_SIZE, 1, c, NULL));
	KT_CHECK(kt_free(b) <= 2 * HELIOS_PAGE_SIZE);
	helios_caddr_t pages = rt_slot_alloc_range(2);
	KT_OK(helios_memory_retype(c, HELIOS_CAP_PAGE, 0, 2, pages, NULL));
	KT_EQ(kt_free(c), 0);
	KT_OK(helios_cspace_revoke(rt_cspace, a));
	KT_EQ(kt_type(b), HELIOS_CAP_NULL);
	KT_EQ(kt_type(c), HELIOS_CAP_NULL);
	KT_EQ(kt_type(pages), HELIOS_CAP_NULL);
	KT_EQ(kt_free(a), 8 * HELIOS_PAGE_SIZE);
	KT_OK(rt_free(a));
	KT_EQ(rt_memory_free(), before);
}

KTEST(retype_needs_write)
{
	helios_caddr_t ro = kt_copy(rt_memory.first, HELIOS_RIGHT_READ);
	KT_ERR(helios_memory_retype(ro, HELIOS_CAP_ENDPOINT, 0, 1, kt_slot(), NULL),
	       HELIOS_ERR_ACCESS);
	struct helios_memory_info info;
	KT_OK(helios_memory_info(ro, &info));
}

KTEST(retype_memory_info)
{
	for (uint32_t i = 0; i < rt_memory.count; i++) {
		struct helios_memory_info info;
		KT_OK(helios_memory_info(rt_memory.first + i, &info));
		KT_EQ(info.base, rt_info->memory_regions[i].base);
		KT_EQ(info.size, rt_info->memory_regions[i].size);
		KT_CHECK(info.free <= info.size);
		KT_CHECK(info.largest <= info.free);
	}
}

KTEST(retype_device_memory_info)
{
	KT_CHECK(rt_info->device_memory.count > 0);
	for (uint32_t i = 0; i < rt_info->device_memory.count; i++) {
		uint64_t base, size;
		KT_OK(helios_device_memory_info(rt_info->device_memory.first + i, &base, &size));
		KT_EQ(base, rt_info->device_regions[i].base);
		KT_EQ(size, rt_info->device_regions[i].size);
	}
}

/* A device page maps and reaches the device's registers: one that keeps what is written to
 * it (ktest_arch.h: x86_64's VGA text memory, aarch64's PL061 direction register). */
KTEST(retype_device_page)
{
	uint64_t offset;
	helios_caddr_t dev = kt_device_memory(KT_DEVICE_SCRATCH_PAGE, &offset);
	helios_caddr_t page = kt_slot(), got = 0;
	KT_OK(helios_device_memory_retype(dev, HELIOS_CAP_PAGE, 0, 1, page, offset, &got));
	KT_EQ(got, page);
	KT_EQ(kt_type(page), HELIOS_CAP_PAGE);
	uint64_t phys;
	KT_OK(helios_page_info(page, &phys, NULL, NULL));
	KT_EQ(phys, KT_DEVICE_SCRATCH_PAGE);
	KT_OK(rt_map(rt_vspace, page, KT_SCRATCH, HELIOS_MAP_READ | HELIOS_MAP_WRITE));
	volatile uint32_t *reg = (volatile uint32_t *)(KT_SCRATCH + KT_DEVICE_SCRATCH_OFFSET);
	*reg = KT_DEVICE_SCRATCH_VALUE;
	KT_EQ(*reg, KT_DEVICE_SCRATCH_VALUE);
	*reg = KT_DEVICE_SCRATCH_RESTORE;
	/* Device memory is never memory: no kernel objects from it. */
	KT_ERR(helios_device_memory_retype(dev, HELIOS_CAP_ENDPOINT, 0, 1, kt_slot(), offset,
					   NULL),
	       HELIOS_ERR_INVALID_TYPE);
	KT_ERR(helios_device_memory_retype(dev, HELIOS_CAP_MEMORY, HELIOS_PAGE_SIZE, 1, kt_slot(),
					   offset, NULL),
	       HELIOS_ERR_INVALID_TYPE);
}

KTEST(retype_device_memory_errors)
{
	uint64_t offset, base, size;
	helios_caddr_t dev = kt_device_memory(KT_DEVICE_SCRATCH_PAGE, &offset);
	KT_OK(helios_device_memory_info(dev, &base, &size));
	helios_caddr_t dest = kt_slot();
	KT_ERR(helios_device_memory_retype(dev, HELIOS_CAP_PAGE, 0, 1, dest, offset + 1, NULL),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_device_memory_retype(dev, HELIOS_CAP_PAGE, 0, 1, dest, size, NULL),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_device_memory_retype(dev, HELIOS_CAP_PAGE, 0, 1, dest, ~0ull & ~0xfffull,
					   NULL),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_device_memory_retype(dev, HELIOS_CAP_PAGE, 0, 2, dest,
					   size - HELIOS_PAGE_SIZE, NULL),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_device_memory_retype(dev, HELIOS_CAP_DEVICE_MEMORY, 100, 1, dest, 0, NULL),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_device_memory_retype(dev, HELIOS_CAP_DEVICE_MEMORY, size + HELIOS_PAGE_SIZE,
					   1, dest, 0, NULL),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_device_memory_retype(dev, HELIOS_CAP_PAGE, 0, 0, dest, 0, NULL),
	       HELIOS_ERR_INVALID_PARAM);
	/* A device memory piece is smaller device memory, and can be cut again. */
	helios_caddr_t piece = kt_slot();
	KT_OK(helios_device_memory_retype(dev, HELIOS_CAP_DEVICE_MEMORY, HELIOS_PAGE_SIZE, 1, piece,
					  offset, NULL));
	uint64_t pbase, psize;
	KT_OK(helios_device_memory_info(piece, &pbase, &psize));
	KT_EQ(pbase, KT_DEVICE_SCRATCH_PAGE);
	KT_EQ(psize, HELIOS_PAGE_SIZE);
	KT_ERR(helios_device_memory_retype(piece, HELIOS_CAP_PAGE, 0, 2, kt_slot(), 0, NULL),
	       HELIOS_ERR_INVALID_PARAM);
	KT_OK(helios_device_memory_retype(piece, HELIOS_CAP_PAGE, 0, 1, kt_slot(), 0, NULL));
}
