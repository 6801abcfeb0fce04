/* printf-style formats with bpftrace 0.17's rules.
 *
 * bpftrace recognises only a subset of C's conversions (see struct
 * fmt_spec). It cuts the format after each recognised conversion and hands
 * every piece, with its one argument, to the C library; the text after the
 * last conversion is written as it is. We do the same, but format the
 * recognised conversion ourselves and imitate glibc for any other '%' in a
 * piece, so no piece can ever read an argument it was not given.
 * docs/output-format.md describes the observable rules.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gfp.h"
#include "output.h"
#include "output_priv.h"

/* One conversion as bpftrace recognises it:
 *   %[-][digits][.digits][hh|h|ll|l|z|j|t](d|u|x|X|o|p)
 *   %[-][digits][.digits](c|s|r|rx|rh|gr)
 */
struct fmt_spec {
	size_t start;		/* offset of the '%' */
	size_t opts_end;	/* end of the flag, width and precision */
	size_t end;		/* one past the conversion */
	char length[3];		/* length modifier, "" when absent */
	char conv[3];		/* "d" ... "p", "c", "s", "r", "rx", "rh", "gr" */
};

enum arg_class { ARG_INTEGER, ARG_STRING, ARG_BUFFER, ARG_OTHER };

static size_t skip_digits(const char *s, size_t i)
{
	while (isdigit((unsigned char)s[i]))
		i++;
	return i;
}

/* Length modifiers in the order that lets the longer one win. */
static const char *const int_lengths[] = { "hh", "h", "ll", "l", "z", "j", "t" };

static bool is_int_conv(char c)
{
	return c && strchr("duxXop", c);
}

static bool spec_match_at(const char *fmt, size_t i, struct fmt_spec *sp)
{
	size_t j = i + 1;

	if (fmt[i] != '%')
		return false;
	if (fmt[j] == '-')
		j++;
	j = skip_digits(fmt, j);
	if (fmt[j] == '.' && isdigit((unsigned char)fmt[j + 1]))
		j = skip_digits(fmt, j + 1);
	memset(sp, 0, sizeof(*sp));
	sp->start = i;
	sp->opts_end = j;

	for (size_t k = 0; k < sizeof(int_lengths) / sizeof(int_lengths[0]); k++) {
		size_t n = strlen(int_lengths[k]);
		if (strncmp(fmt + j, int_lengths[k], n) == 0 && is_int_conv(fmt[j + n])) {
			memcpy(sp->length, int_lengths[k], n);
			sp->conv[0] = fmt[j + n];
			sp->end = j + n + 1;
			return true;
		}
	}
	if (is_int_conv(fmt[j]) || fmt[j] == 'c' || fmt[j] == 's') {
		sp->conv[0] = fmt[j];
		sp->end = j + 1;
		return true;
	}
	if (fmt[j] == 'g' && fmt[j + 1] == 'r') {	/* GFP flags, as text */
		memcpy(sp->conv, "gr", 2);
		sp->end = j + 2;
		return true;
	}
	if (fmt[j] == 'r') {
		sp->conv[0] = 'r';
		if (fmt[j + 1] == 'x' || fmt[j + 1] == 'h')
			sp->conv[1] = fmt[j + 1];
		sp->end = j + 1 + strlen(sp->conv + 1);
		return true;
	}
	return false;
}

/* The first recognised conversion at or after offset from. */
static bool spec_next(const char *fmt, size_t from, struct fmt_spec *sp)
{
	for (size_t i = from; fmt[i]; i++)
		if (spec_match_at(fmt, i, sp))
			return true;
	return false;
}

bool fmt_has_gfp(const char *fmt)
{
	struct fmt_spec sp;
	for (size_t from = 0; spec_next(fmt, from, &sp); from = sp.end)
		if (!strcmp(sp.conv, "gr"))
			return true;
	return false;
}

static enum arg_class spec_wants(const struct fmt_spec *sp)
{
	if (sp->conv[0] == 's')
		return ARG_STRING;
	if (sp->conv[0] == 'r')
		return ARG_BUFFER;
	return ARG_INTEGER;
}

