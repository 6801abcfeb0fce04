/* The reports of --test and --bench runs, in newer bpftrace's text. */
#ifndef BPFKIT_TESTREPORT_H
#define BPFKIT_TESTREPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* One test's lines: a header before the first; "[ RUN ]", the output of a
 * failed test, "[ OK ]" or "[ FAILED ]" with the time it took; the
 * summary after the last. names[i] and passed[i] are known up to index. */
void testreport_result(FILE *f, bool color, const char *const *names, int n, int index,
		       const bool *passed, uint64_t ns, const char *output);

/* The benchmark table: one row a benchmark, sorted by name, with its
 * average time in nanoseconds. Sorts names and ns together. */
void testreport_bench_table(FILE *f, const char **names, uint64_t *ns, int n);

#endif
