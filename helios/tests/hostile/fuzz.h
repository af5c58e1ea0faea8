/*
 * The random-syscall fuzzer's shared pieces (fuzz_test.c is the fuzzer, README.md says what it
 * does): its random numbers, the sandbox's address space, and what each architecture adds in
 * arch/<arch>/fuzz_arch.c and fuzz_arch.S: the loop the puppet tasks run, and the random and
 * templated instructions of the instruction task.
 */
#ifndef HELIOS_TESTS_HOSTILE_FUZZ_H
#define HELIOS_TESTS_HOSTILE_FUZZ_H

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
 * user address, or anything at all (fuzz_test.c). */
uint64_t fuzz_register_value(uint64_t *s);

/* Makes the address registers (instruction and stack pointers, TLS and segment bases) ones
 * TASK_WRITE_REGISTERS accepts: below the user top, aligned as the architecture wants
 * (fuzz_arch.c). */
void fuzz_regs_acceptable(struct helios_regs *r);

/* ---- The sandbox's address space ------------------------------------------------------ */

/*
 * The puppets and the instruction task share an address space whose page i is at
 * HELIOS_USER_BOTTOM + i * 4096: the lowest mappable addresses, so small numbers in registers
 * are valid pointers (and on x86_64 the data page is where an LDT left at its reset base, 0,
 * would have descriptors). The test sees the same pages read-write elsewhere.
 */
enum fuzz_page {
	FUZZ_PAGE_DATA,        /* operands of the instruction task: read-write */
	FUZZ_PAGE_STACK,       /* the instruction task's stack: read-write */
	FUZZ_PAGE_CODE,        /* the instruction task's instructions: read, execute */
	FUZZ_PAGE_PUPPET_CODE, /* the puppets' loop: read, execute */
	FUZZ_PAGE_PUPPETS,     /* then each puppet's IPC buffer and stack pages: read-write */
};

#define FUZZ_PUPPETS 3
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

/* The loop: copies the request from callee-saved registers, and parameter 3 from the word at
 * the stack pointer (x86_64 has no callee-saved register left for it), into the syscall
 * registers, makes the syscall, again. Position-independent, copied to
 * FUZZ_PAGE_PUPPET_CODE. */
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
/* Makes instructions just written through the test's view visible to instruction fetch. */
void fuzz_insn_sync(const uint8_t *code, size_t size);

#endif