/* Which printf class a value belongs to; symbolic values print as text. */
static enum arg_class arg_class_of(const struct type *t)
{
	switch (t->kind) {
	case T_INT:
	case T_BOOL:
	case T_PTR:
		return ARG_INTEGER;
	case T_STR:
	case T_KSTACK:
	case T_USTACK:
	case T_KSYM:
	case T_USYM:
	case T_INET:
	case T_TIMESTAMP:
	case T_USERNAME:
	case T_MACADDR:
	case T_ERRNO:
	case T_SYSCALL:
	case T_SIGNAL:
	case T_CGROUP_PATH:
		return ARG_STRING;
	case T_BUF:
		return ARG_BUFFER;
	default:
		return ARG_OTHER;
	}
}

static const char *class_name(enum arg_class c)
{
	static const char *const names[] = {
		[ARG_INTEGER] = "integer", [ARG_STRING] = "string",
		[ARG_BUFFER] = "buffer", [ARG_OTHER] = "other",
	};
	return names[c];
}

/* The name bpftrace gives a supplied value in its type errors. */
static const char *supplied_name(const struct type *t, char *buf, size_t len)
{
	enum arg_class c = arg_class_of(t);

	if (c != ARG_OTHER)
		return class_name(c);
	if (t->kind == T_TUPLE)
		return "tuple";
	return type_name(t, buf, len);
}

static uint32_t tuple_len(const struct type *args)
{
	return args && args->kind == T_TUPLE ? args->nelems : 0;
}

int fmt_check(const char *fn, const char *fmt, const struct type *args,
	      char *err, size_t errlen)
{
	uint32_t nargs = tuple_len(args), nspecs = 0;
	struct fmt_spec sp;

	for (size_t pos = 0; spec_next(fmt, pos, &sp); pos = sp.end)
		nspecs++;
	if (nspecs != nargs) {
		snprintf(err, errlen,
			 "%s: %s arguments for format string (%u supplied, %u expected)",
			 fn, nargs < nspecs ? "Not enough" : "Too many", nargs, nspecs);
		return -EINVAL;
	}
	uint32_t i = 0;
	for (size_t pos = 0; spec_next(fmt, pos, &sp); pos = sp.end, i++) {
		const struct type *arg = &args->elems[i];
		enum arg_class want = spec_wants(&sp);
		char tname[64];

		if (arg_class_of(arg) == want || (want == ARG_STRING && arg->enum_id))
			continue;	/* an enum's value prints as its name */
		snprintf(err, errlen,
			 "%s: %%%s%s specifier expects a value of type %s (%s supplied)",
			 fn, sp.length, sp.conv, class_name(want),
			 supplied_name(arg, tname, sizeof(tname)));
		return -EINVAL;
	}
	return 0;
}

/* glibc's reading of a '%' directive that bpftrace does not recognise,
 * starting at fmt[i] and ending before limit. "%%" (with any options) is a
 * percent sign; an unknown conversion is echoed without its length
 * modifier; an unfinished one at the end vanishes. A conversion glibc knows
 * would read an argument bpftrace never passed, so its output is undefined
 * there; we echo it as written. Returns the offset after the directive. */
static size_t glibc_directive(FILE *m, const char *fmt, size_t i, size_t limit)
{
	size_t j = i + 1, length_start, conv;

	while (j < limit && strchr("-+ #0'I", fmt[j]))
		j++;
	while (j < limit && (isdigit((unsigned char)fmt[j]) || fmt[j] == '*'))
		j++;
	if (j < limit && fmt[j] == '.')
		for (j++; j < limit && (isdigit((unsigned char)fmt[j]) || fmt[j] == '*'); j++)
			;
	length_start = j;
	while (j < limit && strchr("hlqLjzZt", fmt[j]))
		j++;
	if (j >= limit)
		return limit;
	conv = j;
	if (fmt[conv] == '%') {
		fputc('%', m);
	} else if (strchr("diouxXcspneEfFgGaACSm", fmt[conv]) ||
		   memchr(fmt + i, '*', conv - i)) {
		fwrite(fmt + i, 1, conv + 1 - i, m);
	} else {
		fwrite(fmt + i, 1, length_start - i, m);
		fputc(fmt[conv], m);
	}
	return conv + 1;
}

