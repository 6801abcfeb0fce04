/* The --bench table against the example of bpftrace's docs/language.md
 * ("bench": same script, same numbers, names sorted), and the --test
 * report's lines as bpftrace's src/output/text.cpp writes them
 * (TextOutput::test_result), uncolored. */
#include <stdlib.h>
#include "check.h"
#include "testreport.h"

static char *bench_table(const char **names, uint64_t *ns, int n)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	testreport_bench_table(f, names, ns, n);
	fclose(f);
	return text;
}

static void test_bench_table_of_the_docs(void)
{
	const char *names[] = { "lhist", "count", "my_loop" };	/* the script's order */
	uint64_t ns[] = { 88, 40, 124 };
	char *got = bench_table(names, ns, 3);
	CHECK_STR(got,
		  "+-----------+-------------+\n"
		  "| BENCHMARK | NANOSECONDS |\n"
		  "+-----------+-------------+\n"
		  "| count     | 40          |\n"
		  "| lhist     | 88          |\n"
		  "| my_loop   | 124         |\n"
		  "+-----------+-------------+\n");
	free(got);
}

static void test_bench_table_widens(void)
{
	const char *names[] = { "a_rather_long_name" };
	uint64_t ns[] = { 123456789012ULL };
	char *got = bench_table(names, ns, 1);
	CHECK_STR(got,
		  "+--------------------+--------------+\n"
		  "| BENCHMARK          | NANOSECONDS  |\n"
		  "+--------------------+--------------+\n"
		  "| a_rather_long_name | 123456789012 |\n"
		  "+--------------------+--------------+\n");
	free(got);
}

static void test_test_report(void)
{
	const char *names[] = { "okay", "failure" };
	bool passed[] = { true, false };
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	testreport_result(f, false, names, 2, 0, passed, 850, "suppressed\n");
	testreport_result(f, false, names, 2, 1, passed, 12500, "shown\n\nafter a blank\n");
	fclose(f);
	CHECK_STR(text,
		  "[==========] Running 2 tests.\n"
		  "[ RUN      ] okay\n"
		  "[       OK ] okay (850 ns)\n"
		  "[ RUN      ] failure\n"
		  "shown\n"
		  "after a blank\n"
		  "[  FAILED  ] failure (12 μs)\n"
		  "[==========] 2 tests ran.\n"
		  "[  PASSED  ] 1 test.\n"
		  "[  FAILED  ] 1 test, listed below:\n"
		  "[  FAILED  ] failure\n");
	free(text);
}

static void test_test_report_colored(void)
{
	const char *names[] = { "one" };
	bool passed[] = { true };
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	testreport_result(f, true, names, 1, 0, passed, 2000000, "");
	fclose(f);
	CHECK_STR(text,
		  "\033[32m[==========]\033[0m Running 1 test.\n"
		  "\033[32m[ RUN      ]\033[0m one\n"
		  "\033[32m[       OK ]\033[0m one (2 ms)\n"
		  "\033[32m[==========]\033[0m 1 test ran.\n"
		  "\033[32m[  PASSED  ]\033[0m 1 test.\n");
	free(text);
}

int main(void)
{
	test_bench_table_of_the_docs();
	test_bench_table_widens();
	test_test_report();
	test_test_report_colored();
	return check_report("testreport");
}
