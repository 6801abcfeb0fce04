/* The reports of --test and --bench. The test lines follow newer
 * bpftrace's (gtest-like markers, colored on a terminal); the benchmark
 * table is the one bpftrace's language reference shows. */
#include <inttypes.h>
#include <string.h>
#include "testreport.h"

#define GREEN "\033[32m"
#define RED "\033[31m"
#define RESET "\033[0m"

static void marker(FILE *f, bool color, bool ok, const char *text)
{
	if (color)
		fprintf(f, "%s%s" RESET " ", ok ? GREEN : RED, text);
	else
		fprintf(f, "%s ", text);
}

static const char *tests_word(long n)
{
	return n == 1 ? "test" : "tests";
}

/* "(12 μs)": the time in the largest unit it reaches, as bpftrace does. */
static void print_duration(FILE *f, uint64_t ns)
{
	static const struct { uint64_t scale; const char *unit; } units[] = {
		{ 1000000000, "s" }, { 1000000, "ms" }, { 1000, "μs" }, { 1, "ns" },
	};
	size_t i = 0;
	while (i + 1 < sizeof(units) / sizeof(units[0]) && ns < units[i].scale)
		i++;
	fprintf(f, " (%" PRIu64 " %s)\n", ns / units[i].scale, units[i].unit);
}

static void print_summary(FILE *f, bool color, const char *const *names, int n,
			  const bool *passed)
{
	long npassed = 0;
	for (int i = 0; i < n; i++)
		npassed += passed[i];
	marker(f, color, true, "[==========]");
	fprintf(f, "%d %s ran.\n", n, tests_word(n));
	marker(f, color, true, "[  PASSED  ]");
	fprintf(f, "%ld %s.\n", npassed, tests_word(npassed));
	if (npassed == n)
		return;
	marker(f, color, false, "[  FAILED  ]");
	fprintf(f, "%ld %s, listed below:\n", n - npassed, tests_word(n - npassed));
	for (int i = 0; i < n; i++) {
		if (passed[i])
			continue;
		marker(f, color, false, "[  FAILED  ]");
		fprintf(f, "%s\n", names[i]);
	}
}

void testreport_result(FILE *f, bool color, const char *const *names, int n, int index,
		       const bool *passed, uint64_t ns, const char *output)
{
	if (index == 0) {
		marker(f, color, true, "[==========]");
		fprintf(f, "Running %d %s.\n", n, tests_word(n));
	}
	marker(f, color, true, "[ RUN      ]");
	fprintf(f, "%s\n", names[index]);
	if (!passed[index]) {
		/* A failed test shows what it printed, without blank lines. */
		for (const char *line = output; line && *line;) {
			size_t len = strcspn(line, "\n");
			if (len)
				fprintf(f, "%.*s\n", (int)len, line);
			line += len + (line[len] == '\n');
		}
	}
	marker(f, color, passed[index], passed[index] ? "[       OK ]" : "[  FAILED  ]");
	fputs(names[index], f);
	print_duration(f, ns);
	if (index == n - 1)
		print_summary(f, color, names, n, passed);
}

static void sort_by_name(const char **names, uint64_t *ns, int n)
{
	for (int i = 1; i < n; i++) {
		for (int k = i; k > 0 && strcmp(names[k - 1], names[k]) > 0; k--) {
			const char *name = names[k];
			uint64_t v = ns[k];
			names[k] = names[k - 1], ns[k] = ns[k - 1];
			names[k - 1] = name, ns[k - 1] = v;
		}
	}
}

static void table_rule(FILE *f, int name_width, int ns_width)
{
	fputc('+', f);
	for (int i = 0; i < name_width + 2; i++)
		fputc('-', f);
	fputc('+', f);
	for (int i = 0; i < ns_width + 2; i++)
		fputc('-', f);
	fputs("+\n", f);
}

void testreport_bench_table(FILE *f, const char **names, uint64_t *ns, int n)
{
	sort_by_name(names, ns, n);
	int name_width = (int)strlen("BENCHMARK"), ns_width = (int)strlen("NANOSECONDS");
	for (int i = 0; i < n; i++) {
		char num[32];
		int len = snprintf(num, sizeof(num), "%" PRIu64, ns[i]);
		if ((int)strlen(names[i]) > name_width)
			name_width = (int)strlen(names[i]);
		if (len > ns_width)
			ns_width = len;
	}
	table_rule(f, name_width, ns_width);
	fprintf(f, "| %-*s | %-*s |\n", name_width, "BENCHMARK", ns_width, "NANOSECONDS");
	table_rule(f, name_width, ns_width);
	for (int i = 0; i < n; i++)
		fprintf(f, "| %-*s | %-*" PRIu64 " |\n", name_width, names[i], ns_width, ns[i]);
	table_rule(f, name_width, ns_width);
}
