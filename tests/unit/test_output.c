/* Tests of the output stage (src/output.c) against bpftrace 0.17.
 *
 * Every expected text below is bpftrace 0.17's stdout, without its first
 * "Attaching N probe(s)..." line, for the script quoted above it (run as
 * `bpftrace -e SCRIPT` and `bpftrace -f json -e SCRIPT`). Each test fills
 * real BPF maps with what that script leaves in its maps, in the layout of
 * docs/output-format.md, prints them into a memory stream and compares.
 *
 * Per-CPU scripts ran with `-c 'trig 1 3 0 2'`: trig is a tiny program
 * that calls getppid() 3 times pinned to CPU 1, then 2 times on CPU 0.
 *
 * Needs root (it creates BPF maps) and at least 2 possible CPUs for the
 * per-CPU test.
 */
#define _GNU_SOURCE
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "check.h"
#include "output.h"

/* ---- building maps ---------------------------------------------------- */

static int new_map(bool percpu, uint32_t key_size, uint32_t value_size)
{
	int fd = bpf_map_create(percpu ? BPF_MAP_TYPE_PERCPU_HASH : BPF_MAP_TYPE_HASH,
				NULL, key_size, value_size, 1024, NULL);
	if (fd < 0) {
		fprintf(stderr, "bpf_map_create: %s (the tests need root)\n",
			strerror(-fd));
		exit(1);
	}
	return fd;
}

static void put(int fd, const void *key, const void *value)
{
	CHECK(bpf_map_update_elem(fd, key, value, BPF_ANY) == 0);
}

/* Stores a per-CPU value: cpu0 on CPU 0, cpu1 (if any) on CPU 1, zero on
 * every other CPU. */
static void put_percpu(int fd, const void *key, const void *cpu0,
		       const void *cpu1, size_t size)
{
	int ncpus = libbpf_num_possible_cpus();
	size_t stride = (size + 7) & ~(size_t)7;
	uint8_t *vals = calloc((size_t)ncpus, stride);

	memcpy(vals, cpu0, size);
	if (cpu1 && ncpus > 1)
		memcpy(vals + stride, cpu1, size);
	put(fd, key, vals);
	free(vals);
}

static void put_count(int fd, const void *key, uint64_t cpu0, uint64_t cpu1)
{
	put_percpu(fd, key, &cpu0, &cpu1, sizeof(cpu0));
}

/* One histogram bucket: the BPF key is the user key then the index. */
static void put_bucket(int fd, const void *key, size_t key_size, uint64_t idx,
		       uint64_t cpu0, uint64_t cpu1)
{
	uint8_t k[64] = { 0 };

	if (key_size)
		memcpy(k, key, key_size);
	memcpy(k + key_size, &idx, sizeof(idx));
	put_count(fd, k, cpu0, cpu1);
}

static void put_minmax(int fd, const void *key, struct agg_minmax cpu0,
		       struct agg_minmax cpu1)
{
	put_percpu(fd, key, &cpu0, &cpu1, sizeof(cpu0));
}

static void put_avg(int fd, const void *key, struct agg_avg cpu0,
		    struct agg_avg cpu1)
{
	put_percpu(fd, key, &cpu0, &cpu1, sizeof(cpu0));
}

static void delete_all(int fd)
{
	uint8_t key[64];

	while (bpf_map_get_next_key(fd, NULL, key) == 0)
		CHECK(bpf_map_delete_elem(fd, key) == 0);
}

static const uint64_t no_key = 0;	/* the key of a map without keys */

static struct type agg(enum type_kind kind)
{
	struct type t = { .kind = kind, .is_signed = true };
	return t;
}

static struct type lhist(int64_t min, int64_t max, int64_t step)
{
	struct type t = { .kind = T_LHIST, .lhist_min = min, .lhist_max = max,
			  .lhist_step = step };
	return t;
}

static struct type tuple(struct type *elems, uint32_t n)
{
	struct type t = { .kind = T_TUPLE, .nelems = n, .elems = elems };
	t.size = type_layout_size(&t);
	return t;
}

static struct map_desc desc(const char *name, struct type key, struct type value,
			    int fd)
{
	struct map_desc m = { .name = name, .key = key, .value = value, .fd = fd,
			      .percpu = type_is_agg(&value) };
	return m;
}

static void close_maps(struct map_desc *maps, int n)
{
	for (int i = 0; i < n; i++)
		close(maps[i].fd);
}

/* ---- capturing output ------------------------------------------------- */

struct capture {
	char *text;
	size_t len;
	FILE *f;
	struct output *out;
};

static struct output *capture_start(struct capture *c, enum output_format fmt)
{
	c->text = NULL;
	c->f = open_memstream(&c->text, &c->len);
	c->out = output_new(c->f, fmt, libbpf_num_possible_cpus());
	return c->out;
}

/* Ends the capture and compares it with want. */
static void capture_check(struct capture *c, const char *want)
{
	output_free(c->out);
	fclose(c->f);
	CHECK_STR(c->text, want);
	free(c->text);
}

static void check_exit_maps(struct map_desc *maps, int n, enum output_format fmt,
			    const char *want)
{
	struct capture c;

	CHECK(output_print_maps_at_exit(capture_start(&c, fmt), maps, n) == 0);
	capture_check(&c, want);
}

/* ---- plain values and counts ------------------------------------------ */

/* S1: BEGIN { @a[1]=count(); @a[2]=count(); @a[2]=count(); @b = 5;
 *   @c[3,"x"] = 7; @e[1]=1; delete(@e[1]); @h = hist(5); @z=1; @y[-1]=2;
 *   @str["k"]="val"; @t=(1,"a",(2,"b")); exit(); } */
