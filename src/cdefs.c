/* C definitions written in a script (struct, union, enum, typedef), added
 * to a BTF so that casts, ->, sizeof, offsetof and enum constants find
 * them as they find the kernel's types.
 *
 * Layout is C's on x86-64: each member at the next multiple of its
 * alignment, a struct's size rounded to its widest alignment, a union's
 * members all at 0. Bitfields are refused. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include "cdefs.h"

#define MAX_FIELDS 256
#define MAX_NAME 128

struct cparser {
	struct btf *btf;
	const char *p;		/* next character */
	const char *start;	/* the whole text, for error offsets */
	char tok[MAX_NAME];	/* the current token: a word, a number or one char */
	const char *tok_at;
	struct cdefs_error *err;
	int failed;
};

static int fail(struct cparser *c, const char *fmt, ...)
{
	if (!c->failed) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(c->err->msg, sizeof(c->err->msg), fmt, ap);
		va_end(ap);
		c->err->offset = (int)(c->tok_at - c->start);
	}
	c->failed = 1;
	return -EINVAL;
}

static void skip_space(struct cparser *c)
{
	for (;;) {
		while (isspace((unsigned char)*c->p))
			c->p++;
		if (c->p[0] == '/' && c->p[1] == '/') {
			while (*c->p && *c->p != '\n')
				c->p++;
		} else if (c->p[0] == '/' && c->p[1] == '*') {
			const char *end = strstr(c->p + 2, "*/");
			c->p = end ? end + 2 : c->p + strlen(c->p);
		} else {
			return;
		}
	}
}

/* Reads the next token into c->tok ("" at the end). */
static void next(struct cparser *c)
{
	skip_space(c);
	c->tok_at = c->p;
	size_t n = 0;
	if (isalnum((unsigned char)*c->p) || *c->p == '_') {
		while ((isalnum((unsigned char)*c->p) || *c->p == '_') && n < MAX_NAME - 1)
			c->tok[n++] = *c->p++;
	} else if (*c->p) {
		c->tok[n++] = *c->p++;
	}
	c->tok[n] = 0;
}

static bool is(const struct cparser *c, const char *s)
{
	return !strcmp(c->tok, s);
}

static int expect(struct cparser *c, const char *s)
{
	if (!is(c, s))
		return fail(c, "expected '%s' but found '%s'", s, c->tok);
	next(c);
	return 0;
}

static bool is_name(const char *s)
{
	return isalpha((unsigned char)*s) || *s == '_';
}

/* ---- types ---- */

static int int_type(struct cparser *c, const char *name, int size, bool is_signed)
{
	int id = btf__find_by_name_kind(c->btf, name, BTF_KIND_INT);
	if (id > 0)
		return id;
	id = btf__add_int(c->btf, name, size, is_signed ? BTF_INT_SIGNED : 0);
	return id > 0 ? id : fail(c, "cannot add type %s", name);
}

/* bpftrace's and the kernel's fixed-width names. */
static int fixed_int(struct cparser *c, const char *w)
{
	static const struct { const char *name; int size; bool is_signed; } names[] = {
		{ "int8", 1, true }, { "int16", 2, true }, { "int32", 4, true }, { "int64", 8, true },
		{ "uint8", 1, false }, { "uint16", 2, false }, { "uint32", 4, false },
		{ "uint64", 8, false }, { "int8_t", 1, true }, { "int16_t", 2, true },
		{ "int32_t", 4, true }, { "int64_t", 8, true }, { "uint8_t", 1, false },
		{ "uint16_t", 2, false }, { "uint32_t", 4, false }, { "uint64_t", 8, false },
		{ "u8", 1, false }, { "u16", 2, false }, { "u32", 4, false }, { "u64", 8, false },
		{ "s8", 1, true }, { "s16", 2, true }, { "s32", 4, true }, { "s64", 8, true },
		{ "bool", 1, false }, { "_Bool", 1, false },
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(names[i].name, w))
			return int_type(c, names[i].name, names[i].size, names[i].is_signed);
	return 0;
}

