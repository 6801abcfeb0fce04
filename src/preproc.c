/* Script preprocessing, line by line. Replacement is textual, as in C:
 * a defined name becomes its text (itself expanded) wherever it stands as
 * a whole word outside strings and comments, except after '$' or '@'. */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "preproc.h"

#define MAX_NESTING 32

struct define {
	char *name, *value;
};

/* One #if level: whether its text is kept, and whether a branch was. */
struct cond {
	bool keep, taken;
	struct loc at;
};

struct pp {
	struct define *defs;
	int ndefs;
	struct cond conds[MAX_NESTING];
	int nconds;
	bool in_comment;	/* inside a block comment spanning lines */
	struct diag *diag;
	int file;
	int line;
};

static struct define *find_define(struct pp *pp, const char *name, size_t len)
{
	for (int i = 0; i < pp->ndefs; i++)
		if (strlen(pp->defs[i].name) == len && !strncmp(pp->defs[i].name, name, len))
			return &pp->defs[i];
	return NULL;
}

static void set_define(struct pp *pp, const char *name, size_t len, const char *value, size_t vlen)
{
	struct define *d = find_define(pp, name, len);
	if (!d) {
		pp->defs = realloc(pp->defs, (size_t)(pp->ndefs + 1) * sizeof(*pp->defs));
		if (!pp->defs)
			abort();
		d = &pp->defs[pp->ndefs++];
		d->name = strndup(name, len);
	} else {
		free(d->value);
	}
	d->value = strndup(value, vlen);
	if (!d->name || !d->value)
		abort();
}

static bool keeping(const struct pp *pp)
{
	return pp->nconds == 0 || pp->conds[pp->nconds - 1].keep;
}

static size_t ident_len(const char *s)
{
	size_t n = 0;
	if (isalpha((unsigned char)s[0]) || s[0] == '_')
		while (isalnum((unsigned char)s[n]) || s[n] == '_')
			n++;
	return n;
}

/* Writes s[0..len) with defined names replaced; depth bounds a name whose
 * text names itself. */
static void expand(struct pp *pp, FILE *out, const char *s, size_t len, int depth)
{
	for (size_t i = 0; i < len;) {
		if (pp->in_comment) {
			if (s[i] == '*' && i + 1 < len && s[i + 1] == '/')
				pp->in_comment = false, fputc(s[i++], out);
			fputc(s[i++], out);
			continue;
		}
		if (s[i] == '/' && i + 1 < len && s[i + 1] == '/') {
			fwrite(s + i, 1, len - i, out);	/* the rest is a comment */
			return;
		}
		if (s[i] == '/' && i + 1 < len && s[i + 1] == '*') {
			pp->in_comment = true;
			fputs("/*", out);
			i += 2;
			continue;
		}
		if (s[i] == '"' || s[i] == '\'') {	/* a literal, as written */
			size_t j = i + 1;
			while (j < len && s[j] != s[i])
				j += s[j] == '\\' && j + 1 < len ? 2 : 1;
			j = j < len ? j + 1 : len;
			fwrite(s + i, 1, j - i, out);
			i = j;
			continue;
		}
		size_t n = ident_len(s + i);
		bool word_start = i == 0 || (!isalnum((unsigned char)s[i - 1]) && s[i - 1] != '_' &&
					     s[i - 1] != '$' && s[i - 1] != '@');
		if (!n || !word_start) {
			fputc(s[i++], out);
			continue;
		}
		struct define *d = find_define(pp, s + i, n);
		if (d && depth < MAX_NESTING)
			expand(pp, out, d->value, strlen(d->value), depth + 1);
		else
			fwrite(s + i, 1, n, out);
		i += n;
	}
}

