/*
 * Futex ping-pong between two processes on one CPU: a word in a shared anonymous mapping
 * says whose turn it is. The parent hands the turn to the child and wakes it, then waits
 * until the turn comes back; the child, woken, hands it back and wakes the parent. A sample
 * is that round trip, stamped by the parent before it hands the turn over and after it has
 * it back. The futexes are shared ones (no FUTEX_PRIVATE_FLAG): the two processes have
 * different address spaces.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "bench.h"
#include "counter.h"

#define NAME "futex_round_trip"

/* From <linux/futex.h> (Linux's ABI), which musl does not ship. */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1

enum { PARENT_TURN, CHILD_TURN };

static uint32_t load(uint32_t *turn)
{
	return __atomic_load_n(turn, __ATOMIC_ACQUIRE);
}

/* Gives the turn to the other side and wakes it; 0 or an errno. */
static int hand_over(uint32_t *turn, uint32_t to)
{
	__atomic_store_n(turn, to, __ATOMIC_RELEASE);
	return syscall(SYS_futex, turn, FUTEX_WAKE, 1, NULL, NULL, 0) < 0 ? errno : 0;
}

/* Sleeps until the turn is `mine`; 0 or an errno. */
static int await(uint32_t *turn, uint32_t mine)
{
	uint32_t now;
	while ((now = load(turn)) != mine) {
		/* EAGAIN: the turn changed before the kernel looked; look again. */
		if (syscall(SYS_futex, turn, FUTEX_WAIT, now, NULL, NULL, 0) < 0 && errno != EAGAIN)
			return errno;
	}
	return 0;
}

/* The child: hands every turn back. */
static int responder(void *arg)
{
	uint32_t *turn = arg;
	for (uint32_t i = 0; i < bench_iterations(); i++) {
		if (await(turn, CHILD_TURN) || hand_over(turn, PARENT_TURN))
			return 1;
	}
	return 0;
}

void bench_futex(void)
{
	uint32_t *turn = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (turn == MAP_FAILED) {
		bench_fail(NAME, "mmap", errno);
		return;
	}
	*turn = PARENT_TURN;
	pid_t child = bench_spawn(responder, turn);
	int err = child < 0 ? -child : 0;
	for (uint32_t i = 0; !err && i < bench_iterations(); i++) {
		uint64_t t = counter_read();
		bench_start[i] = t;
		err = hand_over(turn, CHILD_TURN);
		if (!err)
			err = await(turn, PARENT_TURN);
		t = counter_read();
		bench_end[i] = t;
	}
	if (err) {
		bench_fail(NAME, child < 0 ? "fork" : "ping-pong", err);
		if (child > 0) {
			kill(child, SIGKILL); /* it may be waiting for a turn that never comes */
			bench_join(child);
		}
		munmap(turn, 4096);
		return;
	}
	if ((err = bench_join(child)))
		bench_fail(NAME, "child", err);
	else
		bench_record(NAME);
	munmap(turn, 4096);
}