/* The value of an integer conversion after C's length rules: no modifier
 * means int, h short, hh char; the rest are 64 bits. */
static long long int_for_conv(const struct fmt_spec *sp, uint64_t v)
{
	bool is_signed = sp->conv[0] == 'd';

	if (strcmp(sp->length, "hh") == 0)
		return is_signed ? (signed char)v : (long long)(unsigned char)v;
	if (strcmp(sp->length, "h") == 0)
		return is_signed ? (short)v : (long long)(unsigned short)v;
	if (sp->length[0] == '\0')
		return is_signed ? (int)v : (long long)(unsigned int)v;
	return (long long)v;
}

static uint64_t read_u64(const void *data)
{
	uint64_t v;
	memcpy(&v, data, sizeof(v));
	return v;
}

/* An enum's value by its enumerator's name, else as a number. */
static void enum_write(FILE *f, const struct type *t, uint64_t v, const struct text_opts *o)
{
	for (int i = 0; o && i < o->nenum_names; i++)
		if (o->enum_names[i].enum_id == t->enum_id && (uint64_t)o->enum_names[i].value == v) {
			fputs(o->enum_names[i].name, f);
			return;
		}
	fprintf(f, t->is_signed ? "%lld" : "%llu", (long long)v);
}

/* %d or %u without options, the commonest conversion, written without
 * the cost of a printf format. */
static void decimal_write(FILE *m, long long v, bool is_signed)
{
	char buf[24], *p = buf + sizeof(buf);
	bool negative = is_signed && v < 0;
	unsigned long long u = negative ? 0 - (unsigned long long)v : (unsigned long long)v;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (negative)
		*--p = '-';
	fwrite(p, 1, (size_t)(buf + sizeof(buf) - p), m);
}

/* %s of a string: its bytes up to the first NUL, with the directive's
 * width and precision (cfmt ends in "s") when it has any. */
static void str_render(FILE *m, const char *cfmt, size_t nopts, const struct type *arg,
		       const char *p)
{
	size_t n = strnlen(p, arg->size);
	if (nopts == 0) {
		fwrite(p, 1, n, m);
		return;
	}
	char small[256], *text = n < sizeof(small) ? small : malloc(n + 1);
	if (!text)
		return;
	memcpy(text, p, n);
	text[n] = '\0';
	fprintf(m, cfmt, text);
	if (text != small)
		free(text);
}

/* %s of any other value, or %g of GFP flags: the value's text, then the
 * directive's width (tail is where the conversion goes in cfmt). */
static void text_render(FILE *m, char *cfmt, char *tail, const struct fmt_spec *sp,
			const struct text_opts *o, const struct type *arg, const void *data)
{
	char *text = NULL;
	size_t len = 0;
	FILE *tm = open_memstream(&text, &len);
	if (tm) {
		if (sp->conv[0] == 's' && arg->enum_id) {
			enum_write(tm, arg, type_layout_size(arg) >= 8 ? read_u64(data) : 0, o);
		} else if (sp->conv[0] == 's') {
			value_write_text(tm, arg, data, o);
		} else {	/* the width applies to the text, a precision not */
			gfp_write(tm, type_layout_size(arg) >= 8 ? read_u64(data) : 0, o->gfp);
			char *dot = memchr(cfmt, '.', (size_t)(tail - cfmt));
			if (dot)
				tail = dot;
		}
		fclose(tm);
		strcpy(tail, "s");
		fprintf(m, cfmt, text);
	}
	free(text);
}

/* Writes one recognised conversion with its argument. Runs for every
 * printf argument of every event, so the common cases allocate nothing. */
