/* Minimal unit-test support: each tests/unit/test_*.c is one program whose
 * main() calls CHECK* and ends with `return check_report("name");`, which
 * prints "NAME: N passed, N failed" and returns non-zero on any failure. */
#ifndef BPFKIT_CHECK_H
#define BPFKIT_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(cond)                                                          \
	do {                                                                 \
		if (cond) {                                                  \
			check_passed++;                                      \
		} else {                                                     \
			check_failed++;                                      \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, \
				__LINE__, #cond);                            \
		}                                                            \
	} while (0)

#define CHECK_STR(got, want)                                                 \
	do {                                                                 \
		const char *g_ = (got), *w_ = (want);                        \
		if (g_ && w_ && strcmp(g_, w_) == 0) {                       \
			check_passed++;                                      \
		} else {                                                     \
			check_failed++;                                      \
			fprintf(stderr,                                      \
				"%s:%d: CHECK_STR failed\n--- got:\n%s\n--- want:\n%s\n", \
				__FILE__, __LINE__, g_ ? g_ : "(null)",      \
				w_ ? w_ : "(null)");                         \
		}                                                            \
	} while (0)

static inline int check_report(const char *name)
{
	printf("%s: %d passed, %d failed\n", name, check_passed, check_failed);
	return check_failed ? 1 : 0;
}

#endif
