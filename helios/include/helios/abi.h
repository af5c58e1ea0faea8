/*
 * The Helios kernel ABI: the one definition of everything that crosses the line between the
 * kernel and userspace. The kernel, the userspace runtime and every program include this file;
 * nothing here is repeated anywhere else. docs/syscalls.md and docs/capabilities.md are the prose
 * version: what every syscall and invocation takes, returns and refuses.
 *
 * Shapes: a capability address (caddr) is a 32-bit slot index into the calling task's flat
 * capability space. A message is a 64-bit tag (label, parameter count, capability count) plus
 * up to HELIOS_MSG_MAX_PARAMS 64-bit parameters: the first HELIOS_MSG_REG_PARAMS travel in
 * registers, the rest in the task's IPC buffer. Kernel objects are invoked by sending a message
 * to their capability (send or call); the label names the method. The reply's label is the
 * error code (HELIOS_OK on success) and its parameters are the results.
 */
#ifndef HELIOS_ABI_H
#define HELIOS_ABI_H

/* ---------------------------------------------------------------------------------------- */
/* Syscalls. x86_64: `syscall` with the number in rax; aarch64: `svc #0` with the number in x0.
 * See "Registers" below. Plain macros, ahead of everything else: the kernel's entry stubs
 * (assembly) include this file for them alone. */

#define HELIOS_SYS_WRITECONS 0  /* (ptr, len): write bytes to the kernel debug console */
#define HELIOS_SYS_IDENTIFY  1  /* (caddr): type and rights of a capability */
#define HELIOS_SYS_SEND      2  /* (caddr, tag, p0..p3): send, blocking until received */
#define HELIOS_SYS_RECV      3  /* (caddr): receive, blocking until a message comes */
#define HELIOS_SYS_NBSEND    4  /* send only if a receiver is waiting, else WOULD_BLOCK */
#define HELIOS_SYS_NBRECV    5  /* receive only if a sender is waiting, else WOULD_BLOCK */
#define HELIOS_SYS_CALL      6  /* send, then wait for the reply on a one-shot reply cap */
#define HELIOS_SYS_REPLY     7  /* (-, tag, p0..p3): answer the caller held in the reply slot */
#define HELIOS_SYS_REPLYRECV 8  /* reply, then receive on caddr: one syscall per server turn */
#define HELIOS_SYS_SIGNAL    9  /* (caddr): OR the cap's badge into a notification; never blocks */
#define HELIOS_SYS_WAIT      10 /* (caddr, deadline): wait for a notification, return and clear
				 * its word; TIMED_OUT at the deadline (0: none) */
#define HELIOS_SYS_NBWAIT    11 /* like WAIT but WOULD_BLOCK instead of blocking */
#define HELIOS_SYS_POLL      12 /* (count, deadline): wait until one of the IPC buffer poll items
				 * is ready; TIMED_OUT at the deadline (0: none) */
#define HELIOS_SYS_YIELD     13 /* give the rest of the time slice to the next task */
#define HELIOS_SYS_CLOCK     14 /* () -> nanoseconds of the monotonic clock since boot */
#define HELIOS_SYSCALL_COUNT 15

#ifndef __ASSEMBLER__

#include <stdint.h>

#include <helios/boot.h> /* HELIOS_STATIC_ASSERT */

/*
 * Registers. Seven roles, the same on every architecture:
 *
 *   role                      x86_64 (`syscall`)   aarch64 (`svc #0`)
 *   number in / error out     rax                  x0
 *   caddr in / badge out      rdi                  x1
 *   message tag               rsi                  x2
 *   parameters 0-3            rdx, r10, r8, r9     x3, x4, x5, x6
 *
 * Out, the caddr register carries the badge (receive), the notification word (wait), the
 * ready count (poll) or type/rights (identify); the tag and parameter registers carry the
 * message received or the reply. x86_64: `syscall` itself clobbers rcx and r11. Every other
 * register is preserved (aarch64: x7-x30, sp, NZCV, and the FP/SIMD state). WRITECONS: caddr
 * register = pointer, tag register = length; out the caddr register = bytes written.
 */

