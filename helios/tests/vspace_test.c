/*
 * Address spaces: mapping pages and tables, map rights and capability rights, sharing,
 * missing tables, unmapping (explicitly and on delete), new vspaces and ASIDs.
 */
#include "helios/tests/ktest.h"

#define RW (HELIOS_MAP_READ | HELIOS_MAP_WRITE)
/* Address-space areas no other test or the runner maps: a fresh root-table entry each. */
#define FRESH_A 0x0000300000000000ull
#define FRESH_B 0x0000308000000000ull
#define TWO_MB 0x200000ull

KTEST(vspace_map_page)
{
	helios_caddr_t page = kt_object(HELIOS_CAP_PAGE, 0);
	uint64_t v = KT_SCRATCH + 0x1000;
	KT_OK(rt_map(rt_vspace, page, v, RW));
	volatile uint64_t *p = (volatile uint64_t *)v;
	KT_EQ(p[0], 0); /* fresh pages are zero */
	KT_EQ(p[511], 0);
	p[0] = 0x1122334455667788ull;
	p[511] = 42;
	KT_EQ(p[0], 0x1122334455667788ull);
	KT_EQ(p[511], 42);
}

KTEST(vspace_missing_tables_named)
{
	helios_caddr_t page = kt_object(HELIOS_CAP_PAGE, 0);
	unsigned missing = 0;
	KT_ERR(helios_page_map(page, rt_vspace, FRESH_A, RW, &missing),
	       HELIOS_ERR_MISSING_TABLES);
	KT_EQ(missing, HELIOS_CAP_PDPT);
	helios_caddr_t pdpt = kt_object(HELIOS_CAP_PDPT, 0);
	KT_OK(helios_pdpt_map(pdpt, rt_vspace, FRESH_A, NULL));
	KT_ERR(helios_page_map(page, rt_vspace, FRESH_A, RW, &missing),
	       HELIOS_ERR_MISSING_TABLES);
	KT_EQ(missing, HELIOS_CAP_PD);
	helios_caddr_t pd = kt_object(HELIOS_CAP_PD, 0);
	KT_OK(helios_pd_map(pd, rt_vspace, FRESH_A, NULL));
	KT_ERR(helios_page_map(page, rt_vspace, FRESH_A, RW, &missing),
	       HELIOS_ERR_MISSING_TABLES);
	KT_EQ(missing, HELIOS_CAP_PT);
	helios_caddr_t pt = kt_object(HELIOS_CAP_PT, 0);
	KT_OK(helios_pt_map(pt, rt_vspace, FRESH_A, NULL));
	KT_OK(helios_page_map(page, rt_vspace, FRESH_A, RW, NULL));
	*(volatile uint32_t *)FRESH_A = 7;
	KT_EQ(*(volatile uint32_t *)FRESH_A, 7);
	/* Tables below a missing level say what is missing too. */
	helios_caddr_t pt2 = kt_object(HELIOS_CAP_PT, 0), pd2 = kt_object(HELIOS_CAP_PD, 0);
	KT_ERR(helios_pt_map(pt2, rt_vspace, FRESH_B, &missing), HELIOS_ERR_MISSING_TABLES);
	KT_EQ(missing, HELIOS_CAP_PDPT);
	KT_ERR(helios_pd_map(pd2, rt_vspace, FRESH_B, &missing), HELIOS_ERR_MISSING_TABLES);
	KT_EQ(missing, HELIOS_CAP_PDPT);
}

