/*
 * Helios's uniform interface: a userspace server implementing a kernel object's interface
 * (helios/ipc/, with the generated server) stands in for the object. Each test calls the
 * runtime's invocation stubs, the generated clients every program uses, on an endpoint served
 * by such a server and then on the real kernel capability: the same calls, well-formed answers
 * from both, the same INVALID_METHOD for what neither has.
 */
#include <string.h>

#include "helios/tests/ktest.h"

#include <helios/rt/invoke.h>
#include <helios/rt/regs.h>

/* Where nothing is ever mapped: a map there finds its PDPT missing. */
#define UNMAPPED_REGION 0x0000400000000000ull

struct stand_in {
	helios_caddr_t ep;
	struct rt_thread thread;
	unsigned calls;
	helios_caddr_t vspace; /* what the last map named: a slot of the caller's cspace */
	uint64_t vaddr;
	struct helios_regs regs; /* the stand-in task's registers */
};

static void stand_in_start(struct stand_in *s, int (*serve)(void *))
{
	memset(s, 0, sizeof(*s));
	s->ep = kt_endpoint();
	kt_spawn(&s->thread, serve, s, KT_PRIORITY);
}

static struct stand_in *called(void *ctx, const struct ipcgen_request *req)
{
	struct stand_in *s = ctx;
	(void)req;
	s->calls++;
	return s;
}

/* ---- MEMORY: a memory manager of its own -------------------------------------------------- */

static int memory_info(void *ctx, const struct ipcgen_request *req,
		       struct helios_memory_info *info)
{
	called(ctx, req);
	*info = (struct helios_memory_info){
		.base = 0x40000000, .size = 0x100000, .free = 0x3000, .largest = 0x2000
	};
	return HELIOS_OK;
}

/* Hands out slot numbers for pages only: the caller's dest_slot, or 77 for UNDEF. */
static int memory_retype(void *ctx, const struct ipcgen_request *req, uint64_t type,
			 uint64_t size, uint64_t count, helios_caddr_t dest_slot,
			 helios_caddr_t *slot)
{
	called(ctx, req);
	(void)size;
	if (type != HELIOS_CAP_PAGE)
		return HELIOS_ERR_INVALID_TYPE;
	if (count != 1)
		return HELIOS_ERR_INVALID_PARAM;
	*slot = dest_slot == HELIOS_CADDR_UNDEF ? 77 : dest_slot;
	return HELIOS_OK;
}

static const struct helios_memory_server memory_stand_in = {
	.retype = memory_retype,
	.info = memory_info,
};

static int serve_memory(void *arg)
{
	struct stand_in *s = arg;
	return helios_memory_serve(s->ep, &memory_stand_in, s, NULL);
}

KTEST(stand_in_memory)
{
	struct stand_in s;
	stand_in_start(&s, serve_memory);
	struct helios_memory_info info;
	KT_OK(helios_memory_info(s.ep, &info));
	KT_EQ(info.base, 0x40000000);
	KT_EQ(info.largest, 0x2000);
	KT_OK(helios_memory_info(kt_big_memory(), &info));
	KT_CHECK(info.size > 0 && info.free <= info.size && info.largest <= info.free);
	/* A caddr result: the slot a retype filled. */
	helios_caddr_t slot = 0, dest = kt_slot();
	KT_OK(helios_memory_retype(s.ep, HELIOS_CAP_PAGE, 0, 1, HELIOS_CADDR_UNDEF, &slot));
	KT_EQ(slot, 77);
	KT_ERR(helios_memory_retype(s.ep, HELIOS_CAP_ENDPOINT, 0, 1, dest, &slot),
	       HELIOS_ERR_INVALID_TYPE);
	KT_OK(helios_memory_retype(kt_big_memory(), HELIOS_CAP_PAGE, 0, 1, dest, &slot));
	KT_EQ(slot, dest);
	KT_EQ(kt_type(dest), HELIOS_CAP_PAGE);
	KT_EQ(s.calls, 3);
	/* Another type's method: neither answers it. */
	KT_ERR(helios_page_unmap(s.ep), HELIOS_ERR_INVALID_METHOD);
	KT_ERR(helios_page_unmap(kt_big_memory()), HELIOS_ERR_INVALID_METHOD);
}

/* ---- PAGE: a pager that has no tables anywhere ------------------------------------------- */

/* Capability addresses arrive as numbers: slots of the caller's cspace, which only the kernel
 * can look into. */