/* ---------------------------------------------------------------------------------------- */
/* Error codes: the value of every syscall (rax) and the label of every kernel reply. */

enum helios_error {
	HELIOS_OK = 0,
	HELIOS_ERR_NOMEM = 1,          /* no free block that large (or an ASID pool is full) */
	HELIOS_ERR_INVALID_CADDR = 2,  /* capability address outside the capability space */
	HELIOS_ERR_INVALID_CSLOT = 3,  /* slot empty where a cap is needed, or full where not */
	HELIOS_ERR_ACCESS = 4,         /* the capability lacks a right the operation needs */
	HELIOS_ERR_INVALID_PARAM = 5,  /* a parameter is out of range or malformed */
	HELIOS_ERR_WOULD_BLOCK = 6,    /* a non-blocking operation found nobody ready */
	HELIOS_ERR_MISSING_TABLES = 7, /* map: a table level is missing; result 0 names its type */
	HELIOS_ERR_INVALID_SYSCALL = 8,/* no such syscall number */
	HELIOS_ERR_INVALID_TYPE = 9,   /* the capability is of the wrong type for this */
	HELIOS_ERR_INVALID_METHOD = 10,/* the label is not a method of this object */
	HELIOS_ERR_MAPPED = 11,        /* already mapped, or the table entry is taken */
	HELIOS_ERR_NOT_MAPPED = 12,    /* the vspace has no ASID yet */
	HELIOS_ERR_CSPACE_FULL = 13,   /* the kernel was asked to pick a slot and none is free */
	HELIOS_ERR_IN_USE = 14,        /* the resource is already issued or assigned */
	HELIOS_ERR_DELETED = 15,       /* the object went away (deleted, revoked, caller gone) */
	HELIOS_ERR_TIMED_OUT = 16,     /* WAIT or POLL reached its deadline first */
	HELIOS_ERROR_COUNT = 17,
};

/* ---------------------------------------------------------------------------------------- */
/* Capabilities. */

/* Capability address: an index into the task's capability space. Slot 0 is never valid. */
typedef uint32_t helios_caddr_t;

/* "No capability" / "kernel, pick a free slot for me" (Helios's capalloc). */
#define HELIOS_CADDR_UNDEF 0xffffffffu

/* Largest capability space, in slots. */
#define HELIOS_CSPACE_MAX_SLOTS (1u << 20)

enum helios_cap_type {
	HELIOS_CAP_NULL = 0,
	HELIOS_CAP_MEMORY = 1,        /* RAM: retype into objects */
	HELIOS_CAP_DEVICE_MEMORY = 2, /* device registers: retype into pages only */
	HELIOS_CAP_CSPACE = 3,
	HELIOS_CAP_VSPACE = 4,        /* the root table: x86_64 a PML4, aarch64 a level 0 table */
	HELIOS_CAP_TASK = 5,
	HELIOS_CAP_ENDPOINT = 6,
	HELIOS_CAP_NOTIFICATION = 7,
	HELIOS_CAP_REPLY = 8,
	HELIOS_CAP_ASID_CONTROL = 9,
	HELIOS_CAP_ASID_POOL = 10,
	/* Tables below the root: 512 entries each on both architectures. */
	HELIOS_CAP_PDPT = 11,         /* maps 512 GiB: x86_64 PDPT, aarch64 level 1 table */
	HELIOS_CAP_PD = 12,           /* maps 1 GiB: x86_64 page directory, aarch64 level 2 */
	HELIOS_CAP_PT = 13,           /* maps 2 MiB: x86_64 page table, aarch64 level 3 */
	HELIOS_CAP_PAGE = 14,         /* 4 KiB */
	HELIOS_CAP_IO_CONTROL = 15,   /* x86_64 only: aarch64 has no I/O ports */
	HELIOS_CAP_IO_PORT = 16,
	HELIOS_CAP_IRQ_CONTROL = 17,
	HELIOS_CAP_IRQ_HANDLER = 18,
	HELIOS_CAP_CONSOLE = 19,      /* the kernel's console device: init's, to hand over */
	HELIOS_CAP_TYPE_COUNT = 20,
};

