/* Tests of printf formats (src/fmt.c) against bpftrace 0.17.
 *
 * Error texts are what `bpftrace -e 'BEGIN { <call>; exit(); }'` printed
 * after "ERROR: " for the call quoted with each check. Formatted texts are
 * bpftrace's stdout for the printf() calls quoted with each check; they
 * were all run in one BEGIN block (see the comment above test_write).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include "check.h"
#include "output.h"

/* ---- argument tuples in the canonical layout -------------------------- */

struct args {
	struct type elems[8];
	uint32_t n;
	uint8_t data[512];
	uint32_t len;
};

static void add(struct args *a, struct type t, const void *bytes, size_t n)
{
	a->elems[a->n++] = t;
	memcpy(a->data + a->len, bytes, n);
	a->len += type_layout_size(&t);
}

static void add_int(struct args *a, int64_t v)
{
	add(a, type_int(8, true), &v, sizeof(v));
}

/* An integer of a narrower type, already extended to 8 bytes. */
static void add_typed_int(struct args *a, int size, bool is_signed, int64_t v)
{
	add(a, type_int(size, is_signed), &v, sizeof(v));
}

/* A string literal: bpftrace sizes it strlen + 1. */
static void add_str(struct args *a, const char *s)
{
	add(a, type_str((int)strlen(s) + 1), s, strlen(s) + 1);
}

static void add_buf(struct args *a, const void *bytes, uint32_t len)
{
	struct type t = { .kind = T_BUF, .size = len };
	uint64_t n = len;

	a->elems[a->n++] = t;
	memcpy(a->data + a->len, &n, sizeof(n));
	memcpy(a->data + a->len + 8, bytes, len);
	a->len += type_layout_size(&t);
}

static void add_inet(struct args *a, int family, const uint8_t addr[16])
{
	struct type t = { .kind = T_INET };
	uint64_t fam = (uint64_t)family;

	a->elems[a->n++] = t;
	memcpy(a->data + a->len, &fam, sizeof(fam));
	memcpy(a->data + a->len + 8, addr, 16);
	a->len += type_layout_size(&t);
}

static void add_kind(struct args *a, enum type_kind kind)
{
	struct type t = { .kind = kind, .size = 8 };
	uint64_t zero[4] = { 0 };

	add(a, t, zero, 8);
}

static struct type args_type(struct args *a)
{
	struct type t = { .kind = T_TUPLE, .nelems = a->n, .elems = a->elems };
	return t;
}

/* ---- checks ----------------------------------------------------------- */

static void check_write(const char *fmt, struct args *a, const char *want)
{
	struct type t = args_type(a);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	fmt_write(f, fmt, &t, a->data, NULL);
	fclose(f);
	CHECK_STR(text, want);
	free(text);
}

static void check_error(const char *fn, const char *fmt, struct args *a,
			const char *want)
{
	struct type t = args_type(a);
	char err[256] = "";

	CHECK(fmt_check(fn, fmt, &t, err, sizeof(err)) == -EINVAL);
	CHECK_STR(err, want);
}

static void check_ok(const char *fmt, struct args *a)
{
	struct type t = args_type(a);
	char err[256] = "";

	CHECK(fmt_check("printf", fmt, &t, err, sizeof(err)) == 0);
	CHECK_STR(err, "");
}

/* ---- fmt_check -------------------------------------------------------- */

static void test_check_counts(void)
{
	struct args none = { 0 }, one = { 0 }, two = { 0 }, str_int = { 0 };

	add_int(&one, 1);
	add_int(&two, 1);
	add_int(&two, 2);
	add_str(&str_int, "a");
	add_int(&str_int, 1);

	/* printf("%d\n") */
	check_error("printf", "%d\n", &none,
		    "printf: Not enough arguments for format string (0 supplied, 1 expected)");
	/* printf("%d\n", 1, 2) */
	check_error("printf", "%d\n", &two,
		    "printf: Too many arguments for format string (2 supplied, 1 expected)");
	/* printf("%s %d\n", 1): the count is checked before the types */
	check_error("printf", "%s %d\n", &one,
		    "printf: Not enough arguments for format string (1 supplied, 2 expected)");
	/* printf("%d\n", "a", 1) */
	check_error("printf", "%d\n", &str_int,
		    "printf: Too many arguments for format string (2 supplied, 1 expected)");
	/* printf("%d%%d\n", 1): "%%d" still holds a "%d" */
	check_error("printf", "%d%%d\n", &one,
		    "printf: Not enough arguments for format string (1 supplied, 2 expected)");
	/* printf("a%%b\n", 1) */
	check_error("printf", "a%%b\n", &one,
		    "printf: Too many arguments for format string (1 supplied, 0 expected)");
	/* system("echo %d") (with --unsafe) and cat("/tmp/%d") */
	check_error("system", "echo %d", &none,
		    "system: Not enough arguments for format string (0 supplied, 1 expected)");
	check_error("cat", "/tmp/%d", &none,
		    "cat: Not enough arguments for format string (0 supplied, 1 expected)");
	/* printf("%*d|\n", 3, 1) */
	check_error("printf", "%*d|\n", &two,
		    "printf: Too many arguments for format string (2 supplied, 0 expected)");
}