KTEST(vspace_map_errors)
{
	helios_caddr_t page = kt_object(HELIOS_CAP_PAGE, 0);
	uint64_t v = KT_SCRATCH + 0x2000;
	KT_ERR(helios_page_map(page, rt_vspace, v + 1, RW, NULL), HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_page_map(page, rt_vspace, v + 0x800, RW, NULL), HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_page_map(page, rt_vspace, HELIOS_USER_TOP, RW, NULL),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_page_map(page, rt_vspace, 1ull << 47, RW, NULL), HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_page_map(page, rt_vspace, 0xffff800000000000ull, RW, NULL),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_page_map(page, rt_vspace, ~0ull & ~0xfffull, RW, NULL),
	       HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_page_map(page, rt_vspace, v, 0, NULL), HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_page_map(page, rt_vspace, v, 8 | RW, NULL), HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_page_map(page, rt_cspace, v, RW, NULL), HELIOS_ERR_INVALID_TYPE);
	KT_ERR(helios_page_map(page, kt_slot(), v, RW, NULL), HELIOS_ERR_INVALID_CSLOT);
	uint64_t vaddr = 1;
	KT_OK(helios_page_info(page, NULL, &vaddr, NULL));
	KT_EQ(vaddr, 0);
	KT_EQ(kt_probe_read(v), HELIOS_FAULT_PAGE);
}

KTEST(vspace_map_twice)
{
	helios_caddr_t page = kt_object(HELIOS_CAP_PAGE, 0);
	helios_caddr_t other = kt_object(HELIOS_CAP_PAGE, 0);
	uint64_t v = KT_SCRATCH + 0x3000;
	KT_OK(rt_map(rt_vspace, page, v, RW));
	/* One capability, one mapping. */
	KT_ERR(helios_page_map(page, rt_vspace, v + HELIOS_PAGE_SIZE, RW, NULL), HELIOS_ERR_MAPPED);
	/* One vaddr, one page. */
	KT_ERR(helios_page_map(other, rt_vspace, v, RW, NULL), HELIOS_ERR_MAPPED);
	/* The init image's pages are where it runs. */
	KT_ERR(helios_page_map(other, rt_vspace, rt_info->image_base & ~0xfffull, RW, NULL),
	       HELIOS_ERR_MAPPED);
}

KTEST(vspace_page_info)
{
	helios_caddr_t page = kt_object(HELIOS_CAP_PAGE, 0);
	uint64_t phys = 0, vaddr = 1, asid = 1;
	KT_OK(helios_page_info(page, &phys, &vaddr, &asid));
	KT_CHECK(phys != 0 && phys % HELIOS_PAGE_SIZE == 0);
	KT_EQ(vaddr, 0);
	KT_EQ(asid, 0);
	uint64_t v = KT_SCRATCH + 0x4000;
	KT_OK(rt_map(rt_vspace, page, v, RW));
	uint64_t phys2 = 0;
	KT_OK(helios_page_info(page, &phys2, &vaddr, &asid));
	KT_EQ(phys2, phys);
	KT_EQ(vaddr, v);
	KT_CHECK(asid != 0);
	/* Init's own IPC buffer page says where it is mapped. */
	KT_OK(helios_page_info(HELIOS_INIT_IPC_BUFFER, NULL, &vaddr, NULL));
	KT_EQ(vaddr, HELIOS_INIT_IPC_BUFFER_VADDR);
}

KTEST(vspace_read_only_mapping)
{
	helios_caddr_t page = kt_object(HELIOS_CAP_PAGE, 0);
	uint64_t v = KT_SCRATCH + 0x5000;
	KT_OK(rt_map(rt_vspace, page, v, HELIOS_MAP_READ));
	KT_EQ(*(volatile uint8_t *)v, 0);
	KT_EQ(kt_probe_read(v), 0);
	KT_EQ(kt_probe_write(v), HELIOS_FAULT_PAGE);
}

KTEST(vspace_map_needs_cap_rights)
{
	helios_caddr_t page = kt_object(HELIOS_CAP_PAGE, 0);
	helios_caddr_t ro = kt_copy(page, HELIOS_RIGHT_READ);
	helios_caddr_t wo = kt_copy(page, HELIOS_RIGHT_WRITE);
	uint64_t v = KT_SCRATCH + 0x6000;
	KT_ERR(helios_page_map(ro, rt_vspace, v, RW, NULL), HELIOS_ERR_ACCESS);
	KT_ERR(helios_page_map(wo, rt_vspace, v, HELIOS_MAP_READ, NULL), HELIOS_ERR_ACCESS);
	KT_ERR(helios_page_map(ro, rt_vspace, v, HELIOS_MAP_READ | HELIOS_MAP_WRITE, NULL),
	       HELIOS_ERR_ACCESS);
	KT_OK(rt_map(rt_vspace, ro, v, HELIOS_MAP_READ));
	KT_EQ(kt_probe_write(v), HELIOS_FAULT_PAGE);
}