/* Rights: a copy or mint may keep or drop rights, never add them. */
#define HELIOS_RIGHT_READ 1u  /* receive, wait; map readable (and executable) */
#define HELIOS_RIGHT_WRITE 2u /* send, signal, call; invocations that change an object */
#define HELIOS_RIGHT_GRANT 4u /* transfer capabilities through this endpoint */
#define HELIOS_RIGHTS_ALL 7u

/* IDENTIFY returns in rdi: type | rights << 8. */
#define HELIOS_IDENTIFY_TYPE(v) ((uint32_t)(v)&0xffu)
#define HELIOS_IDENTIFY_RIGHTS(v) (((uint32_t)(v) >> 8) & 0xffu)

/* ---------------------------------------------------------------------------------------- */
/* Messages. */

#define HELIOS_MSG_MAX_PARAMS 64
#define HELIOS_MSG_REG_PARAMS 4
#define HELIOS_MSG_MAX_CAPS 4

/*
 * The tag: bits 0-6 parameter count (0-64), bits 8-10 capability count (0-4), bit 11 move
 * the capabilities instead of copying them, bits 7 and 12-15 zero, bits 16-63 the label.
 */
typedef uint64_t helios_tag_t;

#define HELIOS_TAG_LABEL_SHIFT 16 /* below it: counts, move bit, reserved bits */
#define HELIOS_TAG_MOVE_CAPS (1ull << 11)
#define HELIOS_TAG_RESERVED_BITS 0xf080ull
#define HELIOS_LABEL_MAX ((1ull << 48) - 1)

static inline helios_tag_t helios_tag(uint64_t label, unsigned params, unsigned caps)
{
	return label << HELIOS_TAG_LABEL_SHIFT | (uint64_t)(caps & 7u) << 8 | (params & 0x7fu);
}
static inline uint64_t helios_tag_label(helios_tag_t tag) { return tag >> HELIOS_TAG_LABEL_SHIFT; }
static inline unsigned helios_tag_params(helios_tag_t tag) { return (unsigned)(tag & 0x7f); }
static inline unsigned helios_tag_caps(helios_tag_t tag) { return (unsigned)(tag >> 8) & 7u; }

/* Poll items (in the IPC buffer). Events: */
#define HELIOS_POLL_RECV 1u /* endpoint: a sender waits; notification or IRQ: signalled */
#define HELIOS_POLL_SEND 2u /* endpoint: a receiver waits */
#define HELIOS_POLL_MAX 16

struct helios_poll_item {
	helios_caddr_t caddr; /* endpoint, notification or IRQ handler */
	uint16_t events;      /* what to wait for */
	uint16_t ready;       /* set by the kernel: which of `events` are ready now */
};

/*
 * The IPC buffer: one 4 KiB page per task, mapped where TASK_SET_IPC_BUFFER says. The kernel
 * reads and writes it through its own mapping of the page, never through the task's.
 * Parameter i of a message is in params[i] for i >= HELIOS_MSG_REG_PARAMS (params[0-3] are not
 * used: those travel in registers).
 */
struct helios_ipc_buffer {
	uint64_t params[HELIOS_MSG_MAX_PARAMS];
	/* Send: the caddrs of the capabilities to transfer. After a receive: where they landed. */
	helios_caddr_t caps[HELIOS_MSG_MAX_CAPS];
	/* Receive: where incoming capabilities go; HELIOS_CADDR_UNDEF lets the kernel choose. */
	helios_caddr_t recv_slots[HELIOS_MSG_MAX_CAPS];
	struct helios_poll_item poll[HELIOS_POLL_MAX];
	uint64_t user[(4096 - 64 * 8 - 8 * 4 - HELIOS_POLL_MAX * 8) / 8]; /* free for userspace */
};
HELIOS_STATIC_ASSERT(sizeof(struct helios_ipc_buffer) == 4096, "IPC buffer is one page");

/* ---------------------------------------------------------------------------------------- */
/* Invocation labels: HELIOS_METHOD(object type, method number). Interface labels generated
 * by ipcgen are >= 1 << 16, so they never clash with these. */

#define HELIOS_METHOD(type, n) ((uint64_t)(type) << 8 | (n))

