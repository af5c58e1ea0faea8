/*
 * The random-syscall fuzzer's pieces (README.md says what it does): its random numbers, the
 * sandbox's layout, the caller (fuzz_caller.c), and what each architecture adds in
 * arch/<arch>/fuzz_arch.c and fuzz_arch.S: the loop the puppet tasks run, and the random and
 * templated instructions of the instruction task. fuzz_test.c runs the rounds.
 */
#ifndef HELIOS_TESTS_HOSTILE_FUZZ_H
#define HELIOS_TESTS_HOSTILE_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <helios/abi.h>

/* ---- Random numbers ------------------------------------------------------------------ */

/* xorshift64*: a non-zero state gives a non-zero state. */
static inline uint64_t fuzz_next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dull;
}

/* A number below n (n > 0). */
static inline uint64_t fuzz_below(uint64_t *s, uint64_t n)
{
	return fuzz_next(s) % n;
}

/* A register value worth trying: a small number, an address in the sandbox's pages, an edge of
 * the user address space (its top, the first non-canonical address, the kernel's half), any
 * user address, or anything at all (fuzz_caller.c). */
uint64_t fuzz_register_value(uint64_t *s);

/* Every word of a task's registers random; with `acceptable`, ones TASK_WRITE_REGISTERS takes,
 * else any of them may be refused (fuzz_caller.c). */
void fuzz_random_registers(struct helios_regs *regs, uint64_t *s, bool acceptable);

/* Makes the address registers (instruction and stack pointers, TLS and segment bases) ones
 * TASK_WRITE_REGISTERS accepts: below the user top, aligned as the architecture wants
 * (fuzz_arch.c). */
void fuzz_regs_acceptable(struct helios_regs *r);

/* Makes code just written through the test's view of a page visible to the instruction fetch
 * of the tasks that run it (fuzz_arch.c). */
void fuzz_sync_code(const uint8_t *code, size_t size);

/* ---- The sandbox cspace --------------------------------------------------------------- */

#define FUZZ_SLOTS 64
#define FUZZ_PUPPETS 3 /* puppet tasks per round */

/* Its slots as each round fills them; the rest are free. */
enum sandbox_slot {
	SB_CSPACE = 1, /* the sandbox itself */
	SB_MEMORY,
	SB_ENDPOINT,
	SB_ENDPOINT_BADGED,
	SB_NOTIFICATION,
	SB_NOTIFICATION_BADGED,
	SB_VSPACE,       /* the puppets' */
	SB_SPARE_VSPACE, /* without an ASID */
	SB_ASID_POOL,    /* a copy of init's: the sandbox can give its address spaces ASIDs */
	SB_PDPT,
	SB_PD,
	SB_PT,
	SB_PAGE,
	SB_PAGE_2,
	SB_SPARE_TASK, /* never started by the test */
	SB_PUPPETS,    /* FUZZ_PUPPETS task capabilities */
	SB_FIRST_FREE = SB_PUPPETS + FUZZ_PUPPETS,
};

/* ---- The caller (fuzz_caller.c) ------------------------------------------------------- */

/* Random syscalls and invocations on the sandbox's capabilities (its cspace), mostly ones that
 * name a kernel method, one in eight on a task's registers (the puppets', mostly); never one
 * that blocks. `calls` counts them. */
struct fuzz_caller {
	uint64_t seed;
	volatile uint64_t calls;
};
int fuzz_caller_main(void *arg);

/* ---- The sandbox's address spaces ------------------------------------------------------ */

/*
 * The sandbox's pages: page i is at HELIOS_USER_BOTTOM + i * 4096, the lowest mappable
 * addresses, so small numbers in registers are valid pointers (and on x86_64 the data page is
 * where an LDT left at its reset base, 0, would have descriptors). The instruction task has an
 * address space of its own with the first three, so that only it ever runs its instructions;
 * the puppets share another with the rest. The test sees them all read-write elsewhere.
 */
enum fuzz_page {
	FUZZ_PAGE_DATA,        /* the instruction task's operands: read-write */
	FUZZ_PAGE_STACK,       /* its stack: read-write */
	FUZZ_PAGE_CODE,        /* its instructions: read, execute */
	FUZZ_PAGE_PUPPET_CODE, /* the puppets' loop: read, execute */
	FUZZ_PAGE_PUPPETS,     /* then each puppet's IPC buffer and stack pages: read-write */
};

#define FUZZ_PAGES (FUZZ_PAGE_PUPPETS + 2 * FUZZ_PUPPETS)

static inline uint64_t fuzz_page_vaddr(unsigned page)
{
	return HELIOS_USER_BOTTOM + (uint64_t)page * HELIOS_PAGE_SIZE;
}

/* ---- Puppets: tasks that repeat one syscall, as their registers say (fuzz_arch.S) --------- */

/* One syscall's registers (abi.h, "Registers"). */
struct fuzz_request {
	uint64_t number, caddr, tag, p[HELIOS_MSG_REG_PARAMS];
};

/* What a puppet's stack pointer points at: parameter 3 of its syscall (x86_64 has no
 * callee-saved register left for it), and its count of turns. */
struct fuzz_puppet_words {
	uint64_t p3;
	uint64_t turns;
};

/* The loop: copies the request from callee-saved registers (and p3) into the syscall
 * registers, makes the syscall, counts the turn, yields, again. Position-independent, copied
 * to FUZZ_PAGE_PUPPET_CODE. */
extern const uint8_t fuzz_puppet_code[], fuzz_puppet_code_end[];

/* Puts the request in the registers the loop takes it from (pc, sp and the rest are the
 * caller's). */
void fuzz_puppet_regs(struct helios_regs *r, const struct fuzz_request *q);

/* ---- The instruction task (fuzz_arch.c) --------------------------------------------------- */

/* Bytes per instruction slot: one random or templated instruction, then traps, so that
 * whatever the instruction does, a fault follows. A page holds 4096 / fuzz_insn_slot_size. */
extern const unsigned fuzz_insn_slot_size;

/* Fills the code page (the test's view of it) with slots. */
void fuzz_insn_fill(uint8_t *code, uint64_t *s);
/* Fills the data page with operands: addresses, selectors, descriptors, anything. */
void fuzz_insn_data(uint8_t *data, uint64_t *s);
/* The registers to run the slot at pc with; may write operands (far pointers, return
 * frames) at the stack pointer it chooses, through the test's view of the stack page. Every
 * value is one TASK_WRITE_REGISTERS accepts; the syscall number register is never
 * WRITECONS (random bytes on the console). */
void fuzz_insn_regs(struct helios_regs *r, uint64_t pc, uint8_t *stack, uint64_t *s);

#endif
