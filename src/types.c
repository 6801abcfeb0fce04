/* Type constructors and the canonical layout (see types.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "types.h"

static uint32_t round8(uint32_t n) { return (n + 7) & ~7u; }

struct type type_int(int size, bool is_signed)
{
	struct type t = { .kind = T_INT, .size = (uint32_t)size, .is_signed = is_signed };
	return t;
}

struct type type_str(int size)
{
	struct type t = { .kind = T_STR, .size = (uint32_t)size };
	return t;
}

struct type type_none(void)
{
	struct type t = { .kind = T_NONE };
	return t;
}

struct type type_array(const struct type *elem, uint32_t n)
{
	struct type t = { .kind = T_ARRAY, .size = elem->size * n, .nelems = n };
	t.elems = calloc(1, sizeof(*t.elems));
	if (!t.elems)
		abort();
	*t.elems = type_int((int)elem->size, elem->is_signed);
	return t;
}

bool type_in_memory(const struct type *t)
{
	return t->kind == T_STR || t->kind == T_TUPLE || t->kind == T_ARRAY;
}

bool type_is_agg(const struct type *t)
{
	return t->kind >= T_COUNT;
}

bool type_has_slot_key(const struct type *t)
{
	return t->kind == T_HIST || t->kind == T_LHIST || t->kind == T_TSERIES;
}

bool type_is_intlike(const struct type *t)
{
	return t->kind == T_INT || t->kind == T_BOOL || t->kind == T_PTR ||
	       t->kind == T_KSYM;
}

bool type_equal(const struct type *a, const struct type *b)
{
	if (a->kind != b->kind)
		return false;
	if (a->kind == T_TUPLE) {
		if (a->nelems != b->nelems || !a->names != !b->names)
			return false;
		for (uint32_t i = 0; i < a->nelems; i++)
			if (!type_equal(&a->elems[i], &b->elems[i]) ||
			    (a->names && strcmp(a->names[i], b->names[i])))
				return false;
		return true;
	}
	if (a->kind == T_LHIST)
		return a->lhist_min == b->lhist_min && a->lhist_max == b->lhist_max &&
		       a->lhist_step == b->lhist_step;
	if (a->kind == T_HIST)
		return a->hist_bits == b->hist_bits;
	if (a->kind == T_TSERIES)
		return a->interval_ns == b->interval_ns && a->nintervals == b->nintervals &&
		       a->tseries_agg == b->tseries_agg && a->is_signed == b->is_signed;
	if (a->kind == T_KSTACK || a->kind == T_USTACK)
		return a->stack_mode == b->stack_mode && a->stack_depth == b->stack_depth;
	if (a->kind == T_STR || a->kind == T_BUF)
		return a->size == b->size;
	if (a->kind == T_ARRAY)
		return a->nelems == b->nelems && type_equal(a->elems, b->elems);
	return true;
}

uint32_t type_layout_size(const struct type *t)
{
	switch (t->kind) {
	case T_NONE:
		return 0;
	case T_STR:
	case T_RECORD:
	case T_ARRAY:
		return round8(t->size);
	case T_BUF:
		return 8 + round8(t->size);
	case T_TUPLE: {
		uint32_t n = 0;
		for (uint32_t i = 0; i < t->nelems; i++)
			n += type_layout_size(&t->elems[i]);
		return n;
	}
	case T_KSTACK:
		return 8 * t->stack_depth;
	case T_USTACK:
		return 8 + 8 * t->stack_depth;	/* pid, then the frames */
	case T_USYM:
	case T_TIMESTAMP:
	case T_CGROUP_PATH:
	case T_AVG:
	case T_STATS:
	case T_MIN:
	case T_MAX:
		return 16;
	case T_INET:
	case T_TSERIES:	/* struct tseries_slot */
		return 24;
	default:
		return 8;
	}
}

uint32_t type_tuple_offset(const struct type *t, uint32_t i)
{
	uint32_t off = 0;
	for (uint32_t k = 0; k < i && k < t->nelems; k++)
		off += type_layout_size(&t->elems[k]);
	return off;
}