enum helios_method {
	/* Memory and device memory. Results: see docs/capabilities.md. */
	HELIOS_MEMORY_RETYPE = HELIOS_METHOD(HELIOS_CAP_MEMORY, 1),
	HELIOS_MEMORY_INFO = HELIOS_METHOD(HELIOS_CAP_MEMORY, 2),
	HELIOS_DEVICE_MEMORY_RETYPE = HELIOS_METHOD(HELIOS_CAP_DEVICE_MEMORY, 1),
	HELIOS_DEVICE_MEMORY_INFO = HELIOS_METHOD(HELIOS_CAP_DEVICE_MEMORY, 2),

	/* Capability space: the invoked cspace is the destination. */
	HELIOS_CSPACE_COPY = HELIOS_METHOD(HELIOS_CAP_CSPACE, 1),
	HELIOS_CSPACE_MINT = HELIOS_METHOD(HELIOS_CAP_CSPACE, 2),
	HELIOS_CSPACE_MOVE = HELIOS_METHOD(HELIOS_CAP_CSPACE, 3),
	HELIOS_CSPACE_DELETE = HELIOS_METHOD(HELIOS_CAP_CSPACE, 4),
	HELIOS_CSPACE_REVOKE = HELIOS_METHOD(HELIOS_CAP_CSPACE, 5),
	HELIOS_CSPACE_SAVE_REPLY = HELIOS_METHOD(HELIOS_CAP_CSPACE, 6),
	HELIOS_CSPACE_INFO = HELIOS_METHOD(HELIOS_CAP_CSPACE, 7),

	/* Address spaces and tables. */
	HELIOS_PDPT_MAP = HELIOS_METHOD(HELIOS_CAP_PDPT, 1),
	HELIOS_PDPT_UNMAP = HELIOS_METHOD(HELIOS_CAP_PDPT, 2),
	HELIOS_PD_MAP = HELIOS_METHOD(HELIOS_CAP_PD, 1),
	HELIOS_PD_UNMAP = HELIOS_METHOD(HELIOS_CAP_PD, 2),
	HELIOS_PT_MAP = HELIOS_METHOD(HELIOS_CAP_PT, 1),
	HELIOS_PT_UNMAP = HELIOS_METHOD(HELIOS_CAP_PT, 2),
	HELIOS_PAGE_MAP = HELIOS_METHOD(HELIOS_CAP_PAGE, 1),
	HELIOS_PAGE_UNMAP = HELIOS_METHOD(HELIOS_CAP_PAGE, 2),
	HELIOS_PAGE_INFO = HELIOS_METHOD(HELIOS_CAP_PAGE, 3),
	HELIOS_ASID_CONTROL_MAKE_POOL = HELIOS_METHOD(HELIOS_CAP_ASID_CONTROL, 1),
	HELIOS_ASID_POOL_ASSIGN = HELIOS_METHOD(HELIOS_CAP_ASID_POOL, 1),

	/* Tasks. */
	HELIOS_TASK_CONFIGURE = HELIOS_METHOD(HELIOS_CAP_TASK, 1),
	HELIOS_TASK_SET_SPACE = HELIOS_METHOD(HELIOS_CAP_TASK, 2),
	HELIOS_TASK_SET_IPC_BUFFER = HELIOS_METHOD(HELIOS_CAP_TASK, 3),
	HELIOS_TASK_SET_FAULT_ENDPOINT = HELIOS_METHOD(HELIOS_CAP_TASK, 4),
	HELIOS_TASK_SET_PRIORITY = HELIOS_METHOD(HELIOS_CAP_TASK, 5),
	HELIOS_TASK_READ_REGISTERS = HELIOS_METHOD(HELIOS_CAP_TASK, 6),
	HELIOS_TASK_WRITE_REGISTERS = HELIOS_METHOD(HELIOS_CAP_TASK, 7),
	HELIOS_TASK_RESUME = HELIOS_METHOD(HELIOS_CAP_TASK, 8),
	HELIOS_TASK_SUSPEND = HELIOS_METHOD(HELIOS_CAP_TASK, 9),
	HELIOS_TASK_INFO = HELIOS_METHOD(HELIOS_CAP_TASK, 10),

