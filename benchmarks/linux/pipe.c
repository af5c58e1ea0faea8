/*
 * Pipe ping-pong between two processes on one CPU: the parent writes one byte into a pipe,
 * the child reads it and writes it back through a second pipe, and the parent's read
 * returns. A sample is that round trip, stamped by the parent before its write and after its
 * read: two writes, two reads and two switches between address spaces.
 */
#include <errno.h>
#include <stdint.h>
#include <unistd.h>

#include "bench.h"
#include "counter.h"

#define NAME "pipe_round_trip"

struct pipes {
	int to_child[2], to_parent[2];
};

/* 0 if a read or write moved the one byte asked for, else why not. (No signal handlers are
 * installed, so EINTR cannot happen.) */
static int moved(ssize_t n)
{
	return n == 1 ? 0 : n < 0 ? errno : EPIPE;
}

/* The child: echoes as many bytes as the parent sends. */
static int echo(void *arg)
{
	struct pipes *p = arg;
	close(p->to_child[1]);
	close(p->to_parent[0]);
	for (uint32_t i = 0; i < bench_iterations(); i++) {
		char c;
		if (moved(read(p->to_child[0], &c, 1)) || moved(write(p->to_parent[1], &c, 1)))
			return 1;
	}
	return 0;
}

void bench_pipe(void)
{
	struct pipes p;
	if (pipe(p.to_child) || pipe(p.to_parent)) {
		bench_fail(NAME, "pipe", errno);
		return;
	}
	pid_t child = bench_spawn(echo, &p);
	close(p.to_child[0]);
	close(p.to_parent[1]);
	int err = child < 0 ? -child : 0;
	for (uint32_t i = 0; !err && i < bench_iterations(); i++) {
		char c = 'x';
		uint64_t t = counter_read();
		bench_start[i] = t;
		err = moved(write(p.to_child[1], &c, 1));
		if (!err)
			err = moved(read(p.to_parent[0], &c, 1));
		t = counter_read();
		bench_end[i] = t;
	}
	close(p.to_child[1]);
	close(p.to_parent[0]);
	if (err) {
		bench_fail(NAME, child < 0 ? "fork" : "ping-pong", err);
		if (child > 0)
			bench_join(child);
		return;
	}
	if ((err = bench_join(child)))
		bench_fail(NAME, "child", err);
	else
		bench_record(NAME);
}
