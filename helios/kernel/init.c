/*
 * Building init, the first task, from the first boot module: its cspace with a capability for
 * every resource, its vspace with its ELF image, stack, IPC buffer and init-info page, and the
 * struct helios_init_info that describes them (abi.h). Everything init's objects need comes
 * from the largest RAM region, through the same allocator and the same map function userspace
 * uses later, so init can see, reuse and free all of it.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <helios/abi.h>
#include <helios/boot.h>

#include "boot/bootinfo.h"
#include "boot/elf.h"
#include "helios/kernel/arch.h"
#include "helios/kernel/cap.h"
#include "helios/kernel/cspace.h"
#include "helios/kernel/directmap.h"
#include "helios/kernel/init.h"
#include "helios/kernel/kernel.h"
#include "helios/kernel/memory.h"
#include "helios/kernel/object.h"
#include "helios/kernel/sched.h"
#include "helios/kernel/task.h"
#include "helios/kernel/vm/vm.h"

/* Boot memory objects: one per usable RAM region handed to init. */
static struct memory boot_memory[HELIOS_INIT_MAX_MEMORY];

/* Slots set aside for the tables of init's vspace. */
#define INIT_TABLE_SLOTS 32
/* Free slots init gets beyond what the kernel fills. */
#define INIT_SPARE_SLOTS 4096
#define INIT_ELF_MIN_VADDR HELIOS_USER_BOTTOM /* page 0 is never mapped (abi.h) */
#define INIT_ELF_MAX_VADDR 0x00007effffffffffull

struct init_builder {
	struct cspace *cs;
	struct memory *mem;   /* where init's objects come from */
	struct cap *mem_cap;  /* its capability: the parent of everything created */
	struct cap *vspace;
	struct helios_init_info *info;
	uint32_t next_table;  /* next slot of the table range */
};

/* Slot `caddr` of init's cspace, reserved. The panics in this file are the kernel's own
 * mistakes (its layout of init's cspace, its object types), not anything a user did. */
static struct cap *slot(struct init_builder *b, uint32_t caddr)
{
	struct cap *s;
	if (cspace_reserve(b->cs, caddr, &s) != HELIOS_OK)
		panic("init: slot %u is not free", caddr);
	return s;
}

/* A new zeroed object of `type` from init's memory, its capability in slot `caddr`. */
static struct cap *new_object(struct init_builder *b, unsigned type, uint32_t caddr)
{
	uint64_t size, align;
	/* ASID pools are made only by ASID_CONTROL, not by retype: ask vm directly. */
	int err = type == HELIOS_CAP_ASID_POOL ? vm_object_layout(type, &size, &align)
					       : object_layout(type, 0, &size, &align);
	if (err != HELIOS_OK)
		panic("init: no layout for object type %u", type);
	uintptr_t obj = memory_alloc(b->mem, size, align);
	if (!obj)
		return NULL;
	memset((void *)obj, 0, size);
	if (type != HELIOS_CAP_ASID_POOL)
		object_init(type, obj, 0);
	struct cap *c = slot(b, caddr);
	cap_create(c, (uint8_t)type, HELIOS_RIGHTS_ALL, obj, 0, b->mem, b->mem_cap);
	return c;
}

/* Maps a page, creating whatever tables are missing on the way (as userspace would). */
static int map_page(struct init_builder *b, struct cap *page, uint64_t vaddr, unsigned rights)
{
	for (;;) {
		unsigned missing = 0;
		int err = vm_map(page, b->vspace, vaddr, rights, &missing);
		if (err != HELIOS_ERR_MISSING_TABLES)
			return err;
		if (b->next_table >= b->info->page_tables.first + INIT_TABLE_SLOTS)
			return HELIOS_ERR_NOMEM;
		unsigned type = missing;
		struct cap *table = new_object(b, type, b->next_table++);
		if (!table)
			return HELIOS_ERR_NOMEM;
		b->info->page_tables.count++;
		err = vm_map(table, b->vspace, vaddr & ~(vm_map_alignment(type) - 1), 0, &missing);
		if (err)
			return err;
	}
}

