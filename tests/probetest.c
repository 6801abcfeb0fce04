/* The target of the uprobe, uretprobe and USDT tests: functions with known
 * arguments and return values, and USDT probes whose arguments use every
 * operand form (register, memory, constant). Each command does exactly
 * what it says, so a test can assert exact counts and values.
 *
 *   probetest calls N       probetest_add(i, 10 * i) for i = 1..N, then
 *                           probetest_neg(-i) and probetest_str("hello")
 *   probetest lib N         lib_probetest_mul(i, 3) for i = 1..N (in
 *                           libprobetest.so) and getpid() N times (libc)
 *   probetest usdt N        fires the USDT probes below N times, then
 *                           calls probetest_report(semaphore value)
 *   probetest spin MS       burns CPU for MS milliseconds
 *   probetest wait MS       sleeps MS milliseconds, then calls
 *                           probetest_add(7, 8) once
 *   probetest dwarf N       for i = 1..N: dwarftest_ints(-i, 60000 + i,
 *                           -1000 * i, 5000000000 * i, "name<i>",
 *                           point {i, -2i, "p<i>", next, {i, 2i, 3i},
 *                           "tag"}),
 *                           dwarftest_flags(BLUE or GREEN, i odd, -5 * i)
 *                           and a function whose args bpfkit cannot read
 *                           (names without the probetest_ prefix so
 *                           that probetest_* globs stay as they were)
 *
 * The USDT probes are written with our own macro rather than <sys/sdt.h>
 * so that the test needs no extra package and each argument has the
 * operand form the test names: "r" gives a register, "m" a stack slot,
 * "i" a constant. The note layout (type 3, owner "stapsdt": pc, base,
 * semaphore, provider, name, arguments) is the documented SystemTap v3
 * format.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int lib_probetest_mul(int a, int b);

/* One probe site: a nop whose address the note records, the note itself,
 * and the .stapsdt.base marker used to detect prelinking. */
#define PT_USDT(provider, name, sem, args, ...) \
	__asm__ __volatile__( \
		"990:	nop\n" \
		".pushsection .note.stapsdt,\"?\",\"note\"\n" \
		".balign 4\n" \
		".4byte 992f-991f, 994f-993f, 3\n" \
		"991:	.asciz \"stapsdt\"\n" \
		"992:	.balign 4\n" \
		"993:	.8byte 990b\n" \
		".8byte _.stapsdt.base\n" \
		".8byte " sem "\n" \
		".asciz \"" provider "\"\n" \
		".asciz \"" name "\"\n" \
		".asciz \"" args "\"\n" \
		"994:	.balign 4\n" \
		".popsection\n" \
		".ifndef _.stapsdt.base\n" \
		".pushsection .stapsdt.base,\"aG\",\"progbits\",.stapsdt.base,comdat\n" \
		".weak _.stapsdt.base\n" \
		".hidden _.stapsdt.base\n" \
		"_.stapsdt.base: .space 1\n" \
		".size _.stapsdt.base, 1\n" \
		".popsection\n" \
		".endif\n" \
		:: __VA_ARGS__)

/* The semaphore of probetest:guarded: the kernel increments it while a
 * uprobe with a reference counter is attached to that probe. */
__attribute__((section(".probes"), used)) volatile unsigned short probetest_guarded_semaphore;

__attribute__((noipa)) long probetest_add(long a, long b)
{
	return a + b;
}

__attribute__((noipa)) int probetest_neg(int a)
{
	return -a;
}

__attribute__((noipa)) size_t probetest_str(const char *s)
{
	return strlen(s);
}

/* Arguments of known types for the DWARF tests (uprobe args). */
struct dwarftest_point {
	int x;
	long y;
	const char *label;
	struct dwarftest_point *next;
	int vals[3];
	char tag[8];
};

struct dwarftest_pair {
	int a, b;
};

__attribute__((noipa)) long dwarftest_ints(signed char c, unsigned short us, int i,
					   unsigned long ul, const char *name,
					   struct dwarftest_point *pt)
{
	return c + us + i + (long)ul + (long)strlen(name) + pt->x;
}

enum dwarftest_color { DWARFTEST_RED, DWARFTEST_GREEN, DWARFTEST_BLUE };

/* Only integers: print(args) shows no addresses. */
__attribute__((noipa)) int dwarftest_flags(enum dwarftest_color color, _Bool on, short s)
{
	return (int)color + on + s;
}

/* A float (in an SSE register), a struct by value (in a register of its
 * own), and an eighth argument that is the seventh integer one (on the
 * stack): args that bpfkit refuses; the ones between are read. */