static void test_exit_plain_maps(void)
{
	static const char want_text[] =
	"\n"
	"\n"
	"@a[1]: 1\n"
	"@a[2]: 2\n"
	"@b: 5\n"
	"@c[3, x]: 7\n"
	"\n"
	"@h: \n"
	"[4, 8)                 1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n"
	"\n"
	"@str[k]: val\n"
	"@t: (1, a, (2, b))\n"
	"@y[-1]: 2\n"
	"@z: 1\n"
		;
	static const char want_json[] =
	"\n"
	"\n"
	"{\"type\": \"map\", \"data\": {\"@a\": {\"1\": 1, \"2\": 2}}}\n"
	"{\"type\": \"map\", \"data\": {\"@b\": 5}}\n"
	"{\"type\": \"map\", \"data\": {\"@c\": {\"3,x\": 7}}}\n"
	"{\"type\": \"hist\", \"data\": {\"@h\": [{\"min\": 4, \"max\": 7, \"count\": 1}]}}\n"
	"{\"type\": \"map\", \"data\": {\"@str\": {\"k\": \"val\"}}}\n"
	"{\"type\": \"map\", \"data\": {\"@t\": [1,\"a\",[2,\"b\"]]}}\n"
	"{\"type\": \"map\", \"data\": {\"@y\": {\"-1\": 2}}}\n"
	"{\"type\": \"map\", \"data\": {\"@z\": 1}}\n"
		;
	struct type i64 = type_int(8, true);
	struct type ckey_elems[] = { type_int(8, true), type_str(2) };
	struct type inner[] = { type_int(8, true), type_str(2) };
	struct type tval_elems[] = { type_int(8, true), type_str(2), tuple(inner, 2) };
	struct map_desc maps[] = {
		desc("@z", type_none(), i64, new_map(false, 8, 8)),
		desc("@h", type_none(), agg(T_HIST), new_map(true, 8, 8)),
		desc("@a", i64, agg(T_COUNT), new_map(true, 8, 8)),
		desc("@t", type_none(), tuple(tval_elems, 3), new_map(false, 8, 32)),
		desc("@e", i64, i64, new_map(false, 8, 8)),
		desc("@c", tuple(ckey_elems, 2), i64, new_map(false, 16, 8)),
		desc("@y", i64, i64, new_map(false, 8, 8)),
		desc("@b", type_none(), i64, new_map(false, 8, 8)),
		desc("@str", type_str(2), type_str(4), new_map(false, 8, 8)),
	};
	int64_t one = 1, two = 2, five = 5, seven = 7, minus1 = -1;
	struct { int64_t i; char s[8]; } ckey = { 3, "x" };
	struct { int64_t a; char b[8]; int64_t c; char d[8]; } tval = { 1, "a", 2, "b" };
	char skey[8] = "k", sval[8] = "val";

	put(maps[0].fd, &no_key, &one);
	put_bucket(maps[1].fd, NULL, 0, 4, 1, 0);
	put_count(maps[2].fd, &one, 1, 0);
	put_count(maps[2].fd, &two, 2, 0);
	put(maps[3].fd, &no_key, &tval);
	put(maps[5].fd, &ckey, &seven);
	put(maps[6].fd, &minus1, &two);
	put(maps[7].fd, &no_key, &five);
	put(maps[8].fd, skey, sval);

	check_exit_maps(maps, 9, OUT_TEXT, want_text);
	check_exit_maps(maps, 9, OUT_JSON, want_json);
	close_maps(maps, 9);
}

/* S8 (ordering): BEGIN { @s["b"]="x"; @s["ab"]="x"; @s["a"]="x";
 *   @s["B"]="x"; @s["c"]="x"; @i[-1]="x"; @i[10]="x"; @i[2]="x";
 *   @i[-20]="x"; @i[256]="x"; @t[1,256]="x"; @t[1,2]="x"; @t[1,-1]="x";
 *   @t[0,1000]="x"; @u["a",256]="x"; @u["b",0]="x"; @u["a",2]="x";
 *   @n[1]=-5; @n[2]=3; @n[3]=-10; @n[4]=0; @w[1]=(uint64)-1; @w[2]=5;
 *   exit(); }
 * The order was the same on every run: strings by key, numbers by value. */
static void test_exit_order(void)
{
	static const char want_text[] =
	"\n"
	"\n"
	"@i[2]: x\n"
	"@i[10]: x\n"
	"@i[256]: x\n"
	"@i[-20]: x\n"
	"@i[-1]: x\n"
	"@n[3]: -10\n"
	"@n[1]: -5\n"
	"@n[4]: 0\n"
	"@n[2]: 3\n"
	"@s[B]: x\n"
	"@s[a]: x\n"
	"@s[ab]: x\n"
	"@s[b]: x\n"
	"@s[c]: x\n"
	"@t[0, 1000]: x\n"
	"@t[1, 2]: x\n"
	"@t[1, 256]: x\n"
	"@t[1, -1]: x\n"
	"@u[a, 2]: x\n"
	"@u[a, 256]: x\n"
	"@u[b, 0]: x\n"
	"@w[2]: 5\n"
	"@w[1]: 18446744073709551615\n"
		;
	static const char want_json[] =
	"\n"
	"\n"
	"{\"type\": \"map\", \"data\": {\"@i\": {\"2\": \"x\", \"10\": \"x\", \"256\": \"x\", \"-20\": \"x\", \"-1\": \"x\"}}}\n"
	"{\"type\": \"map\", \"data\": {\"@n\": {\"3\": -10, \"1\": -5, \"4\": 0, \"2\": 3}}}\n"
	"{\"type\": \"map\", \"data\": {\"@s\": {\"B\": \"x\", \"a\": \"x\", \"ab\": \"x\", \"b\": \"x\", \"c\": \"x\"}}}\n"
	"{\"type\": \"map\", \"data\": {\"@t\": {\"0,1000\": \"x\", \"1,2\": \"x\", \"1,256\": \"x\", \"1,-1\": \"x\"}}}\n"
	"{\"type\": \"map\", \"data\": {\"@u\": {\"a,2\": \"x\", \"a,256\": \"x\", \"b,0\": \"x\"}}}\n"
	"{\"type\": \"map\", \"data\": {\"@w\": {\"2\": 5, \"1\": 18446744073709551615}}}\n"
		;
	struct type i64 = type_int(8, true);
	struct type tkey[] = { type_int(8, true), type_int(8, true) };
	struct type ukey[] = { type_str(8), type_int(8, true) };
	struct map_desc maps[] = {
		desc("@s", type_str(8), type_str(2), new_map(false, 8, 8)),
		desc("@i", i64, type_str(2), new_map(false, 8, 8)),
		desc("@t", tuple(tkey, 2), type_str(2), new_map(false, 16, 8)),
		desc("@u", tuple(ukey, 2), type_str(2), new_map(false, 16, 8)),
		desc("@n", i64, i64, new_map(false, 8, 8)),
		desc("@w", i64, type_int(8, false), new_map(false, 8, 8)),
	};
	char x[8] = "x";
	const char *skeys[] = { "b", "ab", "a", "B", "c" };
	int64_t ikeys[] = { -1, 10, 2, -20, 256 };
	int64_t tkeys[][2] = { { 1, 256 }, { 1, 2 }, { 1, -1 }, { 0, 1000 } };
	struct { char s[8]; int64_t i; } ukeys[] = { { "a", 256 }, { "b", 0 }, { "a", 2 } };
	int64_t nvals[][2] = { { 1, -5 }, { 2, 3 }, { 3, -10 }, { 4, 0 } };
	uint64_t wvals[][2] = { { 1, UINT64_MAX }, { 2, 5 } };

	for (int i = 0; i < 5; i++) {
		char k[8] = { 0 };
		strcpy(k, skeys[i]);
		put(maps[0].fd, k, x);
		put(maps[1].fd, &ikeys[i], x);
	}
	for (int i = 0; i < 4; i++) {
		put(maps[2].fd, tkeys[i], x);
		put(maps[4].fd, &nvals[i][0], &nvals[i][1]);
	}
	for (int i = 0; i < 3; i++)
		put(maps[3].fd, &ukeys[i], x);
	for (int i = 0; i < 2; i++)
		put(maps[5].fd, &wvals[i][0], &wvals[i][1]);

	check_exit_maps(maps, 6, OUT_TEXT, want_text);
	check_exit_maps(maps, 6, OUT_JSON, want_json);
	close_maps(maps, 6);
}

/* ---- per-CPU aggregations --------------------------------------------- */