static int call_code(void *code)
{
	return ((int (*)(void))code)();
}

/* Without HELIOS_MAP_EXEC a page's bytes are data: jumping there faults (x86_64: NX,
 * aarch64: UXN). */
KTEST(vspace_exec_right)
{
	helios_caddr_t page = kt_object(HELIOS_CAP_PAGE, 0);
	uint64_t data = KT_SCRATCH + 0x7000, code = KT_SCRATCH + 0x8000;
	KT_OK(rt_map(rt_vspace, page, data, RW));
	/* A function returning 42 (QEMU keeps instruction fetches coherent with the stores). */
	for (unsigned i = 0; i < kt_return_42_size; i++)
		((volatile uint8_t *)data)[i] = kt_return_42_code[i];
	struct kt_sup s;
	kt_sup_start(&s, call_code, (void *)data);
	KT_EQ(kt_sup_wait(&s), 1);
	KT_EQ(s.fault.type, HELIOS_FAULT_PAGE);
	KT_EQ(s.fault.addr, data);
	KT_EQ(s.fault.ip, data);
	rt_thread_destroy(&s.thread);
	helios_caddr_t x = kt_copy(page, HELIOS_RIGHTS_ALL);
	KT_OK(rt_map(rt_vspace, x, code, HELIOS_MAP_READ | HELIOS_MAP_EXEC));
	struct kt_sup s2;
	kt_sup_start(&s2, call_code, (void *)code);
	KT_EQ(kt_sup_wait(&s2), 0);
	KT_EQ(s2.thread.result, 42);
}

KTEST(vspace_shared_page)
{
	helios_caddr_t page = kt_object(HELIOS_CAP_PAGE, 0);
	helios_caddr_t copy = kt_copy(page, HELIOS_RIGHTS_ALL);
	uint64_t a = KT_SCRATCH + 0x9000, b = KT_SCRATCH + 0x600000;
	KT_OK(rt_map(rt_vspace, page, a, RW));
	KT_OK(rt_map(rt_vspace, copy, b, RW));
	*(volatile uint64_t *)(a + 64) = 0xfeedface;
	KT_EQ(*(volatile uint64_t *)(b + 64), 0xfeedface);
	uint64_t pa, pb;
	KT_OK(helios_page_info(page, &pa, NULL, NULL));
	KT_OK(helios_page_info(copy, &pb, NULL, NULL));
	KT_EQ(pa, pb);
	/* Deleting one copy unmaps only its own mapping. */
	KT_OK(helios_cspace_delete(rt_cspace, copy));
	KT_EQ(kt_probe_read(b), HELIOS_FAULT_PAGE);
	KT_EQ(*(volatile uint64_t *)(a + 64), 0xfeedface);
}

KTEST(vspace_unmap)
{
	helios_caddr_t page = kt_object(HELIOS_CAP_PAGE, 0);
	uint64_t v = KT_SCRATCH + 0xa000;
	KT_OK(rt_map(rt_vspace, page, v, RW));
	*(volatile uint32_t *)v = 5;
	KT_OK(helios_page_unmap(page));
	KT_EQ(kt_probe_read(v), HELIOS_FAULT_PAGE);
	uint64_t vaddr = 1;
	KT_OK(helios_page_info(page, NULL, &vaddr, NULL));
	KT_EQ(vaddr, 0);
	/* Unmapping what is not mapped is fine; mapping again elsewhere keeps the contents. */
	KT_OK(helios_page_unmap(page));
	KT_OK(rt_map(rt_vspace, page, v + HELIOS_PAGE_SIZE, RW));
	KT_EQ(*(volatile uint32_t *)(v + HELIOS_PAGE_SIZE), 5);
}