static const char *skip_blanks(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

/* #if's condition: 0, 1 (any integer), NAME (a defined integer),
 * defined(NAME) or defined NAME, each with an optional '!'. */
static bool eval_condition(struct pp *pp, const char *s, const char *end, bool *ok)
{
	s = skip_blanks(s, end);
	bool negate = s < end && *s == '!';
	s = skip_blanks(s + negate, end);
	bool value = false;
	*ok = true;
	if (s < end && isdigit((unsigned char)*s)) {
		value = strtoll(s, NULL, 0) != 0;
	} else if (!strncmp(s, "defined", 7)) {
		s = skip_blanks(s + 7, end);
		bool paren = s < end && *s == '(';
		s = skip_blanks(s + paren, end);
		value = find_define(pp, s, ident_len(s)) != NULL;
		*ok = ident_len(s) > 0;
	} else if (ident_len(s)) {
		struct define *d = find_define(pp, s, ident_len(s));
		value = d && strtoll(d->value, NULL, 0) != 0;
	} else {
		*ok = false;
	}
	return value != negate;
}

static void error_at_line(struct pp *pp, const char *what, const char *word, size_t len)
{
	diag_error(pp->diag, (struct loc){ pp->line, 1, pp->file }, "%s%.*s", what, (int)len, word);
}

/* A '#' line (s points after the '#'). True when it was ours. */
static bool directive(struct pp *pp, const char *s, const char *end, bool *failed)
{
	s = skip_blanks(s, end);
	size_t wlen = ident_len(s);
	const char *word = s, *arg = skip_blanks(s + wlen, end);
	size_t alen = ident_len(arg);
	struct cond *top = pp->nconds ? &pp->conds[pp->nconds - 1] : NULL;
#define IS(w) (wlen == strlen(w) && !strncmp(word, w, wlen))
	if (IS("ifdef") || IS("ifndef") || IS("if")) {
		bool ok = true, v = IS("if") ? eval_condition(pp, arg, end, &ok) :
			  (find_define(pp, arg, alen) != NULL) == IS("ifdef");
		if (!ok || pp->nconds == MAX_NESTING) {
			error_at_line(pp, ok ? "#if nested too deep" : "unsupported #if condition: ",
				      arg, ok ? 0 : (size_t)(end - arg));
			*failed = true;
			return true;
		}
		bool keep = keeping(pp) && v;
		pp->conds[pp->nconds++] = (struct cond){ keep, v, { pp->line, 1, pp->file } };
	} else if (IS("elif") || IS("else")) {
		bool ok = true, v = IS("else") || eval_condition(pp, arg, end, &ok);
		if (!top || !ok) {
			if (top)
				error_at_line(pp, "unsupported #elif condition: ", arg, (size_t)(end - arg));
			else
				error_at_line(pp, IS("else") ? "#else without #if" : "#elif without #if", "", 0);
			*failed = true;
			return true;
		}
		bool parent = pp->nconds < 2 || pp->conds[pp->nconds - 2].keep;
		top->keep = parent && !top->taken && v;
		top->taken |= v;
	} else if (IS("endif")) {
		if (!top) {
			error_at_line(pp, "#endif without #if", "", 0);
			*failed = true;
			return true;
		}
		pp->nconds--;
	} else if (!keeping(pp)) {
		return true;	/* any other line of a branch not taken */
	} else if (IS("define")) {
		if (!alen || arg[alen] == '(') {
			error_at_line(pp, alen ? "#define with parameters is not supported (a macro does that): " :
					  "#define needs a name", arg, alen);
			*failed = true;
			return true;
		}
		const char *v = skip_blanks(arg + alen, end), *vend = end;
		while (vend > v && isspace((unsigned char)vend[-1]))
			vend--;
		set_define(pp, arg, alen, v, (size_t)(vend - v));
	} else if (IS("undef")) {
		struct define *d = find_define(pp, arg, alen);
		if (d)
			d->name[0] = 0;	/* matches no name again */
	} else {
		return false;	/* #include and the like: the lexer skips them */
	}
#undef IS
	return true;
}

char *preprocess(const char *text, int file, struct diag *diag)
{
	struct pp pp = { .diag = diag, .file = file };
	if (access("/sys/kernel/btf/vmlinux", R_OK) == 0)
		set_define(&pp, "BPFTRACE_HAVE_BTF", 17, "1", 1);
	char *out = NULL;
	size_t outlen = 0;
	FILE *f = open_memstream(&out, &outlen);
	if (!f)
		abort();
	bool failed = false;
	for (const char *line = text; *line && !failed;) {
		const char *end = line + strcspn(line, "\n");
		const char *s = skip_blanks(line, end);
		pp.line++;
		if (!pp.in_comment && s < end && *s == '#' && directive(&pp, s + 1, end, &failed))
			;	/* the line becomes empty */
		else if (keeping(&pp))
			expand(&pp, f, line, (size_t)(end - line), 0);
		if (*end)
			fputc('\n', f);
		line = *end ? end + 1 : end;
	}
	if (!failed && pp.nconds) {
		diag_error(diag, pp.conds[pp.nconds - 1].at, "#if without #endif");
		failed = true;
	}
	fclose(f);
	for (int i = 0; i < pp.ndefs; i++)
		free(pp.defs[i].name), free(pp.defs[i].value);
	free(pp.defs);
	if (failed) {
		free(out);
		return NULL;
	}
	return out;
}