/* S2, run with -c 'trig 1 3 0 2':
 * tracepoint:syscalls:sys_enter_getppid /comm=="trig"/ { @c = count();
 *   @s = sum(cpu == 1 ? 5 : -2); @mi = min(cpu == 1 ? 7 : 9);
 *   @mx = max(cpu == 1 ? 7 : 3); @a = avg(cpu == 1 ? 3 : 4);
 *   @st = stats(cpu == 1 ? 10 : 3); @h = hist(cpu == 1 ? 5 : 100);
 *   @l = lhist(cpu == 1 ? 15 : 60, 10, 50, 25); @k[cpu] = count(); }
 * tracepoint:syscalls:sys_enter_getppid /comm=="trig" && cpu == 1/ {
 *   @only1 = min(7); } */
static void test_percpu_aggregations(void)
{
	static const char want_text[] =
	"\n"
	"\n"
	"@a: 3\n"
	"\n"
	"@c: 5\n"
	"@h: \n"
	"[4, 8)                 3 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n"
	"[8, 16)                0 |                                                    |\n"
	"[16, 32)               0 |                                                    |\n"
	"[32, 64)               0 |                                                    |\n"
	"[64, 128)              2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@                  |\n"
	"\n"
	"@k[0]: 2\n"
	"@k[1]: 3\n"
	"@l: \n"
	"[10, 35)               3 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n"
	"[50, ...)              2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@                  |\n"
	"\n"
	"@mi: 7\n"
	"@mx: 7\n"
	"@only1: 7\n"
	"@s: 11\n"
	"@st: count 5, average 7, total 36\n"
	"\n"
		;
	static const char want_json[] =
	"\n"
	"\n"
	"{\"type\": \"stats\", \"data\": {\"@a\": 3}}\n"
	"{\"type\": \"map\", \"data\": {\"@c\": 5}}\n"
	"{\"type\": \"hist\", \"data\": {\"@h\": [{\"min\": 4, \"max\": 7, \"count\": 3}, {\"min\": 8, \"max\": 15, \"count\": 0}, {\"min\": 16, \"max\": 31, \"count\": 0}, {\"min\": 32, \"max\": 63, \"count\": 0}, {\"min\": 64, \"max\": 127, \"count\": 2}]}}\n"
	"{\"type\": \"map\", \"data\": {\"@k\": {\"0\": 2, \"1\": 3}}}\n"
	"{\"type\": \"hist\", \"data\": {\"@l\": [{\"min\": 10, \"max\": 34, \"count\": 3}, {\"min\": 50, \"count\": 2}]}}\n"
	"{\"type\": \"map\", \"data\": {\"@mi\": 7}}\n"
	"{\"type\": \"map\", \"data\": {\"@mx\": 7}}\n"
	"{\"type\": \"map\", \"data\": {\"@only1\": 7}}\n"
	"{\"type\": \"map\", \"data\": {\"@s\": 11}}\n"
	"{\"type\": \"stats\", \"data\": {\"@st\": {\"count\": 5, \"average\": 7, \"total\": 36}}}\n"
		;
	struct type i64 = type_int(8, true);
	struct map_desc maps[] = {
		desc("@c", type_none(), agg(T_COUNT), new_map(true, 8, 8)),
		desc("@s", type_none(), agg(T_SUM), new_map(true, 8, 8)),
		desc("@mi", type_none(), agg(T_MIN), new_map(true, 8, 16)),
		desc("@mx", type_none(), agg(T_MAX), new_map(true, 8, 16)),
		desc("@a", type_none(), agg(T_AVG), new_map(true, 8, 16)),
		desc("@st", type_none(), agg(T_STATS), new_map(true, 8, 16)),
		desc("@h", type_none(), agg(T_HIST), new_map(true, 8, 8)),
		desc("@l", type_none(), lhist(10, 50, 25), new_map(true, 8, 8)),
		desc("@k", i64, agg(T_COUNT), new_map(true, 8, 8)),
		desc("@only1", type_none(), agg(T_MIN), new_map(true, 8, 16)),
	};
	int64_t sum0 = -4, sum1 = 15;
	uint64_t cpu0 = 0, cpu1 = 1;

	if (libbpf_num_possible_cpus() < 2) {
		fprintf(stderr, "skipping the per-CPU test: 1 CPU\n");
		close_maps(maps, 10);
		return;
	}
	put_count(maps[0].fd, &no_key, 2, 3);
	put_percpu(maps[1].fd, &no_key, &sum0, &sum1, 8);
	put_minmax(maps[2].fd, &no_key, (struct agg_minmax){ 9, 1 },
		   (struct agg_minmax){ 7, 1 });
	put_minmax(maps[3].fd, &no_key, (struct agg_minmax){ 3, 1 },
		   (struct agg_minmax){ 7, 1 });
	put_avg(maps[4].fd, &no_key, (struct agg_avg){ 2, 8 }, (struct agg_avg){ 3, 9 });
	put_avg(maps[5].fd, &no_key, (struct agg_avg){ 2, 6 }, (struct agg_avg){ 3, 30 });
	put_bucket(maps[6].fd, NULL, 0, 4, 0, 3);	/* 5: [4, 8) */
	put_bucket(maps[6].fd, NULL, 0, 8, 2, 0);	/* 100: [64, 128) */
	put_bucket(maps[7].fd, NULL, 0, 1, 0, 3);	/* 15: [10, 35) */
	put_bucket(maps[7].fd, NULL, 0, 2, 2, 0);	/* 60: [50, ...) */
	put_count(maps[8].fd, &cpu0, 2, 0);
	put_count(maps[8].fd, &cpu1, 0, 3);
	/* CPU 0 never ran min() here: its slot is unset, not 0. */
	put_minmax(maps[9].fd, &no_key, (struct agg_minmax){ 0, 0 },
		   (struct agg_minmax){ 7, 1 });

	check_exit_maps(maps, 10, OUT_TEXT, want_text);
	check_exit_maps(maps, 10, OUT_JSON, want_json);
	close_maps(maps, 10);
}

/* S9 (zeroed maps): BEGIN { @h=hist(5); zero(@h); @l=lhist(5,0,100,10);
 *   zero(@l); @k[1]=hist(5); @k[2]=hist(100); zero(@k); @c[1]=count();
 *   zero(@c); @s=stats(5); zero(@s); @a[1]=avg(3); zero(@a); @m=min(5);
 *   zero(@m); @x[1]=max(5); zero(@x); exit(); } */