/* char, unsigned short, long long int...: C's base integer words. */
static int base_int(struct cparser *c)
{
	int longs = 0, shorts = 0, chars = 0, ints = 0, unsig = 0, sign = 0;
	for (;; next(c)) {
		if (is(c, "long"))
			longs++;
		else if (is(c, "short"))
			shorts++;
		else if (is(c, "char"))
			chars++;
		else if (is(c, "int"))
			ints++;
		else if (is(c, "unsigned"))
			unsig++;
		else if (is(c, "signed"))
			sign++;
		else
			break;
	}
	if (!longs && !shorts && !chars && !ints && !unsig && !sign)
		return 0;
	int size = chars ? 1 : shorts ? 2 : longs ? 8 : 4;
	char name[32];
	snprintf(name, sizeof(name), "%s%s", unsig ? "unsigned " : "",
		 chars ? "char" : shorts ? "short" : longs ? "long" : "int");
	return int_type(c, name, size, !unsig);
}

static int parse_record(struct cparser *c, bool is_union, const char *name);
static int parse_enum(struct cparser *c, const char *name);

/* struct X / union X / enum X, with or without a body. */
static int tagged_type(struct cparser *c)
{
	bool is_enum = is(c, "enum"), is_union = is(c, "union");
	next(c);
	char name[MAX_NAME] = "";
	if (is_name(c->tok)) {
		snprintf(name, sizeof(name), "%s", c->tok);
		next(c);
	}
	if (is(c, "{"))
		return is_enum ? parse_enum(c, name) : parse_record(c, is_union, name);
	if (!*name)
		return fail(c, "expected a name or '{' after %s", is_enum ? "enum" : is_union ? "union" : "struct");
	int kind = is_enum ? BTF_KIND_ENUM : is_union ? BTF_KIND_UNION : BTF_KIND_STRUCT;
	int id = btf__find_by_name_kind(c->btf, name, kind);
	if (id > 0)
		return id;
	if (is_enum)
		return fail(c, "unknown type enum %s", name);
	/* Unknown: declared here, usable behind a pointer (as in C). */
	id = btf__find_by_name_kind(c->btf, name, BTF_KIND_FWD);
	if (id <= 0)
		id = btf__add_fwd(c->btf, name, is_union ? BTF_FWD_UNION : BTF_FWD_STRUCT);
	return id > 0 ? id : fail(c, "cannot declare %s", name);
}

/* A type specifier: integers, tagged types, fixed-width and typedef names. */
static int parse_type(struct cparser *c)
{
	while (is(c, "const") || is(c, "volatile"))
		next(c);
	if (is(c, "struct") || is(c, "union") || is(c, "enum"))
		return tagged_type(c);
	if (is(c, "void")) {
		next(c);
		return 0;
	}
	int id = base_int(c);
	if (id || c->failed)
		return id;
	if (!is_name(c->tok))
		return fail(c, "expected a type but found '%s'", c->tok);
	id = fixed_int(c, c->tok);
	if (!id)
		id = btf__find_by_name_kind(c->btf, c->tok, BTF_KIND_TYPEDEF);
	if (id <= 0)
		return fail(c, "unknown type '%s'", c->tok);
	next(c);
	return id;
}

/* '*'s, a name, '[N]'s: the declared type's id; the name goes to name. */
static int parse_declarator(struct cparser *c, int type, char *name, size_t len)
{
	while (is(c, "*")) {
		type = btf__add_ptr(c->btf, type);
		next(c);
	}
	*name = 0;
	if (is_name(c->tok)) {
		snprintf(name, len, "%s", c->tok);
		next(c);
	}
	long dims[8];
	int ndims = 0;
	while (is(c, "[") && ndims < 8) {
		next(c);
		char *end;
		dims[ndims++] = strtol(c->tok, &end, 0);
		if (*end || dims[ndims - 1] < 0)
			return fail(c, "array sizes must be numbers");
		next(c);
		if (expect(c, "]"))
			return -EINVAL;
	}
	if (is(c, ":"))
		return fail(c, "bitfields are not supported in script types");
	int index = ndims ? int_type(c, "int", 4, true) : 0;
	for (int i = ndims - 1; i >= 0 && !c->failed; i--)
		type = btf__add_array(c->btf, index, type, (uint32_t)dims[i]);
	return c->failed ? -EINVAL : type;
}

/* ---- definitions ---- */

struct field {
	char name[MAX_NAME];
	int type;
};