__attribute__((noipa)) long dwarftest_unreadable(double d, struct dwarftest_pair pair, int after,
						 long a4, long a5, long a6, long a7,
						 long a8)
{
	return (long)d + pair.a + after + a4 + a5 + a6 + a7 + a8;
}

/* Tells a uprobe whether the semaphore was set (printing it would race
 * with the tracer's own output). */
__attribute__((noipa)) void probetest_report(long semaphore)
{
	(void)semaphore;
}

static long number(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*end || v < 0) {
		fprintf(stderr, "probetest: bad number '%s'\n", s);
		exit(2);
	}
	return v;
}

static void do_calls(long n)
{
	volatile long sink = 0;
	for (long i = 1; i <= n; i++)
		sink += probetest_add(i, 10 * i);
	for (long i = 1; i <= n; i++)
		sink += probetest_neg((int)-i);
	sink += (long)probetest_str("hello");
	(void)sink;
}

static void do_lib(long n)
{
	volatile long sink = 0;
	for (long i = 1; i <= n; i++)
		sink += lib_probetest_mul((int)i, 3);
	for (long i = 0; i < n; i++)
		sink += getpid();
	(void)sink;
}

/* Arguments of every size and sign in registers, in stack slots, and as
 * constants; the guarded probe runs only while someone traces it. */
static void do_usdt(long n)
{
	for (long i = 1; i <= n; i++) {
		signed char c = (signed char)-i;
		short s = (short)(-100 * i);
		int k = (int)(1000 * i);
		long l = -100000L * i;
		unsigned char uc = (unsigned char)(200 + i);
		PT_USDT("probetest", "reg", "0", "-1@%b0 -2@%w1 -4@%k2 -8@%q3 1@%b4",
			"r"(c), "r"(s), "r"(k), "r"(l), "r"(uc));
		volatile int mk = (int)(-7 * i);
		volatile long ml = 123456789012L * i;
		volatile unsigned short ms = (unsigned short)(60000 + i);
		PT_USDT("probetest", "mem", "0", "-4@%0 8@%1 2@%2",
			"m"(mk), "m"(ml), "m"(ms));
		PT_USDT("probetest", "const", "0", "-4@%0 8@%1 -4@%2",
			"i"(5), "i"(4294967296L), "i"(-3));
		if (probetest_guarded_semaphore)
			PT_USDT("probetest", "guarded", "probetest_guarded_semaphore",
				"-8@%q0", "r"(i));
	}
	probetest_report(probetest_guarded_semaphore);
}

static void do_dwarf(long n)
{
	volatile long sink = 0;
	struct dwarftest_point last = { 100, 200, "last", NULL, { 7, 8, 9 }, "end" };
	for (long i = 1; i <= n; i++) {
		char name[32], label[32];
		snprintf(name, sizeof(name), "name%ld", i);
		snprintf(label, sizeof(label), "p%ld", i);
		struct dwarftest_point pt = { (int)i, -2 * i, label, &last,
					      { (int)i, 2 * (int)i, 3 * (int)i }, "tag" };
		sink += dwarftest_ints((signed char)-i, (unsigned short)(60000 + i), (int)(-1000 * i),
				       5000000000UL * (unsigned long)i, name, &pt);
		sink += dwarftest_flags(i % 2 ? DWARFTEST_BLUE : DWARFTEST_GREEN, i % 2, (short)(-5 * i));
		sink += dwarftest_unreadable(1.5, (struct dwarftest_pair){ 1, 2 }, 3, 4, 5, 6, 7, 8);
	}
	(void)sink;
}

static void spin(long ms)
{
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	do {
		for (volatile int i = 0; i < 10000; i++)
			;
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while ((now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000 < ms);
}

static void pause_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };
	nanosleep(&ts, NULL);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: probetest calls|lib|usdt|dwarf|spin|wait N\n");
		return 2;
	}
	long n = number(argv[2]);
	if (!strcmp(argv[1], "calls"))
		do_calls(n);
	else if (!strcmp(argv[1], "lib"))
		do_lib(n);
	else if (!strcmp(argv[1], "usdt"))
		do_usdt(n);
	else if (!strcmp(argv[1], "dwarf"))
		do_dwarf(n);
	else if (!strcmp(argv[1], "spin"))
		spin(n);
	else if (!strcmp(argv[1], "wait")) {
		pause_ms(n);
		probetest_add(7, 8);
	} else {
		fprintf(stderr, "probetest: unknown command '%s'\n", argv[1]);
		return 2;
	}
	return 0;
}