	/* Hardware access. */
	HELIOS_IO_CONTROL_ISSUE = HELIOS_METHOD(HELIOS_CAP_IO_CONTROL, 1),
	HELIOS_IO_PORT_IN8 = HELIOS_METHOD(HELIOS_CAP_IO_PORT, 1),
	HELIOS_IO_PORT_IN16 = HELIOS_METHOD(HELIOS_CAP_IO_PORT, 2),
	HELIOS_IO_PORT_IN32 = HELIOS_METHOD(HELIOS_CAP_IO_PORT, 3),
	HELIOS_IO_PORT_OUT8 = HELIOS_METHOD(HELIOS_CAP_IO_PORT, 4),
	HELIOS_IO_PORT_OUT16 = HELIOS_METHOD(HELIOS_CAP_IO_PORT, 5),
	HELIOS_IO_PORT_OUT32 = HELIOS_METHOD(HELIOS_CAP_IO_PORT, 6),
	HELIOS_IRQ_CONTROL_ISSUE = HELIOS_METHOD(HELIOS_CAP_IRQ_CONTROL, 1),
	HELIOS_IRQ_HANDLER_ACK = HELIOS_METHOD(HELIOS_CAP_IRQ_HANDLER, 1),
	HELIOS_CONSOLE_HAND_OVER = HELIOS_METHOD(HELIOS_CAP_CONSOLE, 1),
};

/*
 * Invocation parameters, in order (p0, p1, ...), and results. The interface files of
 * helios/ipc/, one interface per object type, are where they are defined
 * (//helios/ipc:conformance_test checks that this list and docs/capabilities.md agree).
 * Capability parameters (caddr there) are caddrs in the invoking task's cspace, except for
 * CSPACE_*: there dest_slot and slot are in the invoked cspace and src_slot in src_cspace. A
 * destination slot may be HELIOS_CADDR_UNDEF, and the result `slot` says which slot the kernel
 * chose. The map methods fail with MISSING_TABLES carrying one result, `missing`: the type of
 * the highest missing table (PDPT_MAP never does). Which right each method needs:
 * docs/capabilities.md.
 *
 * MEMORY_RETYPE        (type, size, count, dest_slot) -> (slot). size: bytes for MEMORY
 *                      (multiple of 4 KiB), slots for CSPACE, ignored otherwise. count objects
 *                      go to count (1-4096) consecutive empty slots from dest_slot (UNDEF:
 *                      count == 1); slot is the first.
 * MEMORY_INFO          () -> (info: struct helios_memory_info)
 * DEVICE_MEMORY_RETYPE (type, size, count, dest_slot, offset) -> (slot). type PAGE
 *                      (count pages from offset) or DEVICE_MEMORY (count pieces of size bytes,
 *                      one after another from offset).
 * DEVICE_MEMORY_INFO   () -> (base, size)
 * CSPACE_COPY          (dest_slot, src_cspace, src_slot, rights) -> (slot)
 * CSPACE_MINT          (dest_slot, src_cspace, src_slot, rights, badge) -> (slot)
 * CSPACE_MOVE          (dest_slot, src_cspace, src_slot) -> (slot)
 * CSPACE_DELETE        (slot)
 * CSPACE_REVOKE        (slot): delete every capability derived from the one in slot
 * CSPACE_SAVE_REPLY    (dest_slot) -> (slot): move the caller's pending reply cap here
 * CSPACE_INFO          () -> (slots, free_slots)
 * PDPT_MAP             (vspace, vaddr) raises MISSING_TABLES(missing)
 * PDPT_UNMAP           ()
 * PD_MAP               (vspace, vaddr) raises MISSING_TABLES(missing)
 * PD_UNMAP             ()
 * PT_MAP               (vspace, vaddr) raises MISSING_TABLES(missing)
 * PT_UNMAP             ()
 * PAGE_MAP             (vspace, vaddr, map_rights) raises MISSING_TABLES(missing). map_rights:
 *                      HELIOS_MAP_*.
 * PAGE_UNMAP           ()
 * PAGE_INFO            () -> (phys, vaddr, asid): vaddr and asid 0 when not mapped
 * ASID_CONTROL_MAKE_POOL (memory, dest_slot) -> (slot): a pool of HELIOS_ASID_POOL_SIZE
 * ASID_POOL_ASSIGN     (vspace) -> (asid)
 * TASK_CONFIGURE       (cspace, vspace, buffer_page, buffer_vaddr, fault_endpoint, priority).
 *                      buffer_page (the IPC buffer's) and fault_endpoint may be UNDEF: none.
 * TASK_SET_SPACE       (cspace, vspace)
 * TASK_SET_IPC_BUFFER  (buffer_page, buffer_vaddr)
 * TASK_SET_FAULT_ENDPOINT (fault_endpoint)
 * TASK_SET_PRIORITY    (priority): at most the invoking task's own priority
 * TASK_READ_REGISTERS  () -> (regs: struct helios_regs): HELIOS_REGS_COUNT words
 * TASK_WRITE_REGISTERS (regs: struct helios_regs)
 * TASK_RESUME          ()
 * TASK_SUSPEND         ()
 * TASK_INFO            () -> (state, priority)
 * IO_CONTROL_ISSUE     (first_port, last_port, dest_slot) -> (slot)
 * IO_PORT_IN8          (port) -> (value)
 * IO_PORT_IN16         (port) -> (value)
 * IO_PORT_IN32         (port) -> (value)
 * IO_PORT_OUT8         (port, value)
 * IO_PORT_OUT16        (port, value)
 * IO_PORT_OUT32        (port, value)
 * IRQ_CONTROL_ISSUE    (irq, notification, dest_slot) -> (slot). irq: x86_64 an ISA IRQ (1,
 *                      3-15: 0 is the kernel's timer, 2 the cascade); aarch64 the GIC
 *                      interrupt ID of a shared peripheral interrupt (32 up to the GIC's last)
 * IRQ_HANDLER_ACK      ()
 * CONSOLE_HAND_OVER    (dest_slot) -> (slot). Once: the console's device becomes a driver's
 *                      to have. x86_64: COM1's ports, issuable by IO_CONTROL, and its IRQ 4
 *                      (slot: HELIOS_CADDR_UNDEF, dest_slot ignored); aarch64: a DEVICE_MEMORY
 *                      capability for the UART's page, made in dest_slot, and its interrupt,
 *                      issuable by IRQ_CONTROL. The kernel goes on writing its debug console
 *                      (WRITECONS, messages, a panic) to the transmitter, polling. IN_USE the
 *                      second time.
 */