static void test_exit_zeroed(void)
{
	static const char want_text[] =
	"\n"
	"\n"
	"@a[1]: 0\n"
	"\n"
	"@c[1]: 0\n"
	"@h: \n"
	"\n"
	"@k[1]: \n"
	"\n"
	"@k[2]: \n"
	"\n"
	"@l: \n"
	"\n"
	"@m: 0\n"
	"@s: count 0, average 0, total 0\n"
	"\n"
	"@x[1]: 0\n"
		;
	static const char want_json[] =
	"\n"
	"\n"
	"{\"type\": \"stats\", \"data\": {\"@a\": {\"1\": 0}}}\n"
	"{\"type\": \"map\", \"data\": {\"@c\": {\"1\": 0}}}\n"
	"{\"type\": \"hist\", \"data\": {\"@h\": []}}\n"
	"{\"type\": \"hist\", \"data\": {\"@k\": {\"1\": [], \"2\": []}}}\n"
	"{\"type\": \"hist\", \"data\": {\"@l\": []}}\n"
	"{\"type\": \"map\", \"data\": {\"@m\": 0}}\n"
	"{\"type\": \"stats\", \"data\": {\"@s\": {\"count\": 0, \"average\": 0, \"total\": 0}}}\n"
	"{\"type\": \"map\", \"data\": {\"@x\": {\"1\": 0}}}\n"
		;
	struct type i64 = type_int(8, true);
	struct map_desc maps[] = {
		desc("@h", type_none(), agg(T_HIST), new_map(true, 8, 8)),
		desc("@l", type_none(), lhist(0, 100, 10), new_map(true, 8, 8)),
		desc("@k", i64, agg(T_HIST), new_map(true, 16, 8)),
		desc("@c", i64, agg(T_COUNT), new_map(true, 8, 8)),
		desc("@s", type_none(), agg(T_STATS), new_map(true, 8, 16)),
		desc("@a", i64, agg(T_AVG), new_map(true, 8, 16)),
		desc("@m", type_none(), agg(T_MIN), new_map(true, 8, 16)),
		desc("@x", i64, agg(T_MAX), new_map(true, 8, 16)),
	};
	int64_t k1 = 1, k2 = 2;
	struct agg_minmax unset = { 0, 0 };
	struct agg_avg none = { 0, 0 };

	put_bucket(maps[0].fd, NULL, 0, 4, 0, 0);
	put_bucket(maps[1].fd, NULL, 0, 1, 0, 0);
	put_bucket(maps[2].fd, &k1, 8, 4, 0, 0);
	put_bucket(maps[2].fd, &k2, 8, 8, 0, 0);
	put_count(maps[3].fd, &k1, 0, 0);
	put_avg(maps[4].fd, &no_key, none, none);
	put_avg(maps[5].fd, &k1, none, none);
	put_minmax(maps[6].fd, &no_key, unset, unset);
	put_minmax(maps[7].fd, &k1, unset, unset);

	check_exit_maps(maps, 8, OUT_TEXT, want_text);
	check_exit_maps(maps, 8, OUT_JSON, want_json);
	close_maps(maps, 8);
}

/* ---- histograms ------------------------------------------------------- */

/* S5: BEGIN { @l=lhist(5, 0, 100, 10); @l=lhist(-1, 0, 100, 10);
 *   @l=lhist(100, 0, 100, 10); @l=lhist(150, 0, 100, 10);
 *   @l=lhist(99, 0, 100, 10); @l=lhist(33, 0, 100, 10);
 *   @a=lhist(1536,0,3072,1536); @a=lhist(3073,0,3072,1536);
 *   @b=lhist(0, 0, 3145728, 1572864); @b=lhist(1572864, 0, 3145728, 1572864);
 *   @f=lhist(1, 1000, 2000, 1000); @g=lhist(5, 0, 2147483647, 1073741824);
 *   @g=lhist(1073741825, 0, 2147483647, 1073741824); exit(); } */
static void test_exit_lhist(void)
{
	static const char want_text[] =
	"\n"
	"\n"
	"@a: \n"
	"[1536, 3K)             1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n"
	"[3K, ...)              1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n"
	"\n"
	"@b: \n"
	"[0, 1536K)             1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n"
	"[1536K, 3M)            1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n"
	"\n"
	"@f: \n"
	"(..., 1000)            1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n"
	"\n"
	"@g: \n"
	"[0, 1024M)             1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n"
	"[2147483647, ...)       1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n"
	"\n"
	"@l: \n"
	"(..., 0)               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |\n"
	"[0, 10)                1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |\n"
	"[10, 20)               0 |                                                    |\n"
	"[20, 30)               0 |                                                    |\n"
	"[30, 40)               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |\n"
	"[40, 50)               0 |                                                    |\n"
	"[50, 60)               0 |                                                    |\n"
	"[60, 70)               0 |                                                    |\n"
	"[70, 80)               0 |                                                    |\n"
	"[80, 90)               0 |                                                    |\n"
	"[90, 100)              1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |\n"
	"[100, ...)             2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n"
	"\n"
		;
	static const char want_json[] =
	"\n"
	"\n"
	"{\"type\": \"hist\", \"data\": {\"@a\": [{\"min\": 1536, \"max\": 3071, \"count\": 1}, {\"min\": 3072, \"count\": 1}]}}\n"
	"{\"type\": \"hist\", \"data\": {\"@b\": [{\"min\": 0, \"max\": 1572863, \"count\": 1}, {\"min\": 1572864, \"max\": 3145727, \"count\": 1}]}}\n"
	"{\"type\": \"hist\", \"data\": {\"@f\": [{\"max\": 999, \"count\": 1}]}}\n"
	"{\"type\": \"hist\", \"data\": {\"@g\": [{\"min\": 0, \"max\": 1073741823, \"count\": 1}, {\"min\": 2147483647, \"count\": 1}]}}\n"
	"{\"type\": \"hist\", \"data\": {\"@l\": [{\"max\": -1, \"count\": 1}, {\"min\": 0, \"max\": 9, \"count\": 1}, {\"min\": 10, \"max\": 19, \"count\": 0}, {\"min\": 20, \"max\": 29, \"count\": 0}, {\"min\": 30, \"max\": 39, \"count\": 1}, {\"min\": 40, \"max\": 49, \"count\": 0}, {\"min\": 50, \"max\": 59, \"count\": 0}, {\"min\": 60, \"max\": 69, \"count\": 0}, {\"min\": 70, \"max\": 79, \"count\": 0}, {\"min\": 80, \"max\": 89, \"count\": 0}, {\"min\": 90, \"max\": 99, \"count\": 1}, {\"min\": 100, \"count\": 2}]}}\n"
		;
	struct map_desc maps[] = {
		desc("@l", type_none(), lhist(0, 100, 10), new_map(true, 8, 8)),
		desc("@a", type_none(), lhist(0, 3072, 1536), new_map(true, 8, 8)),
		desc("@b", type_none(), lhist(0, 3145728, 1572864), new_map(true, 8, 8)),
		desc("@f", type_none(), lhist(1000, 2000, 1000), new_map(true, 8, 8)),
		desc("@g", type_none(), lhist(0, 2147483647, 1073741824), new_map(true, 8, 8)),
	};

	put_bucket(maps[0].fd, NULL, 0, 0, 1, 0);	/* -1 */
	put_bucket(maps[0].fd, NULL, 0, 1, 1, 0);	/* 5 */
	put_bucket(maps[0].fd, NULL, 0, 4, 1, 0);	/* 33 */
	put_bucket(maps[0].fd, NULL, 0, 10, 1, 0);	/* 99 */
	put_bucket(maps[0].fd, NULL, 0, 11, 2, 0);	/* 100, 150 */
	put_bucket(maps[1].fd, NULL, 0, 2, 1, 0);	/* 1536 */
	put_bucket(maps[1].fd, NULL, 0, 3, 1, 0);	/* 3073 */
	put_bucket(maps[2].fd, NULL, 0, 1, 1, 0);	/* 0 */
	put_bucket(maps[2].fd, NULL, 0, 2, 1, 0);	/* 1572864 */
	put_bucket(maps[3].fd, NULL, 0, 0, 1, 0);	/* 1 < min */
	put_bucket(maps[4].fd, NULL, 0, 1, 1, 0);	/* 5 */
	put_bucket(maps[4].fd, NULL, 0, 2, 1, 0);	/* 1073741825 */

	check_exit_maps(maps, 5, OUT_TEXT, want_text);
	check_exit_maps(maps, 5, OUT_JSON, want_json);
	close_maps(maps, 5);
}