static int page_map(void *ctx, const struct ipcgen_request *req, helios_caddr_t vspace,
		    uint64_t vaddr, uint64_t map_rights, uint32_t *missing)
{
	struct stand_in *s = called(ctx, req);
	(void)map_rights;
	s->vspace = vspace;
	s->vaddr = vaddr;
	*missing = HELIOS_CAP_PT;
	return HELIOS_ERR_MISSING_TABLES;
}

static int page_info(void *ctx, const struct ipcgen_request *req, uint64_t *phys,
		     uint64_t *vaddr, uint64_t *asid)
{
	struct stand_in *s = called(ctx, req);
	*phys = 0x1000;
	*vaddr = s->vaddr;
	*asid = 0;
	return HELIOS_OK;
}

static const struct helios_page_server page_stand_in = {
	.map = page_map,
	.info = page_info,
};

static int serve_page(void *arg)
{
	struct stand_in *s = arg;
	return helios_page_serve(s->ep, &page_stand_in, s, NULL);
}

KTEST(stand_in_page)
{
	struct stand_in s;
	stand_in_start(&s, serve_page);
	const uint64_t rw = HELIOS_MAP_READ | HELIOS_MAP_WRITE;
	uint32_t missing = 0;
	KT_ERR(helios_page_map(s.ep, rt_vspace, UNMAPPED_REGION, rw, &missing),
	       HELIOS_ERR_MISSING_TABLES);
	KT_EQ(missing, HELIOS_CAP_PT);
	KT_EQ(s.vspace, rt_vspace);
	KT_EQ(s.vaddr, UNMAPPED_REGION);
	uint64_t phys = 0, vaddr = 0;
	KT_OK(helios_page_info(s.ep, &phys, &vaddr, NULL));
	KT_EQ(vaddr, UNMAPPED_REGION);
	KT_ERR(helios_page_unmap(s.ep), HELIOS_ERR_INVALID_METHOD); /* a method it leaves out */
	/* The kernel's page: the same convention, the level it misses named. */
	helios_caddr_t page = kt_object(HELIOS_CAP_PAGE, 0);
	missing = 0;
	KT_ERR(helios_page_map(page, rt_vspace, UNMAPPED_REGION, rw, &missing),
	       HELIOS_ERR_MISSING_TABLES);
	KT_EQ(missing, HELIOS_CAP_PDPT);
	KT_OK(helios_page_info(page, &phys, &vaddr, NULL));
	KT_EQ(vaddr, 0);
	KT_OK(helios_page_unmap(page));
}

/* ---- TASK: registers through the IPC buffer, both ways ----------------------------------- */

static int task_read_registers(void *ctx, const struct ipcgen_request *req,
			       struct helios_regs *regs)
{
	*regs = called(ctx, req)->regs;
	return HELIOS_OK;
}

static int task_write_registers(void *ctx, const struct ipcgen_request *req,
				const struct helios_regs *regs)
{
	called(ctx, req)->regs = *regs;
	return HELIOS_OK;
}

static int task_info(void *ctx, const struct ipcgen_request *req, uint64_t *state,
		     uint64_t *priority)
{
	called(ctx, req);
	*state = HELIOS_TASK_INACTIVE;
	*priority = 7;
	return HELIOS_OK;
}

static const struct helios_task_server task_stand_in = {
	.read_registers = task_read_registers,
	.write_registers = task_write_registers,
	.info = task_info,
};

static int serve_task(void *arg)
{
	struct stand_in *s = arg;
	return helios_task_serve(s->ep, &task_stand_in, s, NULL);
}

KTEST(stand_in_task)
{
	struct stand_in s;
	stand_in_start(&s, serve_task);
	struct helios_regs regs, back;
	rt_regs_init(&regs, 0x401000, KT_SCRATCH + 0x10000, 5);
	KT_OK(helios_task_write_registers(s.ep, &regs));
	KT_OK(helios_task_read_registers(s.ep, &back));
	KT_CHECK(memcmp(&regs, &back, sizeof(regs)) == 0);
	uint64_t state = 0, priority = 0;
	KT_OK(helios_task_info(s.ep, &state, &priority));
	KT_EQ(priority, 7);
	/* The kernel's task: the stand-in's own thread, waiting in its receive. */
	KT_OK(helios_task_read_registers(s.thread.task, &back));
	KT_CHECK(rt_regs_user_mode(&back));
	KT_OK(helios_task_info(s.thread.task, &state, &priority));
	KT_EQ(state, HELIOS_TASK_BLOCKED_RECV);
	KT_EQ(priority, KT_PRIORITY);
	KT_ERR(helios_task_resume(s.ep), HELIOS_ERR_INVALID_METHOD);
}
