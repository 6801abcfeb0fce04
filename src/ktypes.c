/* Kernel types from BTF, through libbpf's btf__ API. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include "cdefs.h"
#include "ktypes.h"

struct ktypes {
	struct btf *btf;	/* the kernel's, or a split BTF on it with the script's */
	struct btf *kernel;	/* the kernel's, once split */
};

struct ktypes *ktypes_load(void)
{
	struct btf *btf = btf__load_vmlinux_btf();
	if (!btf)
		return NULL;
	struct ktypes *kt = calloc(1, sizeof(*kt));
	if (!kt) {
		btf__free(btf);
		return NULL;
	}
	kt->btf = btf;
	return kt;
}

void ktypes_free(struct ktypes *kt)
{
	if (!kt)
		return;
	btf__free(kt->btf);
	btf__free(kt->kernel);
	free(kt);
}

/* Types bpfkit adds go to a split BTF on the kernel's, made on first need. */
static int make_split(struct ktypes *kt)
{
	if (kt->kernel)
		return 0;
	struct btf *split = btf__new_empty_split(kt->btf);
	if (!split)
		return -errno;
	kt->kernel = kt->btf;
	kt->btf = split;
	return 0;
}

int ktypes_add_definitions(struct ktypes *kt, const char *text, char *msg, size_t len,
			   int *offset)
{
	int err = make_split(kt);
	if (err) {
		snprintf(msg, len, "cannot extend the kernel's BTF: %s", strerror(-err));
		*offset = 0;
		return -EINVAL;
	}
	struct cdefs_error cerr = { .offset = 0 };
	if (cdefs_add(kt->btf, text, &cerr)) {
		snprintf(msg, len, "%s", cerr.msg);
		*offset = cerr.offset;
		return -EINVAL;
	}
	return 0;
}

int64_t ktypes_import(struct ktypes *kt, const struct btf *types)
{
	int err = make_split(kt);
	if (err)
		return err;
	int first = btf__add_btf(kt->btf, types);
	return first < 0 ? first : first - 1;
}

/* Skips typedefs and qualifiers. */
static uint32_t resolve(const struct btf *btf, uint32_t id)
{
	for (;;) {
		const struct btf_type *t = btf__type_by_id(btf, id);
		if (!t)
			return 0;
		switch (btf_kind(t)) {
		case BTF_KIND_TYPEDEF: case BTF_KIND_CONST: case BTF_KIND_VOLATILE:
		case BTF_KIND_RESTRICT: case BTF_KIND_TYPE_TAG:
			id = t->type;
			break;
		default:
			return id;
		}
	}
}

int ktypes_find_record(struct ktypes *kt, const char *name)
{
	int kind = BTF_KIND_STRUCT;
	if (!strncmp(name, "struct ", 7)) {
		name += 7;
	} else if (!strncmp(name, "union ", 6)) {
		name += 6;
		kind = BTF_KIND_UNION;
	}
	int id = btf__find_by_name_kind(kt->btf, name, kind);
	if (id < 0 && kind == BTF_KIND_STRUCT)
		id = btf__find_by_name_kind(kt->btf, name, BTF_KIND_UNION);
	return id < 0 ? -ENOENT : id;
}

int ktypes_find_added_record(struct ktypes *kt, const char *name)
{
	bool is_union = !strncmp(name, "union ", 6);
	name += !strncmp(name, "struct ", 7) ? 7 : is_union ? 6 : 0;
	if (!kt->kernel)
		return -ENOENT;
	uint32_t n = btf__type_cnt(kt->btf);
	for (uint32_t id = btf__type_cnt(kt->kernel); id < n; id++) {
		const struct btf_type *t = btf__type_by_id(kt->btf, id);
		const char *tname = btf__name_by_offset(kt->btf, t->name_off);
		if ((btf_is_struct(t) || (is_union && btf_is_union(t))) && tname &&
		    !strcmp(tname, name))
			return (int)id;
	}
	return -ENOENT;
}

int64_t ktypes_size(struct ktypes *kt, uint32_t id)
{
	return btf__resolve_size(kt->btf, id);
}

