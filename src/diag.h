/* Diagnostics: "FILE:LINE:COL: ERROR: message", the source line and a caret. */
#ifndef BPFKIT_DIAG_H
#define BPFKIT_DIAG_H

#include <stdio.h>

struct loc {
	int line, col;		/* 1-based; line 0 means "no place" */
	int file;		/* 0: the script; k: the k-th imported file */
};

struct source {
	const char *name;	/* file name, "stdin" or "-e" for a one-liner */
	const char *text;	/* NUL-terminated script text */
};

struct diag {
	const struct source *src;
	const struct source *imported;	/* file k of a loc is imported[k - 1] */
	int nimported;
	FILE *out;
	int nerrors;
};

__attribute__((format(printf, 3, 4)))
void diag_error(struct diag *d, struct loc at, const char *fmt, ...);
__attribute__((format(printf, 3, 4)))
void diag_warning(struct diag *d, struct loc at, const char *fmt, ...);

#endif