/* A new page holding `len` bytes of `src` (the rest zero), mapped at vaddr. */
static int add_page(struct init_builder *b, uint32_t caddr, uint64_t vaddr, unsigned rights,
		    const void *src, uint64_t len)
{
	struct cap *page = new_object(b, HELIOS_CAP_PAGE, caddr);
	if (!page)
		return HELIOS_ERR_NOMEM;
	if (len)
		memcpy((void *)page->object, src, len);
	return map_page(b, page, vaddr, rights);
}

/* A segment's map rights. x86_64 pages are always readable, so every segment is mapped
 * readable (one with no flags at all read-only). */
static unsigned segment_rights(uint32_t flags)
{
	return HELIOS_MAP_READ | (flags & ELF_SEGMENT_W ? HELIOS_MAP_WRITE : 0) |
	       (flags & ELF_SEGMENT_X ? HELIOS_MAP_EXEC : 0);
}

/* Pages a segment covers. */
static uint64_t segment_pages(const struct elf_segment *s)
{
	uint64_t first = s->vaddr & ~(HELIOS_PAGE_SIZE - 1);
	return (s->vaddr + s->memsz - first + HELIOS_PAGE_SIZE - 1) / HELIOS_PAGE_SIZE;
}

/* Copies every segment into fresh pages mapped with the segment's rights. */
static int load_image(struct init_builder *b, const struct elf_image *img, const uint8_t *file)
{
	uint32_t caddr = b->info->image_pages.first;
	for (unsigned i = 0; i < img->segment_count; i++) {
		const struct elf_segment *s = &img->segments[i];
		uint64_t page = s->vaddr & ~(HELIOS_PAGE_SIZE - 1);
		for (uint64_t n = segment_pages(s); n; n--, page += HELIOS_PAGE_SIZE) {
			/* The file bytes of this segment that fall in this page. */
			uint64_t from = page > s->vaddr ? page : s->vaddr;
			uint64_t to = page + HELIOS_PAGE_SIZE;
			if (to > s->vaddr + s->filesz)
				to = s->vaddr + s->filesz;
			struct cap *p = new_object(b, HELIOS_CAP_PAGE, caddr++);
			if (!p)
				return HELIOS_ERR_NOMEM;
			if (to > from)
				memcpy((uint8_t *)p->object + (from - page),
				       file + s->offset + (from - s->vaddr), to - from);
			int err = map_page(b, p, page, segment_rights(s->flags));
			if (err)
				return err;
		}
	}
	b->info->image_pages.count = caddr - b->info->image_pages.first;
	b->info->image_base = img->vbase;
	b->info->image_size = img->vend - img->vbase;
	return HELIOS_OK;
}

/* Is physical memory of this type something init may use as RAM? */
static int is_usable(uint32_t type)
{
	return type == HELIOS_MEM_USABLE;
}

/* Is it device memory (registers, firmware tables): everything that is not RAM in use. */
static int is_device(uint32_t type)
{
	return type == HELIOS_MEM_RESERVED || type == HELIOS_MEM_ACPI_RECLAIMABLE ||
	       type == HELIOS_MEM_ACPI_NVS || type == HELIOS_MEM_FIRMWARE;
}

/* Adds [base, end) to the device regions, merging with the last one when they touch. */
static void add_device(struct helios_init_info *info, uint64_t base, uint64_t end)
{
	if (end <= base)
		return;
	uint32_t n = info->device_memory.count;
	struct helios_init_region *r = info->device_regions;
	if (n && r[n - 1].base + r[n - 1].size == base) {
		r[n - 1].size += end - base;
		return;
	}
	if (n == HELIOS_INIT_MAX_DEVICE) {
		kprintf("init: more than %u device regions: %#llx onwards not given to init\n",
			HELIOS_INIT_MAX_DEVICE, (unsigned long long)base);
		return;
	}
	r[n].base = base;
	r[n].size = end - base;
	info->device_memory.count = n + 1;
}

/*
 * Fills the info page's memory and device regions: usable RAM from the memory map; device
 * memory from the architecture when it has a list (arch_device_regions), else every gap and
 * every firmware or reserved region of the map below max(4 GiB, top of RAM).
 */
