/* Output stage: turns event records and map contents into bpftrace's text
 * or JSON form. It reads maps through their fds; it never touches the
 * compiler's structures beyond the descriptors below.
 */
#ifndef BPFKIT_OUTPUT_H
#define BPFKIT_OUTPUT_H

#include <stdio.h>
#include "types.h"

enum output_format { OUT_TEXT, OUT_JSON };

/* One @map of the program, as the output stage needs to read and print it. */
struct map_desc {
	const char *name;	/* "@" or "@name" */
	struct type key;	/* T_NONE for a map without keys */
	struct type value;	/* aggregation kind or plain value type */
	int fd;			/* BPF map fd */
	bool percpu;		/* values are per CPU and must be combined */
	/* For T_HIST/T_LHIST the BPF key is `key` followed by a u64 bucket
	 * index, and the value a u64 count. */
};

/* A printf() call site: the format and the layout of its arguments. */
struct printf_desc {
	const char *fmt;	/* with escapes already resolved */
	struct type args;	/* T_TUPLE of the argument types */
};

struct output;

struct output *output_new(FILE *f, enum output_format format, int ncpus);
void output_free(struct output *out);
/* bpftrace writes the two newlines before the maps at exit to stdout even
 * when -o sends everything else to a file: console is where they go
 * (by default the output's own stream). */
void output_set_console(struct output *out, FILE *console);
/* Writes out what is buffered (after each batch of events). */
void output_flush(struct output *out);

/* "Attaching N probes..." (text) or its JSON record. */
void output_attaching(struct output *out, int nprobes);
/* Formats one printf record; data points to the argument tuple. */
void output_printf(struct output *out, const struct printf_desc *d,
		   const void *data, size_t len);
/* print(@map, top, div): top == 0 prints all entries, div == 0 means 1. */
int output_print_map(struct output *out, const struct map_desc *m,
		     int top, int div);
/* What bpftrace prints at exit: every non-empty map, in bpftrace's order. */
/* A tseries map, its value axis fixed to [min, max] if `range`. */
int output_print_series(struct output *out, const struct map_desc *m, bool range,
			int64_t min, int64_t max);
int output_print_maps_at_exit(struct output *out, const struct map_desc *maps,
			      int nmaps);
/* print(value) for a non-map value. */
void output_print_value(struct output *out, const struct type *t,
			const void *data);
/* time(fmt): the local time now, formatted with strftime(3). */
void output_time(struct output *out, const char *fmt);
/* Text that is output as it is (cat, system). */
void output_raw(struct output *out, const char *text, size_t len);
/* --test and --bench results in JSON, one record a line, as bpftrace
 * writes them: {"type": "test_result", "data": {NAME: {...}}}. */
bool output_is_json(const struct output *out);
void output_test_result_json(struct output *out, const char *name, uint64_t ns, bool passed,
			     const char *text);
void output_bench_result_json(struct output *out, const char *name, uint64_t avg_ns,
			      uint64_t iters);
/* print() of a kernel struct: data holds its bytes, desc its members
 * (see ktypes_describe). Prints "{ .a = 1, .b = { .c = x } }". */
void output_print_record(struct output *out, const char *desc, const void *data);
/* A count of events the kernel dropped because the buffer was full. */
void output_lost(struct output *out, uint64_t nlost);

/* printf format handling, shared by the compiler (checking) and the
 * output (formatting). Returns 0, or -EINVAL with a bpftrace-style message
 * ("printf: ...") in err. args is a T_TUPLE (nelems may be 0). */
int fmt_check(const char *fn, const char *fmt, const struct type *args,
	      char *err, size_t errlen);
struct symbolizer;
struct text_opts;
/* Appends the formatted text to f; data holds args in the canonical layout.
 * o (may be NULL) names stacks and symbols and formats strftime() values. */
void fmt_write(FILE *f, const char *fmt, const struct type *args,
	       const void *data, const struct text_opts *o);
/* strftime() values: their formats (by id) and, taken now, the offset
 * from the monotonic clock of `nsecs` to wall-clock time. */
void output_set_time_formats(struct output *out, const char *const *fmts, int n);
/* Names for stacks and symbols in everything printed after this call. */
void output_set_symbolizer(struct output *out, struct symbolizer *sym);
/* An enumerator, for printf("%s") of an enum's value. */
struct enum_name {
	uint32_t enum_id;	/* its enum (BTF id) */
	int64_t value;
	char *name;
};
void output_set_enum_names(struct output *out, const struct enum_name *names, int n);
/* This kernel's GFP flag bits, for printf's %gr. */
struct gfp_table;
void output_set_gfp_table(struct output *out, const struct gfp_table *gfp);
/* Whether fmt has a %gr conversion. */
bool fmt_has_gfp(const char *fmt);

#endif