struct type ktypes_type(struct ktypes *kt, uint32_t id, bool user)
{
	struct type none = { .kind = T_NONE };
	id = resolve(kt->btf, id);
	const struct btf_type *t = btf__type_by_id(kt->btf, id);
	if (!t)
		return none;
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		return type_int((int)t->size, (btf_int_encoding(t) & BTF_INT_SIGNED) != 0);
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64: {
		struct type e = type_int((int)t->size, btf_kflag(t));
		e.enum_id = id;	/* printf's %s names the value */
		return e;
	}
	case BTF_KIND_PTR: {
		struct type p = { .kind = T_PTR, .size = 8, .is_user = user,
				  .btf_id = resolve(kt->btf, t->type) };
		return p;
	}
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION: {
		struct type r = { .kind = T_STRUCT, .size = t->size, .btf_id = id, .is_user = user };
		return r;
	}
	case BTF_KIND_ARRAY: {
		const struct btf_array *a = btf_array(t);
		const struct btf_type *elem = btf__type_by_id(kt->btf, resolve(kt->btf, a->type));
		if (elem && btf_kind(elem) == BTF_KIND_INT && elem->size == 1)
			return type_str((int)a->nelems);
		/* Other arrays are used by their address, like records. */
		int64_t size = btf__resolve_size(kt->btf, id);	/* arrays have no size field */
		struct type arr = { .kind = T_STRUCT, .size = size > 0 ? (uint32_t)size : 0,
				    .btf_id = id, .is_user = user };
		return arr;
	}
	default:
		return none;
	}
}

int ktypes_percpu_var(struct ktypes *kt, const char *name, uint32_t *type_id)
{
	int id = btf__find_by_name_kind(kt->btf, name, BTF_KIND_VAR);
	if (id < 0)
		return -ENOENT;
	*type_id = btf__type_by_id(kt->btf, (uint32_t)id)->type;
	int sec = btf__find_by_name_kind(kt->btf, ".data..percpu", BTF_KIND_DATASEC);
	const struct btf_type *t = sec > 0 ? btf__type_by_id(kt->btf, (uint32_t)sec) : NULL;
	const struct btf_var_secinfo *v = t ? btf_var_secinfos(t) : NULL;
	for (int i = 0; t && i < btf_vlen(t); i++, v++)
		if (v->type == (uint32_t)id)
			return id;
	return -EINVAL;
}

/* Calls fn(ctx, value, name) for each enumerator of enum type t until it
 * returns true; returns whether one did. */
static bool each_enumerator(const struct btf *btf, const struct btf_type *t,
			    bool (*fn)(void *ctx, int64_t value, const char *name), void *ctx)
{
	for (int i = 0; i < btf_vlen(t); i++) {
		bool is64 = btf_is_enum64(t);
		const struct btf_enum *e = is64 ? NULL : btf_enum(t) + i;
		const struct btf_enum64 *e64 = is64 ? btf_enum64(t) + i : NULL;
		int64_t v = is64 ? (int64_t)btf_enum64_value(e64) :
			    btf_kflag(t) ? (int64_t)e->val : (int64_t)(uint32_t)e->val;
		if (fn(ctx, v, btf__name_by_offset(btf, is64 ? e64->name_off : e->name_off)))
			return true;
	}
	return false;
}

struct enum_search {
	const char *name;
	int64_t value;
};

static bool match_enumerator(void *ctx, int64_t value, const char *name)
{
	struct enum_search *es = ctx;
	if (strcmp(name, es->name))
		return false;
	es->value = value;
	return true;
}

int ktypes_enum_value(struct ktypes *kt, const char *name, int64_t *value, uint32_t *enum_id)
{
	struct enum_search es = { name, 0 };
	uint32_t n = btf__type_cnt(kt->btf);
	for (uint32_t id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(kt->btf, id);
		if ((btf_is_enum(t) || btf_is_enum64(t)) &&
		    each_enumerator(kt->btf, t, match_enumerator, &es)) {
			*value = es.value;
			if (enum_id)
				*enum_id = id;
			return 0;
		}
	}
	return -ENOENT;
}