/* S6: BEGIN { @h=hist(1); @h=hist(2); @h=hist(2); @h=hist(4); @h=hist(4);
 *   @h=hist(4); @h=hist(8) seven times; @big=hist(1073741824);
 *   @big=hist(5000000000); @big=hist(-100); exit(); }
 * (bpftrace 0.17 puts every value >= 2^31 in bucket 33, [2G, 4G).) */
static void test_exit_hist(void)
{
	static const char want_text[] =
	"\n"
	"\n"
	"@big: \n"
	"(..., 0)               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n"
	"[0]                    0 |                                                    |\n"
	"[1]                    0 |                                                    |\n"
	"[2, 4)                 0 |                                                    |\n"
	"[4, 8)                 0 |                                                    |\n"
	"[8, 16)                0 |                                                    |\n"
	"[16, 32)               0 |                                                    |\n"
	"[32, 64)               0 |                                                    |\n"
	"[64, 128)              0 |                                                    |\n"
	"[128, 256)             0 |                                                    |\n"
	"[256, 512)             0 |                                                    |\n"
	"[512, 1K)              0 |                                                    |\n"
	"[1K, 2K)               0 |                                                    |\n"
	"[2K, 4K)               0 |                                                    |\n"
	"[4K, 8K)               0 |                                                    |\n"
	"[8K, 16K)              0 |                                                    |\n"
	"[16K, 32K)             0 |                                                    |\n"
	"[32K, 64K)             0 |                                                    |\n"
	"[64K, 128K)            0 |                                                    |\n"
	"[128K, 256K)           0 |                                                    |\n"
	"[256K, 512K)           0 |                                                    |\n"
	"[512K, 1M)             0 |                                                    |\n"
	"[1M, 2M)               0 |                                                    |\n"
	"[2M, 4M)               0 |                                                    |\n"
	"[4M, 8M)               0 |                                                    |\n"
	"[8M, 16M)              0 |                                                    |\n"
	"[16M, 32M)             0 |                                                    |\n"
	"[32M, 64M)             0 |                                                    |\n"
	"[64M, 128M)            0 |                                                    |\n"
	"[128M, 256M)           0 |                                                    |\n"
	"[256M, 512M)           0 |                                                    |\n"
	"[512M, 1G)             0 |                                                    |\n"
	"[1G, 2G)               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n"
	"[2G, 4G)               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n"
	"\n"
	"@h: \n"
	"[1]                    1 |@@@@@@@                                             |\n"
	"[2, 4)                 2 |@@@@@@@@@@@@@@                                      |\n"
	"[4, 8)                 3 |@@@@@@@@@@@@@@@@@@@@@@                              |\n"
	"[8, 16)                7 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n"
	"\n"
		;
	static const char want_json[] =
	"\n"
	"\n"
	"{\"type\": \"hist\", \"data\": {\"@big\": [{\"max\": -1, \"count\": 1}, {\"min\": 0, \"max\": 0, \"count\": 0}, {\"min\": 1, \"max\": 1, \"count\": 0}, {\"min\": 2, \"max\": 3, \"count\": 0}, {\"min\": 4, \"max\": 7, \"count\": 0}, {\"min\": 8, \"max\": 15, \"count\": 0}, {\"min\": 16, \"max\": 31, \"count\": 0}, {\"min\": 32, \"max\": 63, \"count\": 0}, {\"min\": 64, \"max\": 127, \"count\": 0}, {\"min\": 128, \"max\": 255, \"count\": 0}, {\"min\": 256, \"max\": 511, \"count\": 0}, {\"min\": 512, \"max\": 1023, \"count\": 0}, {\"min\": 1024, \"max\": 2047, \"count\": 0}, {\"min\": 2048, \"max\": 4095, \"count\": 0}, {\"min\": 4096, \"max\": 8191, \"count\": 0}, {\"min\": 8192, \"max\": 16383, \"count\": 0}, {\"min\": 16384, \"max\": 32767, \"count\": 0}, {\"min\": 32768, \"max\": 65535, \"count\": 0}, {\"min\": 65536, \"max\": 131071, \"count\": 0}, {\"min\": 131072, \"max\": 262143, \"count\": 0}, {\"min\": 262144, \"max\": 524287, \"count\": 0}, {\"min\": 524288, \"max\": 1048575, \"count\": 0}, {\"min\": 1048576, \"max\": 2097151, \"count\": 0}, {\"min\": 2097152, \"max\": 4194303, \"count\": 0}, {\"min\": 4194304, \"max\": 8388607, \"count\": 0}, {\"min\": 8388608, \"max\": 16777215, \"count\": 0}, {\"min\": 16777216, \"max\": 33554431, \"count\": 0}, {\"min\": 33554432, \"max\": 67108863, \"count\": 0}, {\"min\": 67108864, \"max\": 134217727, \"count\": 0}, {\"min\": 134217728, \"max\": 268435455, \"count\": 0}, {\"min\": 268435456, \"max\": 536870911, \"count\": 0}, {\"min\": 536870912, \"max\": 1073741823, \"count\": 0}, {\"min\": 1073741824, \"max\": 2147483647, \"count\": 1}, {\"min\": -2147483648, \"max\": 0, \"count\": 1}]}}\n"
	"{\"type\": \"hist\", \"data\": {\"@h\": [{\"min\": 1, \"max\": 1, \"count\": 1}, {\"min\": 2, \"max\": 3, \"count\": 2}, {\"min\": 4, \"max\": 7, \"count\": 3}, {\"min\": 8, \"max\": 15, \"count\": 7}]}}\n"
		;
	struct map_desc maps[] = {
		desc("@h", type_none(), agg(T_HIST), new_map(true, 8, 8)),
		desc("@big", type_none(), agg(T_HIST), new_map(true, 8, 8)),
	};

	put_bucket(maps[0].fd, NULL, 0, 2, 1, 0);
	put_bucket(maps[0].fd, NULL, 0, 3, 2, 0);
	put_bucket(maps[0].fd, NULL, 0, 4, 3, 0);
	put_bucket(maps[0].fd, NULL, 0, 5, 7, 0);
	put_bucket(maps[1].fd, NULL, 0, 32, 1, 0);
	put_bucket(maps[1].fd, NULL, 0, 33, 1, 0);
	put_bucket(maps[1].fd, NULL, 0, 0, 1, 0);

	check_exit_maps(maps, 2, OUT_TEXT, want_text);
	check_exit_maps(maps, 2, OUT_JSON, want_json);
	close_maps(maps, 2);
}

/* S7: BEGIN { @h[1]=hist(5); @h[1]=hist(100); @h[2]=hist(0); @h[2]=hist(-5);
 *   @h[2]=hist(1); @h[2]=hist(1); @h[2]=hist(2); @h[2]=hist(3);
 *   @h[2]=hist(1024); @h[2]=hist(1<<20); @h[2]=hist(1<<30); @h[2]=hist(1<<40);
 *   @h[2]=hist(1<<50); @h[2]=hist(1<<60); @h[2]=hist(0x7fffffffffffffff);
 *   exit(); } */