/* Each of these printed "printf: Too many arguments for format string
 * (1 supplied, 0 expected)" for printf("<fmt>|\n", 1): bpftrace does not
 * recognise them as conversions. */
static void test_check_unrecognised(void)
{
	static const char *const fmts[] = {
		"%q|\n", "%+d|\n", "% d|\n", "%#x|\n", "%#o|\n", "%i|\n",
		"%e|\n", "%f|\n", "%g|\n", "%n|\n", "%a|\n", "%ls|\n", "%lc|\n",
		"%hhc|\n", "%hs|\n", "%Lu|\n", "%qd|\n", "%lllx|\n", "%hhhx|\n",
		"%0-5d|\n", "%--5d|\n", "%.d|\n", "%5.d|\n", "%1.2.3d|\n",
	};
	struct args one = { 0 };

	add_int(&one, 1);
	for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++)
		check_error("printf", fmts[i], &one,
			    "printf: Too many arguments for format string (1 supplied, 0 expected)");
}

static void test_check_types(void)
{
	struct args str = { 0 }, num = { 0 }, tup = { 0 }, buf = { 0 };
	struct args num_num = { 0 }, str_str = { 0 };
	struct type pair[] = { type_int(8, true), type_int(8, true) };
	struct type tuple = { .kind = T_TUPLE, .nelems = 2, .elems = pair };
	uint64_t zeros[2] = { 0 };

	add_str(&str, "a");
	add_int(&num, 1);
	add(&tup, tuple, zeros, sizeof(zeros));
	add_buf(&buf, "abc", 2);
	add_int(&num_num, 1);
	add_int(&num_num, 2);
	add_str(&str_str, "a");
	add_str(&str_str, "b");

	/* printf("%d\n", "a") */
	check_error("printf", "%d\n", &str,
		    "printf: %d specifier expects a value of type integer (string supplied)");
	/* printf("%s\n", 1) */
	check_error("printf", "%s\n", &num,
		    "printf: %s specifier expects a value of type string (integer supplied)");
	/* printf("%r\n", 1), printf("%rx\n", 1), printf("%rh\n", 1) */
	check_error("printf", "%r\n", &num,
		    "printf: %r specifier expects a value of type buffer (integer supplied)");
	check_error("printf", "%rx\n", &num,
		    "printf: %rx specifier expects a value of type buffer (integer supplied)");
	check_error("printf", "%rh\n", &num,
		    "printf: %rh specifier expects a value of type buffer (integer supplied)");
	/* printf("%r|\n", "ab") */
	check_error("printf", "%r|\n", &str,
		    "printf: %r specifier expects a value of type buffer (string supplied)");
	/* printf("%s\n", (1,2)) and printf("%d\n", (1,2)) */
	check_error("printf", "%s\n", &tup,
		    "printf: %s specifier expects a value of type string (tuple supplied)");
	check_error("printf", "%d\n", &tup,
		    "printf: %d specifier expects a value of type integer (tuple supplied)");
	/* printf("%s\n", buf("abc", 2)) */
	check_error("printf", "%s\n", &buf,
		    "printf: %s specifier expects a value of type string (buffer supplied)");
	/* printf("%c\n", "a"), "%p", "%x", "%u", "%o", "%X" likewise */
	check_error("printf", "%c\n", &str,
		    "printf: %c specifier expects a value of type integer (string supplied)");
	check_error("printf", "%p\n", &str,
		    "printf: %p specifier expects a value of type integer (string supplied)");
	check_error("printf", "%X\n", &str,
		    "printf: %X specifier expects a value of type integer (string supplied)");
	/* printf("%hhd\n", "x"), printf("%5.2lu\n", "x"): the message shows
	 * the length modifier but not the flags, width or precision */
	check_error("printf", "%hhd\n", &str,
		    "printf: %hhd specifier expects a value of type integer (string supplied)");
	check_error("printf", "%5.2lu\n", &str,
		    "printf: %lu specifier expects a value of type integer (string supplied)");
	/* printf("%d %s\n", 1, 2): the second argument is reported */
	check_error("printf", "%d %s\n", &num_num,
		    "printf: %s specifier expects a value of type string (integer supplied)");
	/* printf("%d %d\n", "a", "b"): only the first error */
	check_error("printf", "%d %d\n", &str_str,
		    "printf: %d specifier expects a value of type integer (string supplied)");
	/* system("echo %s", 1) with --unsafe, cat("/tmp/%s", 1) */
	check_error("system", "echo %s", &num,
		    "system: %s specifier expects a value of type string (integer supplied)");
	check_error("cat", "/tmp/%s", &num,
		    "cat: %s specifier expects a value of type string (integer supplied)");
}