KTEST(vspace_delete_unmaps)
{
	helios_caddr_t page = kt_object(HELIOS_CAP_PAGE, 0);
	uint64_t v = KT_SCRATCH + 0xc000;
	KT_OK(rt_map(rt_vspace, page, v, RW));
	KT_EQ(kt_probe_write(v), 0);
	KT_OK(helios_cspace_delete(rt_cspace, page));
	KT_EQ(kt_probe_read(v), HELIOS_FAULT_PAGE);
	/* The vaddr is free again. */
	helios_caddr_t again = kt_object(HELIOS_CAP_PAGE, 0);
	KT_OK(rt_map(rt_vspace, again, v, RW));
	KT_EQ(*(volatile uint8_t *)v, 0);
}

/* Unmapping or deleting a page table takes every page under it out of the address space. */
KTEST(vspace_table_unmap_and_delete)
{
	uint64_t v = KT_SCRATCH + 4 * TWO_MB;
	helios_caddr_t pt = kt_object(HELIOS_CAP_PT, 0);
	KT_OK(helios_pt_map(pt, rt_vspace, v, NULL));
	helios_caddr_t page = kt_object(HELIOS_CAP_PAGE, 0);
	KT_OK(helios_page_map(page, rt_vspace, v + 0x5000, RW, NULL));
	KT_EQ(kt_probe_write(v + 0x5000), 0);
	KT_OK(helios_pt_unmap(pt));
	KT_EQ(kt_probe_read(v + 0x5000), HELIOS_FAULT_PAGE);
	KT_OK(helios_pt_unmap(pt));

	uint64_t w = KT_SCRATCH + 6 * TWO_MB;
	helios_caddr_t pt2 = kt_object(HELIOS_CAP_PT, 0);
	KT_OK(helios_pt_map(pt2, rt_vspace, w, NULL));
	helios_caddr_t page2 = kt_object(HELIOS_CAP_PAGE, 0);
	KT_OK(helios_page_map(page2, rt_vspace, w, RW, NULL));
	KT_EQ(kt_probe_write(w), 0);
	KT_OK(helios_cspace_delete(rt_cspace, pt2));
	KT_EQ(kt_probe_read(w), HELIOS_FAULT_PAGE);
}

KTEST(vspace_table_map_errors)
{
	uint64_t v = KT_SCRATCH + 8 * TWO_MB;
	helios_caddr_t pt = kt_object(HELIOS_CAP_PT, 0), pt2 = kt_object(HELIOS_CAP_PT, 0);
	KT_ERR(helios_pt_map(pt, rt_vspace, v + HELIOS_PAGE_SIZE, NULL), HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_pt_map(pt, rt_vspace, 1ull << 47, NULL), HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_pt_map(pt, rt_cspace, v, NULL), HELIOS_ERR_INVALID_TYPE);
	KT_OK(helios_pt_map(pt, rt_vspace, v, NULL));
	KT_ERR(helios_pt_map(pt, rt_vspace, v + TWO_MB, NULL), HELIOS_ERR_MAPPED);
	KT_ERR(helios_pt_map(pt2, rt_vspace, v, NULL), HELIOS_ERR_MAPPED);
	helios_caddr_t pd = kt_object(HELIOS_CAP_PD, 0);
	KT_ERR(helios_pd_map(pd, rt_vspace, KT_SCRATCH + TWO_MB, NULL), HELIOS_ERR_INVALID_PARAM);
	KT_ERR(helios_pd_map(pd, rt_vspace, KT_SCRATCH, NULL), HELIOS_ERR_MAPPED);
	/* A table capability is not a page, nor the other way round. */
	KT_ERR(helios_invoke(pt2, HELIOS_PAGE_MAP, 3, (uint64_t[]){ rt_vspace, v, RW }, NULL, 0),
	       HELIOS_ERR_INVALID_METHOD);
	helios_caddr_t page = kt_object(HELIOS_CAP_PAGE, 0);
	KT_ERR(helios_pt_map(page, rt_vspace, v, NULL), HELIOS_ERR_INVALID_METHOD);
}