static void test_exit_keyed_hist(void)
{
	static const char want_text[] =
	"\n"
	"\n"
	"@h[1]: \n"
	"[4, 8)                 1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n"
	"[8, 16)                0 |                                                    |\n"
	"[16, 32)               0 |                                                    |\n"
	"[32, 64)               0 |                                                    |\n"
	"[64, 128)              1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n"
	"\n"
	"@h[2]: \n"
	"(..., 0)               1 |@@@@@@@@@@@@@                                       |\n"
	"[0]                    1 |@@@@@@@@@@@@@                                       |\n"
	"[1]                    2 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |\n"
	"[2, 4)                 2 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |\n"
	"[4, 8)                 0 |                                                    |\n"
	"[8, 16)                0 |                                                    |\n"
	"[16, 32)               0 |                                                    |\n"
	"[32, 64)               0 |                                                    |\n"
	"[64, 128)              0 |                                                    |\n"
	"[128, 256)             0 |                                                    |\n"
	"[256, 512)             0 |                                                    |\n"
	"[512, 1K)              0 |                                                    |\n"
	"[1K, 2K)               1 |@@@@@@@@@@@@@                                       |\n"
	"[2K, 4K)               0 |                                                    |\n"
	"[4K, 8K)               0 |                                                    |\n"
	"[8K, 16K)              0 |                                                    |\n"
	"[16K, 32K)             0 |                                                    |\n"
	"[32K, 64K)             0 |                                                    |\n"
	"[64K, 128K)            0 |                                                    |\n"
	"[128K, 256K)           0 |                                                    |\n"
	"[256K, 512K)           0 |                                                    |\n"
	"[512K, 1M)             0 |                                                    |\n"
	"[1M, 2M)               1 |@@@@@@@@@@@@@                                       |\n"
	"[2M, 4M)               0 |                                                    |\n"
	"[4M, 8M)               0 |                                                    |\n"
	"[8M, 16M)              0 |                                                    |\n"
	"[16M, 32M)             0 |                                                    |\n"
	"[32M, 64M)             0 |                                                    |\n"
	"[64M, 128M)            0 |                                                    |\n"
	"[128M, 256M)           0 |                                                    |\n"
	"[256M, 512M)           0 |                                                    |\n"
	"[512M, 1G)             0 |                                                    |\n"
	"[1G, 2G)               1 |@@@@@@@@@@@@@                                       |\n"
	"[2G, 4G)               4 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n"
	"\n"
		;
	static const char want_json[] =
	"\n"
	"\n"
	"{\"type\": \"hist\", \"data\": {\"@h\": {\"1\": [{\"min\": 4, \"max\": 7, \"count\": 1}, {\"min\": 8, \"max\": 15, \"count\": 0}, {\"min\": 16, \"max\": 31, \"count\": 0}, {\"min\": 32, \"max\": 63, \"count\": 0}, {\"min\": 64, \"max\": 127, \"count\": 1}], \"2\": [{\"max\": -1, \"count\": 1}, {\"min\": 0, \"max\": 0, \"count\": 1}, {\"min\": 1, \"max\": 1, \"count\": 2}, {\"min\": 2, \"max\": 3, \"count\": 2}, {\"min\": 4, \"max\": 7, \"count\": 0}, {\"min\": 8, \"max\": 15, \"count\": 0}, {\"min\": 16, \"max\": 31, \"count\": 0}, {\"min\": 32, \"max\": 63, \"count\": 0}, {\"min\": 64, \"max\": 127, \"count\": 0}, {\"min\": 128, \"max\": 255, \"count\": 0}, {\"min\": 256, \"max\": 511, \"count\": 0}, {\"min\": 512, \"max\": 1023, \"count\": 0}, {\"min\": 1024, \"max\": 2047, \"count\": 1}, {\"min\": 2048, \"max\": 4095, \"count\": 0}, {\"min\": 4096, \"max\": 8191, \"count\": 0}, {\"min\": 8192, \"max\": 16383, \"count\": 0}, {\"min\": 16384, \"max\": 32767, \"count\": 0}, {\"min\": 32768, \"max\": 65535, \"count\": 0}, {\"min\": 65536, \"max\": 131071, \"count\": 0}, {\"min\": 131072, \"max\": 262143, \"count\": 0}, {\"min\": 262144, \"max\": 524287, \"count\": 0}, {\"min\": 524288, \"max\": 1048575, \"count\": 0}, {\"min\": 1048576, \"max\": 2097151, \"count\": 1}, {\"min\": 2097152, \"max\": 4194303, \"count\": 0}, {\"min\": 4194304, \"max\": 8388607, \"count\": 0}, {\"min\": 8388608, \"max\": 16777215, \"count\": 0}, {\"min\": 16777216, \"max\": 33554431, \"count\": 0}, {\"min\": 33554432, \"max\": 67108863, \"count\": 0}, {\"min\": 67108864, \"max\": 134217727, \"count\": 0}, {\"min\": 134217728, \"max\": 268435455, \"count\": 0}, {\"min\": 268435456, \"max\": 536870911, \"count\": 0}, {\"min\": 536870912, \"max\": 1073741823, \"count\": 0}, {\"min\": 1073741824, \"max\": 2147483647, \"count\": 1}, {\"min\": -2147483648, \"max\": 0, \"count\": 4}]}}}\n"
		;
	int64_t k1 = 1, k2 = 2;
	struct map_desc maps[] = {
		desc("@h", type_int(8, true), agg(T_HIST), new_map(true, 16, 8)),
	};
	/* bucket index, count for key 2 */
	static const uint64_t k2_buckets[][2] = {
		{ 0, 1 }, { 1, 1 }, { 2, 2 }, { 3, 2 }, { 12, 1 }, { 22, 1 },
		{ 32, 1 }, { 33, 4 },
	};

	put_bucket(maps[0].fd, &k1, 8, 4, 1, 0);
	put_bucket(maps[0].fd, &k1, 8, 8, 1, 0);
	for (size_t i = 0; i < sizeof(k2_buckets) / sizeof(k2_buckets[0]); i++)
		put_bucket(maps[0].fd, &k2, 8, k2_buckets[i][0], k2_buckets[i][1], 0);

	check_exit_maps(maps, 1, OUT_TEXT, want_text);
	check_exit_maps(maps, 1, OUT_JSON, want_json);
	close_maps(maps, 1);
}

/* ---- print(@map, top, div) -------------------------------------------- */

/* S3: BEGIN { @k[1]=sum(10); @k[2]=sum(30); @k[3]=sum(-20); print(@k, 2);
 *   print(@k, 0, 3); @h[1]=hist(3); @h[2]=hist(3); @h[2]=hist(3);
 *   @h[2]=hist(10); @h[3]=hist(100) four times; print(@h, 2); print(@h, 0, 2);
 *   @a[1]=avg(10); @a[2]=avg(3); @a[3]=avg(-7); print(@a, 2, 2);
 *   @s[1]=stats(3); @s[2]=stats(10); print(@s, 1, 2); @e[1]=1;
 *   delete(@e[1]); print(@e); printf("--\n"); clear(@k); clear(@h);
 *   clear(@a); clear(@s); exit(); } */