static void conv_render(FILE *m, const char *fmt, const struct fmt_spec *sp,
			const struct text_opts *o,
			const struct type *arg, const void *data)
{
	size_t nopts = sp->opts_end - sp->start - 1;
	char small[64], *cfmt = nopts + 8 <= sizeof(small) ? small : malloc(nopts + 8);
	char conv = sp->conv[0];

	if (!cfmt)
		return;
	/* opts holds only '-', digits and '.', so it is safe to reuse. */
	cfmt[0] = '%';
	memcpy(cfmt + 1, fmt + sp->start + 1, nopts);
	char *tail = cfmt + 1 + nopts;

	if (conv == 'r') {
		if (nopts == 0 && arg->kind == T_BUF)
			buf_write(m, arg, data,
				  sp->conv[1] == 'x' ? BUF_HEX_ESCAPED :
				  sp->conv[1] == 'h' ? BUF_HEX_SPACED : BUF_ESCAPED);
		else	/* glibc has no %r and echoes it */
			fwrite(fmt + sp->start, 1, sp->end - sp->start, m);
	} else if (conv == 's' && arg->kind == T_STR && !arg->enum_id) {
		strcpy(tail, "s");
		str_render(m, cfmt, nopts, arg, data);
	} else if (conv == 's' || conv == 'g') {
		text_render(m, cfmt, tail, sp, o, arg, data);
	} else {
		uint64_t v = type_layout_size(arg) >= 8 ? read_u64(data) : 0;
		if (conv == 'p') {
			strcpy(tail, "p");
			fprintf(m, cfmt, (void *)(uintptr_t)v);
		} else if (conv == 'c') {
			strcpy(tail, "c");
			fprintf(m, cfmt, (int)v);
		} else if (nopts == 0 && (conv == 'd' || conv == 'u')) {
			decimal_write(m, int_for_conv(sp, v), conv == 'd');
		} else {
			memcpy(tail, (char[]){ 'l', 'l', conv, '\0' }, 4);
			fprintf(m, cfmt, int_for_conv(sp, v));
		}
	}
	if (cfmt != small)
		free(cfmt);
}

/* The text of fmt[from..sp->end) with the argument of sp. */
static void segment_render(FILE *m, const char *fmt, size_t from,
			   const struct text_opts *o,
			   const struct fmt_spec *sp, const struct type *arg,
			   const void *data)
{
	for (size_t i = from; i < sp->end;) {
		if (fmt[i] != '%') {
			size_t n = strcspn(fmt + i, "%");
			if (n > sp->end - i)
				n = sp->end - i;
			fwrite(fmt + i, 1, n, m);
			i += n;
		} else if (i == sp->start) {
			conv_render(m, fmt, sp, o, arg, data);
			i = sp->end;
		} else {
			i = glibc_directive(m, fmt, i, sp->end);
		}
	}
}

/* Whether a conversion's text may hold a NUL byte: %c of 0, and %s of
 * values other than strings (buffers). Strings stop at their NUL. */
static bool may_write_nul(const struct fmt_spec *sp, const struct type *arg)
{
	return sp->conv[0] == 'c' || (sp->conv[0] == 's' && arg->kind != T_STR);
}

/* One piece: fmt[from..sp->end) with the argument of sp. bpftrace formats
 * it into a C string, so the piece ends at the first NUL (e.g. %c of 0):
 * a piece that may hold one is made in memory first. */
static void segment_write(FILE *f, const char *fmt, size_t from,
			  const struct text_opts *o,
			  const struct fmt_spec *sp, const struct type *arg,
			  const void *data)
{
	if (!may_write_nul(sp, arg)) {
		segment_render(f, fmt, from, o, sp, arg, data);
		return;
	}
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	if (!m)
		return;
	segment_render(m, fmt, from, o, sp, arg, data);
	fclose(m);
	fwrite(buf, 1, strnlen(buf, len), f);
	free(buf);
}

void fmt_write(FILE *f, const char *fmt, const struct type *args,
	       const void *data, const struct text_opts *o)
{
	uint32_t nargs = tuple_len(args);
	const char *bytes = data;
	struct fmt_spec sp;
	size_t pos = 0;

	for (uint32_t i = 0; i < nargs && spec_next(fmt, pos, &sp); i++) {
		segment_write(f, fmt, pos, o, &sp, &args->elems[i],
			      bytes + type_tuple_offset(args, i));
		pos = sp.end;
	}
	/* bpftrace writes the rest as it is: "%%" stays "%%" there. */
	fputs(fmt + pos, f);
}