KTEST(vspace_many_pages)
{
	uint64_t v = KT_SCRATCH + 10 * TWO_MB - 16 * HELIOS_PAGE_SIZE; /* across a table boundary */
	helios_caddr_t pages = kt_map(v, 32);
	for (int i = 0; i < 32; i++)
		*(volatile uint64_t *)(v + (uint64_t)i * HELIOS_PAGE_SIZE + 8 * i) = 0xabc0ull + i;
	for (int i = 0; i < 32; i++) {
		KT_EQ(*(volatile uint64_t *)(v + (uint64_t)i * HELIOS_PAGE_SIZE + 8 * i),
		      0xabc0ull + i);
		uint64_t vaddr;
		KT_OK(helios_page_info(pages + (helios_caddr_t)i, NULL, &vaddr, NULL));
		KT_EQ(vaddr, v + (uint64_t)i * HELIOS_PAGE_SIZE);
	}
}

KTEST(vspace_new_vspace_needs_asid)
{
	helios_caddr_t vs = kt_object(HELIOS_CAP_VSPACE, 0);
	helios_caddr_t page = kt_object(HELIOS_CAP_PAGE, 0);
	helios_caddr_t pdpt = kt_object(HELIOS_CAP_PDPT, 0);
	KT_ERR(helios_page_map(page, vs, KT_SCRATCH, RW, NULL), HELIOS_ERR_NOT_MAPPED);
	KT_ERR(helios_pdpt_map(pdpt, vs, KT_SCRATCH, NULL), HELIOS_ERR_NOT_MAPPED);
	uint64_t asid = 0;
	KT_OK(helios_asid_pool_assign(HELIOS_INIT_ASID_POOL, vs, &asid));
	KT_CHECK(asid != 0 && asid < HELIOS_ASID_POOL_SIZE);
	KT_ERR(helios_asid_pool_assign(HELIOS_INIT_ASID_POOL, vs, NULL), HELIOS_ERR_IN_USE);
	KT_ERR(helios_asid_pool_assign(HELIOS_INIT_ASID_POOL, page, NULL), HELIOS_ERR_INVALID_TYPE);
	unsigned missing = 0;
	KT_ERR(helios_page_map(page, vs, KT_SCRATCH, RW, &missing), HELIOS_ERR_MISSING_TABLES);
	KT_EQ(missing, HELIOS_CAP_PDPT);
	KT_OK(rt_map(vs, page, KT_SCRATCH, RW));
	uint64_t got;
	KT_OK(helios_page_info(page, NULL, NULL, &got));
	KT_EQ(got, asid);
	/* Different vspaces have different ASIDs. */
	uint64_t own;
	KT_OK(helios_page_info(HELIOS_INIT_IPC_BUFFER, NULL, NULL, &own));
	KT_CHECK(own != asid);
}

KTEST(vspace_asid_pool)
{
	helios_caddr_t mem = kt_memory(4 * HELIOS_PAGE_SIZE);
	uint64_t before = kt_free(mem);
	helios_caddr_t pool = kt_slot(), got = 0;
	KT_OK(helios_asid_control_make_pool(HELIOS_INIT_ASID_CONTROL, mem, pool, &got));
	KT_EQ(got, pool);
	KT_EQ(kt_type(pool), HELIOS_CAP_ASID_POOL);
	KT_CHECK(kt_free(mem) < before);
	helios_caddr_t vs = kt_object(HELIOS_CAP_VSPACE, 0);
	uint64_t asid = 0;
	KT_OK(helios_asid_pool_assign(pool, vs, &asid));
	KT_CHECK(asid >= HELIOS_ASID_POOL_SIZE &&
		 asid < (uint64_t)HELIOS_ASID_POOL_SIZE * HELIOS_ASID_POOLS);
	helios_caddr_t page = kt_object(HELIOS_CAP_PAGE, 0);
	KT_OK(rt_map(vs, page, KT_SCRATCH, RW));
	/* The pool goes: its vspaces lose their ASIDs and cannot be mapped into. */
	KT_OK(helios_cspace_delete(rt_cspace, pool));
	KT_EQ(kt_free(mem), before);
	helios_caddr_t page2 = kt_object(HELIOS_CAP_PAGE, 0);
	KT_ERR(helios_page_map(page2, vs, KT_SCRATCH + HELIOS_PAGE_SIZE, RW, NULL),
	       HELIOS_ERR_NOT_MAPPED);
	KT_ERR(helios_asid_control_make_pool(HELIOS_INIT_ASID_CONTROL, rt_cspace, kt_slot(), NULL),
	       HELIOS_ERR_INVALID_TYPE);
}