int ktypes_find_enum(struct ktypes *kt, const char *name)
{
	int id = btf__find_by_name_kind(kt->btf, name, BTF_KIND_ENUM);
	if (id < 0)
		id = btf__find_by_name_kind(kt->btf, name, BTF_KIND_ENUM64);
	return id < 0 ? -ENOENT : id;
}

struct enum_visit {
	void (*fn)(void *ctx, int64_t value, const char *name);
	void *ctx;
};

static bool visit_enumerator(void *ctx, int64_t value, const char *name)
{
	struct enum_visit *v = ctx;
	v->fn(v->ctx, value, name);
	return false;
}

void ktypes_enumerators(struct ktypes *kt, uint32_t id,
			void (*fn)(void *ctx, int64_t value, const char *name), void *ctx)
{
	const struct btf_type *t = btf__type_by_id(kt->btf, id);
	struct enum_visit v = { fn, ctx };
	if (t && (btf_is_enum(t) || btf_is_enum64(t)))
		each_enumerator(kt->btf, t, visit_enumerator, &v);
}

int ktypes_element(struct ktypes *kt, const struct type *base, struct type *elem,
		    uint32_t *elem_size)
{
	uint32_t id = base->btf_id;
	const struct btf_type *t = id ? btf__type_by_id(kt->btf, id) : NULL;
	if (!t)
		return -ENOENT;
	if (base->kind == T_STRUCT && btf_is_array(t))
		id = btf_array(t)->type;		/* an array's element */
	else if (base->kind != T_PTR)
		return -EINVAL;			/* a pointer's pointee otherwise */
	__s64 size = btf__resolve_size(kt->btf, id);
	if (size <= 0)
		return -EINVAL;
	*elem = ktypes_type(kt, id, base->is_user);
	*elem_size = (uint32_t)size;
	return elem->kind == T_NONE ? -EINVAL : 0;
}

/* An array member of integers or pointers: "a", the element's size and
 * signedness, and the count (pointers are elements of size 8 with
 * signedness 2). Arrays of other elements are left out. */
static void describe_array(struct ktypes *kt, FILE *f, const struct btf_type *array,
			   const char *name, uint32_t off, int depth)
{
	const struct btf_array *a = btf_array(array);
	struct type et = ktypes_type(kt, a->type, false);
	if (et.kind == T_INT)
		fprintf(f, "%d %s %u a %u %d %u\n", depth, name, off, et.size, et.is_signed,
			a->nelems);
	else if (et.kind == T_PTR)
		fprintf(f, "%d %s %u a 8 2 %u\n", depth, name, off, a->nelems);
}

static void describe_members(struct ktypes *kt, FILE *f, uint32_t id, uint32_t base,
			     int depth)
{
	const struct btf_type *t = btf__type_by_id(kt->btf, resolve(kt->btf, id));
	const struct btf_member *m = btf_members(t);
	for (int i = 0; i < btf_vlen(t); i++, m++) {
		if (btf_member_bitfield_size(t, (uint32_t)i))
			continue;
		const char *name = btf__name_by_offset(kt->btf, m->name_off);
		uint32_t off = base + btf_member_bit_offset(t, (uint32_t)i) / 8;
		struct type mt = ktypes_type(kt, m->type, false);
		if (!name || !*name) {	/* anonymous: its members are ours */
			if (mt.kind == T_STRUCT)
				describe_members(kt, f, mt.btf_id, off, depth);
			continue;
		}
		const struct btf_type *rt = btf__type_by_id(kt->btf, resolve(kt->btf, m->type));
		if (mt.kind == T_INT)
			fprintf(f, "%d %s %u i %u %d\n", depth, name, off, mt.size, mt.is_signed);
		else if (mt.kind == T_PTR)
			fprintf(f, "%d %s %u p 8 0\n", depth, name, off);
		else if (mt.kind == T_STR)
			fprintf(f, "%d %s %u s %u 0\n", depth, name, off, mt.size);
		else if (rt && btf_is_array(rt))
			describe_array(kt, f, rt, name, off, depth);
		else if (mt.kind == T_STRUCT && rt && btf_is_composite(rt)) {
			fprintf(f, "%d %s %u r 0 0\n", depth, name, off);
			describe_members(kt, f, mt.btf_id, off, depth + 1);
		}
	}
}