static void describe_memory(const struct helios_boot_info *bi, struct helios_init_info *info)
{
	const struct helios_mem_region *r = bootinfo_regions(bi);
	int devices = arch_device_regions(info->device_regions, HELIOS_INIT_MAX_DEVICE);
	bool gaps = devices < 0;
	info->device_memory.count = gaps ? 0 : (uint32_t)devices;
	uint64_t covered = 0, top = 1ull << 32;
	for (uint32_t i = 0; i < bi->mem_count; i++) {
		uint64_t base = r[i].base, end = r[i].base + r[i].size;
		if (end > top)
			top = end;
		if (gaps && base > covered)
			add_device(info, covered, base);
		if (gaps && is_device(r[i].type))
			add_device(info, base, end);
		covered = end > covered ? end : covered;
		if (!is_usable(r[i].type) || r[i].size < HELIOS_PAGE_SIZE)
			continue;
		if (info->memory.count == HELIOS_INIT_MAX_MEMORY) {
			kprintf("init: more than %u RAM regions: %#llx not given to init\n",
				HELIOS_INIT_MAX_MEMORY, (unsigned long long)base);
			continue;
		}
		info->memory_regions[info->memory.count].base = base;
		info->memory_regions[info->memory.count].size = r[i].size;
		info->memory.count++;
	}
	if (gaps && covered < top)
		add_device(info, covered, top);
}

/* The index of the largest memory region. */
static uint32_t largest_region(const struct helios_init_info *info)
{
	uint32_t best = 0;
	for (uint32_t i = 1; i < info->memory.count; i++)
		if (info->memory_regions[i].size > info->memory_regions[best].size)
			best = i;
	return best;
}

/* argv: the init module's name, then the words of the kernel command line. */
static void build_argv(struct helios_init_info *info, const char *name, const char *cmdline)
{
	size_t at = 0, max = HELIOS_INIT_CMDLINE_MAX - 2;
	for (const char *s = name; *s && at < max; s++)
		info->cmdline[at++] = *s;
	info->cmdline[at++] = 0;
	for (const char *s = cmdline; *s && at < max;) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		while (*s && *s != ' ' && at < max)
			info->cmdline[at++] = *s++;
		info->cmdline[at++] = 0;
	}
	info->cmdline[at] = 0;
}

/* Page capabilities for every later boot module, described in the info page. Returns the
 * slot after the last one. */
static uint32_t give_modules(struct init_builder *b, const struct helios_boot_info *bi,
			     uint32_t first)
{
	const struct helios_boot_module *m = bootinfo_modules(bi);
	uint32_t caddr = first;
	for (uint32_t i = 1; i < bi->module_count && b->info->module_count < HELIOS_INIT_MAX_MODULES;
	     i++) {
		struct helios_init_module *im = &b->info->modules[b->info->module_count++];
		uint64_t pages = (m[i].size + HELIOS_PAGE_SIZE - 1) / HELIOS_PAGE_SIZE;
		im->pages.first = caddr;
		im->size = m[i].size;
		const char *name = bootinfo_string(bi, m[i].name);
		size_t len = strnlen(name, sizeof(im->name) - 1);
		memcpy(im->name, name, len); /* the rest is already zero */
		if (m[i].base % HELIOS_PAGE_SIZE) {
			kprintf("init: module %s is not page-aligned: no pages given\n", name);
			continue;
		}
		for (uint64_t p = 0; p < pages; p++)
			cap_create(slot(b, caddr++), HELIOS_CAP_PAGE, HELIOS_RIGHTS_ALL,
				   phys_to_virt(m[i].base + p * HELIOS_PAGE_SIZE), 0, NULL, NULL);
		im->pages.count = (uint32_t)pages;
	}
	return caddr;
}