/* How other kinds of value are named: @h=hist(1); printf("%d\n", @h) says
 * "hist supplied", and likewise count, sum, min, lhist and stats with %d,
 * avg and max with %s; printf("%d\n", exit()) says "none supplied". */
static void test_check_type_names(void)
{
	static const struct {
		enum type_kind kind;
		const char *fmt, *want;
	} cases[] = {
		{ T_HIST, "%d\n", "printf: %d specifier expects a value of type integer (hist supplied)" },
		{ T_LHIST, "%d\n", "printf: %d specifier expects a value of type integer (lhist supplied)" },
		{ T_COUNT, "%d\n", "printf: %d specifier expects a value of type integer (count supplied)" },
		{ T_SUM, "%d\n", "printf: %d specifier expects a value of type integer (sum supplied)" },
		{ T_MIN, "%d\n", "printf: %d specifier expects a value of type integer (min supplied)" },
		{ T_STATS, "%d\n", "printf: %d specifier expects a value of type integer (stats supplied)" },
		{ T_AVG, "%s\n", "printf: %s specifier expects a value of type string (avg supplied)" },
		{ T_MAX, "%s\n", "printf: %s specifier expects a value of type string (max supplied)" },
		{ T_NONE, "%d\n", "printf: %d specifier expects a value of type integer (none supplied)" },
		/* kstack, ksym(1), usym(1), ustack, ntop(1), strftime(): strings */
		{ T_KSTACK, "%d\n", "printf: %d specifier expects a value of type integer (string supplied)" },
		{ T_USTACK, "%d\n", "printf: %d specifier expects a value of type integer (string supplied)" },
		{ T_KSYM, "%d\n", "printf: %d specifier expects a value of type integer (string supplied)" },
		{ T_USYM, "%d\n", "printf: %d specifier expects a value of type integer (string supplied)" },
		{ T_INET, "%d\n", "printf: %d specifier expects a value of type integer (string supplied)" },
		{ T_TIMESTAMP, "%d\n", "printf: %d specifier expects a value of type integer (string supplied)" },
		/* printf("%r\n", kstack) */
		{ T_KSTACK, "%r\n", "printf: %r specifier expects a value of type buffer (string supplied)" },
		/* printf("%s\n", 1==1) and printf("%s\n", curtask) */
		{ T_BOOL, "%s\n", "printf: %s specifier expects a value of type string (integer supplied)" },
		{ T_PTR, "%s\n", "printf: %s specifier expects a value of type string (integer supplied)" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct args a = { 0 };
		add_kind(&a, cases[i].kind);
		check_error("printf", cases[i].fmt, &a, cases[i].want);
	}
}

static void test_check_accepts(void)
{
	struct args none = { 0 }, one = { 0 }, str = { 0 }, buf = { 0 };
	struct args kinds = { 0 };

	add_int(&one, 1);
	add_str(&str, "abc");
	add_buf(&buf, "ab", 2);
	/* These all ran: */
	check_ok("%%\n", &none);		/* printf("%%\n") */
	check_ok("%-05d|\n", &one);		/* printf("%-05d|\n", 1) */
	check_ok("%00d|\n", &one);
	check_ok("%lp|\n", &one);
	check_ok("%llp|\n", &one);
	check_ok("%hp|\n", &one);
	check_ok("%%d\n", &one);		/* printf("%%d\n", 1) */
	check_ok("%%%d\n", &one);
	check_ok("%-08.3s|\n", &str);
	check_ok("%5r|\n", &buf);		/* printf("%5r|\n", buf("ab", 2)) */
	check_ok("%-5r|\n", &buf);
	check_ok("%.1r|\n", &buf);
	/* printf("%s %s %s %d %d\n", kstack, ntop(0), strftime("%H", nsecs),
	 * 1==1, curtask) in the spirit of the single-argument runs above */
	add_kind(&kinds, T_KSTACK);
	add_kind(&kinds, T_INET);
	add_kind(&kinds, T_TIMESTAMP);
	add_kind(&kinds, T_BOOL);
	add_kind(&kinds, T_PTR);
	check_ok("%s %s %s %d %d\n", &kinds);
}

/* ---- fmt_write -------------------------------------------------------- */

/* All outputs below were printed by one bpftrace run of
 *   BEGIN { <the printf() calls quoted at each check>; exit(); }
 * Integer literals are int64 in bpftrace. */
static void test_write_integers(void)
{
	struct args a;

	/* printf("%lld %hhd %hd %ld %zd %jd %td|\n", 1,2,3,4,5,6,7) */
	a = (struct args){ 0 };
	for (int i = 1; i <= 7; i++)
		add_int(&a, i);
	check_write("%lld %hhd %hd %ld %zd %jd %td|\n", &a, "1 2 3 4 5 6 7|\n");

	/* printf("%-5d|%05d|\n", 1, 2) */
	a = (struct args){ 0 };
	add_int(&a, 1);
	add_int(&a, 2);
	check_write("%-5d|%05d|\n", &a, "1    |00002|\n");

	/* printf("%x %X %o %u|\n", -1,-1,-1,-1): no modifier means 32 bits */
	a = (struct args){ 0 };
	for (int i = 0; i < 4; i++)
		add_int(&a, -1);
	check_write("%x %X %o %u|\n", &a, "ffffffff FFFFFFFF 37777777777 4294967295|\n");

	/* printf("%.3d|%8.3x|%-8.3X|\n", 1,2,3) */
	a = (struct args){ 0 };
	for (int i = 1; i <= 3; i++)
		add_int(&a, i);
	check_write("%.3d|%8.3x|%-8.3X|\n", &a, "001|     002|003     |\n");

	/* printf("%hhx %hx %lx %llx %zx %jx %tx|\n", -1 seven times) */
	a = (struct args){ 0 };
	for (int i = 0; i < 7; i++)
		add_int(&a, -1);
	check_write("%hhx %hx %lx %llx %zx %jx %tx|\n", &a,
		    "ff ffff ffffffffffffffff ffffffffffffffff ffffffffffffffff "
		    "ffffffffffffffff ffffffffffffffff|\n");

	/* printf("%zu %ju %tu|\n", -1,-1,-1) */
	a = (struct args){ 0 };
	for (int i = 0; i < 3; i++)
		add_int(&a, -1);
	check_write("%zu %ju %tu|\n", &a,
		    "18446744073709551615 18446744073709551615 18446744073709551615|\n");

	/* printf("%hhu %hu %lu %llu|\n", -1,-1,-1,-1) */
	a = (struct args){ 0 };
	for (int i = 0; i < 4; i++)
		add_int(&a, -1);
	check_write("%hhu %hu %lu %llu|\n", &a,
		    "255 65535 18446744073709551615 18446744073709551615|\n");

	/* printf("%hhd %hd %ld %lld|\n", 255,65535,-1,-1) */
	a = (struct args){ 0 };
	add_int(&a, 255);
	add_int(&a, 65535);
	add_int(&a, -1);
	add_int(&a, -1);
	check_write("%hhd %hd %ld %lld|\n", &a, "-1 -1 -1 -1|\n");

	/* printf("%.0d|\n", 0) and printf("%00d|\n", 1) */
	a = (struct args){ 0 };
	add_int(&a, 0);
	check_write("%.0d|\n", &a, "|\n");
	a = (struct args){ 0 };
	add_int(&a, 1);
	check_write("%00d|\n", &a, "1|\n");

	/* printf("%d %u %x|\n", 0x100000001, 0x1ffffffff, 0x1ffffffff) */
	a = (struct args){ 0 };
	add_int(&a, 0x100000001);
	add_int(&a, 0x1ffffffff);
	add_int(&a, 0x1ffffffff);
	check_write("%d %u %x|\n", &a, "1 4294967295 ffffffff|\n");

	/* $x = (uint8)300; $y = (int8)200; printf("%d %d %u %u|\n", $x, $y, $x, $y) */
	a = (struct args){ 0 };
	add_typed_int(&a, 1, false, 44);
	add_typed_int(&a, 1, true, -56);
	add_typed_int(&a, 1, false, 44);
	add_typed_int(&a, 1, true, -56);
	check_write("%d %d %u %u|\n", &a, "44 -56 44 4294967240|\n");

	/* printf("%5.3lld|%-6hu|%08.3hhx|\n", 7, 65537, 0x1ff) */
	a = (struct args){ 0 };
	add_int(&a, 7);
	add_int(&a, 65537);
	add_int(&a, 0x1ff);
	check_write("%5.3lld|%-6hu|%08.3hhx|\n", &a, "  007|1     |     0ff|\n");

	/* printf("%p %p|\n", 0, -1) and printf("%lp %hp %llp|\n", 1, 1, 1) */
	a = (struct args){ 0 };
	add_int(&a, 0);
	add_int(&a, -1);
	check_write("%p %p|\n", &a, "(nil) 0xffffffffffffffff|\n");
	a = (struct args){ 0 };
	for (int i = 0; i < 3; i++)
		add_int(&a, 1);
	check_write("%lp %hp %llp|\n", &a, "0x1 0x1 0x1|\n");

	/* printf("%2000d|\n", 1) printed 2001 characters */
	a = (struct args){ 0 };
	add_int(&a, 1);
	char *wide = malloc(2003);
	memset(wide, ' ', 1999);
	strcpy(wide + 1999, "1|\n");
	check_write("%2000d|\n", &a, wide);
	free(wide);
}

static void test_write_chars_and_strings(void)
{
	struct args a;

	/* printf("%c%c|\n", 65, 66) */
	a = (struct args){ 0 };
	add_int(&a, 65);
	add_int(&a, 66);
	check_write("%c%c|\n", &a, "AB|\n");

	/* printf("%c|%c|\n", 0, 321): %c of 0 ends its piece; 321 is 'A' */
	a = (struct args){ 0 };
	add_int(&a, 0);
	add_int(&a, 321);
	check_write("%c|%c|\n", &a, "|A|\n");

	/* printf("%5c|%-5c|\n", 65, 66) */
	a = (struct args){ 0 };
	add_int(&a, 65);
	add_int(&a, 66);
	check_write("%5c|%-5c|\n", &a, "    A|B    |\n");

	/* printf("%5c|x\n", 0), printf("%-3c|x\n", 0), printf("x%cabc|\n", 0),
	 * printf("%c-abc %d|\n", 0, 1) */
	a = (struct args){ 0 };
	add_int(&a, 0);
	check_write("%5c|x\n", &a, "    |x\n");
	check_write("%-3c|x\n", &a, "|x\n");
	check_write("x%cabc|\n", &a, "xabc|\n");
	add_int(&a, 1);
	check_write("%c-abc %d|\n", &a, "-abc 1|\n");

	/* printf("%5.2s|\n", "abc") */
	a = (struct args){ 0 };
	add_str(&a, "abc");
	check_write("%5.2s|\n", &a, "   ab|\n");

	/* printf("%-08.3s|\n", "abcdef") and printf("%05s|\n", "ab") */
	a = (struct args){ 0 };
	add_str(&a, "abcdef");
	check_write("%-08.3s|\n", &a, "abc     |\n");
	a = (struct args){ 0 };
	add_str(&a, "ab");
	check_write("%05s|\n", &a, "   ab|\n");

	/* printf("%s|%10s|%-10s|\n", "", "abc", "abc") */
	a = (struct args){ 0 };
	add_str(&a, "");
	add_str(&a, "abc");
	add_str(&a, "abc");
	check_write("%s|%10s|%-10s|\n", &a, "|       abc|abc       |\n");

	/* printf("%s %s\n", "abc", "abcdefghijklmno") */
	a = (struct args){ 0 };
	add_str(&a, "abc");
	add_str(&a, "abcdefghijklmno");
	check_write("%s %s\n", &a, "abc abcdefghijklmno\n");

	/* A string that fills its whole size has no NUL; it stops at size. */
	a = (struct args){ 0 };
	add(&a, type_str(4), "abcdXXXX", 8);
	check_write("[%s]\n", &a, "[abcd]\n");

	/* $s = "a\x01\x7f\xc3\xa9\tb"; printf("%s|\n", $s): bytes pass as is */
	a = (struct args){ 0 };
	add_str(&a, "a\001\177\303\251\tb");
	check_write("%s|\n", &a, "a\001\177\303\251\tb|\n");

	/* printf("%s|%s\n", ntop(0x0100007f), ntop(10, pton("fe80::1"))) */
	a = (struct args){ 0 };
	add_inet(&a, AF_INET, (const uint8_t[16]){ 127, 0, 0, 1 });
	add_inet(&a, AF_INET6, (const uint8_t[16]){ 0xfe, 0x80, [15] = 1 });
	check_write("%s|%s\n", &a, "127.0.0.1|fe80::1\n");
}

static void test_write_buffers(void)
{
	struct args a;

	/* printf("%r|%rx|%rh|\n", buf("a\x01\xffb", 4) three times) */
	a = (struct args){ 0 };
	for (int i = 0; i < 3; i++)
		add_buf(&a, "a\001\377b", 4);
	check_write("%r|%rx|%rh|\n", &a,
		    "a\\x01\\xffb|\\x61\\x01\\xff\\x62|61 01 ff 62|\n");

	/* printf("%r|\n", buf("\x00\x01abc\\\"\n\t\x7f ~", 13)) */
	a = (struct args){ 0 };
	add_buf(&a, "\000\001abc\\\"\n\t\177 ~", 13);
	check_write("%r|\n", &a, "\\x00\\x01abc\\\"\\x0a\\x09\\x7f ~\\x00|\n");

	/* printf("%5r|%-5r|%.1r|\n", buf("ab", 2) three times): C has no %r,
	 * so with options it is echoed */
	a = (struct args){ 0 };
	for (int i = 0; i < 3; i++)
		add_buf(&a, "ab", 2);
	check_write("%5r|%-5r|%.1r|\n", &a, "%5r|%-5r|%.1r|\n");

	/* printf("%rx\n", buf("", 0)) */
	a = (struct args){ 0 };
	add_buf(&a, "", 0);
	check_write("%rx\n", &a, "\n");
}

static void test_write_percent(void)
{
	struct args a;

	/* printf("%%\n"), and printf("%") then printf("|\n"): with no
	 * arguments the format is written as it is */
	a = (struct args){ 0 };
	check_write("%%\n", &a, "%%\n");
	check_write("%", &a, "%");

	/* printf("%%|%d\n", 5) */
	a = (struct args){ 0 };
	add_int(&a, 5);
	check_write("%%|%d\n", &a, "%|5\n");

	/* printf("%% %d %% %d %%\n", 1, 2): after the last conversion too */
	a = (struct args){ 0 };
	add_int(&a, 1);
	add_int(&a, 2);
	check_write("%% %d %% %d %%\n", &a, "% 1 % 2 %%\n");

	/* printf("%d%%d\n", 1, 2) */
	check_write("%d%%d\n", &a, "1%d\n");

	/* printf("%%s %d\n", "a", 1) */
	a = (struct args){ 0 };
	add_str(&a, "a");
	add_int(&a, 1);
	check_write("%%s %d\n", &a, "%s 1\n");

	/* printf("%q %d %\n", 1), printf("a%5%b%d|\n", 1),
	 * printf("%ly %d|\n", 1), printf("%y|%d\n", 1) */
	a = (struct args){ 0 };
	add_int(&a, 1);
	check_write("%q %d %\n", &a, "% 1 %\n");
	check_write("a%5%b%d|\n", &a, "a%b1|\n");
	check_write("%ly %d|\n", &a, "%y 1|\n");
	check_write("%y|%d\n", &a, "%y|1\n");

	/* printf("100%% %s\n", "x"), printf("%s %\n", "a"),
	 * printf("%s %5\n", "a"), printf("%s %-\n", "a") */
	a = (struct args){ 0 };
	add_str(&a, "x");
	check_write("100%% %s\n", &a, "100% x\n");
	a = (struct args){ 0 };
	add_str(&a, "a");
	check_write("%s %\n", &a, "a %\n");
	check_write("%s %5\n", &a, "a %5\n");
	check_write("%s %-\n", &a, "a %-\n");
}

int main(void)
{
	test_check_counts();
	test_check_unrecognised();
	test_check_types();
	test_check_type_names();
	test_check_accepts();
	test_write_integers();
	test_write_chars_and_strings();
	test_write_buffers();
	test_write_percent();
	return check_report("fmt");
}