/* MEMORY_INFO's results, in order: the physical base, size, free bytes, largest free block. */
struct helios_memory_info {
	uint64_t base, size, free, largest;
};

/* PAGE_MAP rights. */
#define HELIOS_MAP_READ 1u
#define HELIOS_MAP_WRITE 2u
#define HELIOS_MAP_EXEC 4u

#define HELIOS_PAGE_SIZE 4096ull
/* The highest user address + 1. The last page below 2^47 is never mappable, so no syscall
 * instruction can sit where the return address would be non-canonical. */
#define HELIOS_USER_TOP 0x00007ffffffff000ull
/* The lowest address a page can be mapped at: the first page is never mappable, so a null
 * pointer always faults and nothing the CPU might read at address 0 can be planted there. */
#define HELIOS_USER_BOTTOM HELIOS_PAGE_SIZE

#define HELIOS_ASID_POOL_SIZE 512
#define HELIOS_ASID_POOLS 8 /* 4096 ASIDs: the PCID space; ASID 0 is never assigned */

#define HELIOS_PRIORITY_COUNT 256
#define HELIOS_PRIORITY_MAX 255

/* Task states (TASK_INFO). */
enum helios_task_state {
	HELIOS_TASK_INACTIVE = 0,    /* never resumed, or suspended */
	HELIOS_TASK_READY = 1,       /* running or waiting for the CPU */
	HELIOS_TASK_BLOCKED_SEND = 2,
	HELIOS_TASK_BLOCKED_RECV = 3,
	HELIOS_TASK_BLOCKED_REPLY = 4, /* called, waiting for the answer (or faulted) */
	HELIOS_TASK_BLOCKED_WAIT = 5,  /* waiting on a notification */
	HELIOS_TASK_BLOCKED_POLL = 6,
};