static void run_print_calls(struct output *out, struct map_desc *maps)
{
	struct printf_desc dashes = { .fmt = "--\n", .args = { .kind = T_TUPLE } };

	CHECK(output_print_map(out, &maps[0], 2, 0) == 0);
	CHECK(output_print_map(out, &maps[0], 0, 3) == 0);
	CHECK(output_print_map(out, &maps[1], 2, 0) == 0);
	CHECK(output_print_map(out, &maps[1], 0, 2) == 0);
	CHECK(output_print_map(out, &maps[2], 2, 2) == 0);
	CHECK(output_print_map(out, &maps[3], 1, 2) == 0);
	CHECK(output_print_map(out, &maps[4], 0, 0) == 0);
	output_printf(out, &dashes, "", 0);
}

static void fill_print_maps(struct map_desc *maps)
{
	int64_t k1 = 1, k2 = 2, k3 = 3;
	int64_t s10 = 10, s30 = 30, sm20 = -20, zero = 0;

	put_percpu(maps[0].fd, &k1, &s10, &zero, 8);
	put_percpu(maps[0].fd, &k2, &s30, &zero, 8);
	put_percpu(maps[0].fd, &k3, &sm20, &zero, 8);
	put_bucket(maps[1].fd, &k1, 8, 3, 1, 0);
	put_bucket(maps[1].fd, &k2, 8, 3, 2, 0);
	put_bucket(maps[1].fd, &k2, 8, 5, 1, 0);
	put_bucket(maps[1].fd, &k3, 8, 8, 4, 0);
	put_avg(maps[2].fd, &k1, (struct agg_avg){ 1, 10 }, (struct agg_avg){ 0, 0 });
	put_avg(maps[2].fd, &k2, (struct agg_avg){ 1, 3 }, (struct agg_avg){ 0, 0 });
	put_avg(maps[2].fd, &k3, (struct agg_avg){ 1, -7 }, (struct agg_avg){ 0, 0 });
	put_avg(maps[3].fd, &k1, (struct agg_avg){ 1, 3 }, (struct agg_avg){ 0, 0 });
	put_avg(maps[3].fd, &k2, (struct agg_avg){ 1, 10 }, (struct agg_avg){ 0, 0 });
}

static void test_print_top_div(enum output_format fmt, const char *want)
{
	struct type i64 = type_int(8, true);
	struct map_desc maps[] = {
		desc("@k", i64, agg(T_SUM), new_map(true, 8, 8)),
		desc("@h", i64, agg(T_HIST), new_map(true, 16, 8)),
		desc("@a", i64, agg(T_AVG), new_map(true, 8, 16)),
		desc("@s", i64, agg(T_STATS), new_map(true, 8, 16)),
		desc("@e", i64, i64, new_map(false, 8, 8)),
	};
	struct capture c;
	struct output *out = capture_start(&c, fmt);

	fill_print_maps(maps);
	run_print_calls(out, maps);
	for (int i = 0; i < 5; i++)
		delete_all(maps[i].fd);
	CHECK(output_print_maps_at_exit(out, maps, 5) == 0);
	capture_check(&c, want);
	close_maps(maps, 5);
}

static void test_print_maps(void)
{
	static const char want_text[] =
	"@k[1]: 10\n"
	"@k[2]: 30\n"
	"@k[3]: -6\n"
	"@k[1]: 3\n"
	"@k[2]: 10\n"
	"@h[2]: \n"
	"[2, 4)                 2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n"
	"[4, 8)                 0 |                                                    |\n"
	"[8, 16)                1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |\n"
	"\n"
	"@h[3]: \n"
	"[64, 128)              4 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n"
	"\n"
	"@h[1]: \n"
	"[2, 4)                 0 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n"
	"\n"
	"@h[2]: \n"
	"[2, 4)                 1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n"
	"[4, 8)                 0 |                                                    |\n"
	"[8, 16)                0 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |\n"
	"\n"
	"@h[3]: \n"
	"[64, 128)              2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n"
	"\n"
	"@a[2]: 1\n"
	"@a[1]: 5\n"
	"\n"
	"@s[1]: count 1, average 3, total 3\n"
	"@s[2]: count 1, average 10, total 10\n"
	"\n"
	"\n"
	"--\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
	"\n"
		;
	static const char want_json[] =
	"{\"type\": \"map\", \"data\": {\"@k\": {\"1\": 10, \"2\": 30}}}\n"
	"{\"type\": \"map\", \"data\": {\"@k\": {\"3\": -6, \"1\": 3, \"2\": 10}}}\n"
	"{\"type\": \"hist\", \"data\": {\"@h\": {\"2\": [{\"min\": 2, \"max\": 3, \"count\": 2}, {\"min\": 4, \"max\": 7, \"count\": 0}, {\"min\": 8, \"max\": 15, \"count\": 1}], \"3\": [{\"min\": 64, \"max\": 127, \"count\": 4}]}}}\n"
	"{\"type\": \"hist\", \"data\": {\"@h\": {\"1\": [{\"min\": 2, \"max\": 3, \"count\": 0}], \"2\": [{\"min\": 2, \"max\": 3, \"count\": 1}, {\"min\": 4, \"max\": 7, \"count\": 0}, {\"min\": 8, \"max\": 15, \"count\": 0}], \"3\": [{\"min\": 64, \"max\": 127, \"count\": 2}]}}}\n"
	"{\"type\": \"stats\", \"data\": {\"@a\": {\"2\": 1, \"1\": 5}}}\n"
	"{\"type\": \"stats\", \"data\": {\"@s\": {\"1\": {\"count\": 1, \"average\": 3, \"total\": 3}, \"2\": {\"count\": 1, \"average\": 10, \"total\": 10}}}}\n"
	"{\"type\": \"printf\", \"data\": \"--\\n\"}\n"
	"\n"
	"\n"
		;

	test_print_top_div(OUT_TEXT, want_text);
	test_print_top_div(OUT_JSON, want_json);
}

/* ---- print(value), printf and events ---------------------------------- */

/* S4: BEGIN { print(5); print("str"); print((1,"a",(2,"b"))); print(-5);
 *   $u = (uint32)-1; print($u); print(1==1); print(buf("a\x01b", 3));
 *   print(ntop(0x0100007f));
 *   printf("q\" b\\ t\t n\n r\r x\x01 y\x7f z\xc3\xa9 / \x08 \x0c \x1f %s\n", "a\"b");
 *   printf("%c|x\n", 0); @s["k\"\\\t"]="v\"\\\n\x01"; exit(); } */