char *ktypes_describe(struct ktypes *kt, uint32_t id)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		return NULL;
	const struct btf_type *t = btf__type_by_id(kt->btf, resolve(kt->btf, id));
	if (t && btf_is_composite(t))
		describe_members(kt, f, id, 0, 0);
	fclose(f);
	return text;
}

uint32_t ktypes_pointee_record(struct ktypes *kt, const struct type *ptr)
{
	if (ptr->kind != T_PTR || !ptr->btf_id)
		return 0;
	const struct btf_type *t = btf__type_by_id(kt->btf, ptr->btf_id);
	return t && btf_is_composite(t) ? ptr->btf_id : 0;
}

int ktypes_member(struct ktypes *kt, uint32_t record_id, const char *name,
		  bool user, struct kmember *out)
{
	const struct btf_type *t = btf__type_by_id(kt->btf, resolve(kt->btf, record_id));
	if (!t || !btf_is_composite(t))
		return -ENOENT;
	const struct btf_member *m = btf_members(t);
	for (int i = 0; i < btf_vlen(t); i++, m++) {
		uint32_t bit_off = btf_member_bit_offset(t, (uint32_t)i);
		uint32_t bit_size = btf_member_bitfield_size(t, (uint32_t)i);
		const char *mname = btf__name_by_offset(kt->btf, m->name_off);
		if (mname && *mname) {
			if (strcmp(mname, name))
				continue;
			out->type = ktypes_type(kt, m->type, user);
			out->offset = bit_off / 8;
			out->bit_size = bit_size;
			out->bit_shift = bit_size ? bit_off % 8 : 0;
			return 0;
		}
		/* An anonymous struct or union: its members are ours. */
		if (!ktypes_member(kt, m->type, name, user, out)) {
			out->offset += bit_off / 8;
			return 0;
		}
	}
	return -ENOENT;
}

bool ktypes_is_array(struct ktypes *kt, uint32_t id)
{
	const struct btf_type *t = btf__type_by_id(kt->btf, resolve(kt->btf, id));
	return t && btf_is_array(t);
}

uint32_t ktypes_find_int(struct ktypes *kt, uint32_t size, bool is_signed)
{
	uint32_t n = btf__type_cnt(kt->btf);
	for (uint32_t id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(kt->btf, id);
		if (!btf_is_int(t) || t->size != size || (btf_int_encoding(t) & BTF_INT_BOOL))
			continue;
		if (((btf_int_encoding(t) & BTF_INT_SIGNED) != 0) == is_signed)
			return id;
	}
	return 0;
}

int ktypes_find_func(struct ktypes *kt, const char *name)
{
	int id = btf__find_by_name_kind(kt->btf, name, BTF_KIND_FUNC);
	return id > 0 ? id : -ENOENT;
}

bool ktypes_kfunc_allowed(struct ktypes *kt, const char *name, enum bpf_prog_type type)
{
	int id = ktypes_find_func(kt, name);
	if (id < 0)
		return false;
	/* The verifier checks that a kfunc is allowed before its arguments. */
	struct bpf_insn insns[] = {
		{ .code = BPF_JMP | BPF_CALL, .src_reg = BPF_PSEUDO_KFUNC_CALL, .imm = id },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	char log[4096] = "", refusal[256];
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .log_buf = log, .log_size = sizeof(log),
		    .log_level = 1);
	int fd = bpf_prog_load(type, NULL, "GPL", insns, 2, &opts);
	if (fd >= 0) {
		close(fd);
		return true;
	}
	snprintf(refusal, sizeof(refusal), "calling kernel function %s is not allowed", name);
	return !strstr(log, refusal);
}