/* Deleting a vspace while its pages are still mapped: the pages' records go stale and they
 * can be mapped again elsewhere after an unmap. */
KTEST(vspace_delete_vspace_first)
{
	helios_caddr_t vs = kt_object(HELIOS_CAP_VSPACE, 0);
	KT_OK(helios_asid_pool_assign(HELIOS_INIT_ASID_POOL, vs, NULL));
	helios_caddr_t page = kt_object(HELIOS_CAP_PAGE, 0);
	KT_OK(rt_map(vs, page, KT_SCRATCH, RW));
	KT_OK(helios_cspace_delete(rt_cspace, vs));
	KT_OK(helios_page_unmap(page));
	uint64_t v = KT_SCRATCH + 0xd000;
	KT_OK(rt_map(rt_vspace, page, v, RW));
	*(volatile uint8_t *)v = 1;
	KT_EQ(*(volatile uint8_t *)v, 1);
}

/* A pool holds HELIOS_ASID_POOL_SIZE ASIDs; the next vspace gets NOMEM. */
KTEST(vspace_asid_pool_full)
{
	helios_caddr_t pool = kt_slot();
	KT_OK(helios_asid_control_make_pool(HELIOS_INIT_ASID_CONTROL, kt_big_memory(), pool, NULL));
	uint32_t n = HELIOS_ASID_POOL_SIZE + 1;
	helios_caddr_t vs = rt_slot_alloc_range(n);
	KT_CHECK(vs != HELIOS_CADDR_UNDEF);
	KT_OK(helios_memory_retype(kt_big_memory(), HELIOS_CAP_VSPACE, 0, n, vs, NULL));
	uint64_t first = 0, asid = 0;
	for (uint32_t i = 0; i < HELIOS_ASID_POOL_SIZE; i++) {
		KT_OK(helios_asid_pool_assign(pool, vs + i, &asid));
		if (i == 0)
			first = asid;
		KT_EQ(asid / HELIOS_ASID_POOL_SIZE, first / HELIOS_ASID_POOL_SIZE);
	}
	KT_ERR(helios_asid_pool_assign(pool, vs + HELIOS_ASID_POOL_SIZE, NULL), HELIOS_ERR_NOMEM);
	/* A vspace that goes frees its ASID for the next. */
	KT_OK(helios_cspace_delete(rt_cspace, vs + 7));
	KT_OK(helios_asid_pool_assign(pool, vs + HELIOS_ASID_POOL_SIZE, NULL));
}

/* There are HELIOS_ASID_POOLS pool numbers; pool 0 is init's. */
KTEST(vspace_asid_pools_exhausted)
{
	helios_caddr_t mem = kt_big_memory();
	for (int i = 1; i < HELIOS_ASID_POOLS; i++)
		KT_OK(helios_asid_control_make_pool(HELIOS_INIT_ASID_CONTROL, mem, kt_slot(),
						    NULL));
	helios_caddr_t last = kt_slot();
	KT_ERR(helios_asid_control_make_pool(HELIOS_INIT_ASID_CONTROL, mem, last, NULL),
	       HELIOS_ERR_IN_USE);
	KT_EQ(kt_type(last), HELIOS_CAP_NULL);
}