#define FDT_MAGIC 0xd00dfeedu
#define FDT_HEADER_SIZE 40u

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Bytes of the device tree the loader handed over, 0 if none (or none that can be read). */
static uint64_t device_tree_size(const struct helios_boot_info *bi)
{
	if (!bi->dtb || !bootinfo_readable(bi, bi->dtb, FDT_HEADER_SIZE))
		return 0;
	const uint8_t *header = (const uint8_t *)phys_to_virt(bi->dtb);
	uint32_t size = be32(header + 4);
	if (be32(header) != FDT_MAGIC || size < FDT_HEADER_SIZE ||
	    !bootinfo_readable(bi, bi->dtb, size))
		return 0;
	return size;
}

/*
 * Read-only page capabilities for the device tree, which the loader put in pages of its own
 * (LOADER memory, never handed out as RAM): userspace drivers read it; nobody may write it.
 */
static void give_device_tree(struct init_builder *b, const struct helios_boot_info *bi,
			     uint32_t first)
{
	uint64_t size = device_tree_size(bi);
	struct helios_init_module *dt = &b->info->device_tree;
	memcpy(dt->name, "device-tree", sizeof("device-tree"));
	dt->pages.first = first;
	if (!size)
		return;
	if (bi->dtb % HELIOS_PAGE_SIZE) {
		kprintf("init: the device tree is not page-aligned: no pages given\n");
		return;
	}
	uint64_t pages = (size + HELIOS_PAGE_SIZE - 1) / HELIOS_PAGE_SIZE;
	for (uint64_t p = 0; p < pages; p++)
		cap_create(slot(b, first + (uint32_t)p), HELIOS_CAP_PAGE, HELIOS_RIGHT_READ,
			   phys_to_virt(bi->dtb + p * HELIOS_PAGE_SIZE), 0, NULL, NULL);
	dt->pages.count = (uint32_t)pages;
	dt->size = size;
}

static uint64_t module_pages(const struct helios_boot_info *bi)
{
	const struct helios_boot_module *m = bootinfo_modules(bi);
	uint64_t pages = 0;
	for (uint32_t i = 1; i < bi->module_count && i <= HELIOS_INIT_MAX_MODULES; i++)
		pages += (m[i].size + HELIOS_PAGE_SIZE - 1) / HELIOS_PAGE_SIZE;
	return pages;
}

static uint64_t image_pages(const struct elf_image *img)
{
	uint64_t pages = 0;
	for (unsigned i = 0; i < img->segment_count; i++)
		pages += segment_pages(&img->segments[i]);
	return pages;
}

/* Memory caps, device memory caps and the fixed-slot singletons. */
static void give_resources(struct init_builder *b, uint32_t big)
{
	struct helios_init_info *info = b->info;
	for (uint32_t i = 0; i < info->memory.count; i++) {
		struct memory *m = &boot_memory[i];
		if (i != big)
			memory_init(m, phys_to_virt(info->memory_regions[i].base),
				    info->memory_regions[i].size, NULL);
		struct cap *c = slot(b, info->memory.first + i);
		cap_create(c, HELIOS_CAP_MEMORY, HELIOS_RIGHTS_ALL, (uintptr_t)m, 0, NULL, NULL);
		if (i == big)
			b->mem_cap = c;
	}
	for (uint32_t i = 0; i < info->device_memory.count; i++)
		cap_create(slot(b, info->device_memory.first + i), HELIOS_CAP_DEVICE_MEMORY,
			   HELIOS_RIGHTS_ALL, phys_to_virt(info->device_regions[i].base),
			   info->device_regions[i].size, NULL, NULL);
	cap_create(slot(b, HELIOS_INIT_ASID_CONTROL), HELIOS_CAP_ASID_CONTROL, HELIOS_RIGHTS_ALL,
		   0, 0, NULL, NULL);
	if (ARCH_IO_PORTS)
		cap_create(slot(b, HELIOS_INIT_IO_CONTROL), HELIOS_CAP_IO_CONTROL,
			   HELIOS_RIGHTS_ALL, 0, 0, NULL, NULL);
	cap_create(slot(b, HELIOS_INIT_IRQ_CONTROL), HELIOS_CAP_IRQ_CONTROL, HELIOS_RIGHTS_ALL, 0,
		   0, NULL, NULL);
	cap_create(slot(b, HELIOS_INIT_CONSOLE), HELIOS_CAP_CONSOLE, HELIOS_RIGHTS_ALL, 0, 0, NULL,
		   NULL);
}