const char *type_name(const struct type *t, char *buf, size_t len)
{
	static const char *const names[] = {
		[T_NONE] = "none", [T_INT] = "int", [T_BOOL] = "bool",
		[T_STR] = "string", [T_TUPLE] = "tuple", [T_PTR] = "pointer",
		[T_KSTACK] = "kstack", [T_USTACK] = "ustack", [T_KSYM] = "ksym",
		[T_USYM] = "usym", [T_BUF] = "buffer", [T_INET] = "inet",
		[T_TIMESTAMP] = "timestamp", [T_STRUCT] = "struct",
		[T_USERNAME] = "username", [T_RECORD] = "record", [T_MACADDR] = "macaddr",
		[T_ERRNO] = "strerror", [T_SYSCALL] = "syscall_name", [T_SIGNAL] = "signal_name", [T_CGROUP_PATH] = "cgroup_path",
		[T_ARRAY] = "array",
		[T_COUNT] = "count", [T_SUM] = "sum",
		[T_MIN] = "min", [T_MAX] = "max", [T_AVG] = "avg",
		[T_STATS] = "stats", [T_HIST] = "hist", [T_LHIST] = "lhist",
		[T_TSERIES] = "tseries",
	};
	switch (t->kind) {
	case T_INT:
		snprintf(buf, len, "%sint%u", t->is_signed ? "" : "u", t->size * 8);
		break;
	case T_STR:
		snprintf(buf, len, "string[%u]", t->size);
		break;
	case T_ARRAY: {
		char elem[32];
		snprintf(buf, len, "%s[%u]", type_name(t->elems, elem, sizeof(elem)), t->nelems);
		break;
	}
	case T_TUPLE: {
		size_t n = (size_t)snprintf(buf, len, "(");
		for (uint32_t i = 0; i < t->nelems && n < len; i++) {
			char sub[128];
			n += (size_t)snprintf(buf + n, len - n, "%s%s%s%s", i ? "," : "",
					      t->names ? t->names[i] : "", t->names ? "=" : "",
					      type_name(&t->elems[i], sub, sizeof(sub)));
		}
		if (n < len)
			snprintf(buf + n, len - n, ")");
		break;
	}
	default:
		snprintf(buf, len, "%s", names[t->kind]);
	}
	return buf;
}

int type_field_index(const struct type *t, const char *name)
{
	if (t->kind != T_TUPLE || !t->names)
		return -1;
	for (uint32_t i = 0; i < t->nelems; i++)
		if (!strcmp(t->names[i], name))
			return (int)i;
	return -1;
}

bool type_same_fields(const struct type *a, const struct type *b)
{
	if (!a->names || !b->names || a->nelems != b->nelems)
		return false;
	for (uint32_t i = 0; i < a->nelems; i++)
		if (type_field_index(b, a->names[i]) < 0)
			return false;
	return true;
}

static char **names_clone(char *const *names, uint32_t n)
{
	char **c = calloc(n ? n : 1, sizeof(*c));
	if (!c)
		abort();
	for (uint32_t i = 0; i < n; i++)
		if (!(c[i] = strdup(names[i])))
			abort();
	return c;
}

struct type type_clone(const struct type *t)
{
	struct type c = *t;
	uint32_t n = t->kind == T_TUPLE ? t->nelems : (t->elems ? 1 : 0);
	if (n) {
		c.elems = calloc(n, sizeof(*c.elems));
		if (!c.elems)
			abort();
		for (uint32_t i = 0; i < n; i++)
			c.elems[i] = type_clone(&t->elems[i]);
	}
	if (t->kind == T_TUPLE && t->names)
		c.names = names_clone(t->names, t->nelems);
	return c;
}

void type_release(struct type *t)
{
	uint32_t n = t->kind == T_TUPLE ? t->nelems : (t->elems ? 1 : 0);
	for (uint32_t i = 0; i < n; i++)
		type_release(&t->elems[i]);
	free(t->elems);
	t->elems = NULL;
	if (t->kind == T_TUPLE && t->names) {
		for (uint32_t i = 0; i < t->nelems; i++)
			free(t->names[i]);
		free(t->names);
	}
	t->names = NULL;
}