static int add_record(struct cparser *c, bool is_union, const char *name,
		      const struct field *f, int n)
{
	long size = 0, align = 1;
	long offsets[MAX_FIELDS];
	for (int i = 0; i < n; i++) {
		long fsize = btf__resolve_size(c->btf, (uint32_t)f[i].type);
		long falign = btf__align_of(c->btf, (uint32_t)f[i].type);
		if (fsize < 0 || falign <= 0)
			return fail(c, "member %s has an incomplete type", f[i].name);
		offsets[i] = is_union ? 0 : (size + falign - 1) / falign * falign;
		long end = offsets[i] + fsize;
		size = end > size ? end : size;
		align = falign > align ? falign : align;
	}
	size = (size + align - 1) / align * align;
	int id = is_union ? btf__add_union(c->btf, name, (uint32_t)size) :
			    btf__add_struct(c->btf, name, (uint32_t)size);
	for (int i = 0; i < n && id > 0; i++)
		if (btf__add_field(c->btf, f[i].name, f[i].type, (uint32_t)offsets[i] * 8, 0))
			return fail(c, "cannot add member %s", f[i].name);
	return id > 0 ? id : fail(c, "cannot add %s", name);
}

/* '{' members '}': member types first, then the record (BTF wants a
 * record's members right after it). */
static int parse_record(struct cparser *c, bool is_union, const char *name)
{
	static const struct field none;
	struct field *f = malloc(MAX_FIELDS * sizeof(*f));
	int n = 0;
	if (!f)
		abort();
	next(c);
	while (!c->failed && !is(c, "}")) {
		if (!*c->tok) {
			fail(c, "missing '}'");
			break;
		}
		int type = parse_type(c);
		do {
			if (n == MAX_FIELDS) {
				fail(c, "more than %d members", MAX_FIELDS);
				break;
			}
			f[n] = none;
			f[n].type = parse_declarator(c, type, f[n].name, sizeof(f[n].name));
			n++;
		} while (!c->failed && is(c, ",") && (next(c), 1));
		if (!c->failed)
			expect(c, ";");
	}
	int id = c->failed ? -EINVAL : add_record(c, is_union, name, f, n);
	free(f);
	if (!c->failed)
		next(c);	/* '}' */
	return id;
}

static int parse_enum(struct cparser *c, const char *name)
{
	char names[MAX_FIELDS][MAX_NAME];
	long long values[MAX_FIELDS];
	long long value = 0;
	int n = 0;
	next(c);
	while (!c->failed && !is(c, "}")) {
		if (!is_name(c->tok) || n == MAX_FIELDS)
			return fail(c, "expected an enumerator but found '%s'", c->tok);
		snprintf(names[n], sizeof(names[n]), "%s", c->tok);
		next(c);
		if (is(c, "=")) {
			next(c);
			bool neg = is(c, "-");
			if (neg)
				next(c);
			char *end;
			value = strtoll(c->tok, &end, 0);
			if (*end)
				return fail(c, "enumerator values must be numbers");
			value = neg ? -value : value;
			next(c);
		}
		values[n++] = value++;
		if (!is(c, "}") && expect(c, ","))
			return -EINVAL;
	}
	int id = btf__add_enum(c->btf, name, 4);
	for (int i = 0; i < n && id > 0; i++)
		if (btf__add_enum_value(c->btf, names[i], (int64_t)values[i]))
			return fail(c, "cannot add enumerator %s", names[i]);
	next(c);	/* '}' */
	return id > 0 ? id : fail(c, "cannot add enum %s", name);
}

static int parse_definition(struct cparser *c)
{
	if (is(c, "typedef")) {
		next(c);
		int type = parse_type(c);
		char name[MAX_NAME];
		type = c->failed ? type : parse_declarator(c, type, name, sizeof(name));
		if (!c->failed && (!*name || btf__add_typedef(c->btf, name, type) < 0))
			return fail(c, "typedef needs a name");
	} else if (is(c, "struct") || is(c, "union") || is(c, "enum")) {
		tagged_type(c);
	} else {
		return fail(c, "expected struct, union, enum or typedef but found '%s'", c->tok);
	}
	if (!c->failed && is(c, ";"))
		next(c);
	return c->failed ? -EINVAL : 0;
}

int cdefs_add(struct btf *btf, const char *text, struct cdefs_error *err)
{
	struct cparser c = { .btf = btf, .p = text, .start = text, .err = err };
	next(&c);
	while (*c.tok && !c.failed)
		parse_definition(&c);
	return c.failed ? -EINVAL : 0;
}