/* Init's address space, ASID pool 0 and its ASID. */
static int build_vspace(struct init_builder *b)
{
	b->vspace = new_object(b, HELIOS_CAP_VSPACE, HELIOS_INIT_VSPACE);
	struct cap *pool = new_object(b, HELIOS_CAP_ASID_POOL, HELIOS_INIT_ASID_POOL);
	if (!b->vspace || !pool)
		return HELIOS_ERR_NOMEM;
	vm_asid_pool_boot(pool->object, 0);
	return vm_asid_assign_boot(pool, b->vspace);
}

/* Stack, IPC buffer and info pages. */
static int build_pages(struct init_builder *b, struct helios_init_info **info_out)
{
	struct helios_init_info *info = b->info;
	uint64_t stack_base = HELIOS_INIT_STACK_TOP - HELIOS_INIT_STACK_PAGES * HELIOS_PAGE_SIZE;
	for (uint32_t i = 0; i < HELIOS_INIT_STACK_PAGES; i++) {
		int err = add_page(b, info->stack_pages.first + i,
				   stack_base + i * HELIOS_PAGE_SIZE,
				   HELIOS_MAP_READ | HELIOS_MAP_WRITE, NULL, 0);
		if (err)
			return err;
	}
	info->stack_pages.count = HELIOS_INIT_STACK_PAGES;
	info->stack_base = stack_base;
	info->stack_size = HELIOS_INIT_STACK_PAGES * HELIOS_PAGE_SIZE;
	int err = add_page(b, HELIOS_INIT_IPC_BUFFER, HELIOS_INIT_IPC_BUFFER_VADDR,
			   HELIOS_MAP_READ | HELIOS_MAP_WRITE, NULL, 0);
	if (err)
		return err;
	info->ipc_buffer = HELIOS_INIT_IPC_BUFFER_VADDR;
	/* The info page itself: what was gathered so far is copied in at the end. */
	err = add_page(b, HELIOS_INIT_INFO_PAGE, HELIOS_INIT_INFO_VADDR, HELIOS_MAP_READ, NULL, 0);
	if (err)
		return err;
	*info_out = (struct helios_init_info *)b->cs->slots[HELIOS_INIT_INFO_PAGE].object;
	return HELIOS_OK;
}

/* The task itself: its slots, priority and first registers; made ready to run. */
static int build_task(struct init_builder *b, uint64_t entry)
{
	struct cap *tc = new_object(b, HELIOS_CAP_TASK, HELIOS_INIT_TASK);
	if (!tc)
		return HELIOS_ERR_NOMEM;
	struct task *t = (struct task *)tc->object;
	struct cap *cs = &b->cs->slots[HELIOS_INIT_CSPACE];
	cap_copy(&t->cspace_cap, cs, HELIOS_RIGHTS_ALL);
	cap_copy(&t->vspace_cap, b->vspace, HELIOS_RIGHTS_ALL);
	cap_copy(&t->ipc_page_cap, &b->cs->slots[HELIOS_INIT_IPC_BUFFER], HELIOS_RIGHTS_ALL);
	t->ipc_vaddr = HELIOS_INIT_IPC_BUFFER_VADDR;
	t->priority = HELIOS_INIT_PRIORITY;
	arch_context_set_entry(&t->ctx, entry, HELIOS_INIT_STACK_TOP, HELIOS_INIT_INFO_VADDR);
	task_wake(t);
	return HELIOS_OK;
}

/* Lays out the slot ranges (abi.h: fixed slots, then the ranges, then the free slots). */
static uint32_t plan_slots(struct helios_init_info *info, uint64_t image, uint64_t modules)
{
	uint32_t next = HELIOS_INIT_FIRST_FREE_FIXED;
	info->memory.first = next;
	next += info->memory.count;
	info->device_memory.first = next;
	next += info->device_memory.count;
	info->page_tables.first = next;
	next += INIT_TABLE_SLOTS;
	info->image_pages.first = next;
	next += (uint32_t)image;
	info->stack_pages.first = next;
	next += HELIOS_INIT_STACK_PAGES;
	return next + (uint32_t)modules; /* module pages come last */
}

