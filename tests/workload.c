/* A workload with known system calls, for runtime tests: each command does
 * exactly what it says, so a test can assert exact counts and values.
 *
 *   workload open PATH N        openat(PATH) N times
 *   workload getpid N           syscall(SYS_getpid) N times
 *   workload read SIZE...       one read() of each SIZE bytes from /dev/zero
 *   workload write SIZE...      one write() of each SIZE bytes to /dev/null
 *   workload sleep MS           nanosleep for MS milliseconds
 *   workload spin MS            burn CPU for MS milliseconds
 *   workload burn MS            burn CPU for MS milliseconds in
 *                               workload_burn_inner, called by
 *                               workload_burn_outer (for profiling)
 *   workload many               calls workload_many(1, 2, ..., 8): two
 *                               arguments on the stack
 *   workload stack N            N getpid calls from workload_leaf, called by
 *                               workload_mid, called by workload_top: a
 *                               known user stack
 *   workload poke               calls workload_poke(workload_text,
 *                               &workload_number), then prints both (a
 *                               probe may have changed them)
 *   workload bump N             N times, 200 ms apart: workload_number++
 *                               and workload_text[0]++ (for watchpoints)
 *   workload udp N              sends N datagrams of 16 bytes over
 *                               loopback to its own socket, which reads
 *                               them (N packets, no replies)
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static char buf[1 << 20];

static long arg_num(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*end || v < 0 || v > (long)sizeof(buf)) {
		fprintf(stderr, "workload: bad number '%s'\n", s);
		exit(2);
	}
	return v;
}

static int do_open(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	long n = arg_num(argv[1]);
	for (long i = 0; i < n; i++) {
		int fd = open(argv[0], O_RDONLY);
		if (fd >= 0)
			close(fd);
	}
	return 0;
}

static int do_io(int argc, char **argv, int writing)
{
	int fd = open(writing ? "/dev/null" : "/dev/zero", writing ? O_WRONLY : O_RDONLY);
	if (fd < 0)
		return 1;
	for (int i = 0; i < argc; i++) {
		long n = arg_num(argv[i]);
		ssize_t r = writing ? write(fd, buf, (size_t)n) : read(fd, buf, (size_t)n);
		if (r != n)
			return 1;
	}
	close(fd);
	return 0;
}

__attribute__((noinline)) void workload_after(void)
{
	__asm__ volatile("" ::: "memory");
}

/* The system call is made right here (not through libc's syscall(), which
 * keeps no frame pointer), so the user stack starts in this function. The
 * call after it makes this no leaf, so it keeps a frame pointer. */
__attribute__((noinline)) void workload_leaf(void)
{
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"((long)SYS_getpid) : "rcx", "r11", "memory");
	workload_after();
}

__attribute__((noinline)) void workload_mid(void)
{
	workload_leaf();
	__asm__ volatile("" ::: "memory");	/* keep the call a call */
}

__attribute__((noinline)) void workload_top(long n)
{
	for (long i = 0; i < n; i++)
		workload_mid();
	__asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) void workload_burn_inner(volatile long *x)
{
	for (long i = 0; i < 100000; i++)
		*x += i;
	workload_after();	/* not a leaf: it keeps a frame pointer */
}

__attribute__((noinline)) void workload_burn_outer(long ms)
{
	struct timespec start, now;
	volatile long x = 0;
	clock_gettime(CLOCK_MONOTONIC, &start);
	do {
		workload_burn_inner(&x);
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while ((now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000 < ms);
}

__attribute__((noinline)) long workload_many(long a, long b, long c, long d, long e,
					     long f, long g, long h)
{
	return a + b + c + d + e + f + g + h;
}

static int do_udp(long n)
{
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t alen = sizeof(addr);
	int rx = socket(AF_INET, SOCK_DGRAM, 0), tx = socket(AF_INET, SOCK_DGRAM, 0);
	if (rx < 0 || tx < 0 || bind(rx, (struct sockaddr *)&addr, sizeof(addr)) ||
	    getsockname(rx, (struct sockaddr *)&addr, &alen))
		return 1;
	for (long i = 0; i < n; i++) {
		char got[16];
		if (sendto(tx, "bpfkit skboutput", 16, 0, (struct sockaddr *)&addr, alen) != 16 ||
		    recv(rx, got, sizeof(got), 0) != 16)
			return 1;
	}
	return 0;
}

char workload_text[16] = "unchanged";
long workload_number = 1;

__attribute__((noinline)) void workload_poke(char *text, long *number)
{
	__asm__ volatile("" : : "r"(text), "r"(number) : "memory");
}

/* Writes the two variables n times, with time between for a probe's
 * user space to act (unwatch) before the next write. */
static void do_bump(long n)
{
	for (long i = 0; i < n; i++) {
		struct timespec ts = { 0, 200 * 1000000 };
		*(volatile long *)&workload_number += 1;
		*(volatile char *)&workload_text[0] += 1;
		nanosleep(&ts, NULL);
	}
}

static void spin(long ms)
{
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	do {
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while ((now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000 < ms);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: workload open|getpid|read|write|sleep|spin ARGS\n");
		return 2;
	}
	const char *cmd = argv[1];
	argc -= 2;
	argv += 2;
	if (!strcmp(cmd, "open"))
		return do_open(argc, argv);
	if (!strcmp(cmd, "many"))
		return workload_many(1, 2, 3, 4, 5, 6, 7, 8) == 36 ? 0 : 1;
	if (!strcmp(cmd, "poke")) {
		workload_poke(workload_text, &workload_number);
		printf("%s %ld\n", workload_text, workload_number);
		return 0;
	}
	if (!strcmp(cmd, "read") || !strcmp(cmd, "write"))
		return do_io(argc, argv, cmd[0] == 'w');
	if (argc != 1)
		return 2;
	long n = arg_num(argv[0]);
	if (!strcmp(cmd, "getpid")) {
		for (long i = 0; i < n; i++)
			syscall(SYS_getpid);
	} else if (!strcmp(cmd, "sleep")) {
		struct timespec ts = { n / 1000, (n % 1000) * 1000000 };
		nanosleep(&ts, NULL);
	} else if (!strcmp(cmd, "burn")) {
		workload_burn_outer(n);
	} else if (!strcmp(cmd, "stack")) {
		workload_top(n);
	} else if (!strcmp(cmd, "bump")) {
		do_bump(n);
	} else if (!strcmp(cmd, "udp")) {
		return do_udp(n);
	} else if (!strcmp(cmd, "spin")) {
		spin(n);
	} else {
		return 2;
	}
	return 0;
}