static void run_values(struct output *out, struct map_desc *smap)
{
	struct type i64 = type_int(8, true);
	struct type inner[] = { type_int(8, true), type_str(2) };
	struct type elems[] = { type_int(8, true), type_str(2), tuple(inner, 2) };
	struct type tup = tuple(elems, 3);
	struct { int64_t a; char b[8]; int64_t c; char d[8]; } tval = { 1, "a", 2, "b" };
	struct type buf_type = { .kind = T_BUF, .size = 3 };
	struct { uint64_t len; char bytes[8]; } buf = { 3, "a\001b" };
	struct type inet_type = { .kind = T_INET };
	struct { uint64_t family; uint8_t addr[16]; } inet = { AF_INET, { 127, 0, 0, 1 } };
	int64_t five = 5, minus5 = -5, one = 1, zero = 0;
	uint64_t u32max = UINT32_MAX;
	char str[8] = "str";
	struct type str_args_elems[] = { type_str(4) };
	struct printf_desc escapes = {
		.fmt = "q\" b\\ t\t n\n r\r x\001 y\177 z\303\251 / \010 \014 \037 %s\n",
		.args = tuple(str_args_elems, 1),
	};
	char escapes_arg[8] = "a\"b";
	struct type char_args_elems[] = { type_int(8, true) };
	struct printf_desc nul_char = { .fmt = "%c|x\n", .args = tuple(char_args_elems, 1) };
	struct type bool_type = { .kind = T_BOOL, .size = 8 };
	struct type u32 = type_int(4, false);
	struct type str4 = type_str(4);

	output_print_value(out, &i64, &five);
	output_print_value(out, &str4, str);
	output_print_value(out, &tup, &tval);
	output_print_value(out, &i64, &minus5);
	output_print_value(out, &u32, &u32max);
	output_print_value(out, &bool_type, &one);
	output_print_value(out, &buf_type, &buf);
	output_print_value(out, &inet_type, &inet);
	output_printf(out, &escapes, escapes_arg, sizeof(escapes_arg));
	output_printf(out, &nul_char, &zero, sizeof(zero));
	CHECK(output_print_maps_at_exit(out, smap, 1) == 0);
}

static void test_values(void)
{
	static const char want_text[] =
	"5\n"
	"str\n"
	"(1, a, (2, b))\n"
	"-5\n"
	"4294967295\n"
	"true\n"
	"a\\x01b\n"
	"127.0.0.1\n"
	"q\" b\\ t\t n\n"
	" r\015 x\001 y\177 z\303\251 / \010 \014 \037 a\"b\n"
	"|x\n"
	"\n"
	"\n"
	"@s[k\"\\\t]: v\"\\\n"
	"\001\n"
		;
	static const char want_json[] =
	"{\"type\": \"value\", \"data\": 5}\n"
	"{\"type\": \"value\", \"data\": \"str\"}\n"
	"{\"type\": \"value\", \"data\": [1,\"a\",[2,\"b\"]]}\n"
	"{\"type\": \"value\", \"data\": -5}\n"
	"{\"type\": \"value\", \"data\": 4294967295}\n"
	"{\"type\": \"value\", \"data\": true}\n"
	"{\"type\": \"value\", \"data\": \"a\\\\x01b\"}\n"
	"{\"type\": \"value\", \"data\": \"127.0.0.1\"}\n"
	"{\"type\": \"printf\", \"data\": \"q\\\" b\\\\ t\\t n\\n r\\r x\\u0001 y\177 z\\uffffffc3\\uffffffa9 / \\u0008 \\u000c \\u001f a\\\"b\\n\"}\n"
	"{\"type\": \"printf\", \"data\": \"|x\\n\"}\n"
	"\n"
	"\n"
	"{\"type\": \"map\", \"data\": {\"@s\": {\"k\\\"\\\\\\t\": \"v\\\"\\\\\\n\\u0001\"}}}\n"
		;
	struct map_desc smap = desc("@s", type_str(8), type_str(8), new_map(false, 8, 8));
	char key[8] = "k\"\\\t", value[8] = "v\"\\\n\001";
	struct capture c;

	put(smap.fd, key, value);
	run_values(capture_start(&c, OUT_TEXT), &smap);
	capture_check(&c, want_text);
	run_values(capture_start(&c, OUT_JSON), &smap);
	capture_check(&c, want_json);
	close(smap.fd);
}

/* Pointer keys show in hex, pointer values as signed numbers:
 * BEGIN { @p = curtask; @k[curtask]=1; printf("%lx\n", curtask); exit(); }
 * printed ffff88810a415b00, then these two maps. */
static void test_pointers(void)
{
	struct type ptr = { .kind = T_PTR, .size = 8 };
	struct map_desc maps[] = {
		desc("@p", type_none(), ptr, new_map(false, 8, 8)),
		desc("@k", ptr, type_int(8, true), new_map(false, 8, 8)),
	};
	uint64_t task = 0xffff88810a415b00ULL, one = 1;

	put(maps[0].fd, &no_key, &task);
	put(maps[1].fd, &task, &one);
	check_exit_maps(maps, 2, OUT_TEXT,
			"\n\n@k[0xffff88810a415b00]: 1\n@p: -131387172496640\n");
	close_maps(maps, 2);
}

/* An empty map is a blank line in text and nothing in JSON; see S3's
 * print(@e). With no maps at all only the two newlines remain:
 * BEGIN { printf("hi\n"); exit(); } prints "hi\n\n\n". */
static void test_empty(void)
{
	struct map_desc m = desc("@e", type_int(8, true), type_int(8, true),
				 new_map(false, 8, 8));
	struct capture c;

	CHECK(output_print_map(capture_start(&c, OUT_TEXT), &m, 0, 0) == 0);
	capture_check(&c, "\n");
	CHECK(output_print_map(capture_start(&c, OUT_JSON), &m, 0, 0) == 0);
	capture_check(&c, "");
	CHECK(output_print_maps_at_exit(capture_start(&c, OUT_TEXT), NULL, 0) == 0);
	capture_check(&c, "\n\n");
	close(m.fd);
}

/* Attaching: any script (1 probe: BEGIN; 2 probes: BEGIN and END).
 * Lost events: a flood of printf with BPFTRACE_PERF_RB_PAGES=1 printed
 * "Lost 1728 events" and {"type": "lost_events", "data": {"events": 3}}. */
static void test_events(void)
{
	struct capture c;
	struct output *out = capture_start(&c, OUT_TEXT);

	output_attaching(out, 1);
	output_attaching(out, 2);
	output_lost(out, 1728);
	capture_check(&c, "Attaching 1 probe...\nAttaching 2 probes...\nLost 1728 events\n");

	out = capture_start(&c, OUT_JSON);
	output_attaching(out, 1);
	output_lost(out, 3);
	capture_check(&c, "{\"type\": \"attached_probes\", \"data\": {\"probes\": 1}}\n"
			  "{\"type\": \"lost_events\", \"data\": {\"events\": 3}}\n");
}

/* A bad fd is an error, not a crash. */
static void test_bad_fd(void)
{
	struct map_desc m = desc("@x", type_none(), type_int(8, true), -1);
	struct capture c;

	CHECK(output_print_map(capture_start(&c, OUT_TEXT), &m, 0, 0) < 0);
	capture_check(&c, "");
}

int main(void)
{
	test_exit_plain_maps();
	test_exit_order();
	test_percpu_aggregations();
	test_exit_zeroed();
	test_exit_lhist();
	test_exit_hist();
	test_exit_keyed_hist();
	test_print_maps();
	test_values();
	test_pointers();
	test_empty();
	test_events();
	test_bad_fd();
	return check_report("output");
}
