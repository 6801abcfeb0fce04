/* Helpers shared by output.c and fmt.c; not part of the public interface. */
#ifndef BPFKIT_OUTPUT_PRIV_H
#define BPFKIT_OUTPUT_PRIV_H

#include <stdio.h>
#include "types.h"

/* How a buffer (T_BUF) is rendered: %r, %rx, %rh. */
enum buf_style { BUF_ESCAPED, BUF_HEX_ESCAPED, BUF_HEX_SPACED };

/* The text a value shows in print() and in map values: ints in decimal,
 * strings raw up to their NUL, tuples as "(a, b)", buffers as %r. */
struct symbolizer;
struct gfp_table;

/* How values that need more than their bytes are written: stacks and
 * symbols through the symbolizer (NULL: addresses in hex), stack frames
 * indented by stack_indent spaces. */
struct text_opts {
	struct symbolizer *sym;
	int stack_indent;
	const char *const *time_fmts;	/* strftime() formats by id */
	int ntime_fmts;
	int64_t mono_to_real_ns;	/* nsecs (monotonic) to wall time */
	const struct gfp_table *gfp;	/* printf's %gr */
	const struct enum_name *enum_names;	/* printf("%s") of enum values */
	int nenum_names;
	bool series_range;		/* print(@series, min, max) */
	int64_t series_min, series_max;
};

void value_write_text(FILE *f, const struct type *t, const void *data,
		      const struct text_opts *o);
/* A T_BUF value (u64 length, then bytes) in one of the %r styles. */
void buf_write(FILE *f, const struct type *t, const void *data,
	       enum buf_style style);
/* s[0..len) as the body of a JSON string, with bpftrace 0.17's escapes. */
void json_write_escaped(FILE *f, const char *s, size_t len);

#endif