#if defined(HELIOS_ABI_AARCH64) || (defined(__aarch64__) && !defined(HELIOS_ABI_X86_64))
/* Registers of a task (TASK_READ/WRITE_REGISTERS), aarch64. pstate: only NZCV (bits 28-31) is
 * taken from userspace; the task always runs at EL0 with interrupts on. pc and sp must be below
 * HELIOS_USER_TOP (pc 4-byte aligned, sp 16-byte aligned); tpidr_el0 (the TLS base) too. */
struct helios_regs {
	uint64_t pc, sp, pstate;
	uint64_t x[31]; /* x0-x30 */
	uint64_t tpidr_el0;
};
#define HELIOS_REGS_COUNT 35
#else
/* Registers of a task (TASK_READ/WRITE_REGISTERS), x86_64. rflags: only the arithmetic flags,
 * DF, TF and AC are taken from userspace; IF is always set. rip and rsp must be below
 * HELIOS_USER_TOP; fs_base and gs_base too (they are TLS bases). */
struct helios_regs {
	uint64_t rip, rsp, rflags;
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t fs_base, gs_base;
};
#define HELIOS_REGS_COUNT 20
#endif
HELIOS_STATIC_ASSERT(sizeof(struct helios_regs) == HELIOS_REGS_COUNT * 8, "regs are words");

/* ---------------------------------------------------------------------------------------- */
/* Faults: the kernel calls the task's fault endpoint with this label; the faulting task waits
 * until its supervisor replies (any reply resumes it at the saved rip, so the supervisor may
 * fix the cause or write new registers first). Parameters: */
#define HELIOS_FAULT_LABEL 0xfa017ull
enum helios_fault_param {
	HELIOS_FAULT_TYPE = 0,  /* enum helios_fault_type */
	HELIOS_FAULT_ADDR = 1,  /* faulting data address (page faults), else 0 */
	HELIOS_FAULT_IP = 2,    /* instruction pointer */
	HELIOS_FAULT_CODE = 3,  /* architecture error code (x86_64: the exception's error code;
				 * aarch64: ESR_EL1) */
	HELIOS_FAULT_VECTOR = 4,/* architecture exception number (x86_64: the vector; aarch64: the
				 * exception class, ESR_EL1.EC) */
	HELIOS_FAULT_PARAMS = 5,
};
/* aarch64: aborts are PAGE (FAULT_ADDR = FAR_EL1) or ALIGNMENT, undefined instructions
 * INVALID_OPCODE, BRK and debug events DEBUG, trapped floating point FPU, illegal execution
 * state and trapped system instructions GENERAL_PROTECTION; nothing raises DIVIDE. */
enum helios_fault_type {
	HELIOS_FAULT_PAGE = 1,
	HELIOS_FAULT_GENERAL_PROTECTION = 2,
	HELIOS_FAULT_INVALID_OPCODE = 3,
	HELIOS_FAULT_DIVIDE = 4,
	HELIOS_FAULT_DEBUG = 5,     /* debug trap or breakpoint (int3) */
	HELIOS_FAULT_ALIGNMENT = 6,
	HELIOS_FAULT_FPU = 7,       /* x87 or SIMD floating-point exception */
	HELIOS_FAULT_OTHER = 8,
};

/* A fault type in words, for logs (kernel console, supervisors). */
static inline const char *helios_fault_name(uint64_t type)
{
	switch (type) {
	case HELIOS_FAULT_PAGE: return "page fault";
	case HELIOS_FAULT_GENERAL_PROTECTION: return "general protection fault";
	case HELIOS_FAULT_INVALID_OPCODE: return "invalid opcode";
	case HELIOS_FAULT_DIVIDE: return "divide error";
	case HELIOS_FAULT_DEBUG: return "debug trap";
	case HELIOS_FAULT_ALIGNMENT: return "alignment check";
	case HELIOS_FAULT_FPU: return "floating-point exception";
	case HELIOS_FAULT_OTHER: return "exception";
	default: return "unknown fault";
	}
}

/* ---------------------------------------------------------------------------------------- */
/* Init: what the kernel hands the first task. */