bool init_start(const struct helios_boot_info *bi)
{
	static struct helios_init_info info; /* built here, copied into init's page at the end */
	struct init_builder b = { .info = &info };
	if (bi->module_count == 0) {
		kprintf("init: no boot module: nothing to run\n");
		return false;
	}
	const struct helios_boot_module *m = bootinfo_modules(bi);
	const char *name = bootinfo_string(bi, m[0].name);
	const uint8_t *file = (const uint8_t *)phys_to_virt(m[0].base);
	struct elf_image img;
	enum elf_error e = elf_parse(file, m[0].size, ARCH_ELF_MACHINE, INIT_ELF_MIN_VADDR,
				     INIT_ELF_MAX_VADDR, &img);
	if (e != ELF_OK) {
		kprintf("init: module %s is not a usable ELF executable: %s\n", name,
			elf_strerror(e));
		return false;
	}

	describe_memory(bi, &info);
	if (info.memory.count == 0) {
		kprintf("init: no usable RAM\n");
		return false;
	}
	uint64_t image = image_pages(&img);
	uint64_t modules = module_pages(bi) +
			   (device_tree_size(bi) + HELIOS_PAGE_SIZE - 1) / HELIOS_PAGE_SIZE;
	if (image > HELIOS_CSPACE_MAX_SLOTS || modules > HELIOS_CSPACE_MAX_SLOTS) {
		kprintf("init: module %s or the other modules are too large\n", name);
		return false;
	}
	uint32_t modules_first = plan_slots(&info, image, 0);
	uint64_t slots = (uint64_t)modules_first + modules + INIT_SPARE_SLOTS;
	if (slots > HELIOS_CSPACE_MAX_SLOTS) {
		kprintf("init: %llu capability slots needed: too many\n", (unsigned long long)slots);
		return false;
	}

	/* The cspace comes first: every other capability goes into it. */
	uint32_t big = largest_region(&info);
	b.mem = &boot_memory[big];
	memory_init(b.mem, phys_to_virt(info.memory_regions[big].base),
		    info.memory_regions[big].size, NULL);
	uint64_t cs_size = cspace_object_size(slots);
	uintptr_t cs_obj = memory_alloc(b.mem, cs_size, MEMORY_GRAIN);
	if (!cs_obj) {
		kprintf("init: not enough memory for init's capability space\n");
		return false;
	}
	memset((void *)cs_obj, 0, cs_size);
	b.cs = (struct cspace *)cs_obj;
	cspace_init(b.cs, (uint32_t)slots);
	give_resources(&b, big);
	cap_create(slot(&b, HELIOS_INIT_CSPACE), HELIOS_CAP_CSPACE, HELIOS_RIGHTS_ALL, cs_obj, 0,
		   b.mem, b.mem_cap);
	b.next_table = info.page_tables.first;

	struct helios_init_info *page;
	int err = build_vspace(&b);
	if (!err)
		err = load_image(&b, &img, file);
	if (!err)
		err = build_pages(&b, &page);
	if (!err)
		err = build_task(&b, img.entry);
	if (err) {
		kprintf("init: building init failed: error %d\n", err);
		return false;
	}
	give_device_tree(&b, bi, give_modules(&b, bi, modules_first));

	info.magic = HELIOS_INIT_MAGIC;
	info.version = HELIOS_INIT_VERSION;
	info.size = sizeof(info);
	info.cspace_slots = (uint32_t)slots;
	info.priority = HELIOS_INIT_PRIORITY;
	info.free_slots.first = modules_first + (uint32_t)modules;
	info.free_slots.count = (uint32_t)slots - info.free_slots.first;
	build_argv(&info, name, bootinfo_string(bi, bi->cmdline));
	memcpy(page, &info, sizeof(info));
	kprintf("init: %s, entry %#llx, %u capability slots, %llu bytes free for init\n", name,
		(unsigned long long)img.entry, info.cspace_slots,
		(unsigned long long)b.mem->free_bytes);
	return true;
}