/* Fixed slots of init's cspace. */
enum helios_init_slot {
	HELIOS_INIT_TASK = 1,
	HELIOS_INIT_CSPACE = 2,
	HELIOS_INIT_VSPACE = 3,
	HELIOS_INIT_ASID_CONTROL = 4,
	HELIOS_INIT_ASID_POOL = 5,   /* the pool init's own ASID came from: room for more */
	HELIOS_INIT_IO_CONTROL = 6,  /* x86_64; empty on aarch64 */
	HELIOS_INIT_IRQ_CONTROL = 7,
	HELIOS_INIT_IPC_BUFFER = 8,  /* the page of init's IPC buffer */
	HELIOS_INIT_INFO_PAGE = 9,   /* the page holding struct helios_init_info */
	HELIOS_INIT_CONSOLE = 10,    /* the kernel's console device (CONSOLE_HAND_OVER) */
	HELIOS_INIT_FIRST_FREE_FIXED = 16, /* ranges below start here */
};

struct helios_cap_range {
	uint32_t first, count;
};

struct helios_init_region {
	uint64_t base, size; /* physical */
};

struct helios_init_module {
	struct helios_cap_range pages; /* page caps holding the module, in order */
	uint64_t size;                 /* bytes */
	char name[48];                 /* NUL-terminated */
};

#define HELIOS_INIT_MAGIC 0x6f666e4974696e49ull /* "InitInfo" */
#define HELIOS_INIT_VERSION 2
#define HELIOS_INIT_MAX_MEMORY 64
#define HELIOS_INIT_MAX_DEVICE 64
#define HELIOS_INIT_MAX_MODULES 8
#define HELIOS_INIT_CMDLINE_MAX 512

/*
 * Mapped read-only in init; its address is in the first argument register when init starts
 * (x86_64 rdi, aarch64 x0; the stack pointer is 16-byte aligned, all other registers zero).
 * Memory cap first+i covers memory[i]; likewise device memory (x86_64: every gap in the memory
 * map and every firmware region; aarch64: every device the device tree describes, but the
 * kernel's own interrupt controller and console UART, which CONSOLE_HAND_OVER gives later). argv is the init module's name followed
 * by the words of the kernel command line. device_tree: read-only page caps holding the
 * flattened device tree the kernel booted with (count 0 when there was none).
 */
struct helios_init_info {
	uint64_t magic;
	uint32_t version, size;
	uint32_t cspace_slots;
	uint32_t priority;
	uint64_t ipc_buffer;       /* vaddr of init's IPC buffer */
	uint64_t stack_base, stack_size;
	uint64_t image_base, image_size;
	struct helios_cap_range image_pages;  /* init's loaded ELF, in address order */
	struct helios_cap_range stack_pages;
	struct helios_cap_range page_tables;   /* the tables of init's vspace */
	struct helios_cap_range memory;        /* memory caps */
	struct helios_cap_range device_memory; /* device memory caps */
	struct helios_cap_range free_slots;    /* empty slots, to the end of the cspace */
	uint32_t module_count;
	uint32_t reserved;
	struct helios_init_region memory_regions[HELIOS_INIT_MAX_MEMORY];
	struct helios_init_region device_regions[HELIOS_INIT_MAX_DEVICE];
	struct helios_init_module modules[HELIOS_INIT_MAX_MODULES]; /* modules after init */
	struct helios_init_module device_tree;
	char cmdline[HELIOS_INIT_CMDLINE_MAX]; /* argv, NUL-separated, ending with two NULs */
};
HELIOS_STATIC_ASSERT(sizeof(struct helios_init_info) <= 4096, "init info fits one page");

/* Where the kernel maps init's pieces. */
#define HELIOS_INIT_INFO_VADDR 0x00007fffff000000ull
#define HELIOS_INIT_IPC_BUFFER_VADDR 0x00007fffff001000ull
#define HELIOS_INIT_STACK_TOP 0x00007ffffe000000ull
#define HELIOS_INIT_STACK_PAGES 16
#define HELIOS_INIT_PRIORITY 200

#endif /* __ASSEMBLER__ */
#endif
