/* Semantic analysis: expands attach points, types every expression, and
 * builds the tables of maps, variables and printf formats.
 *
 * It runs over the tree twice. A map may be read in one probe before the
 * probe that assigns it, so the first pass only learns map types (its
 * errors are counted, not printed); the second pass checks and reports. */
#define _GNU_SOURCE	/* sigabbrev_np */
#include <ctype.h>
#include <errno.h>
#include <arpa/inet.h>
#include <sys/stat.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <bpf/libbpf.h>
#include <bpf/btf.h>
#include "elfsym.h"
#include "ksyms.h"
#include "gfp.h"
#include "tseries.h"
#include "ktypes.h"
#include "lexer.h"
#include "program.h"

struct sema {
	struct program *prog;
	struct diag *diag;
	int pass;		/* 1: learn map types, 2: check and report */
	int nerrors;
	struct probe_info *pi;	/* the probe being checked */
	struct ksyms *ksyms;	/* for kaddr(), loaded on first use */
	int loop_depth;
	int in_map_loop;	/* inside for ($kv : @map): a callback without ctx */
	bool definitions_failed;	/* a C definition was refused (reported) */
	int unreachable;	/* inside branches a constant condition rules out */
};

static char *xstrdup(const char *s)
{
	char *d = strdup(s);
	if (!d)
		abort();
	return d;
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p)
		abort();
	return p;
}

__attribute__((format(printf, 3, 4)))
static void error_at(struct sema *s, struct loc at, const char *fmt, ...)
{
	s->nerrors++;
	if (s->pass != 2 || s->definitions_failed)
		return;	/* after a refused C definition, the rest would follow from it */
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_error(s->diag, at, "%s", msg);
}

static void set_type(struct node *n, struct type t)
{
	type_release(&n->type);
	n->type = t;
}

static struct type int64(bool is_signed)
{
	return type_int(8, is_signed);
}

/* The kernel's types, loaded on first need (it takes some milliseconds). */
/* The place of a byte of a C definition, for its errors. */
static struct loc definition_loc(const struct node *def, int offset)
{
	struct loc at = def->loc;
	for (int i = 0; i < offset && def->str[i]; i++) {
		if (def->str[i] == '\n') {
			at.line++;
			at.col = 1;
		} else {
			at.col++;
		}
	}
	return at;
}

/* The kernel's types, loaded on first need, with the script's own C
 * definitions added. */
static struct ktypes *load_ktypes(struct sema *s)
{
	struct program *prog = s->prog;
	if (prog->ktypes_tried)
		return prog->ktypes;
	prog->ktypes_tried = true;
	prog->ktypes = ktypes_load();
	const struct node *defs = prog->ast->b;
	for (int i = 0; prog->ktypes && defs && i < defs->nkids; i++) {
		char msg[200];
		int offset = 0;
		if (ktypes_add_definitions(prog->ktypes, defs->kids[i]->str, msg, sizeof(msg), &offset)) {
			int pass = s->pass;
			s->pass = 2;	/* reported once: the types are loaded once */
			error_at(s, definition_loc(defs->kids[i], offset), "%s", msg);
			s->pass = pass;
			s->definitions_failed = true;
		}
	}
	return prog->ktypes;
}

static struct ktypes *need_btf(struct sema *s, struct loc at, const char *what)
{
	struct program *prog = s->prog;
	load_ktypes(s);
	if (!prog->ktypes)
		error_at(s, at, "%s needs the kernel's type information (BTF), which this kernel does not provide",
			 what);
	return prog->ktypes;
}

/* A struct or union named in a cast. In a uprobe the script's own
 * definitions come first, then the binary's (from DWARF, taken once),
 * then the kernel's; elsewhere the kernel's and the script's. */
static int find_cast_record(struct sema *s, struct ktypes *kt, const char *name)
{
	struct probe *p = s->pi && s->pi->probes.n ? s->pi->probes.v[0] : NULL;
	if (!p || !p->prov->find_record)
		return ktypes_find_record(kt, name);
	int id = ktypes_find_added_record(kt, name);
	if (id > 0)
		return id;
	struct btf *btf = btf__new_empty();
	int local = btf ? p->prov->find_record(p, name, btf) : -ENOMEM;
	int64_t shift = local > 0 ? ktypes_import(kt, btf) : -ENOENT;
	btf__free(btf);
	return shift >= 0 ? (int)(local + shift) : ktypes_find_record(kt, name);
}

/* The form a value takes as a map key, map value or tuple element: every
 * integer widens to 64 bits. */
static struct type stored_type(const struct type *t)
{
	if (t->kind == T_PTR)
		return *t;	/* keeps what it points to, for -> on a variable */
	if (t->kind == T_BOOL)
		return (struct type){ .kind = T_BOOL, .size = 8 };
	if (type_is_intlike(t) && t->kind != T_KSYM) {
		struct type i = int64(t->kind == T_INT ? t->is_signed : false);
		i.enum_id = t->kind == T_INT ? t->enum_id : 0;
		return i;
	}
	if (t->kind == T_TUPLE) {
		struct type c = type_clone(t);
		for (uint32_t i = 0; i < c.nelems; i++) {
			struct type e = stored_type(&c.elems[i]);
			type_release(&c.elems[i]);
			c.elems[i] = e;
		}
		c.size = type_layout_size(&c);
		return c;
	}
	return type_clone(t);
}

/* Merges `t` into the recorded type `have`: strings widen to the longer,
 * integers to signed if either is. Returns false on a real mismatch. */
static bool unify(struct type *have, const struct type *t)
{
	if (have->kind == T_NONE) {
		*have = stored_type(t);
		return true;
	}
	struct type st = stored_type(t);
	bool ok = have->kind == st.kind;
	if (ok && have->kind == T_STR && st.size > have->size)
		have->size = st.size;
	else if (ok && have->kind == T_INT)
		have->is_signed |= st.is_signed;
	else if (ok && have->kind == T_TUPLE) {
		ok = have->nelems == st.nelems && !have->names == !st.names;
		for (uint32_t i = 0; ok && have->names && i < st.nelems; i++)	/* records */
			ok = !strcmp(have->names[i], st.names[i]);
		for (uint32_t i = 0; ok && i < st.nelems; i++)
			ok = unify(&have->elems[i], &st.elems[i]);
		if (ok)
			have->size = type_layout_size(have);
	} else if (ok && (type_is_agg(have) || have->kind == T_ARRAY))
		ok = type_equal(have, &st);
	type_release(&st);
	return ok;
}

static const char *tname(const struct type *t, char *buf, size_t len)
{
	return type_name(t, buf, len);
}

/* ---- maps ---- */

static struct map_info *find_map(struct program *prog, const char *name)
{
	for (int i = 0; i < prog->nmaps; i++)
		if (!strcmp(prog->maps[i].name, name))
			return &prog->maps[i];
	return NULL;
}

static struct map_info *get_map(struct sema *s, struct node *n)
{
	struct program *prog = s->prog;
	struct map_info *m = find_map(prog, n->str);
	if (!m) {
		prog->maps = xrealloc(prog->maps, (size_t)(prog->nmaps + 1) * sizeof(*prog->maps));
		m = &prog->maps[prog->nmaps++];
		memset(m, 0, sizeof(*m));
		m->name = xstrdup(n->str);
		m->nkeys = -1;
		m->loc = n->loc;
	}
	n->id = (int)(m - prog->maps);
	return m;
}

static void check_expr(struct sema *s, struct node *n);
static void check_block(struct sema *s, struct node *blk);
static void check_stack(struct sema *s, struct node *n, bool user);
static bool is_const_int(const struct node *n, int64_t *v);
static void kernel_array_as_value(struct sema *s, struct node *n);
static uint32_t args_field_record(struct sema *s, struct ktypes *kt, const struct node *a);
static bool check_record_field(struct sema *s, struct node *n);
static void check_args_record(struct sema *s, struct node *n);
static void align_record(struct node *rhs, const struct type *have);

/* Types the key expressions of @m[...] and merges them into the map. */
/* delete(@m, k), has_key(@m, k), find(@m, k, $v) name the key apart;
 * moved into the map node it reads as @m[k]. A tuple literal is the keys
 * of a map with several: delete(@m, (1, "a")) is @m[1, "a"]. */
static void move_key_into_map(struct node *m, struct node *key)
{
	if (key->kind != N_TUPLE) {
		node_add_kid(m, key);
		return;
	}
	for (int i = 0; i < key->nkids; i++)
		node_add_kid(m, key->kids[i]);
	key->nkids = 0;
	node_free(key);
}

static struct map_info *check_map_key(struct sema *s, struct node *n)
{
	struct map_info *m = get_map(s, n);
	for (int i = 0; i < n->nkids; i++) {
		check_expr(s, n->kids[i]);
		kernel_array_as_value(s, n->kids[i]);
	}
	if (m->nkeys >= 0 && m->nkeys != n->nkids) {
		error_at(s, n->loc, "%s used with %d keys here and %d keys elsewhere",
			 n->str, n->nkids, m->nkeys);
		return m;
	}
	m->nkeys = n->nkids;
	struct type key = type_none();
	if (n->nkids == 1) {
		align_record(n->kids[0], &m->key);
		key = type_clone(&n->kids[0]->type);
	} else if (n->nkids > 1) {
		key.kind = T_TUPLE;
		key.nelems = (uint32_t)n->nkids;
		key.elems = calloc((size_t)n->nkids, sizeof(*key.elems));
		if (!key.elems)
			abort();
		for (int i = 0; i < n->nkids; i++)
			key.elems[i] = type_clone(&n->kids[i]->type);
	}
	for (int i = 0; i < n->nkids; i++) {
		const struct type *kt = &n->kids[i]->type;
		if (kt->kind == T_NONE)
			return m;	/* the key's own error is reported */
		if (type_is_agg(kt)) {
			char b[64];
			error_at(s, n->kids[i]->loc, "%s: invalid map key of type %s",
				 n->str, tname(kt, b, sizeof(b)));
		}
	}
	if (n->nkids && !unify(&m->key, &key)) {
		char b1[128], b2[128];
		error_at(s, n->loc, "%s: key type %s does not match earlier key type %s",
			 n->str, tname(&key, b1, sizeof(b1)), tname(&m->key, b2, sizeof(b2)));
	}
	type_release(&key);
	return m;
}

static void map_set_value(struct sema *s, struct node *n, struct map_info *m,
			  const struct type *v)
{
	if (!unify(&m->value, v)) {
		char b1[128], b2[128];
		error_at(s, n->a ? n->a->loc : n->loc,
			 "type mismatch for %s: trying to assign a value of type '%s' when the map already holds values of type '%s'",
			 m->name, tname(v, b1, sizeof(b1)), tname(&m->value, b2, sizeof(b2)));
	}
}

/* ---- variables ---- */

static struct var_info *find_var(struct probe_info *pi, const char *name)
{
	for (int i = 0; i < pi->nvars; i++)
		if (!strcmp(pi->vars[i].name, name))
			return &pi->vars[i];
	return NULL;
}

static struct var_info *define_var(struct sema *s, struct node *n, const struct type *t)
{
	struct probe_info *pi = s->pi;
	struct var_info *v = find_var(pi, n->str);
	if (!v) {
		pi->vars = xrealloc(pi->vars, (size_t)(pi->nvars + 1) * sizeof(*pi->vars));
		v = &pi->vars[pi->nvars++];
		memset(v, 0, sizeof(*v));
		v->name = xstrdup(n->str);
		v->loc = n->loc;
	}
	if (!unify(&v->type, t)) {
		char b1[128], b2[128];
		error_at(s, n->loc, "type mismatch for %s: trying to assign a value of type '%s' when the variable holds type '%s'",
			 n->str, tname(t, b1, sizeof(b1)), tname(&v->type, b2, sizeof(b2)));
	}
	n->id = (int)(v - pi->vars);
	set_type(n, type_clone(&v->type));
	return v;
}

/* uprobe/uretprobe/usdt probes: an integer made a pointer points into
 * user memory (probe_in_user_space). */
static bool user_space_group(const struct sema *s)
{
	for (int i = 0; i < s->pi->probes.n; i++)
		if (!probe_in_user_space(s->pi->probes.v[i]))
			return false;
	return s->pi->probes.n > 0;
}

/* ---- builtins ---- */

struct builtin {
	const char *name;
	enum type_kind kind;
	int size;
	bool is_signed;
};

static const struct builtin builtins[] = {
	{ "pid", T_INT, 8, false }, { "tid", T_INT, 8, false },
	{ "uid", T_INT, 8, false }, { "gid", T_INT, 8, false },
	{ "nsecs", T_INT, 8, false }, { "elapsed", T_INT, 8, false },
	{ "cpu", T_INT, 8, false }, { "comm", T_STR, 16, false },
	{ "cpid", T_INT, 8, false }, { "rand", T_INT, 8, false },
	{ "cgroup", T_INT, 8, false }, { "numaid", T_INT, 8, false },
	{ "curtask", T_INT, 8, false }, { "probe", T_STR, 0, false },
	{ "func", T_STR, 0, false }, { "username", T_USERNAME, 8, false },
	{ "jiffies", T_INT, 8, false }, { "ncpus", T_INT, 8, false },
	{ "usermode", T_INT, 1, false }, { "probetype", T_STR, 0, false },
	{ "ctx", T_PTR, 8, false }, { "has_cpid", T_INT, 1, false },
};

static int find_builtin(const char *name)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (!strcmp(builtins[i].name, name))
			return (int)i;
	return -1;
}

const char *sema_builtin_name(int id)
{
	return builtins[id].name;
}

/* The type of one argument of a probe's context. */
static struct type field_type(struct sema *s, const struct ctx_field *f)
{
	switch (f->kind) {
	case F_CHAR_ARRAY:
		return type_str((int)f->size);
	case F_DATA_LOC:
		return type_str(s->prog->opts.strlen);
	case F_PTR:
		return (struct type){ .kind = T_PTR, .size = 8, .is_user = f->user_ptr };
	case F_INT: {
		bool is_enum = f->ctype && !strncmp(f->ctype, "enum ", 5);
		if (f->btf_type_id || is_enum)
			load_ktypes(s);
		if (f->btf_type_id && s->prog->ktypes) {
			/* A pointer of a known type can be followed (into user
			 * memory for a uprobe's pointer arguments). */
			struct type t = ktypes_type(s->prog->ktypes, f->btf_type_id, f->user_ptr);
			if (t.kind == T_PTR || (t.kind == T_INT && t.enum_id))
				return t;
		}
		struct type t = type_int((int)f->size, f->is_signed);
		int id = is_enum && s->prog->ktypes ? ktypes_find_enum(s->prog->ktypes, f->ctype + 5) : -1;
		t.enum_id = id > 0 ? (uint32_t)id : 0;	/* a tracepoint's enum field */
		return t;
	}
	default:	/* F_USER_MEM, F_CONST: read and widened to 64 bits */
		return int64(f->is_signed);
	}
}

/* Kernel constants a script may name without headers: enumerators come
 * from BTF; macros (which BTF does not carry) from this table of the ones
 * bpftrace's tools use. */
static const struct { const char *name; int64_t value; } kernel_macros[] = {
	{ "AF_UNSPEC", 0 }, { "AF_UNIX", 1 }, { "AF_LOCAL", 1 }, { "AF_INET", 2 },
	{ "AF_INET6", 10 }, { "AF_NETLINK", 16 }, { "AF_PACKET", 17 },
	{ "TASK_RUNNING", 0 }, { "TASK_INTERRUPTIBLE", 1 },
	{ "TASK_UNINTERRUPTIBLE", 2 }, { "__TASK_STOPPED", 4 }, { "__TASK_TRACED", 8 },
	{ "EXIT_DEAD", 16 }, { "EXIT_ZOMBIE", 32 }, { "TASK_PARKED", 64 },
	{ "TASK_DEAD", 128 }, { "TASK_WAKEKILL", 256 }, { "TASK_NOLOAD", 1024 },
	{ "O_RDONLY", 0 }, { "O_WRONLY", 1 }, { "O_RDWR", 2 }, { "O_CREAT", 0100 },
	{ "O_EXCL", 0200 }, { "O_TRUNC", 01000 }, { "O_APPEND", 02000 },
	{ "PAGE_SIZE", 4096 }, { "PAGE_SHIFT", 12 },
};

static bool resolve_constant(struct sema *s, struct node *n)
{
	for (size_t i = 0; i < sizeof(kernel_macros) / sizeof(kernel_macros[0]); i++) {
		if (!strcmp(n->str, kernel_macros[i].name)) {
			n->kind = N_INT;
			n->num = kernel_macros[i].value;
			set_type(n, int64(true));
			return true;
		}
	}
	load_ktypes(s);
	int64_t v;
	uint32_t enum_id;
	if (s->prog->ktypes && !ktypes_enum_value(s->prog->ktypes, n->str, &v, &enum_id)) {
		n->kind = N_INT;
		n->num = v;
		struct type t = int64(true);
		t.enum_id = enum_id;	/* printf("%s") names it */
		set_type(n, t);
		return true;
	}
	return false;
}

/* arg0..argN, sarg0..N and retval are fields the probe's provider
 * describes; every probe of the group must have it. */
static bool is_context_builtin(const char *name)
{
	const char *digits = !strncmp(name, "arg", 3) ? name + 3 :
			     !strncmp(name, "sarg", 4) ? name + 4 : NULL;
	if (digits && *digits && strspn(digits, "0123456789") == strlen(digits))
		return true;
	return !strcmp(name, "retval");
}

static bool no_ctx_in_map_loop(struct sema *s, struct node *n, const char *what)
{
	if (!s->in_map_loop)
		return false;
	error_at(s, n->loc, "%s is not available inside a for loop over a map", what);
	return true;
}

static void check_context_builtin(struct sema *s, struct node *n)
{
	if (no_ctx_in_map_loop(s, n, n->str))
		return;
	struct probe_info *pi = s->pi;
	pi->per_probe_code = true;
	for (int i = 0; i < pi->probes.n; i++) {
		struct probe *p = pi->probes.v[i];
		if (!probe_field(p, n->str)) {
			error_at(s, n->loc, "%s is not available in %s probes%s", n->str,
				 p->prov->name, !strcmp(p->prov->name, "tracepoint") ?
				 " (use args->NAME)" : "");
			return;
		}
	}
	n->id = -1;
	set_type(n, field_type(s, probe_field(pi->probes.v[0], n->str)));
}

/* pcomm, ppid, leader_comm and leader_tid are fields of the current task
 * (or of the task given): rewritten as the -> chains they stand for.
 * pcomm is the parent's name, as bpftrace 0.27 defines it. */
static const struct { const char *name, *via, *field; } task_fields[] = {
	{ "pcomm", "real_parent", "comm" }, { "ppid", "real_parent", "tgid" },
	{ "leader_comm", "group_leader", "comm" }, { "leader_tid", "group_leader", "pid" },
};

static int find_task_field(const char *name)
{
	for (size_t i = 0; i < sizeof(task_fields) / sizeof(task_fields[0]); i++)
		if (!strcmp(task_fields[i].name, name))
			return (int)i;
	return -1;
}

static bool check_task_field(struct sema *s, struct node *n, struct node *task)
{
	int i = find_task_field(n->str);
	if (i < 0)
		return false;
	if (!task) {
		task = node_new(N_BUILTIN, n->loc);
		task->str = xstrdup("curtask");
	}
	struct node *via = node_new(N_FIELD, n->loc);
	via->a = task;
	via->str = xstrdup(task_fields[i].via);
	via->num = 1;
	free(n->str);
	n->str = xstrdup(task_fields[i].field);
	n->kind = N_FIELD;
	n->a = via;
	n->num = 1;
	check_expr(s, n);
	return true;
}

/* Builtins whose value is known when compiling. */
static bool check_constant_builtin(struct sema *s, struct node *n)
{
	if (!strcmp(n->str, "ncpus")) {
		int ncpus = libbpf_num_possible_cpus();
		n->num = ncpus > 0 ? ncpus : 1;
	} else if (!strcmp(n->str, "has_cpid")) {
		n->num = s->prog->opts.cpid != 0;
	} else {
		return false;
	}
	n->kind = N_INT;
	set_type(n, int64(false));
	return true;
}

static void check_builtin(struct sema *s, struct node *n)
{
	if (check_task_field(s, n, NULL) || check_constant_builtin(s, n))
		return;
	if (!strcmp(n->str, "true") || !strcmp(n->str, "false")) {
		n->kind = N_INT;
		n->num = n->str[0] == 't';
		set_type(n, (struct type){ .kind = T_BOOL, .size = 1 });
		return;
	}
	if (is_context_builtin(n->str)) {
		check_context_builtin(s, n);
		return;
	}
	if (!strcmp(n->str, "kstack") || !strcmp(n->str, "ustack")) {
		check_stack(s, n, n->str[0] == 'u');
		return;
	}
	int id = find_builtin(n->str);
	if (id < 0 && resolve_constant(s, n))
		return;
	if (id < 0) {
		if (!strcmp(n->str, "args"))
			check_args_record(s, n);
		else
			error_at(s, n->loc, "unknown identifier '%s'", n->str);
		return;
	}
	n->id = id;
	const struct builtin *b = &builtins[id];
	if (b->kind == T_STR && b->size == 0) {
		/* Names known when compiling: each probe gets its own code. */
		size_t max = 0;
		for (int i = 0; i < s->pi->probes.n; i++) {
			const struct probe *p = s->pi->probes.v[i];
			const char *name = !strcmp(b->name, "probe") ? p->name :
					   !strcmp(b->name, "func") ? p->func : probe_type_name(p);
			if (!name) {
				error_at(s, n->loc, "func is not available in %s probes", p->prov->name);
				return;
			}
			size_t len = strlen(name);
			max = len > max ? len : max;
		}
		s->pi->per_probe_code = true;
		set_type(n, type_str((int)max + 1));
		return;
	}
	if (!strcmp(b->name, "curtask")) {
		struct ktypes *kt = need_btf(s, n->loc, "curtask");
		int id = kt ? ktypes_find_record(kt, "task_struct") : -ENOENT;
		set_type(n, (struct type){ .kind = T_PTR, .size = 8, .btf_id = id > 0 ? (uint32_t)id : 0 });
		return;
	}
	if (!strcmp(b->name, "ctx")) {
		if (no_ctx_in_map_loop(s, n, "ctx"))
			return;
		set_type(n, (struct type){ .kind = T_PTR, .size = 8 });
		return;
	}
	if (b->kind == T_USERNAME) {
		set_type(n, (struct type){ .kind = T_USERNAME, .size = 8 });
		return;
	}
	set_type(n, b->kind == T_STR ? type_str(b->size) : type_int(b->size, b->is_signed));
}

/* arg0..argN, sargN and retval are builtins of their own, not args.NAME. */
static bool is_named_arg(const struct ctx_field *f)
{
	const char *d = !strncmp(f->name, "arg", 3) ? f->name + 3 :
			!strncmp(f->name, "sarg", 4) ? f->name + 4 : NULL;
	if (d && *d && strspn(d, "0123456789") == strlen(d))
		return false;
	return strcmp(f->name, "retval");
}

/* The probes share the named fields of the first, in its order. */
static bool same_named_args(const struct probe *a, const struct probe *b)
{
	int j = 0;
	for (int i = 0; i < a->nfields; i++) {
		if (!is_named_arg(&a->fields[i]))
			continue;
		while (j < b->nfields && !is_named_arg(&b->fields[j]))
			j++;
		if (j == b->nfields || strcmp(a->fields[i].name, b->fields[j++].name))
			return false;
	}
	while (j < b->nfields && !is_named_arg(&b->fields[j]))
		j++;
	return j == b->nfields;
}

/* NAME=args.NAME; a C bool field is (bool)args.NAME, which newer
 * bpftrace prints as true or false. */
static struct node *args_field_node(const struct node *at, const struct ctx_field *cf)
{
	struct node *f = node_new(N_ASSIGN, at->loc);
	f->op = TK_ASSIGN;
	f->a = node_new(N_BUILTIN, at->loc);
	f->a->str = xstrdup(cf->name);
	f->b = node_new(N_FIELD, at->loc);
	f->b->str = xstrdup(cf->name);
	f->b->a = node_new(N_BUILTIN, at->loc);
	f->b->a->str = xstrdup("args");
	if (cf->ctype && (!strcmp(cf->ctype, "bool") || !strcmp(cf->ctype, "_Bool"))) {
		struct node *cast = node_new(N_CAST, at->loc);
		cast->str = xstrdup("bool");
		cast->a = f->b;
		f->b = cast;
	}
	return f;
}

/* `args` as a whole value (newer bpftrace): the record of the probe's
 * named arguments, (fd=args.fd, buf=args.buf, ...), so print, variables,
 * maps and JSON treat it as any record. A tracepoint's common_* fields are
 * not among them. */
static void check_args_record(struct sema *s, struct node *n)
{
	struct probe_info *pi = s->pi;
	if (no_ctx_in_map_loop(s, n, "args"))
		return;
	for (int i = 0; i < pi->probes.n; i++) {
		const struct probe *p = pi->probes.v[i];
		if (!p->prov->describe) {
			error_at(s, n->loc, "%s probes have no args", p->prov->name);
			return;
		}
		if (!same_named_args(pi->probes.v[0], p)) {
			error_at(s, n->loc, "args differs between %s and %s: use args.NAME",
				 pi->probes.v[0]->name, p->name);
			return;
		}
	}
	const struct probe *p = pi->probes.n ? pi->probes.v[0] : NULL;
	for (int i = 0; p && i < p->nfields; i++)
		if (is_named_arg(&p->fields[i]))
			node_add_kid(n, args_field_node(n, &p->fields[i]));
	if (!n->nkids && p && p->no_args) {
		error_at(s, n->loc, "%s", p->no_args);
		return;
	}
	if (!n->nkids) {
		error_at(s, n->loc, "%s has no named arguments for args; use arg0..argN",
			 p ? p->name : "this probe");
		return;
	}
	n->kind = N_TUPLE;
	free(n->str);
	n->str = NULL;
	check_expr(s, n);
}

/* args->name on a probe with a described context. */
static void check_args_field(struct sema *s, struct node *n)
{
	if (no_ctx_in_map_loop(s, n, "args"))
		return;
	struct probe_info *pi = s->pi;
	s->pi->per_probe_code = true;
	for (int i = 0; i < pi->probes.n; i++) {
		struct probe *p = pi->probes.v[i];
		if (!p->prov->describe) {
			error_at(s, n->loc, "%s probes have no args", p->prov->name);
			return;
		}
		const struct ctx_field *f = probe_field(p, n->str);
		if (!f && p->no_args) {
			error_at(s, n->loc, "%s", p->no_args);
			return;
		}
		if (!f) {
			error_at(s, n->loc, "%s has no argument named '%s'", p->name, n->str);
			return;
		}
		if (f->unreadable) {
			error_at(s, n->loc, "%s", f->unreadable);
			return;
		}
	}
	set_type(n, field_type(s, probe_field(pi->probes.v[0], n->str)));
}

/* A tracepoint's pointer argument names its C type in the format file
 * ("struct __kernel_timespec * rqtp"): BTF gives that struct. */
static uint32_t args_field_record(struct sema *s, struct ktypes *kt, const struct node *a)
{
	if (a->kind != N_FIELD || a->a->kind != N_BUILTIN || strcmp(a->a->str, "args"))
		return 0;
	const struct ctx_field *f = probe_field(s->pi->probes.v[0], a->str);
	if (!f || f->kind != F_PTR)
		return 0;
	const char *c = f->ctype;
	if (!strncmp(c, "const ", 6))
		c += 6;
	if (strncmp(c, "struct ", 7) && strncmp(c, "union ", 6))
		return 0;
	char name[128];
	size_t len = strcspn(c, "*");
	while (len && c[len - 1] == ' ')
		len--;
	snprintf(name, sizeof(name), "%.*s", (int)len, c);
	int id = ktypes_find_record(kt, name);
	return id > 0 ? (uint32_t)id : 0;
}

/* p[i] and array[i]. A typed pointer or array gives its element type;
 * a tracepoint's untyped pointer its C type's ("char **" -> a pointer). */
static void check_index(struct sema *s, struct node *n)
{
	check_expr(s, n->a);
	check_expr(s, n->b);
	const struct type *base = &n->a->type;
	if (base->kind == T_NONE || n->b->type.kind == T_NONE)
		return;
	if (!type_is_intlike(&n->b->type)) {
		error_at(s, n->b->loc, "an index must be an integer");
		return;
	}
	int64_t elem;
	if (base->kind == T_TUPLE) {	/* $t[1] is $t.1 (newer bpftrace) */
		if (!is_const_int(n->b, &elem)) {
			error_at(s, n->b->loc, "a tuple index must be known when compiling");
			return;
		}
		node_free(n->b);
		n->b = NULL;
		n->kind = N_TUPLE_INDEX;
		n->num = elem;
		type_release(&n->type);
		n->type = type_none();
		check_expr(s, n);
		return;
	}
	if (base->kind == T_ARRAY) {
		if (is_const_int(n->b, &elem) && (elem < 0 || elem >= base->nelems)) {
			error_at(s, n->b->loc, "the index %lld is out of bounds for array of size %u",
				 (long long)elem, base->nelems);
			return;
		}
		set_type(n, type_clone(base->elems));
		return;
	}
	if (base->kind == T_STR) {
		int64_t i;
		if (!is_const_int(n->b, &i) || i < 0 || i >= base->size) {
			error_at(s, n->b->loc, "a string index must be an integer literal from 0 to %u", base->size - 1);
			return;
		}
		n->member_offset = 1;
		set_type(n, type_int(1, true));
		return;
	}
	if (base->btf_id && (base->kind == T_PTR || base->kind == T_STRUCT)) {
		struct ktypes *kt = need_btf(s, n->loc, "indexing");
		struct type elem;
		uint32_t size;
		if (!kt || ktypes_element(kt, base, &elem, &size)) {
			error_at(s, n->loc, "'[]' cannot read this element type");
			return;
		}
		n->member_offset = size;
		set_type(n, elem);
		return;
	}
	if (base->kind != T_PTR) {
		char b[64];
		error_at(s, n->loc, "'[]' needs a pointer or an array, not %s", tname(base, b, sizeof(b)));
		return;
	}
	const struct ctx_field *f = n->a->kind == N_FIELD && n->a->a->kind == N_BUILTIN &&
				    !strcmp(n->a->a->str, "args") ?
				    probe_field(s->pi->probes.v[0], n->a->str) : NULL;
	const char *ctype = f ? f->ctype : "";
	if (strchr(ctype, '*') && strchr(ctype, '*') != strrchr(ctype, '*')) {
		n->member_offset = 8;	/* an array of pointers (char **argv) */
		set_type(n, (struct type){ .kind = T_PTR, .size = 8, .is_user = base->is_user });
	} else if (strstr(ctype, "char")) {
		n->member_offset = 1;
		set_type(n, type_int(1, true));
	} else {
		n->member_offset = 8;
		set_type(n, int64(true));
	}
}

/* In iterator probes, bpftrace names the iterator's record ctx: ctx->task
 * is args->task. */
static bool iter_ctx(struct sema *s, const struct node *n)
{
	if (n->kind != N_BUILTIN || strcmp(n->str, "ctx") || !s->pi->probes.n)
		return false;
	for (int i = 0; i < s->pi->probes.n; i++)
		if (strcmp(s->pi->probes.v[i]->prov->name, "iter"))
			return false;
	return true;
}

/* config.NAME (bpftrace 0.27): a setting in effect, known when compiling,
 * so the node becomes its value. */
static bool check_config_field(struct sema *s, struct node *n)
{
	static const char *const modes[] = { "bpftrace", "perf", "raw" };
	const struct options *o = &s->prog->opts;
	if (n->a->kind != N_BUILTIN || strcmp(n->a->str, "config"))
		return false;
	int64_t v = 0;
	const char *text = NULL;
	if (!strcmp(n->str, "max_strlen"))
		v = o->strlen;
	else if (!strcmp(n->str, "max_map_keys"))
		v = o->map_max_entries > 0 ? o->map_max_entries : 4096;
	else if (!strcmp(n->str, "print_maps_on_exit"))
		v = !o->keep_maps_at_exit;
	else if (!strcmp(n->str, "stack_mode"))
		text = modes[o->stack_mode];
	else {
		error_at(s, n->loc, "config has no setting '%s' bpfkit knows (max_strlen, max_map_keys, print_maps_on_exit, stack_mode)",
			 n->str);
		return true;
	}
	node_free(n->a);
	n->a = NULL;
	free(n->str);
	if (text) {
		n->kind = N_STR;
		n->str = xstrdup(text);
		n->num = (int64_t)strlen(text);
	} else {
		n->kind = N_INT;
		n->str = NULL;
		n->num = v;
	}
	check_expr(s, n);
	return true;
}

static void check_field(struct sema *s, struct node *n)
{
	if (check_config_field(s, n))
		return;
	if (iter_ctx(s, n->a)) {
		free(n->a->str);
		n->a->str = xstrdup("args");
	}
	if (n->a->kind == N_BUILTIN && !strcmp(n->a->str, "args")) {
		check_args_field(s, n);
		return;
	}
	check_expr(s, n->a);
	const struct type *base = &n->a->type;
	if (base->kind == T_NONE || check_record_field(s, n))
		return;
	struct ktypes *kt = need_btf(s, n->loc, "member access");
	if (!kt)
		return;
	uint32_t record = 0;
	if (base->kind == T_PTR && ktypes_pointee_record(kt, base))
		n->num = 1;	/* newer bpftrace: '.' on a pointer is '->' */
	if (n->num && base->kind == T_PTR)
		record = ktypes_pointee_record(kt, base);
	if (!record && n->num && base->kind == T_PTR)
		record = args_field_record(s, kt, n->a);
	else if (!n->num && base->kind == T_STRUCT)
		record = base->btf_id;
	if (!record) {
		char b[64];
		error_at(s, n->loc, "'%s' needs %s, not %s", n->num ? "->" : ".",
			 n->num ? "a pointer to a struct or union (cast it, e.g. (struct task_struct *)x)" :
				  "a struct or union", tname(base, b, sizeof(b)));
		return;
	}
	struct kmember m;
	if (ktypes_member(kt, record, n->str, base->is_user, &m)) {
		error_at(s, n->loc, "the struct has no member named '%s'", n->str);
		return;
	}
	if (m.type.kind == T_NONE) {
		error_at(s, n->loc, "member '%s' has a type bpfkit cannot read yet (arrays other than char[])", n->str);
		return;
	}
	n->member_offset = m.offset;
	n->bit_shift = m.bit_shift;
	n->bit_size = m.bit_size;
	set_type(n, m.type);
}

/* ---- calls ---- */

/* Bytes of bpftrace's integer type names (int8..uint64), else 0. */
static int int_type_size(const char *name)
{
	const char *digits = !strncmp(name, "uint", 4) ? name + 4 : !strncmp(name, "int", 3) ? name + 3 : NULL;
	if (!digits)
		return 0;
	return !strcmp(digits, "8") ? 1 : !strcmp(digits, "16") ? 2 : !strcmp(digits, "32") ? 4 :
	       !strcmp(digits, "64") ? 8 : 0;
}

/* An integer type's name as bpftrace and C spell it: int8..uint64,
 * int8_t.., u8.., s8.., and C's words (unsigned long, char...). */
static bool c_int_type(const char *name, int *size, bool *is_signed)
{
	char digits[8];
	bool u = name[0] == 'u';
	if ((sscanf(name, "uint%7[0-9]", digits) == 1 || sscanf(name, "int%7[0-9]", digits) == 1 ||
	     sscanf(name, "u%7[0-9]", digits) == 1 || sscanf(name, "s%7[0-9]", digits) == 1) &&
	    strspn(name + strcspn(name, "0123456789") + strlen(digits), "_t") ==
	    strlen(name + strcspn(name, "0123456789") + strlen(digits))) {
		int bits = atoi(digits);
		if (bits != 8 && bits != 16 && bits != 32 && bits != 64)
			return false;
		*size = bits / 8;
		*is_signed = !u;
		return true;
	}
	int longs = 0, shorts = 0, chars = 0, unsig = 0, words = 0;
	char copy[64];
	snprintf(copy, sizeof(copy), "%s", name);
	for (char *save = NULL, *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		words++;
		if (!strcmp(w, "long"))
			longs++;
		else if (!strcmp(w, "short"))
			shorts++;
		else if (!strcmp(w, "char"))
			chars++;
		else if (!strcmp(w, "unsigned"))
			unsig++;
		else if (strcmp(w, "int") && strcmp(w, "signed"))
			return false;
	}
	if (!words)
		return false;
	*size = chars ? 1 : shorts ? 2 : longs ? 8 : 4;
	*is_signed = !unsig;
	return true;
}

/* (uint32 *)p, (char *)p, (void *)p: a pointer whose '*' reads an integer
 * of that width (BTF's type of it); deeper pointers read 8 bytes. */
static void check_int_pointer_cast(struct sema *s, struct node *n, int size, bool is_signed)
{
	if (!type_is_intlike(&n->a->type)) {
		error_at(s, n->loc, "only integers and pointers can be cast to '%s *'", n->str);
		return;
	}
	struct ktypes *kt = n->num == 1 && strcmp(n->str, "void") ? load_ktypes(s) : NULL;
	struct type t = { .kind = T_PTR, .size = 8,
			  .btf_id = kt ? ktypes_find_int(kt, (uint32_t)size, is_signed) : 0,
			  .is_user = n->a->type.is_user ||
				     (n->a->type.kind != T_PTR && user_space_group(s)) };
	set_type(n, t);
}

static void note_enumerator(void *ctx, int64_t value, const char *name)
{
	struct program *prog = ctx;
	prog->enum_names = xrealloc(prog->enum_names, (size_t)(prog->nenum_names + 1) * sizeof(*prog->enum_names));
	struct enum_name *e = &prog->enum_names[prog->nenum_names++];
	e->enum_id = 0;	/* set by add_enum_names */
	e->value = value;
	e->name = xstrdup(name);
}

/* The enumerators of enum id, for output (printf("%s") of its values). */
static void add_enum_names(struct sema *s, uint32_t id)
{
	struct program *prog = s->prog;
	for (int i = 0; i < prog->nenum_names; i++)
		if (prog->enum_names[i].enum_id == id)
			return;
	int first = prog->nenum_names;
	if (prog->ktypes)
		ktypes_enumerators(prog->ktypes, id, note_enumerator, prog);
	for (int i = first; i < prog->nenum_names; i++)
		prog->enum_names[i].enum_id = id;
}

/* The value of a constant integer expression (literals, sizeof, and
 * operators on them), computed as the generated code would. */
static bool is_const_int(const struct node *n, int64_t *v)
{
	int64_t a, b;
	if (n->kind == N_INT || (n->kind == N_SIZEOF && n->type.kind != T_NONE)) {
		*v = n->num;
		return true;
	}
	if (n->kind == N_UNOP && n->op != TK_STAR && n->op != TK_AMP && is_const_int(n->a, &a)) {
		*v = n->op == TK_MINUS ? (int64_t)(0 - (uint64_t)a) : n->op == TK_BANG ? !a : ~a;
		return true;
	}
	if (n->kind != N_BINOP || !is_const_int(n->a, &a) || !is_const_int(n->b, &b))
		return false;
	uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
	switch (n->op) {
	case TK_PLUS: *v = (int64_t)(ua + ub); return true;
	case TK_MINUS: *v = (int64_t)(ua - ub); return true;
	case TK_STAR: *v = (int64_t)(ua * ub); return true;
	case TK_SLASH: if (!ub) return false; *v = (int64_t)(ua / ub); return true;
	case TK_PERCENT: if (!ub) return false; *v = (int64_t)(ua % ub); return true;
	case TK_EQ: *v = a == b; return true;
	case TK_NE: *v = a != b; return true;
	case TK_LT: *v = a < b; return true;
	case TK_GT: *v = a > b; return true;
	case TK_LE: *v = a <= b; return true;
	case TK_GE: *v = a >= b; return true;
	case TK_ANDAND: *v = a && b; return true;
	case TK_OROR: *v = a || b; return true;
	default: return false;
	}
}

static bool expect_nargs(struct sema *s, struct node *n, int min, int max)
{
	if (n->nkids >= min && n->nkids <= max)
		return true;
	if (min == max)
		error_at(s, n->loc, "%s() takes %d argument%s (%d given)", n->str, min,
			 min == 1 ? "" : "s", n->nkids);
	else
		error_at(s, n->loc, "%s() takes %d to %d arguments (%d given)", n->str,
			 min, max, n->nkids);
	return false;
}

static bool expect_int_arg(struct sema *s, struct node *call, struct node *arg)
{
	if (type_is_intlike(&arg->type))
		return true;
	if (arg->type.kind == T_NONE)
		return false;	/* the argument's own error is reported */
	char b[64];
	error_at(s, arg->loc, "%s() expects an integer argument, got %s", call->str,
		 tname(&arg->type, b, sizeof(b)));
	return false;
}

static int add_fmt(struct sema *s, const char *fmt, struct node **args, int nargs)
{
	struct program *prog = s->prog;
	prog->fmts = xrealloc(prog->fmts, (size_t)(prog->nfmts + 1) * sizeof(*prog->fmts));
	struct fmt_info *f = &prog->fmts[prog->nfmts];
	f->fmt = xstrdup(fmt);
	memset(&f->args, 0, sizeof(f->args));
	f->args.kind = T_TUPLE;
	f->args.nelems = (uint32_t)nargs;
	f->args.elems = nargs ? calloc((size_t)nargs, sizeof(struct type)) : NULL;
	for (int i = 0; i < nargs; i++)
		f->args.elems[i] = stored_type(&args[i]->type);
	f->args.size = type_layout_size(&f->args);
	return prog->nfmts++;
}

static void check_printf(struct sema *s, struct node *n)
{
	if (n->nkids < 1 || n->kids[0]->kind != N_STR) {
		error_at(s, n->loc, "printf() needs a string literal as its first argument");
		return;
	}
	for (int i = 1; i < n->nkids; i++) {
		check_expr(s, n->kids[i]);
		if (n->kids[i]->type.kind == T_NONE)
			return;	/* already reported; do not pile on */
	}
	if (s->pass != 2)
		return;
	struct type args = { .kind = T_TUPLE, .nelems = (uint32_t)(n->nkids - 1) };
	args.elems = calloc((size_t)n->nkids, sizeof(struct type));
	for (int i = 1; i < n->nkids; i++)
		args.elems[i - 1] = stored_type(&n->kids[i]->type);
	char err[256];
	if (fmt_check("printf", n->kids[0]->str, &args, err, sizeof(err)))
		error_at(s, n->loc, "%s", err);
	else if (fmt_has_gfp(n->kids[0]->str))
		gfp_table_resolve(&s->prog->gfp, load_ktypes(s));
	for (uint32_t i = 0; i < args.nelems; i++)
		if (args.elems[i].enum_id)
			add_enum_names(s, args.elems[i].enum_id);
	type_release(&args);
	n->id = add_fmt(s, n->kids[0]->str, n->kids + 1, n->nkids - 1);
}

/* is_str(e), is_integer(e)...: what sema knows of e's type, as a bool
 * constant (e is not evaluated). */
static bool check_type_test(struct sema *s, struct node *n)
{
	static const char *const tests[] = {
		"is_str", "is_integer", "is_unsigned_integer", "is_ptr", "is_array", "is_literal",
	};
	size_t i = 0;
	while (i < sizeof(tests) / sizeof(tests[0]) && strcmp(tests[i], n->str))
		i++;
	if (i == sizeof(tests) / sizeof(tests[0]))
		return false;
	if (!expect_nargs(s, n, 1, 1))
		return true;
	struct node *e = n->kids[0];
	bool literal = e->kind == N_INT || e->kind == N_STR;
	check_expr(s, e);
	const struct type *t = &e->type;
	bool integer = t->kind == T_INT || t->kind == T_BOOL;
	bool array = (t->kind == T_STRUCT && s->prog->ktypes && ktypes_is_array(s->prog->ktypes, t->btf_id)) ||
		     (t->kind == T_STR && e->kind == N_FIELD) ||	/* a char array member */
		     t->kind == T_ARRAY;
	bool answers[] = {
		t->kind == T_STR, integer, integer && !t->is_signed && t->kind == T_INT,
		t->kind == T_PTR, array, literal,
	};
	for (int k = 0; k < n->nkids; k++)
		node_free(n->kids[k]);
	n->nkids = 0;
	n->kind = N_INT;
	n->num = answers[i];
	set_type(n, (struct type){ .kind = T_BOOL, .size = 1 });
	return true;
}

/* kfunc_exist("name"): whether the kernel's BTF has that function;
 * kfunc_allowed("name"): whether this probe's program type may call it.
 * Bool constants, as in newer bpftrace. */
static bool check_kfunc_query(struct sema *s, struct node *n)
{
	bool exist = !strcmp(n->str, "kfunc_exist");
	if (!exist && strcmp(n->str, "kfunc_allowed"))
		return false;
	if (!expect_nargs(s, n, 1, 1))
		return true;
	if (n->kids[0]->kind != N_STR) {
		error_at(s, n->kids[0]->loc, "%s() takes a kfunc's name in quotes", n->str);
		return true;
	}
	struct ktypes *kt = need_btf(s, n->loc, exist ? "kfunc_exist()" : "kfunc_allowed()");
	const char *name = n->kids[0]->str;
	bool in_probe = s->pi && s->pi->probes.n;
	bool answer = kt && (exist ? ktypes_find_func(kt, name) > 0 :
			     in_probe && ktypes_kfunc_allowed(kt, name, s->pi->probes.v[0]->prov->prog_type));
	node_free(n->kids[0]);
	n->nkids = 0;
	n->kind = N_INT;
	n->num = answer;
	set_type(n, (struct type){ .kind = T_BOOL, .size = 1 });
	return true;
}

/* assert(cond, "msg"): when cond is false the run ends with status 1,
 * after an error naming the place (format n->id, the message its one
 * argument). */
static void check_assert(struct sema *s, struct node *n)
{
	if (!expect_nargs(s, n, 2, 2))
		return;
	check_expr(s, n->kids[0]);
	expect_int_arg(s, n, n->kids[0]);
	if (n->kids[1]->kind != N_STR) {
		error_at(s, n->kids[1]->loc, "assert() takes a message literal");
		return;
	}
	if (s->pass != 2)
		return;
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	if (!m)
		abort();
	fputs(s->diag->src->name, m);	/* a '%' in it would be a conversion: rare */
	fprintf(m, ":%d:%d: ERROR: assertion failed: %%s\n", n->loc.line, n->loc.col);
	fclose(m);
	check_expr(s, n->kids[1]);
	n->id = add_fmt(s, text, n->kids + 1, 1);	/* the message, as %s's argument */
	free(text);
}

/* The value given as --name[=value] after the script: NULL when not given,
 * "" for a bare --name. Marks it used. */
static const char *named_param(struct sema *s, const char *name)
{
	const struct options *o = &s->prog->opts;
	size_t len = strlen(name);
	for (int i = 0; i < o->nnamed; i++) {
		const char *arg = o->named[i] + 2;
		if (!strncmp(arg, name, len) && (arg[len] == 0 || arg[len] == '=')) {
			o->named_used[i] = true;
			return arg[len] == '=' ? arg + len + 1 : "";
		}
	}
	return NULL;
}

/* getopt("name"[, default[, "description"]]): a named parameter, known
 * when compiling; its type is the default's (bool without one). */
static void check_getopt(struct sema *s, struct node *n)
{
	if (!expect_nargs(s, n, 1, 3))
		return;
	if (n->kids[0]->kind != N_STR || (n->nkids == 3 && n->kids[2]->kind != N_STR)) {
		error_at(s, n->loc, "getopt() takes a name literal, a default and a description literal");
		return;
	}
	if (n->nkids >= 2)
		check_expr(s, n->kids[1]);
	const struct node *def = n->nkids >= 2 ? n->kids[1] : NULL;
	bool is_bool = !def || def->type.kind == T_BOOL, is_str = def && def->kind == N_STR;
	int64_t num = 0;
	if (def && !is_str && !is_const_int(def, &num)) {
		error_at(s, def->loc, "getopt()'s default must be a literal: a number, a string, true or false");
		return;
	}
	const char *name = n->kids[0]->str;
	const char *val = named_param(s, name);
	char *end = NULL;
	if (val && is_bool && *val) {
		if (strcmp(val, "true") && strcmp(val, "false") && strcmp(val, "1") && strcmp(val, "0")) {
			error_at(s, n->loc, "--%s takes true, false, 1 or 0, not '%s'", name, val);
			return;
		}
		num = !strcmp(val, "true") || !strcmp(val, "1");
	} else if (val && is_bool) {
		num = 1;
	} else if (val && !is_str && (!*val || (num = strtoll(val, &end, 0), *end))) {
		error_at(s, n->loc, "--%s needs a number: --%s=N", name, name);
		return;
	}
	char *text = is_str ? xstrdup(val ? val : def->str) : NULL;
	for (int i = 0; i < n->nkids; i++)
		node_free(n->kids[i]);
	n->nkids = 0;
	free(n->str);
	n->str = text;
	n->kind = text ? N_STR : N_INT;
	n->num = text ? (int64_t)strlen(text) : num;
	set_type(n, text ? type_str((int)n->num + 1) :
		 is_bool ? (struct type){ .kind = T_BOOL, .size = 1 } : int64(true));
}

/* The value of an if's condition when compiling knows it: constant
 * expressions, with positional parameters given as numbers. */
static bool const_condition(struct sema *s, const struct node *n, int64_t *v)
{
	int64_t a, b;
	const struct options *o = &s->prog->opts;
	if (n->kind == N_POSITIONAL && !n->str && n->type.kind == T_INT) {
		*v = n->num <= o->nparams ? strtoll(o->params[n->num - 1], NULL, 0) : 0;
		return true;
	}
	if (n->kind == N_POSITIONAL && n->str) {	/* $# */
		*v = o->nparams;
		return true;
	}
	if (n->kind == N_UNOP && n->op == TK_BANG && const_condition(s, n->a, &a)) {
		*v = !a;
		return true;
	}
	if (n->kind != N_BINOP || !const_condition(s, n->a, &a) || !const_condition(s, n->b, &b))
		return is_const_int(n, v);
	struct node fold = { .kind = N_BINOP, .op = n->op };
	struct node la = { .kind = N_INT, .num = a }, lb = { .kind = N_INT, .num = b };
	fold.a = &la;
	fold.b = &lb;
	return is_const_int(&fold, v);
}

/* fail("fmt", literals...): an error when compiling, unless a constant
 * condition rules its branch out. */
static void check_fail(struct sema *s, struct node *n)
{
	if (n->nkids < 1 || n->kids[0]->kind != N_STR) {
		error_at(s, n->loc, "fail() needs a format literal");
		return;
	}
	for (int i = 1; i < n->nkids; i++)
		check_expr(s, n->kids[i]);
	if (s->unreachable || s->pass != 2)
		return;
	char msg[512];
	size_t len = 0;
	int arg = 1;
	for (const char *f = n->kids[0]->str; *f && len + 32 < sizeof(msg); f++) {
		int64_t v;
		if (f[0] == '%' && f[1] && arg < n->nkids) {
			const struct node *a = n->kids[arg++];
			f++;
			if (a->kind == N_STR)
				len += (size_t)snprintf(msg + len, sizeof(msg) - len, "%s", a->str);
			else if (const_condition(s, a, &v))
				len += (size_t)snprintf(msg + len, sizeof(msg) - len, "%lld", (long long)v);
		} else {
			msg[len++] = *f;
		}
	}
	msg[len] = 0;
	error_at(s, n->loc, "%s", msg);
}

/* static_assert(cond, "msg"): checked when compiling; no code. */
static void check_static_assert(struct sema *s, struct node *n)
{
	int64_t v;
	if (!expect_nargs(s, n, 2, 2))
		return;
	check_expr(s, n->kids[0]);
	if (n->kids[1]->kind != N_STR)
		error_at(s, n->kids[1]->loc, "static_assert() takes a message literal");
	else if (!is_const_int(n->kids[0], &v))
		error_at(s, n->kids[0]->loc, "static_assert() needs a condition known when compiling");
	else if (!v)
		error_at(s, n->loc, "static_assert failed: %s", n->kids[1]->str);
}

/* errorf(), warnf(): a printf to stderr that starts with the call's place,
 * as compiler diagnostics do. */
static void check_diag_printf(struct sema *s, struct node *n)
{
	check_printf(s, n);
	if (s->pass != 2 || n->id < 0)
		return;
	struct fmt_info *f = &s->prog->fmts[n->id];
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	if (!m)
		abort();
	fputs(s->diag->src->name, m);	/* a '%' in it would be a conversion: rare */
	fprintf(m, ":%d:%d: %s: %s\n", n->loc.line, n->loc.col,
		n->str[0] == 'e' ? "ERROR" : "WARNING", f->fmt);
	fclose(m);
	free(f->fmt);
	f->fmt = text;
}

/* debugf(): bpf_trace_printk, which takes at most three integers or
 * strings; the text goes to the kernel's trace buffer. */
static void check_debugf(struct sema *s, struct node *n)
{
	if (n->nkids < 1 || n->kids[0]->kind != N_STR) {
		error_at(s, n->loc, "debugf() needs a string literal as its first argument");
		return;
	}
	if (n->nkids > 4) {
		error_at(s, n->kids[4]->loc, "debugf() takes at most 3 arguments after the format (bpf_trace_printk's limit)");
		return;
	}
	for (int i = 1; i < n->nkids; i++) {
		check_expr(s, n->kids[i]);
		const struct type *t = &n->kids[i]->type;
		if (t->kind != T_NONE && !type_is_intlike(t) && t->kind != T_STR)
			error_at(s, n->kids[i]->loc, "debugf() prints integers and strings only");
	}
}

static struct node *map_arg(struct sema *s, struct node *n, int i)
{
	if (n->nkids <= i || n->kids[i]->kind != N_MAP) {
		error_at(s, n->loc, "%s() expects a map argument", n->str);
		return NULL;
	}
	return n->kids[i];
}

static void check_map_fn(struct sema *s, struct node *n)
{
	const char *fn = n->str;
	if (!strcmp(fn, "delete")) {
		struct node *m = map_arg(s, n, 0);
		if (!m || !expect_nargs(s, n, 1, 2))
			return;
		if (n->nkids == 2) {	/* delete(@m, key) == delete(@m[key]) */
			if (m->nkids) {
				error_at(s, n->loc, "delete(@m, key) takes the map without a key");
				return;
			}
			move_key_into_map(m, n->kids[1]);
			n->nkids = 1;
		}
		check_map_key(s, m);
		set_type(n, (struct type){ .kind = T_BOOL, .size = 8 });	/* whether it was there */
		return;
	}
	struct node *m = map_arg(s, n, 0);
	if (!m)
		return;
	if (m->nkids) {
		error_at(s, m->loc, "%s() takes a whole map, without a key", fn);
		return;
	}
	struct map_info *mi = get_map(s, m);
	if (!strcmp(fn, "print")) {
		/* a series' value range, print(@m, min, max), may be negative */
		bool range = mi && mi->value.kind == T_TSERIES && n->nkids == 3;
		for (int i = 1; i < n->nkids; i++) {
			int64_t v;
			check_expr(s, n->kids[i]);
			if (!is_const_int(n->kids[i], &v) || (v < 0 && !range) || v != (int32_t)v) {
				error_at(s, n->kids[i]->loc, range ? "print() range bounds must be integer literals" :
					 "print() limits must be non-negative integer literals");
			} else if (n->kids[i]->kind != N_INT) {	/* folded: code reads a literal */
				struct node *k = n->kids[i];
				node_free(k->a), node_free(k->b), node_free(k->c);
				k->a = k->b = k->c = NULL;
				k->kind = N_INT;
				k->num = v;
			}
		}
		expect_nargs(s, n, 1, 3);
	} else {
		expect_nargs(s, n, 1, 1);
	}
}

/* tseries(value, interval, count[, "avg"|"max"|"min"|"sum"]): literals
 * after the value, as in bpftrace (whose messages these are). */
static void check_tseries_args(struct sema *s, struct node *n, struct type *t)
{
	static const char *const aggs[] = { [TSERIES_AVG] = "avg", [TSERIES_MAX] = "max",
					    [TSERIES_MIN] = "min", [TSERIES_SUM] = "sum" };
	int64_t interval = 0, count = 0;
	if (!is_const_int(n->kids[1], &interval) || interval < 0) {
		error_at(s, n->kids[1]->loc, "tseries: invalid interval_ns value (must be non-negative literal)");
		return;
	}
	if (!is_const_int(n->kids[2], &count) || count < 0) {
		error_at(s, n->kids[2]->loc, "tseries: invalid num_intervals value (must be non-negative literal)");
		return;
	}
	if (interval < 1)
		error_at(s, n->kids[1]->loc, "tseries() interval_ns must be >= 1 (%lld provided)", (long long)interval);
	else if (count < 1)
		error_at(s, n->kids[2]->loc, "tseries() num_intervals must be >= 1 (%lld provided)", (long long)count);
	else if (count > 1000000)
		error_at(s, n->kids[2]->loc, "tseries() num_intervals must be < 1000000 (%lld provided)", (long long)count);
	t->interval_ns = (uint64_t)interval;
	t->nintervals = (uint32_t)count;
	t->tseries_agg = TSERIES_LAST;
	if (n->nkids < 4)
		return;
	const struct node *a = n->kids[3];
	for (int k = TSERIES_AVG; a->kind == N_STR && k <= TSERIES_SUM; k++)
		if (!strcmp(a->str, aggs[k]))
			t->tseries_agg = (uint32_t)k;
	if (t->tseries_agg == TSERIES_LAST)
		error_at(s, a->loc, "tseries() expects one of the following aggregation functions: avg, max, min, sum (\"%s\" provided)",
			 a->kind == N_STR ? a->str : "");
}

static struct type agg_type(struct sema *s, struct node *n)
{
	struct type t = { .kind = T_NONE };
	const char *fn = n->str;
	static const struct { const char *name; enum type_kind kind; int nargs; } aggs[] = {
		{ "count", T_COUNT, 0 }, { "sum", T_SUM, 1 }, { "min", T_MIN, 1 },
		{ "max", T_MAX, 1 }, { "avg", T_AVG, 1 }, { "stats", T_STATS, 1 },
		{ "hist", T_HIST, 1 }, { "lhist", T_LHIST, 4 }, { "tseries", T_TSERIES, 3 },
	};
	size_t i;
	for (i = 0; i < sizeof(aggs) / sizeof(aggs[0]); i++)
		if (!strcmp(fn, aggs[i].name))
			break;
	if (i == sizeof(aggs) / sizeof(aggs[0]))
		return t;
	t.kind = aggs[i].kind;
	int max_args = t.kind == T_HIST ? 2 : t.kind == T_TSERIES ? 4 : aggs[i].nargs;
	if (!expect_nargs(s, n, aggs[i].nargs, max_args))
		return t;
	for (int k = 0; k < n->nkids; k++)
		check_expr(s, n->kids[k]);
	if (n->nkids && !expect_int_arg(s, n, n->kids[0]))
		return t;
	t.is_signed = n->nkids ? n->kids[0]->type.is_signed : false;
	t.size = type_layout_size(&t);
	if (t.kind == T_HIST) {
		int64_t bits = 0;
		if (n->nkids == 2 && (!is_const_int(n->kids[1], &bits) || bits < 0 || bits > 5))
			error_at(s, n->kids[1]->loc, "hist() bits must be an integer literal from 0 to 5");
		t.hist_bits = (uint32_t)bits;
	}
	if (t.kind == T_TSERIES)
		check_tseries_args(s, n, &t);
	if (t.kind == T_LHIST) {
		int64_t v[3] = { 0, 0, 0 };
		for (int k = 0; k < 3; k++)
			if (!is_const_int(n->kids[k + 1], &v[k]))
				error_at(s, n->kids[k + 1]->loc, "lhist() min, max and step must be integer literals");
		if (v[2] <= 0)
			error_at(s, n->loc, "lhist() step must be greater than 0");
		else if (v[1] <= v[0])
			error_at(s, n->loc, "lhist() max must be greater than min");
		else if ((v[1] - v[0]) / v[2] > 1000)
			error_at(s, n->loc, "lhist() has too many buckets (at most 1000)");
		t.lhist_min = v[0];
		t.lhist_max = v[1];
		t.lhist_step = v[2];
	}
	return t;
}

static void check_str_call(struct sema *s, struct node *n)
{
	if (!expect_nargs(s, n, 1, 2))
		return;
	struct node *a0 = n->kids[0];
	if (a0->kind == N_POSITIONAL && !a0->str && a0->num > s->prog->opts.nparams) {
		a0->kind = N_STR;	/* str($N) of a parameter not given: "" */
		a0->str = xstrdup("");
		a0->num = 0;
	}
	check_expr(s, n->kids[0]);
	int size = s->prog->opts.strlen;
	if (n->nkids == 2) {
		int64_t v;
		check_expr(s, n->kids[1]);
		if (is_const_int(n->kids[1], &v)) {
			if (v < 1) {
				error_at(s, n->kids[1]->loc, "str() length must be positive");
				return;
			}
			if (v + 1 < size)
				size = (int)v + 1;
		} else if (!expect_int_arg(s, n, n->kids[1])) {
			return;
		}
	}
	const struct type *a = &n->kids[0]->type;
	if (a->kind == T_STR) {
		set_type(n, type_str(a->size < (uint32_t)size ? (int)a->size : size));
		return;
	}
	if (!type_is_intlike(a)) {
		char b[64];
		error_at(s, n->loc, "str() expects a pointer or a string, got %s",
			 tname(a, b, sizeof(b)));
		return;
	}
	set_type(n, type_str(size));
}

#define STACK_MAX_DEPTH 127

/* enum stack_mode of a mode's name, or -1. */
static int stack_mode_of(const char *name)
{
	static const char *const modes[] = { "bpftrace", "perf", "raw" };
	for (int k = 0; k < 3; k++)
		if (!strcmp(name, modes[k]))
			return k;
	return -1;
}

/* kstack, ustack, kstack(perf), ustack(bpftrace, 10), kstack(5)... */
static void check_stack(struct sema *s, struct node *n, bool user)
{
	if (no_ctx_in_map_loop(s, n, user ? "ustack" : "kstack"))
		return;
	struct type t = { .kind = user ? T_USTACK : T_KSTACK, .stack_depth = STACK_MAX_DEPTH,
			  .stack_mode = (uint32_t)s->prog->opts.stack_mode };
	int i = 0;
	if (n->kind == N_CALL && n->nkids > 2) {
		error_at(s, n->loc, "%s() takes a mode and a depth", n->str);
		return;
	}
	if (n->kind == N_CALL && n->nkids && n->kids[0]->kind == N_BUILTIN) {
		int k = stack_mode_of(n->kids[0]->str);
		if (k < 0) {
			error_at(s, n->kids[0]->loc, "unknown stack mode '%s' (use bpftrace, perf or raw)",
				 n->kids[0]->str);
			return;
		}
		t.stack_mode = (uint32_t)k;
		i = 1;
	}
	if (n->kind == N_CALL && i < n->nkids) {
		int64_t depth;
		if (!is_const_int(n->kids[i], &depth) || depth < 1 || depth > STACK_MAX_DEPTH) {
			error_at(s, n->kids[i]->loc, "stack depth must be an integer from 1 to %d", STACK_MAX_DEPTH);
			return;
		}
		t.stack_depth = (uint32_t)depth;
	}
	t.size = type_layout_size(&t);
	if (user)
		s->prog->uses_user_symbols = true;
	set_type(n, t);
}

static void check_symbol_call(struct sema *s, struct node *n)
{
	const char *fn = n->str;
	if (!expect_nargs(s, n, 1, 1))
		return;
	if (!strcmp(fn, "kaddr")) {
		struct node *a = n->kids[0];
		if (a->kind != N_STR) {
			error_at(s, n->loc, "kaddr() needs a string literal");
			return;
		}
		if (s->pass == 2) {
			if (!s->ksyms)
				s->ksyms = ksyms_new();
			uint64_t addr;
			if (!s->ksyms || ksyms_addr(s->ksyms, a->str, &addr)) {
				error_at(s, a->loc, "kaddr(): no kernel symbol named '%s'", a->str);
				return;
			}
			n->num = (int64_t)addr;
		}
		set_type(n, int64(false));
		return;
	}
	check_expr(s, n->kids[0]);
	if (!expect_int_arg(s, n, n->kids[0]))
		return;
	struct type t = { .kind = fn[0] == 'k' ? T_KSYM : T_USYM };
	t.size = type_layout_size(&t);
	if (t.kind == T_USYM)
		s->prog->uses_user_symbols = true;
	set_type(n, t);
}

/* printf-like calls whose format is formatted in user space: printf,
 * cat (a file name), system (a command). */
static void check_format_call(struct sema *s, struct node *n)
{
	if (n->nkids < 1 || n->kids[0]->kind != N_STR) {
		error_at(s, n->loc, "%s() needs a string literal as its first argument", n->str);
		return;
	}
	if (!strcmp(n->str, "system") && !s->prog->opts.unsafe) {
		error_at(s, n->loc, "system() runs commands: it needs --unsafe");
		return;
	}
	for (int i = 1; i < n->nkids; i++) {
		check_expr(s, n->kids[i]);
		if (n->kids[i]->type.kind == T_NONE)
			return;
	}
	if (s->pass != 2)
		return;
	struct type args = { .kind = T_TUPLE, .nelems = (uint32_t)(n->nkids - 1) };
	args.elems = calloc((size_t)n->nkids, sizeof(struct type));
	for (int i = 1; i < n->nkids; i++)
		args.elems[i - 1] = stored_type(&n->kids[i]->type);
	char err[256];
	if (fmt_check(n->str, n->kids[0]->str, &args, err, sizeof(err)))
		error_at(s, n->loc, "%s", err);
	else if (fmt_has_gfp(n->kids[0]->str))
		gfp_table_resolve(&s->prog->gfp, load_ktypes(s));
	type_release(&args);
	n->id = add_fmt(s, n->kids[0]->str, n->kids + 1, n->nkids - 1);
}

/* uaddr("sym"): the address of a symbol of the probed binary, known when
 * compiling. A position-independent binary's addresses are known only once
 * it runs, so (as in bpftrace) it needs a fixed-address binary. */
static void check_uaddr(struct sema *s, struct node *n)
{
	if (!expect_nargs(s, n, 1, 1))
		return;
	if (n->kids[0]->kind != N_STR) {
		error_at(s, n->loc, "uaddr() takes a symbol name literal");
		return;
	}
	const struct probe *p = s->pi->probes.v[0];
	const char *pv = p->prov->name;
	if ((strcmp(pv, "uprobe") && strcmp(pv, "uretprobe") && strcmp(pv, "usdt")) || !p->target) {
		error_at(s, n->loc, "uaddr() needs a uprobe or usdt probe (it looks in the probed binary)");
		return;
	}
	struct elfsym *e = elfsym_open(p->target, NULL);
	struct elfsym_sym sym;
	if (!e) {
		error_at(s, n->loc, "uaddr(): cannot read %s: %s", p->target, strerror(errno));
		return;
	}
	if (elfsym_is_dyn(e))
		error_at(s, n->loc, "uaddr(): %s is position-independent: its addresses are known only at run time",
			 p->target);
	else if (elfsym_lookup(e, n->kids[0]->str, &sym))
		error_at(s, n->kids[0]->loc, "uaddr(): %s has no symbol '%s'", p->target, n->kids[0]->str);
	else
		n->num = (int64_t)sym.addr;
	elfsym_free(e);
	set_type(n, int64(false));
}

/* find(@m, key, $v): whether @m has key, and if so its value in $v. The
 * first pass moves the key into the map node: find(@m[key], $v). */
static void check_find(struct sema *s, struct node *n)
{
	if (n->nkids >= 3 && n->kids[0]->kind == N_MAP && !n->kids[0]->nkids) {
		struct node *m = n->kids[0], *var = n->kids[n->nkids - 1];
		for (int i = 1; i < n->nkids - 1; i++)
			move_key_into_map(m, n->kids[i]);
		n->kids[1] = var;
		n->nkids = 2;
	}
	if (n->nkids != 2 || n->kids[0]->kind != N_MAP || !n->kids[0]->nkids ||
	    n->kids[1]->kind != N_VAR) {
		error_at(s, n->loc, "find() takes a map, a key and a $variable: find(@m, k, $v)");
		return;
	}
	struct map_info *m = check_map_key(s, n->kids[0]);
	if (type_is_agg(&m->value)) {
		error_at(s, n->loc, "find() reads maps of plain values, not of %s()",
			 type_name(&m->value, (char[32]){ 0 }, 32));
		struct type i64 = int64(true);
		define_var(s, n->kids[1], &i64);	/* no second error for $v */
		return;
	}
	if (m->value.kind != T_NONE)
		define_var(s, n->kids[1], &m->value);
	set_type(n, (struct type){ .kind = T_BOOL, .size = 1 });
}

static void check_time_call(struct sema *s, struct node *n)
{
	if (!expect_nargs(s, n, 0, 1))
		return;
	if (n->nkids && n->kids[0]->kind != N_STR) {
		error_at(s, n->loc, "time() takes a strftime format string literal");
		return;
	}
	if (s->pass == 2)
		n->id = add_fmt(s, n->nkids ? n->kids[0]->str : "%H:%M:%S\n", NULL, 0);
}

static void check_signal_call(struct sema *s, struct node *n)
{
	const char *fn = n->str;
	if (!expect_nargs(s, n, 1, 1))
		return;
	if (!s->prog->opts.unsafe) {
		error_at(s, n->loc, "%s() sends signals: it needs --unsafe", fn);
		return;
	}
	struct node *a = n->kids[0];
	if (a->kind == N_STR) {
		/* "SIGKILL" or "KILL", by libc's own table of names. */
		const char *name = strncmp(a->str, "SIG", 3) ? a->str : a->str + 3;
		int sig = 1;
		while (sig < 32 && (!sigabbrev_np(sig) || strcmp(sigabbrev_np(sig), name)))
			sig++;
		if (sig == 32) {
			error_at(s, a->loc, "%s(): unknown signal '%s'", fn, a->str);
			return;
		}
		n->num = sig;
	} else {
		check_expr(s, a);
		expect_int_arg(s, n, a);
		n->num = -1;
	}
}

static void check_strncmp_call(struct sema *s, struct node *n)
{
	const char *fn = n->str;
	int64_t len;
	bool mem = fn[0] == 'm';
	if (!expect_nargs(s, n, 3, 3))
		return;
	check_expr(s, n->kids[0]);
	check_expr(s, n->kids[1]);
	enum type_kind ka = n->kids[0]->type.kind, kb = n->kids[1]->type.kind;
	if ((ka != T_STR && !(mem && ka == T_BUF)) || (kb != T_STR && !(mem && kb == T_BUF))) {
		error_at(s, n->loc, mem ? "memcmp() compares two strings or buffers" :
				    "strncmp() compares two strings");
		return;
	}
	if (!is_const_int(n->kids[2], &len) || len < 0) {
		error_at(s, n->kids[2]->loc, "%s() length must be a non-negative integer literal", fn);
		return;
	}
	n->num = len;
	set_type(n, int64(mem));
}

static void check_has_key_call(struct sema *s, struct node *n)
{
	/* The first pass moved the key into the map: has_key(@m[k]). */
	bool rewritten = n->nkids == 1 && n->kids[0]->kind == N_MAP && n->kids[0]->nkids;
	if (rewritten) {
		check_map_key(s, n->kids[0]);
		set_type(n, int64(false));
		return;
	}
	if (!expect_nargs(s, n, 2, 64) || n->kids[0]->kind != N_MAP || n->kids[0]->nkids) {
		if (n->nkids >= 2)
			error_at(s, n->loc, "has_key() takes a map and its key: has_key(@m, k)");
		return;
	}
	struct node *m = n->kids[0];
	for (int i = 1; i < n->nkids; i++)
		move_key_into_map(m, n->kids[i]);
	n->nkids = 1;
	check_map_key(s, m);
	set_type(n, int64(false));
}

static void check_join_call(struct sema *s, struct node *n)
{
	if (!expect_nargs(s, n, 1, 2))
		return;
	check_expr(s, n->kids[0]);
	if (!expect_int_arg(s, n, n->kids[0]))
		return;
	if (n->nkids == 2 && n->kids[1]->kind != N_STR) {
		error_at(s, n->kids[1]->loc, "join() takes a string literal as its delimiter");
		return;
	}
	if (s->pass == 2)
		n->id = add_fmt(s, n->nkids == 2 ? n->kids[1]->str : " ", NULL, 0);
}

static void check_reg_call(struct sema *s, struct node *n)
{
	static const char *const regs[] = {
		"r15", "r14", "r13", "r12", "bp", "bx", "r11", "r10", "r9", "r8",
		"ax", "cx", "dx", "si", "di", "orig_ax", "ip", "cs", "flags", "sp", "ss",
	};
	if (!expect_nargs(s, n, 1, 1))
		return;
	if (n->kids[0]->kind != N_STR) {
		error_at(s, n->loc, "reg() takes a register name literal, e.g. reg(\"ip\")");
		return;
	}
	for (int i = 0; i < s->pi->probes.n; i++) {
		enum bpf_prog_type pt = s->pi->probes.v[i]->prov->prog_type;
		if (pt != BPF_PROG_TYPE_KPROBE && pt != BPF_PROG_TYPE_PERF_EVENT) {
			error_at(s, n->loc, "reg() needs probes that see registers (kprobe, uprobe, usdt, profile), not %s",
				 s->pi->probes.v[i]->prov->name);
			return;
		}
	}
	size_t i;
	for (i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)
		if (!strcmp(n->kids[0]->str, regs[i]))
			break;
	if (i == sizeof(regs) / sizeof(regs[0])) {
		error_at(s, n->kids[0]->loc, "reg(): unknown register '%s'", n->kids[0]->str);
		return;
	}
	n->num = (int64_t)(8 * i);	/* x86-64 struct pt_regs offset */
	set_type(n, int64(false));
}

static void check_buf_call(struct sema *s, struct node *n)
{
	if (!expect_nargs(s, n, 1, 2))
		return;
	check_expr(s, n->kids[0]);
	int64_t len = 64;
	if (n->nkids == 2) {
		check_expr(s, n->kids[1]);
		if (!is_const_int(n->kids[1], &len))
			len = s->prog->opts.strlen;	/* run-time length: at most this */
		else if (len < 1 || len > 1024) {
			error_at(s, n->kids[1]->loc, "buf() length must be from 1 to 1024");
			return;
		}
	}
	const struct type *a = &n->kids[0]->type;
	if (a->kind == T_STR && n->nkids == 1)
		len = a->size;
	else if (!type_is_intlike(a) && a->kind != T_STR) {
		error_at(s, n->loc, "buf() reads from a pointer or an array");
		return;
	}
	set_type(n, (struct type){ .kind = T_BUF, .size = (uint32_t)len });
}

static void check_ntop_call(struct sema *s, struct node *n)
{
	if (!expect_nargs(s, n, 1, 2))
		return;
	for (int i = 0; i < n->nkids; i++)
		check_expr(s, n->kids[i]);
	const struct type *a = &n->kids[n->nkids - 1]->type;
	if (!type_is_intlike(a) && !(a->kind == T_STR && (a->size == 4 || a->size == 16))) {
		error_at(s, n->loc, "ntop() takes an IPv4 address as an integer, or a 4- or 16-byte array");
		return;
	}
	set_type(n, (struct type){ .kind = T_INET, .size = 24 });
}

static void check_strftime_call(struct sema *s, struct node *n)
{
	if (!expect_nargs(s, n, 2, 2))
		return;
	if (n->kids[0]->kind != N_STR) {
		error_at(s, n->loc, "strftime() takes a format string literal first");
		return;
	}
	check_expr(s, n->kids[1]);
	if (!expect_int_arg(s, n, n->kids[1]))
		return;
	if (s->pass == 2)
		n->id = add_fmt(s, n->kids[0]->str, NULL, 0);
	set_type(n, (struct type){ .kind = T_TIMESTAMP, .size = 16 });
}

static void check_globmatch_call(struct sema *s, struct node *n)
{
	if (!expect_nargs(s, n, 2, 2))
		return;
	check_expr(s, n->kids[0]);
	if (n->kids[0]->type.kind != T_STR || n->kids[1]->kind != N_STR) {
		error_at(s, n->loc, "globmatch() takes a string and a pattern literal");
		return;
	}
	set_type(n, (struct type){ .kind = T_BOOL, .size = 1 });
}

static void check_strcontains_call(struct sema *s, struct node *n)
{
	const char *fn = n->str;
	if (!expect_nargs(s, n, 2, 2))
		return;
	check_expr(s, n->kids[0]);
	check_expr(s, n->kids[1]);
	if (n->kids[0]->type.kind != T_STR || n->kids[1]->kind != N_STR) {
		error_at(s, n->loc, "%s() takes a string and a string literal to look for", fn);
		return;
	}
	set_type(n, int64(fn[3] == 's'));
}

static void check_cgroupid_call(struct sema *s, struct node *n)
{
	if (!expect_nargs(s, n, 1, 1))
		return;
	if (n->kids[0]->kind != N_STR) {
		error_at(s, n->loc, "cgroupid() takes a cgroup path literal");
		return;
	}
	/* A cgroup's id is the inode number of its directory. */
	struct stat st;
	if (stat(n->kids[0]->str, &st)) {
		error_at(s, n->kids[0]->loc, "cgroupid(): %s: %s", n->kids[0]->str, strerror(errno));
		return;
	}
	n->num = (int64_t)st.st_ino;
	set_type(n, int64(false));
}

static void check_override_call(struct sema *s, struct node *n)
{
	for (int i = 0; i < s->pi->probes.n; i++)
		if (strcmp(s->pi->probes.v[i]->prov->name, "kprobe")) {
			error_at(s, n->loc, "override() works only in kprobe probes (with CONFIG_BPF_KPROBE_OVERRIDE), not in %s probes",
				 s->pi->probes.v[i]->prov->name);
			return;
		}
	if (!s->prog->opts.unsafe) {
		error_at(s, n->loc, "override() changes what the kernel returns: it needs --unsafe");
		return;
	}
	if (!expect_nargs(s, n, 1, 1))
		return;
	check_expr(s, n->kids[0]);
	expect_int_arg(s, n, n->kids[0]);
}

static void check_kptr_call(struct sema *s, struct node *n)
{
	const char *fn = n->str;
	/* Marks which address space a pointer reads from. */
	if (!expect_nargs(s, n, 1, 1))
		return;
	check_expr(s, n->kids[0]);
	if (!expect_int_arg(s, n, n->kids[0]))
		return;
	struct type t = n->kids[0]->type.kind == T_PTR ? n->kids[0]->type :
			(struct type){ .kind = T_PTR, .size = 8 };
	t.is_user = fn[0] == 'u';
	set_type(n, t);
}

static void check_len_call(struct sema *s, struct node *n)
{
	if (!expect_nargs(s, n, 1, 1))
		return;
	struct node *m = n->kids[0];
	bool stack = (m->kind == N_BUILTIN || m->kind == N_CALL) &&
		     (!strcmp(m->str, "kstack") || !strcmp(m->str, "ustack"));
	if (stack) {	/* newer bpftrace: the frames of the stack here */
		check_expr(s, m);
		set_type(n, int64(false));
		return;
	}
	if (m->kind != N_MAP || m->nkids) {
		error_at(s, n->loc, "len() takes a whole map, len(@m), or kstack or ustack");
		return;
	}
	struct map_info *mi = get_map(s, m);
	if (s->pass == 2 && mi->nkeys <= 0 && mi->value.kind != T_NONE) {
		error_at(s, n->loc, "len() counts the keys of a map; %s has none", m->str);
		return;
	}
	set_type(n, int64(false));
}

static void check_offsetof_call(struct sema *s, struct node *n)
{
	struct ktypes *kt = need_btf(s, n->loc, "offsetof()");
	int id = kt && n->a ? ktypes_find_record(kt, n->a->str) : -ENOENT;
	struct kmember m;
	if (!kt)
		return;
	if (id < 0)
		error_at(s, n->loc, "the kernel has no type '%s'", n->a ? n->a->str : "");
	else if (ktypes_member(kt, (uint32_t)id, n->kids[0]->str, false, &m))
		error_at(s, n->kids[0]->loc, "%s has no member named '%s'", n->a->str, n->kids[0]->str);
	else
		n->num = m.offset;
	set_type(n, int64(false));
}

static void check_macaddr_call(struct sema *s, struct node *n)
{
	if (!expect_nargs(s, n, 1, 1))
		return;
	check_expr(s, n->kids[0]);
	const struct type *a = &n->kids[0]->type;
	if (!(a->kind == T_STR && a->size >= 6) && !type_is_intlike(a)) {
		error_at(s, n->loc, "macaddr() takes a 6-byte array or a pointer to one");
		return;
	}
	set_type(n, (struct type){ .kind = T_MACADDR, .size = 8 });
}

static void check_pton_call(struct sema *s, struct node *n)
{
	/* The address's bytes, known when compiling: for comparing with
	 * address arrays such as args->daddr. */
	if (!expect_nargs(s, n, 1, 1))
		return;
	if (n->kids[0]->kind != N_STR) {
		error_at(s, n->loc, "pton() takes an address string literal");
		return;
	}
	unsigned char bytes[16];
	int family = strchr(n->kids[0]->str, ':') ? AF_INET6 : AF_INET;
	if (inet_pton(family, n->kids[0]->str, bytes) != 1) {
		error_at(s, n->kids[0]->loc, "pton(): '%s' is not an IPv4 or IPv6 address", n->kids[0]->str);
		return;
	}
	set_type(n, type_str(family == AF_INET ? 4 : 16));
}

static void check_bswap_call(struct sema *s, struct node *n)
{
	if (!expect_nargs(s, n, 1, 1))
		return;
	check_expr(s, n->kids[0]);
	if (!expect_int_arg(s, n, n->kids[0]))
		return;
	set_type(n, type_int((int)(n->kids[0]->type.size ? n->kids[0]->type.size : 8), false));
}


/* strerror(e), syscall_name(nr), signal_name(sig), cgroup_path(id[, "filter"]): integers
 * that user space prints as text when the value is printed. */
static void check_named_int_call(struct sema *s, struct node *n);

/* args->p, or a kernel pointer or embedded record reached from one by
 * members: the verifier knows such a value's kernel type (the program
 * loads each hop directly), which helpers taking a typed pointer need. */
static bool is_kernel_ref(const struct node *n)
{
	if (n->kind != N_FIELD || (n->type.kind != T_PTR && n->type.kind != T_STRUCT) ||
	    n->type.is_user)
		return false;
	if (n->a->kind == N_BUILTIN && !strcmp(n->a->str, "args"))
		return n->type.kind == T_PTR;
	return n->a->type.kind == (n->num ? T_PTR : T_STRUCT) && is_kernel_ref(n->a);
}

/* Helpers only fentry/fexit programs have, given (as argument i) a typed
 * kernel pointer from args. False after reporting why not. */
static bool check_fentry_helper_arg(struct sema *s, struct node *n, int i_arg, const char *helper,
				    const char *record, const char *example)
{
	struct node *arg = n->kids[i_arg];
	for (int i = 0; i < s->pi->probes.n; i++) {
		const struct provider *pv = s->pi->probes.v[i]->prov;
		if (pv->prog_type != BPF_PROG_TYPE_TRACING || !strcmp(pv->name, "iter")) {
			error_at(s, n->loc, "%s() works in fentry/fexit probes only (%s), not in %s probes",
				 n->str, helper, pv->name);
			return false;
		}
	}
	check_expr(s, arg);
	if (!is_kernel_ref(arg)) {
		error_at(s, arg->loc, "%s() takes a kernel pointer reached from args, e.g. %s",
			 n->str, example);
		return false;
	}
	const struct type *t = &arg->type;
	uint32_t id = t->kind == T_STRUCT ? t->btf_id : ktypes_pointee_record(s->prog->ktypes, t);
	if (id != (uint32_t)ktypes_find_record(s->prog->ktypes, record)) {
		error_at(s, arg->loc, "%s() takes a struct %s or a pointer to one, e.g. %s",
			 n->str, record, example);
		return false;
	}
	return true;
}

static bool check_fentry_helper(struct sema *s, struct node *n, const char *helper,
				const char *record, const char *example)
{
	return check_fentry_helper_arg(s, n, 0, helper, record, example);
}

/* path(p[, size]): bpf_d_path, which only fentry/fexit programs may call,
 * on the few kernel functions the kernel allows (it checks which). */
static void check_path(struct sema *s, struct node *n)
{
	if (!expect_nargs(s, n, 1, 2) || !check_fentry_helper(s, n, "bpf_d_path", "path", "args->filp->f_path"))
		return;
	int64_t size = s->prog->opts.strlen;
	if (n->nkids == 2 && (!is_const_int(n->kids[1], &size) || size < 1 || size > 1024)) {
		error_at(s, n->kids[1]->loc, "path() size must be an integer literal from 1 to 1024");
		return;
	}
	set_type(n, type_str((int)size));
}

/* The kernel resolves ld_imm64 of a variable's BTF id by its kallsyms
 * entry, which only CONFIG_KALLSYMS_ALL kernels list. */
static bool kernel_symbol_known(struct sema *s, const char *name)
{
	if (!s->ksyms)
		s->ksyms = ksyms_new();
	uint64_t addr;
	return s->ksyms && !ksyms_addr(s->ksyms, name, &addr);
}

/* percpu_kaddr("name"[, cpu]): the address of a kernel per-CPU variable
 * on this CPU or on `cpu` (NULL past the last CPU). num = its BTF id. */
static void check_percpu_kaddr(struct sema *s, struct node *n)
{
	if (!expect_nargs(s, n, 1, 2))
		return;
	if (n->kids[0]->kind != N_STR) {
		error_at(s, n->loc, "percpu_kaddr() takes a variable name literal");
		return;
	}
	if (n->nkids == 2) {
		check_expr(s, n->kids[1]);
		if (!expect_int_arg(s, n, n->kids[1]))
			return;
	}
	struct ktypes *kt = need_btf(s, n->loc, "percpu_kaddr()");
	uint32_t type_id = 0;
	int id = kt ? ktypes_percpu_var(kt, n->kids[0]->str, &type_id) : 0;
	if (id == -ENOENT)
		error_at(s, n->kids[0]->loc, "percpu_kaddr(): the kernel has no variable '%s'", n->kids[0]->str);
	else if (id == -EINVAL)
		error_at(s, n->kids[0]->loc, "percpu_kaddr(): '%s' is not a per-CPU variable", n->kids[0]->str);
	else if (id > 0 && s->pass == 2 && !kernel_symbol_known(s, n->kids[0]->str))
		error_at(s, n->kids[0]->loc, "percpu_kaddr(): '%s' is not in /proc/kallsyms: this kernel lists no variables there (CONFIG_KALLSYMS_ALL is off)",
			 n->kids[0]->str);
	n->num = id > 0 ? id : 0;
	set_type(n, (struct type){ .kind = T_PTR, .size = 8, .btf_id = type_id });
}

/* is_err(p): whether p is an error pointer (-4095 .. -1), as IS_ERR(). */
static void check_is_err_call(struct sema *s, struct node *n)
{
	if (!expect_nargs(s, n, 1, 1))
		return;
	check_expr(s, n->kids[0]);
	if (expect_int_arg(s, n, n->kids[0]))
		set_type(n, (struct type){ .kind = T_BOOL, .size = 8 });
}

static void check_named_int_call(struct sema *s, struct node *n)
{
	const char *fn = n->str;
	bool cgroup = !strcmp(fn, "cgroup_path");
	if (!expect_nargs(s, n, 1, cgroup ? 2 : 1))
		return;
	check_expr(s, n->kids[0]);
	if (!expect_int_arg(s, n, n->kids[0]))
		return;
	if (n->nkids == 2 && n->kids[1]->kind != N_STR) {
		error_at(s, n->kids[1]->loc, "cgroup_path() takes a string literal as its filter");
		return;
	}
	struct type t = { .kind = cgroup ? T_CGROUP_PATH : !strcmp(fn, "strerror") ? T_ERRNO :
				  !strcmp(fn, "signal_name") ? T_SIGNAL : T_SYSCALL };
	t.size = type_layout_size(&t);
	if (cgroup && s->pass == 2)
		n->id = add_fmt(s, n->nkids == 2 ? n->kids[1]->str : "", NULL, 0);
	set_type(n, t);
}

#define RECORD_PRINT_MAX 8192

/* print() of a kernel struct: its bytes go to user space with a
 * description of its members (kept as the "format"). */
static void check_print_record(struct sema *s, struct node *n)
{
	const struct type *t = &n->kids[0]->type;
	if (t->size > RECORD_PRINT_MAX) {
		error_at(s, n->loc, "print() of a struct of %u bytes: at most %d", t->size, RECORD_PRINT_MAX);
		return;
	}
	if (s->pass != 2)
		return;
	char *desc = ktypes_describe(s->prog->ktypes, t->btf_id);
	n->id = add_fmt(s, desc ? desc : "", n->kids, 1);
	free(desc);
	struct fmt_info *f = &s->prog->fmts[n->id];
	type_release(&f->args.elems[0]);
	f->args.elems[0] = (struct type){ .kind = T_RECORD, .size = t->size, .is_user = t->is_user };
	f->args.size = type_layout_size(&f->args);
}

/* The variants a builtin may name in a call: pid(init), nsecs(boot)...
 * Their number goes in the builtin node's num. */
static const struct { const char *builtin, *mode; int num; } builtin_modes[] = {
	{ "pid", "curr_ns", BM_CURR_NS }, { "pid", "init", BM_DEFAULT },
	{ "tid", "curr_ns", BM_CURR_NS }, { "tid", "init", BM_DEFAULT },
	{ "nsecs", "monotonic", BM_DEFAULT }, { "nsecs", "boot", BM_BOOT },
	{ "nsecs", "tai", BM_TAI }, { "nsecs", "sw_tai", BM_SW_TAI },
};

/* comm(pid): the name of the process with that pid, read through the
 * bpf_task_from_pid kfunc (released with bpf_task_release). num = the
 * first kfunc's BTF id, id = the second's, member_offset = comm's. */
static void check_comm_of_pid(struct sema *s, struct node *n)
{
	check_expr(s, n->kids[0]);
	if (!expect_int_arg(s, n, n->kids[0]))
		return;
	struct ktypes *kt = need_btf(s, n->loc, "comm(pid)");
	int from = kt ? ktypes_find_func(kt, "bpf_task_from_pid") : -ENOENT;
	int release = kt ? ktypes_find_func(kt, "bpf_task_release") : -ENOENT;
	int task = kt ? ktypes_find_record(kt, "task_struct") : -ENOENT;
	struct kmember comm;
	if (kt && (from < 0 || release < 0 || task < 0 ||
		   ktypes_member(kt, (uint32_t)task, "comm", false, &comm))) {
		error_at(s, n->loc, "comm(pid) needs the bpf_task_from_pid kfunc, which this kernel lacks");
		return;
	}
	if (!kt)
		return;
	n->num = from;
	n->id = release;
	n->member_offset = comm.offset;
	set_type(n, type_str(16));
}

/* pid() is pid; pid(init), nsecs(boot), pcomm(task) name a variant. */
static bool check_builtin_call(struct sema *s, struct node *n)
{
	if (!strcmp(n->str, "comm") && n->nkids == 1) {
		check_comm_of_pid(s, n);
		return true;
	}
	if (n->nkids == 1 && check_task_field(s, n, n->kids[0])) {
		n->nkids = 0;
		return true;
	}
	if (find_builtin(n->str) < 0 && find_task_field(n->str) < 0)
		return false;
	int mode = BM_DEFAULT;
	if (n->nkids == 1) {
		const struct node *a = n->kids[0];
		size_t i = 0;
		while (i < sizeof(builtin_modes) / sizeof(builtin_modes[0]) &&
		       (strcmp(builtin_modes[i].builtin, n->str) || a->kind != N_BUILTIN ||
			strcmp(builtin_modes[i].mode, a->str)))
			i++;
		if (i == sizeof(builtin_modes) / sizeof(builtin_modes[0])) {
			char modes[128] = "";
			for (i = 0; i < sizeof(builtin_modes) / sizeof(builtin_modes[0]); i++)
				if (!strcmp(builtin_modes[i].builtin, n->str))
					snprintf(modes + strlen(modes), sizeof(modes) - strlen(modes), "%s%s",
						 *modes ? ", " : "", builtin_modes[i].mode);
			error_at(s, a->loc, "%s() takes one of: %s", n->str, *modes ? modes : "(none)");
			return true;
		}
		mode = builtin_modes[i].num;
	} else if (n->nkids > 1) {
		error_at(s, n->loc, "%s() takes at most one argument", n->str);
		return true;
	}
	for (int i = 0; i < n->nkids; i++)
		node_free(n->kids[i]);
	n->nkids = 0;
	n->kind = N_BUILTIN;
	n->num = mode;
	check_builtin(s, n);
	return true;
}

static void check_stack_call(struct sema *s, struct node *n)
{
	check_stack(s, n, n->str[0] == 'u');
}

static void check_socket_cookie_call(struct sema *s, struct node *n)
{
	if (expect_nargs(s, n, 1, 1) && check_fentry_helper(s, n, "bpf_get_socket_cookie", "sock", "args->sk"))
		set_type(n, int64(false));
}

/* write_user(dst, src, len): bpf_probe_write_user of the first len bytes
 * of src (a string, or an integer's bytes as bpftrace's &$x gives them)
 * to the user address dst. True when the kernel wrote them. */
static void check_write_user_call(struct sema *s, struct node *n)
{
	if (!expect_nargs(s, n, 3, 3))
		return;
	if (!s->prog->opts.unsafe) {
		error_at(s, n->loc, "write_user() writes to user memory: it needs --unsafe");
		return;
	}
	for (int i = 0; i < 3; i++)
		check_expr(s, n->kids[i]);
	const struct type *src = &n->kids[1]->type;
	if (!expect_int_arg(s, n, n->kids[0]))
		return;
	if (src->kind != T_STR && !type_is_intlike(src)) {
		error_at(s, n->kids[1]->loc, "write_user() writes a string or an integer");
		return;
	}
	uint32_t avail = src->kind == T_STR ? src->size : 8;
	int64_t len;
	if (!is_const_int(n->kids[2], &len) || len < 1 || (uint64_t)len > avail) {
		error_at(s, n->kids[2]->loc, "write_user() length must be an integer literal from 1 to %u (the size of the value)",
			 avail);
		return;
	}
	n->num = len;
	set_type(n, (struct type){ .kind = T_BOOL, .size = 1 });
}

/* str_concat(a, b): a string of both sizes (one NUL less). */
static void check_str_concat_call(struct sema *s, struct node *n)
{
	if (!expect_nargs(s, n, 2, 2))
		return;
	check_expr(s, n->kids[0]);
	check_expr(s, n->kids[1]);
	const struct type *a = &n->kids[0]->type, *b = &n->kids[1]->type;
	if (a->kind != T_STR || b->kind != T_STR || !a->size || !b->size) {
		error_at(s, n->loc, "str_concat() takes two strings");
		return;
	}
	set_type(n, type_str((int)(a->size + b->size - 1)));
}

/* assert_str(x): that x is string-like (a string, a char array, a pointer
 * to char), checked when compiling, with bpftrace's messages. */
static void check_assert_str_call(struct sema *s, struct node *n)
{
	if (!expect_nargs(s, n, 1, 1))
		return;
	check_expr(s, n->kids[0]);
	const struct type *t = &n->kids[0]->type;
	if (t->kind == T_STR || t->kind == T_NONE)
		return;
	if (t->kind != T_PTR) {
		error_at(s, n->loc, "string-like values must be either strings, arrays or pointers");
		return;
	}
	struct ktypes *kt = t->btf_id ? load_ktypes(s) : NULL;
	struct type pointee = kt ? ktypes_type(kt, t->btf_id, t->is_user) : type_none();
	if (pointee.kind != T_INT || pointee.size != 1)
		error_at(s, n->loc, "string-like pointers must point to a char-like type");
	type_release(&pointee);
}

/* default_str_length(): the size str() gives a string (max_strlen). */
static void check_default_str_length_call(struct sema *s, struct node *n)
{
	if (expect_nargs(s, n, 0, 0))
		n->num = s->prog->opts.strlen;
	set_type(n, int64(false));
}

/* The id of a pcap file skboutput() writes, one per path. */
static int pcap_path_id(struct program *prog, const char *path)
{
	for (int i = 0; i < prog->npcap_paths; i++)
		if (!strcmp(prog->pcap_paths[i], path))
			return i;
	prog->pcap_paths = xrealloc(prog->pcap_paths, (size_t)(prog->npcap_paths + 1) * sizeof(char *));
	prog->pcap_paths[prog->npcap_paths] = xstrdup(path);
	return prog->npcap_paths++;
}

/* skboutput(path, skb, length, offset): length bytes of the packet to
 * bpf_skb_output (fentry/fexit only); user space writes them from offset
 * on to the pcap file at path. id = the path's. */
static void check_skboutput_call(struct sema *s, struct node *n)
{
	if (!expect_nargs(s, n, 4, 4))
		return;
	if (n->kids[0]->kind != N_STR) {
		error_at(s, n->kids[0]->loc, "skboutput() takes the pcap file's path as a string literal");
		return;
	}
	if (!check_fentry_helper_arg(s, n, 1, "bpf_skb_output", "sk_buff", "args->skb"))
		return;
	for (int i = 2; i < 4; i++) {
		check_expr(s, n->kids[i]);
		if (!expect_int_arg(s, n, n->kids[i]))
			return;
	}
	if (s->pass == 2)
		n->id = pcap_path_id(s->prog, n->kids[0]->str);
	set_type(n, type_int(4, true));
}

/* unwatch(addr): user space detaches the watchpoints at addr (async). */
static void check_unwatch_call(struct sema *s, struct node *n)
{
	if (!expect_nargs(s, n, 1, 1))
		return;
	check_expr(s, n->kids[0]);
	expect_int_arg(s, n, n->kids[0]);
}

static void check_strlen_call(struct sema *s, struct node *n)
{
	if (!expect_nargs(s, n, 1, 1))
		return;
	check_expr(s, n->kids[0]);
	if (n->kids[0]->type.kind != T_STR && n->kids[0]->type.kind != T_NONE)
		error_at(s, n->kids[0]->loc, "strlen() takes a string");
	set_type(n, int64(false));
}

static void check_exit_call(struct sema *s, struct node *n)
{
	if (expect_nargs(s, n, 0, 1) && n->nkids) {
		check_expr(s, n->kids[0]);
		expect_int_arg(s, n, n->kids[0]);
	}
}

/* print(@m[, top[, div]]) prints a map; print(value) a value or a struct. */
static void check_print_call(struct sema *s, struct node *n)
{
	if (n->nkids && n->kids[0]->kind == N_MAP) {
		check_map_fn(s, n);
		return;
	}
	if (!expect_nargs(s, n, 1, 1))
		return;
	check_expr(s, n->kids[0]);
	kernel_array_as_value(s, n->kids[0]);
	if (n->kids[0]->type.kind == T_STRUCT) {
		check_print_record(s, n);
		return;
	}
	if (s->pass == 2)
		n->id = add_fmt(s, "", n->kids, 1);
}

/* ---- type-level functions (newer bpftrace's standard library) ---- */

static struct type typeof_type(struct sema *s, struct node *op);

/* Replaces call n by the integer v, known when compiling. */
static void become_int(struct node *n, int64_t v)
{
	for (int k = 0; k < n->nkids; k++)
		node_free(n->kids[k]);
	n->nkids = 0;
	n->kind = N_INT;
	n->num = v;
	set_type(n, int64(true));
}

/* strcap(x): the capacity of a string-like value, as bpftrace's stdlib
 * defines it: a string's size, a char array's element count. */
static void check_strcap_call(struct sema *s, struct node *n)
{
	if (!expect_nargs(s, n, 1, 1))
		return;
	struct node *x = n->kids[0];
	check_expr(s, x);
	const struct type *t = &x->type;
	if (t->kind == T_NONE)
		return;
	char elem[64];
	if (t->kind == T_ARRAY && (t->elems->size != 1 || !t->elems->is_signed))
		error_at(s, x->loc, "string-like arrays must contain a char-like type (int8), not %s",
			 tname(t->elems, elem, sizeof(elem)));
	else if (t->kind == T_PTR)
		error_at(s, x->loc, "strcap() of a pointer is its string's length, found at run time: use strlen(str(...))");
	else if (t->kind != T_STR && t->kind != T_ARRAY)
		error_at(s, x->loc, "string-like values must be either strings, arrays or pointers");
	else
		become_int(n, t->kind == T_STR ? t->size : t->nelems);
}

/* The base names typeinfo() gives, as bpftrace's stdlib macros test
 * them (typeinfo(x).1 == "int"); others are bpfkit's type names. */
static const char *base_type_name(const struct type *t, char *buf, size_t len)
{
	switch (t->kind) {
	case T_INT: return "int";
	case T_BOOL: return "bool";
	case T_STR: return "string";
	case T_PTR: return "pointer";
	case T_ARRAY: return "array";
	case T_TUPLE: return "tuple";
	case T_STRUCT: return "record";
	default: return type_name(t, buf, len);
	}
}

/* A record field NAME = value, as the parser builds one. */
static struct node *record_field(struct loc at, const char *name, struct node *value)
{
	struct node *f = node_new(N_ASSIGN, at);
	f->op = TK_ASSIGN;
	f->a = node_new(N_BUILTIN, at);
	f->a->str = xstrdup(name);
	f->b = value;
	return f;
}

/* A string literal node of text. */
static struct node *string_node(struct loc at, const char *text)
{
	struct node *s = node_new(N_STR, at);
	s->str = xstrdup(text);
	s->num = (int64_t)strlen(text);
	return s;
}

/* typeinfo(x) or typeinfo(type): bpftrace's record (btf_id, base_ty,
 * full_ty) of docs/type_resolution.md, known when compiling. */
static void check_typeinfo_call(struct sema *s, struct node *n)
{
	if (!expect_nargs(s, n, 1, 1))
		return;
	struct node *x = n->kids[0];
	struct type t = x->kind == N_CAST && !x->a ? typeof_type(s, x) :
			(check_expr(s, x), type_clone(&x->type));
	char base[64], full[128];
	if (t.kind == T_NONE)
		return;
	struct node *id = node_new(N_INT, n->loc);
	id->num = t.btf_id;
	struct node *b = string_node(n->loc, base_type_name(&t, base, sizeof(base)));
	struct node *f = string_node(n->loc, tname(&t, full, sizeof(full)));
	type_release(&t);
	for (int k = 0; k < n->nkids; k++)
		node_free(n->kids[k]);
	n->nkids = 0;
	free(n->str);
	n->str = NULL;
	n->kind = N_TUPLE;
	node_add_kid(n, record_field(n->loc, "btf_id", id));
	node_add_kid(n, record_field(n->loc, "base_ty", b));
	node_add_kid(n, record_field(n->loc, "full_ty", f));
	check_expr(s, n);
}

/* Each function and what checks it; builtins called as functions, type
 * tests and aggregations are handled before (check_call). */
static const struct { const char *name; void (*check)(struct sema *, struct node *); } call_checks[] = {
	{ "getopt", check_getopt }, { "cat", check_format_call },
	{ "system", check_format_call }, { "time", check_time_call },
	{ "signal", check_signal_call }, { "signal_thread", check_signal_call },
	{ "strncmp", check_strncmp_call }, { "memcmp", check_strncmp_call },
	{ "has_key", check_has_key_call }, { "find", check_find }, { "join", check_join_call },
	{ "reg", check_reg_call }, { "buf", check_buf_call }, { "ntop", check_ntop_call },
	{ "strftime", check_strftime_call }, { "globmatch", check_globmatch_call },
	{ "strcontains", check_strcontains_call }, { "strstr", check_strcontains_call },
	{ "cgroupid", check_cgroupid_call }, { "override", check_override_call },
	{ "kptr", check_kptr_call }, { "uptr", check_kptr_call }, { "len", check_len_call },
	{ "uaddr", check_uaddr }, { "offsetof", check_offsetof_call },
	{ "macaddr", check_macaddr_call }, { "pton", check_pton_call },
	{ "bswap", check_bswap_call }, { "kstack", check_stack_call },
	{ "ustack", check_stack_call }, { "percpu_kaddr", check_percpu_kaddr },
	{ "path", check_path }, { "socket_cookie", check_socket_cookie_call },
	{ "strerror", check_named_int_call }, { "syscall_name", check_named_int_call },
	{ "signal_name", check_named_int_call }, { "is_err", check_is_err_call },
	{ "strcap", check_strcap_call }, { "typeinfo", check_typeinfo_call },
	{ "cgroup_path", check_named_int_call }, { "ksym", check_symbol_call },
	{ "usym", check_symbol_call }, { "kaddr", check_symbol_call },
	{ "printf", check_printf }, { "errorf", check_diag_printf },
	{ "warnf", check_diag_printf }, { "static_assert", check_static_assert },
	{ "fail", check_fail },
	{ "assert", check_assert }, { "debugf", check_debugf },
	{ "strlen", check_strlen_call }, { "str", check_str_call },
	{ "exit", check_exit_call }, { "delete", check_map_fn }, { "clear", check_map_fn },
	{ "zero", check_map_fn }, { "print", check_print_call },
	{ "write_user", check_write_user_call }, { "str_concat", check_str_concat_call },
	{ "assert_str", check_assert_str_call },
	{ "default_str_length", check_default_str_length_call },
	{ "skboutput", check_skboutput_call }, { "unwatch", check_unwatch_call },
};

static void check_call(struct sema *s, struct node *n)
{
	const char *fn = n->str;
	if (check_builtin_call(s, n) || check_type_test(s, n) || check_kfunc_query(s, n))
		return;
	for (size_t i = 0; i < sizeof(call_checks) / sizeof(call_checks[0]); i++) {
		if (!strcmp(fn, call_checks[i].name)) {
			call_checks[i].check(s, n);
			return;
		}
	}
	if (agg_type(s, n).kind != T_NONE)
		error_at(s, n->loc, "%s() must be assigned to a map, e.g. @x = %s(...)", fn, fn);
	else
		error_at(s, n->loc, "unknown function: %s()", fn);
}

/* ---- expressions ---- */

/* ---- records: (a=1, b="x") ---- */

static bool is_record_literal(const struct node *n)
{
	return n->kind == N_TUPLE && n->nkids && n->kids[0]->kind == N_ASSIGN;
}

/* A record literal's type: its fields in written order, each as stored.
 * Codegen places each value by name, so align_record may reorder the type
 * to an earlier record's order while the values keep theirs. */
static void check_record_literal(struct sema *s, struct node *n)
{
	struct type t = { .kind = T_TUPLE, .nelems = (uint32_t)n->nkids };
	t.elems = calloc((size_t)n->nkids, sizeof(*t.elems));
	t.names = calloc((size_t)n->nkids, sizeof(*t.names));
	if (!t.elems || !t.names)
		abort();
	bool ok = true;
	for (int i = 0; i < n->nkids; i++) {
		struct node *f = n->kids[i];
		check_expr(s, f->b);
		t.names[i] = xstrdup(f->a->str);
		t.elems[i] = stored_type(&f->b->type);
		if (f->b->type.kind == T_NONE)
			ok = false;
		for (int j = 0; j < i; j++)
			if (!strcmp(n->kids[j]->a->str, f->a->str)) {
				error_at(s, f->loc, "the record has two fields named '%s'", f->a->str);
				ok = false;
			}
	}
	t.size = type_layout_size(&t);
	if (ok)
		set_type(n, t);
	else
		type_release(&t);
}

/* A record literal assigned where a record of the same fields in another
 * order is kept takes that order: bpftrace keeps the first assignment's. */
static void align_record(struct node *rhs, const struct type *have)
{
	struct type *t = &rhs->type;
	if (!is_record_literal(rhs) || t->kind != T_TUPLE || have->kind != T_TUPLE ||
	    !type_same_fields(t, have))
		return;
	struct type c = type_clone(t);
	for (uint32_t i = 0; i < have->nelems; i++) {
		int from = type_field_index(&c, have->names[i]);
		type_release(&t->elems[i]);
		free(t->names[i]);
		t->elems[i] = type_clone(&c.elems[from]);
		t->names[i] = xstrdup(c.names[from]);
	}
	type_release(&c);
}

/* $r.name on a record is $r.N. False when the base is not a record. */
static bool check_record_field(struct sema *s, struct node *n)
{
	const struct type *base = &n->a->type;
	if (base->kind != T_TUPLE)
		return false;
	int i = type_field_index(base, n->str);
	if (i < 0) {
		error_at(s, n->loc, "%s has no field named '%s'",
			 base->names ? "the record" : "a tuple", n->str);
		return true;
	}
	free(n->str);
	n->str = NULL;
	n->kind = N_TUPLE_INDEX;
	n->num = i;
	set_type(n, type_clone(&base->elems[i]));
	return true;
}

/* t1 == t2 (newer bpftrace): element by element, as
 * t1.0 == t2.0 && t1.1 == t2.1 ... (!= with ||); each side is evaluated
 * once per element. */
static void compare_tuples(struct sema *s, struct node *n)
{
	uint32_t len = n->a->type.nelems;
	if (len != n->b->type.nelems || len == 0) {
		error_at(s, n->loc, "tuples of %u and %u elements cannot be compared", len,
			 n->b->type.nelems);
		return;
	}
	const struct type *ra = &n->a->type, *rb = &n->b->type;
	if ((ra->names || rb->names) && !type_same_fields(ra, rb)) {
		error_at(s, n->loc, "only records of the same fields can be compared");
		return;
	}
	struct node *joined = NULL;
	for (uint32_t i = 0; i < len; i++) {
		struct node *elem = node_new(N_BINOP, n->loc);
		elem->op = n->op;
		for (int side = 0; side < 2; side++) {
			struct node *ix = node_new(N_TUPLE_INDEX, n->loc);
			ix->a = node_clone(side ? n->b : n->a);
			/* records compare field by name */
			ix->num = side && ra->names ? type_field_index(rb, ra->names[i]) : (int)i;
			*(side ? &elem->b : &elem->a) = ix;
		}
		if (joined) {
			struct node *both = node_new(N_BINOP, n->loc);
			both->op = n->op == TK_EQ ? TK_ANDAND : TK_OROR;
			both->a = joined;
			both->b = elem;
			elem = both;
		}
		joined = elem;
	}
	node_free(n->a);
	node_free(n->b);
	n->op = joined->op;
	n->a = joined->a;
	n->b = joined->b;
	joined->a = joined->b = NULL;
	node_free(joined);
	check_expr(s, n);
}

static void check_binop(struct sema *s, struct node *n)
{
	check_expr(s, n->a);
	check_expr(s, n->b);
	const struct type *l = &n->a->type, *r = &n->b->type;
	if (l->kind == T_NONE || r->kind == T_NONE)
		return;	/* an operand's own error is reported */
	bool cmp = n->op == TK_EQ || n->op == TK_NE;
	if (l->kind == T_STR && r->kind == T_STR && cmp) {
		set_type(n, int64(false));
		return;
	}
	if (l->kind == T_TUPLE && r->kind == T_TUPLE && cmp) {
		compare_tuples(s, n);
		return;
	}
	if (l->kind == T_ARRAY && r->kind == T_ARRAY && cmp) {
		char b1[64], b2[64];
		if (!type_equal(l, r))
			error_at(s, n->loc, "arrays of different types cannot be compared: %s and %s",
				 tname(l, b1, sizeof(b1)), tname(r, b2, sizeof(b2)));
		set_type(n, int64(false));
		return;
	}
	if (!type_is_intlike(l) || !type_is_intlike(r)) {
		char b1[64], b2[64];
		error_at(s, n->loc, "invalid operands to '%s': %s and %s",
			 tok_name((enum tok_kind)n->op), tname(l, b1, sizeof(b1)),
			 tname(r, b2, sizeof(b2)));
		return;
	}
	switch (n->op) {
	case TK_EQ: case TK_NE: case TK_LT: case TK_LE: case TK_GT: case TK_GE:
	case TK_ANDAND: case TK_OROR:
		set_type(n, int64(false));
		return;
	default: {
		bool l_unsigned = l->kind != T_INT || !l->is_signed;
		bool r_unsigned = r->kind != T_INT || !r->is_signed;
		/* C's rule at 64 bits: unsigned if either side is unsigned,
		 * except that a literal keeps the other side's signedness. */
		bool is_unsigned = (n->a->kind == N_INT ? r_unsigned :
				    n->b->kind == N_INT ? l_unsigned :
				    l_unsigned || r_unsigned);
		set_type(n, int64(!is_unsigned));
	}
	}
}

static void check_var_read(struct sema *s, struct node *n)
{
	struct var_info *v = find_var(s->pi, n->str);
	if (!v || v->type.kind == T_NONE) {
		error_at(s, n->loc, "undefined variable: %s", n->str);
		return;
	}
	n->id = (int)(v - s->pi->vars);
	set_type(n, type_clone(&v->type));
}

static void check_map_read(struct sema *s, struct node *n)
{
	struct map_info *m = check_map_key(s, n);
	if (m->value.kind == T_NONE && s->pass == 1) {
		/* @s = @s + 1 may be its only assignment: an integer until the
		 * assignment says otherwise. */
		set_type(n, int64(true));
		return;
	}
	if (m->value.kind == T_NONE) {
		error_at(s, n->loc, "undefined map: %s", n->str);
		return;
	}
	switch (m->value.kind) {
	case T_COUNT: case T_SUM: case T_MIN: case T_MAX:
		set_type(n, int64(m->value.kind != T_COUNT && m->value.is_signed));
		return;
	case T_AVG: case T_STATS: case T_HIST: case T_LHIST: case T_TSERIES: {
		char b[64];
		error_at(s, n->loc, "the value of %s (%s) can only be printed", n->str,
			 tname(&m->value, b, sizeof(b)));
		return;
	}
	default:
		set_type(n, type_clone(&m->value));
	}
}

static void check_positional(struct sema *s, struct node *n)
{
	const struct options *o = &s->prog->opts;
	if (n->str) {	/* $# */
		set_type(n, int64(false));
		return;
	}
	/* A parameter not given is 0, or "" inside str() (check_str_call). */
	const char *val = n->num <= o->nparams ? o->params[n->num - 1] : "0";
	char *end;
	strtoll(val, &end, 0);
	if (*val && !*end)
		set_type(n, int64(true));
	else
		set_type(n, type_str((int)strlen(val) + 1));
}

/* Whether n, checked without errors, is an action with no value where a
 * value is needed: a call such as exit(), or a block (a macro's body)
 * that ends with a statement. Reported once, here. */
static bool report_if_void(struct sema *s, const struct node *n)
{
	if (n->type.kind != T_NONE)
		return false;
	if (n->kind == N_CALL)
		error_at(s, n->loc, "%s() has no value", n->str);
	else if (n->kind == N_BLOCK_EXPR && n->str)
		error_at(s, n->loc, "macro %s() has no value here: its body ends with a statement, not an expression",
			 n->str);
	else if (n->kind == N_BLOCK_EXPR)
		error_at(s, n->loc, "the block has no value: it ends with %s",
			 n->a ? "an action" : "a statement, not an expression");
	else if (n->kind == N_TERNARY)
		error_at(s, n->loc, "the ternary has no value: its branches are actions");
	else
		return false;
	return true;
}

/* ---- '&' address-of (newer bpftrace's unstable_addr) ---- */

/* A pointer to a value of type t: typed when BTF has the type, so '*'
 * reads it back at its width. */
static struct type pointer_to(struct sema *s, const struct type *t)
{
	struct type p = { .kind = T_PTR, .size = 8 };
	struct ktypes *kt = load_ktypes(s);
	if (!kt)
		return p;
	if (t->kind == T_STRUCT)
		p.btf_id = t->btf_id;
	else if (t->kind == T_INT || t->kind == T_BOOL)
		p.btf_id = ktypes_find_int(kt, t->size ? t->size : 8, t->kind == T_INT && t->is_signed);
	else if (t->kind == T_STR)
		p.btf_id = ktypes_find_int(kt, 1, true);	/* char *, for str() */
	return p;
}

/* &$x: the address of the variable's slot, a kernel pointer to its
 * stored (64-bit) value. &p->member and &rec.member: the member's
 * address, a pointer to its type. Maps are refused: bpftrace takes
 * their address only to pass them to BPF C functions of imported
 * .bpf.c files, which bpfkit does not build. */
static void check_address_of(struct sema *s, struct node *n)
{
	struct node *x = n->a;
	if (x->kind == N_MAP) {
		error_at(s, n->loc, "'&' of a map passes it to imported BPF C functions, which bpfkit does not build; use the map itself");
		return;
	}
	bool member = x->kind == N_FIELD && !(x->a->kind == N_BUILTIN && !strcmp(x->a->str, "args"));
	if (x->kind != N_VAR && !member) {
		error_at(s, n->loc, "'&' takes a $variable or a struct member reached through a pointer (&$x, &$p->field)");
		return;
	}
	check_expr(s, x);
	if (x->type.kind == T_NONE)
		return;
	if (member && (x->kind != N_FIELD || x->bit_size)) {
		error_at(s, n->loc, "'&' cannot take the address of a bitfield or of a value that is not a struct member");
		return;
	}
	set_type(n, pointer_to(s, x->kind == N_VAR ? &s->pi->vars[x->id].type : &x->type));
}

/* ---- array casts and typeof (newer bpftrace) ---- */

/* The bytes a value has for an array cast: an integer's width, a
 * string's or array's (a kernel one too) size; 0 for values that have
 * none. */
static uint32_t cast_bytes(struct sema *s, const struct type *t)
{
	if (t->kind == T_STRUCT && load_ktypes(s) && ktypes_is_array(s->prog->ktypes, t->btf_id))
		return t->size;	/* a kernel array of integers (or structs), read whole */
	if (t->kind == T_INT)
		return t->size ? t->size : 8;
	if (t->kind == T_PTR || t->kind == T_BOOL)
		return 8;
	if (t->kind == T_STR || t->kind == T_ARRAY)
		return t->size;
	return 0;
}

/* "int8[8]" or "uint8[]": the element's integer type and the count
 * (0 when omitted). False when name is not an array type. */
static bool array_type_name(const char *name, struct type *elem, uint32_t *count)
{
	const char *open = strchr(name, '[');
	if (!open)
		return false;
	char base[64];
	int size;
	bool is_signed;
	snprintf(base, sizeof(base), "%.*s", (int)(open - name), name);
	if (!c_int_type(base, &size, &is_signed))
		return false;
	*elem = type_int(size, is_signed);
	*count = (uint32_t)strtoul(open + 1, NULL, 10);
	return true;
}

/* (int8[8])x: an integer, string or array seen as an array of integers
 * of the same total size; a literal 0 (what `let $a: T;` assigns) is an
 * array of zeros of any size. */
static void check_array_cast(struct sema *s, struct node *n)
{
	struct type elem;
	uint32_t count;
	char b[64];
	const struct type *src = &n->a->type;
	uint32_t bytes = cast_bytes(s, src);
	if (!array_type_name(n->str, &elem, &count)) {
		error_at(s, n->loc, "cannot cast to '%s': arrays are of integer types (int8[4], uint32[2])", n->str);
		return;
	}
	if (!bytes) {
		error_at(s, n->loc, "cannot cast %s to '%s': only integers, strings and arrays can be cast to arrays",
			 tname(src, b, sizeof(b)), n->str);
		return;
	}
	if (!count && bytes % elem.size == 0)
		count = bytes / elem.size;
	bool zero = n->a->kind == N_INT && n->a->num == 0 && count;	/* let $a: uint8[16]; */
	if (count * elem.size != bytes && !zero) {
		error_at(s, n->loc, "cannot cast %s (%u bytes) to '%s' (%u bytes): the sizes must match",
			 src->kind == T_STRUCT ? "a kernel array" : tname(src, b, sizeof(b)), bytes, n->str,
			 count * elem.size);
		return;
	}
	set_type(n, type_array(&elem, count));
}

/* A kernel array of integers used as a value (assigned, a map key,
 * printed) is copied, as in bpftrace (@a = p->ints prints [1,2,3]): n
 * becomes the cast (intN[count])n. Elsewhere such an array stays an
 * address, which indexing reads through. */
static void kernel_array_as_value(struct sema *s, struct node *n)
{
	struct type elem;
	uint32_t esize;
	char name[64];
	struct ktypes *kt = n->type.kind == T_STRUCT ? s->prog->ktypes : NULL;
	if (!kt || !ktypes_is_array(kt, n->type.btf_id) ||
	    ktypes_element(kt, &n->type, &elem, &esize) || elem.kind != T_INT || !esize)
		return;
	struct node *inner = node_new(N_CAST, n->loc);
	struct node tmp = *inner;
	*inner = *n;
	*n = tmp;
	n->a = inner;
	struct type arr = type_array(&elem, inner->type.size / esize);
	n->str = xstrdup(type_name(&arr, name, sizeof(name)));
	set_type(n, arr);
	type_release(&elem);
}

/* (uint32)x of an array or a byte string (a char array field, pton()):
 * the integer its bytes make; the sizes must match. */
static void check_int_from_bytes(struct sema *s, struct node *n, int size, bool is_signed)
{
	char b[64];
	const struct type *src = &n->a->type;
	if (src->size != (uint32_t)size) {
		error_at(s, n->loc, "cannot cast %s (%u bytes) to %s (%d bytes): the sizes must match",
			 tname(src, b, sizeof(b)), src->size, n->str, size);
		return;
	}
	set_type(n, type_int(size, is_signed));
}

/* The type a typeof() names: a type name's (an N_CAST without operand),
 * or an expression's (checked, never run). T_NONE after an error. */
static struct type typeof_type(struct sema *s, struct node *op)
{
	if (op->kind != N_CAST || op->a) {
		check_expr(s, op);
		return type_clone(&op->type);
	}
	int size;
	bool is_signed;
	struct type elem;
	uint32_t count;
	if (!op->num && c_int_type(op->str, &size, &is_signed))
		return type_int(size, is_signed);
	if (!op->num && !strcmp(op->str, "bool"))
		return (struct type){ .kind = T_BOOL, .size = 1 };
	if (!op->num && array_type_name(op->str, &elem, &count) && count)
		return type_array(&elem, count);
	error_at(s, op->loc, "'%s' is not a type bpfkit can use here (integers, bool, arrays of a given size)",
		 op->str);
	return type_none();
}

/* Turns n (an N_CAST) into its operand: a cast to the type a value
 * already has changes nothing. */
static void become_operand(struct node *n)
{
	struct node *a = n->a;
	struct loc at = n->loc;
	free(n->str);
	node_free(n->c);
	type_release(&n->type);
	*n = *a;
	n->loc = at;
	free(a);
}

/* (typeof(x))y and let $y: typeof(x): a cast to x's type. A value of
 * x's very type (or a string no longer) passes unchanged; pointers take
 * x's pointee; arrays are cast here. Integers and bool are left to the
 * named casts (false). */
static bool check_typeof_cast(struct sema *s, struct node *n)
{
	struct type t = typeof_type(s, n->c);
	const struct type *v = &n->a->type;
	char name[64], b[64];
	bool done = true;
	bool same = type_equal(&t, v) &&
		    (t.kind != T_INT || (t.size == v->size && t.is_signed == v->is_signed));
	if (t.kind == T_NONE || v->kind == T_NONE)
		;
	else if (same)
		become_operand(n);
	else if (t.kind == T_STR && v->kind == T_STR && v->size <= t.size)
		become_operand(n);	/* a shorter string fits; variables widen */
	else if (t.kind == T_PTR && type_is_intlike(v)) {
		set_type(n, t);
		return true;
	} else if (t.kind != T_INT && t.kind != T_BOOL && t.kind != T_ARRAY)
		error_at(s, n->loc, "cannot cast %s to typeof(...), which is %s",
			 tname(v, b, sizeof(b)), tname(&t, name, sizeof(name)));
	else {
		free(n->str);
		n->str = xstrdup(t.kind == T_BOOL ? "bool" : tname(&t, name, sizeof(name)));
		node_free(n->c);
		n->c = NULL;
		done = t.kind == T_ARRAY;
		if (done)
			check_array_cast(s, n);
	}
	type_release(&t);
	return done;
}

/* The casts newer bpftrace added: typeof, to arrays, and to integers
 * from arrays and byte strings; n->a is checked. False when n is a cast
 * the named casts handle. */
static bool check_newer_cast(struct sema *s, struct node *n)
{
	int size;
	bool is_signed;
	if (!strcmp(n->str, "typeof") && n->c)
		return check_typeof_cast(s, n);
	if (n->a->type.kind == T_NONE)
		return !!strchr(n->str, '[');
	if (strchr(n->str, '[')) {
		check_array_cast(s, n);
		return true;
	}
	if (n->num || !c_int_type(n->str, &size, &is_signed))
		return false;
	const struct type *src = &n->a->type;
	if (src->kind != T_ARRAY && (src->kind != T_STR || n->a->kind == N_STR))
		return false;	/* a string literal stays an error there */
	check_int_from_bytes(s, n, size, is_signed);
	return true;
}

static void check_expr_kind(struct sema *s, struct node *n);

/* An expression, whose operands must have values: only a ternary's
 * branches and a block's last expression may be actions, which make
 * the whole an action (an expression statement). */
static void check_expr(struct sema *s, struct node *n)
{
	int errors = s->nerrors;
	check_expr_kind(s, n);
	if (s->nerrors != errors || n->kind == N_BLOCK_EXPR)
		return;
	bool branches_may_act = n->kind == N_TERNARY;
	if (n->a && report_if_void(s, n->a))
		return;
	if ((n->b && !branches_may_act && report_if_void(s, n->b)) ||
	    (n->c && !branches_may_act && report_if_void(s, n->c)))
		return;
	for (int i = 0; i < n->nkids; i++)
		if (report_if_void(s, n->kids[i]))
			return;
}

static void check_expr_kind(struct sema *s, struct node *n)
{
	switch (n->kind) {
	case N_INT:	/* keeps the type a rewritten builtin gave it */
		if (n->type.kind == T_NONE)
			set_type(n, int64(true));
		break;
	case N_STR:
		set_type(n, type_str((int)n->num + 1));
		break;
	case N_BUILTIN:
		check_builtin(s, n);
		break;
	case N_POSITIONAL:
		check_positional(s, n);
		break;
	case N_VAR:
		check_var_read(s, n);
		break;
	case N_MAP:
		check_map_read(s, n);
		break;
	case N_CALL:
		check_call(s, n);
		break;
	case N_BLOCK_EXPR:
		check_block(s, n);
		if (n->a) {
			check_expr(s, n->a);
			set_type(n, type_clone(&n->a->type));
		}
		break;
	case N_BINOP:
		check_binop(s, n);
		break;
	case N_UNOP:
		if (n->op == TK_AMP) {
			check_address_of(s, n);
			break;
		}
		check_expr(s, n->a);
		if (!type_is_intlike(&n->a->type)) {
			char b[64];
			error_at(s, n->loc, "invalid operand to unary '%s': %s",
				 tok_name((enum tok_kind)n->op), tname(&n->a->type, b, sizeof(b)));
			break;
		}
		if (n->op == TK_STAR) {
			struct ktypes *kt = n->a->type.kind == T_PTR && n->a->type.btf_id ?
					    need_btf(s, n->loc, "'*'") : NULL;
			struct type t = kt ? ktypes_type(kt, n->a->type.btf_id, n->a->type.is_user) :
					     int64(true);
			/* A tracepoint's struct pointer: its record from the C type. */
			uint32_t rec = 0;
			if (!kt && n->a->type.kind == T_PTR &&
			    (kt = need_btf(s, n->loc, "'*'")) && (rec = args_field_record(s, kt, n->a)))
				t = (struct type){ .kind = T_STRUCT, .btf_id = rec, .is_user = n->a->type.is_user,
						   .size = (uint32_t)ktypes_size(kt, rec) };
			if (t.kind != T_INT && t.kind != T_PTR && t.kind != T_STRUCT) {
				error_at(s, n->loc, "'*' reads integers, pointers and structs only");
				break;
			}
			set_type(n, t);
			break;
		}
		set_type(n, int64(n->op == TK_BANG ? false : n->a->type.is_signed || n->op == TK_MINUS));
		break;
	case N_TERNARY:
		check_expr(s, n->a);
		check_expr(s, n->b);
		check_expr(s, n->c);
		if (!type_is_intlike(&n->a->type))
			error_at(s, n->a->loc, "the condition of '?:' must be an integer");
		else if (type_is_intlike(&n->b->type) && type_is_intlike(&n->c->type))
			set_type(n, int64(n->b->type.is_signed || n->c->type.is_signed));
		else if (n->b->type.kind == T_STR && n->c->type.kind == T_STR)
			set_type(n, type_str((int)(n->b->type.size > n->c->type.size ?
						   n->b->type.size : n->c->type.size)));
		else if (n->b->kind == N_CALL && n->c->kind == N_CALL &&
			 n->b->type.kind == T_NONE && n->c->type.kind == T_NONE)
			;	/* c ? printf(..) : printf(..): a choice of actions */
		else
			error_at(s, n->loc, "both branches of '?:' must have the same type");
		break;
	case N_TUPLE: {
		if (is_record_literal(n)) {
			check_record_literal(s, n);
			break;
		}
		struct type t = { .kind = T_TUPLE, .nelems = (uint32_t)n->nkids };
		t.elems = calloc((size_t)n->nkids, sizeof(*t.elems));
		for (int i = 0; i < n->nkids; i++) {
			check_expr(s, n->kids[i]);
			t.elems[i] = stored_type(&n->kids[i]->type);
		}
		t.size = type_layout_size(&t);
		set_type(n, t);
		break;
	}
	case N_TUPLE_INDEX:
		check_expr(s, n->a);
		if (n->a->type.kind != T_TUPLE)
			error_at(s, n->loc, "'.%lld' on a value that is not a tuple", (long long)n->num);
		else if (n->num < 0 || n->num >= n->a->type.nelems)
			error_at(s, n->loc, "tuple index %lld out of range (the tuple has %u elements)",
				 (long long)n->num, n->a->type.nelems);
		else
			set_type(n, type_clone(&n->a->type.elems[n->num]));
		break;
	case N_FIELD:
		check_field(s, n);
		break;
	case N_INDEX:
		check_index(s, n);
		break;
	case N_CAST: {
		int size;
		bool is_signed;
		check_expr(s, n->a);
		if (check_newer_cast(s, n))
			break;
		if (n->num == 0 && !strcmp(n->str, "bool")) {
			if (!type_is_intlike(&n->a->type))
				error_at(s, n->loc, "only integers and pointers can be cast to bool");
			set_type(n, (struct type){ .kind = T_BOOL, .size = 1 });
			return;
		}
		if (c_int_type(n->str, &size, &is_signed) && n->num == 0) {
			if (!type_is_intlike(&n->a->type))
				error_at(s, n->loc, "cannot cast a %s to %s",
					 n->a->type.kind == T_STR ? "string" : "non-integer", n->str);
			set_type(n, type_int(size, is_signed));
			return;
		}
		if ((c_int_type(n->str, &size, &is_signed) || !strcmp(n->str, "void")) && n->num > 0) {
			check_int_pointer_cast(s, n, size, is_signed);
			return;
		}
		if ((!strncmp(n->str, "struct ", 7) || !strncmp(n->str, "union ", 6)) && n->num == 1) {
			struct ktypes *kt = need_btf(s, n->loc, "a cast to a struct");
			if (!kt)
				break;
			int id = find_cast_record(s, kt, n->str);
			if (id < 0) {
				bool dwarf = s->pi && s->pi->probes.n && s->pi->probes.v[0]->prov->find_record;
				error_at(s, n->loc, dwarf ? "no type '%s' in the script, the binary's DWARF or the kernel" :
					 "the kernel has no type '%s'", n->str);
				break;
			}
			if (!type_is_intlike(&n->a->type)) {
				error_at(s, n->loc, "only integers and pointers can be cast to '%s *'", n->str);
				break;
			}
			set_type(n, (struct type){ .kind = T_PTR, .size = 8, .btf_id = (uint32_t)id,
						   .is_user = n->a->type.is_user ||
							      (n->a->type.kind != T_PTR && user_space_group(s)) });
			break;
		}
		error_at(s, n->loc, "cannot cast to '%s%.*s'", n->str, (int)n->num, "********");
		break;
	}
	case N_SIZEOF:
		if (n->b)
			check_expr(s, n->b);
		if (n->b && n->b->type.kind != T_NONE) {
			/* The value's own width (a char member is 1), not its
			 * 8-aligned slot. */
			const struct type *t = &n->b->type;
			bool own = t->kind == T_INT || t->kind == T_BOOL || t->kind == T_STR ||
				   t->kind == T_STRUCT || t->kind == T_ARRAY;
			n->num = own && t->size ? t->size : type_layout_size(t);
		}
		else if (n->a && n->a->c) {	/* sizeof(typeof(x)) */
			struct type t = typeof_type(s, n->a->c);
			n->num = t.kind == T_ARRAY || t.kind == T_INT || t.kind == T_STR ? t.size :
				 type_layout_size(&t);
			type_release(&t);
		} else if (n->a && !n->a->num && int_type_size(n->a->str))
			n->num = int_type_size(n->a->str);
		else if (n->a && strchr(n->a->str, '[')) {	/* sizeof(uint8[4]) */
			struct type t = typeof_type(s, n->a);
			n->num = t.size;
			type_release(&t);
		}
		else if (n->a) {
			struct ktypes *kt = need_btf(s, n->loc, "sizeof of a kernel type");
			int id = kt ? ktypes_find_record(kt, n->a->str) : -ENOENT;
			if (n->a->num)
				n->num = 8;
			else if (id > 0)
				n->num = ktypes_size(kt, (uint32_t)id);
			else if (kt)
				error_at(s, n->loc, "the kernel has no type '%s'", n->a->str);
		}
		set_type(n, int64(false));
		break;
	case N_INCDEC:
		if (n->a->kind == N_MAP) {
			struct map_info *m = check_map_key(s, n->a);
			struct type t = int64(true);
			map_set_value(s, n, m, &t);
			set_type(n->a, int64(true));
		} else if (n->a->kind == N_VAR) {
			check_var_read(s, n->a);
			if (n->a->type.kind != T_NONE && !type_is_intlike(&n->a->type))
				error_at(s, n->loc, "'%s' needs an integer variable", tok_name((enum tok_kind)n->op));
		} else {
			error_at(s, n->loc, "'%s' applies to a $variable or a @map", tok_name((enum tok_kind)n->op));
		}
		set_type(n, n->a->type.kind == T_NONE ? int64(true) : type_clone(&n->a->type));
		break;
	default:
		error_at(s, n->loc, "unexpected %s in an expression", node_kind_name(n->kind));
	}
}

/* ---- statements ---- */

static void check_block(struct sema *s, struct node *blk);
static void check_map_loop(struct sema *s, struct node *n);

static void check_map_assign(struct sema *s, struct node *n)
{
	struct node *target = n->a, *rhs = n->b;
	struct map_info *m = check_map_key(s, target);
	if (rhs->kind == N_CALL && n->op == TK_ASSIGN) {
		struct type agg = agg_type(s, rhs);
		if (agg.kind != T_NONE) {
			set_type(rhs, type_clone(&agg));
			map_set_value(s, n, m, &agg);
			type_release(&agg);
			return;
		}
	}
	int errors = s->nerrors;
	check_expr(s, rhs);
	kernel_array_as_value(s, rhs);
	if (rhs->type.kind == T_NONE) {
		if (s->nerrors == errors && !report_if_void(s, rhs) && rhs->kind == N_MAP)
			error_at(s, rhs->loc, "%s has no value to assign", rhs->str);
		return;
	}
	if (n->op != TK_ASSIGN && !type_is_intlike(&rhs->type)) {
		error_at(s, n->loc, "'%s' needs integers", tok_name((enum tok_kind)n->op));
		return;
	}
	align_record(rhs, &m->value);
	map_set_value(s, n, m, &rhs->type);
}

static void check_var_assign(struct sema *s, struct node *n)
{
	int errors = s->nerrors;
	check_expr(s, n->b);
	kernel_array_as_value(s, n->b);
	if (n->b->type.kind == T_NONE) {
		if (s->nerrors == errors)
			report_if_void(s, n->b);
		return;
	}
	if (n->op != TK_ASSIGN) {
		check_var_read(s, n->a);
		if (!type_is_intlike(&n->b->type) || !type_is_intlike(&n->a->type)) {
			error_at(s, n->loc, "'%s' needs integers", tok_name((enum tok_kind)n->op));
			return;
		}
		return;
	}
	if (type_is_agg(&n->b->type)) {
		error_at(s, n->loc, "aggregations can only be assigned to maps");
		return;
	}
	const struct var_info *v = find_var(s->pi, n->a->str);
	if (v)
		align_record(n->b, &v->type);
	define_var(s, n->a, &n->b->type);
}

static void check_cond(struct sema *s, struct node *c)
{
	int errors = s->nerrors;
	check_expr(s, c);
	if (s->nerrors == errors && report_if_void(s, c))
		return;
	if (c->type.kind != T_NONE && !type_is_intlike(&c->type)) {
		char b[64];
		error_at(s, c->loc, "a condition must be an integer, not %s",
			 tname(&c->type, b, sizeof(b)));
	}
}

static void check_stmt(struct sema *s, struct node *n)
{
	switch (n->kind) {
	case N_EXPR_STMT:
		check_expr(s, n->a);
		break;
	case N_ASSIGN:
		if (n->a->kind == N_MAP)
			check_map_assign(s, n);
		else
			check_var_assign(s, n);
		break;
	case N_IF: {
		/* A condition known when compiling leaves one branch
		 * unreachable: fail() there is not an error. */
		int64_t v = 0;
		check_cond(s, n->a);
		bool known = const_condition(s, n->a, &v);
		s->unreachable += known && !v;
		check_block(s, n->b);
		s->unreachable -= known && !v;
		s->unreachable += known && v;
		if (n->c)
			check_stmt(s, n->c);
		s->unreachable -= known && v;
		break;
	}
	case N_WHILE:
		check_cond(s, n->a);
		s->loop_depth++;
		check_block(s, n->b);
		s->loop_depth--;
		break;
	case N_UNROLL:
		if (n->num < 1 || n->num > 100)
			error_at(s, n->loc, "unroll count must be from 1 to 100");
		check_block(s, n->b);
		break;
	case N_BLOCK:
		check_block(s, n);
		break;
	case N_BREAK:
	case N_CONTINUE:
		if (!s->loop_depth)
			error_at(s, n->loc, "'%s' outside of a loop", n->kind == N_BREAK ? "break" : "continue");
		break;
	case N_RETURN:
		if (s->in_map_loop)
			error_at(s, n->loc, "return inside a for loop over a map: use break");
		else if (n->a) {
			check_expr(s, n->a);
			if (!type_is_intlike(&n->a->type))
				error_at(s, n->a->loc, "return takes an integer: the probe's return value");
		}
		break;
	case N_FOR:
		if (n->b->kind == N_MAP) {
			check_map_loop(s, n);
			break;
		}
		if (n->b->kind != N_RANGE) {
			error_at(s, n->loc, "a for loop runs over a map (for ($kv : @m)) or a range (for ($i : 0..10))");
			break;
		}
		check_expr(s, n->b->a);
		check_expr(s, n->b->b);
		if (!type_is_intlike(&n->b->a->type) || !type_is_intlike(&n->b->b->type)) {
			error_at(s, n->b->loc, "a range needs integer bounds");
			break;
		}
		define_var(s, n->a, &(struct type){ .kind = T_INT, .size = 8, .is_signed = true });
		s->loop_depth++;
		check_block(s, n->c);
		s->loop_depth--;
		break;
	default:
		error_at(s, n->loc, "unexpected %s statement", node_kind_name(n->kind));
	}
}

/* for ($kv : @m): $kv is (key, value) for each entry; the body runs in a
 * callback, where the probe's context (args, stacks) is not at hand. */
static void check_map_loop(struct sema *s, struct node *n)
{
	struct node *mn = n->b;
	struct map_info *m = get_map(s, mn);
	if (mn->nkids) {
		error_at(s, mn->loc, "for loops run over a whole map, without a key");
		return;
	}
	if (s->in_map_loop) {
		error_at(s, n->loc, "for loops over maps cannot be nested");
		return;
	}
	if (m->value.kind == T_NONE) {
		error_at(s, mn->loc, "undefined map: %s", mn->str);
		return;
	}
	if (m->key.kind == T_NONE) {
		error_at(s, mn->loc, "for loops run over maps with keys (%s has none)", m->name);
		return;
	}
	/* As in bpftrace: count, sum, min and max give their value over
	 * every CPU; the others hold more than one number. */
	enum type_kind vk = m->value.kind;
	if (type_is_agg(&m->value) && vk != T_COUNT && vk != T_SUM && vk != T_MIN && vk != T_MAX) {
		char tn[64];
		error_at(s, mn->loc, "for loops cannot run over maps of %s() (%s)",
			 type_name(&m->value, tn, sizeof(tn)), m->name);
		return;
	}
	struct type kv = { .kind = T_TUPLE, .nelems = 2 };
	kv.elems = calloc(2, sizeof(*kv.elems));
	if (!kv.elems)
		abort();
	kv.elems[0] = type_clone(&m->key);
	kv.elems[1] = type_is_agg(&m->value) ? int64(vk != T_COUNT) : type_clone(&m->value);
	kv.size = type_layout_size(&kv);
	define_var(s, n->a, &kv);
	type_release(&kv);
	s->in_map_loop++;
	s->loop_depth++;
	check_block(s, n->c);
	s->loop_depth--;
	s->in_map_loop--;
}

static void check_block(struct sema *s, struct node *blk)
{
	for (int i = 0; i < blk->nkids; i++)
		check_stmt(s, blk->kids[i]);
}

/* ---- probes ---- */

static bool uses_args(const struct node *n)
{
	if (!n)
		return false;
	if (n->kind == N_BUILTIN && (!strcmp(n->str, "args") || !strcmp(n->str, "ctx") ||
				     is_context_builtin(n->str)))
		return true;	/* ctx: an iterator's record (iter_ctx) */
	if (uses_args(n->a) || uses_args(n->b) || uses_args(n->c))
		return true;
	for (int i = 0; i < n->nkids; i++)
		if (uses_args(n->kids[i]))
			return true;
	return false;
}

/* A uprobe's types from DWARF go beside the kernel's, and the ids of its
 * fields with them (0, an untyped value, when they cannot). */
static void import_probe_types(struct sema *s, struct probe *p)
{
	if (!p->btf)
		return;
	struct ktypes *kt = load_ktypes(s);
	int64_t shift = kt ? ktypes_import(kt, p->btf) : -ENOENT;
	for (int i = 0; i < p->nfields; i++)
		if (p->fields[i].btf_type_id)
			p->fields[i].btf_type_id = shift < 0 ? 0 :
				(uint32_t)(p->fields[i].btf_type_id + shift);
	btf__free(p->btf);
	p->btf = NULL;
}

static int expand_probe(struct sema *s, struct probe_info *pi)
{
	struct node *n = pi->node;
	bool need_args = uses_args(n);
	for (int i = 0; i < n->nattach; i++) {
		struct errbuf e;
		int first = pi->probes.n;
		if (provider_expand_pid(n->attach[i].text, s->prog->opts.target_pid, &pi->probes, &e)) {
			diag_error(s->diag, n->attach[i].loc, "%s", e.msg);
			return -EINVAL;
		}
		for (int k = first; need_args && k < pi->probes.n; k++) {
			struct probe *p = pi->probes.v[k];
			if (p->prov->describe && p->prov->describe(p, &e)) {
				diag_error(s->diag, n->attach[i].loc, "%s", e.msg);
				return -EINVAL;
			}
			import_probe_types(s, p);
		}
	}
	return 0;
}

static void check_probe(struct sema *s, struct probe_info *pi)
{
	s->pi = pi;
	for (int i = 0; i < pi->nvars; i++) {
		free(pi->vars[i].name);
		type_release(&pi->vars[i].type);
	}
	free(pi->vars);
	pi->vars = NULL;
	pi->nvars = 0;
	if (pi->node->a)
		check_cond(s, pi->node->a);
	check_block(s, pi->node->b);
}

static void release_fmts(struct program *prog)
{
	for (int i = 0; i < prog->nfmts; i++) {
		free(prog->fmts[i].fmt);
		type_release(&prog->fmts[i].args);
	}
	free(prog->fmts);
	prog->fmts = NULL;
	prog->nfmts = 0;
}

/* A setting's name as bpftrace accepts it: BPFTRACE_MAX_STRLEN,
 * MAX_STRLEN and max_strlen are one. Returns 0 or -ENAMETOOLONG. */
static int config_name(const char *name, char *out, size_t len)
{
	if (!strncasecmp(name, "bpftrace_", 9))
		name += 9;
	if (strlen(name) >= len)
		return -ENAMETOOLONG;
	for (size_t i = 0; name[i]; i++)
		out[i] = (char)tolower((unsigned char)name[i]);
	out[strlen(name)] = 0;
	return 0;
}

/* Settings bpftrace has that change nothing bpfkit does. */
static bool config_without_effect(const char *name)
{
	static const char *const names[] = {
		"cache_user_symbols", "cpp_demangle", "lazy_symbolication", "license",
		"log_size", "max_bpf_progs", "max_cat_bytes", "max_probes", "missing_probes",
		"on_stack_limit", "perf_rb_pages", "show_debug_info",
		"str_trunc_trailer", "unstable_map_decl", "unstable_tseries", "unstable_addr",
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(names[i], name))
			return true;
	return false;
}

static void apply_setting(struct sema *s, const struct node *set)
{
	char name[64];
	int64_t v = 0;
	const struct node *val = set->b;
	bool is_int = is_const_int(val, &v);
	bool is_false = val->kind == N_BUILTIN && !strcmp(val->str, "false");
	bool is_true = val->kind == N_BUILTIN && !strcmp(val->str, "true");
	struct options *o = &s->prog->opts;
	if (config_name(set->a->str, name, sizeof(name))) {
		error_at(s, set->loc, "unknown config setting '%s'", set->a->str);
	} else if (!strcmp(name, "max_strlen") || !strcmp(name, "strlen")) {
		if (!is_int || v < 1 || v > 200)
			error_at(s, val->loc, "config %s: a number from 1 to 200", name);
		else if (!o->strlen_from_env)
			o->strlen = (int)v;
	} else if (!strcmp(name, "max_map_keys") || !strcmp(name, "map_keys_max")) {
		if (!is_int || v < 1 || v > INT32_MAX)
			error_at(s, val->loc, "config %s: a positive number", name);
		else if (!o->map_keys_from_env)
			o->map_max_entries = (int)v;
	} else if (!strcmp(name, "stack_mode")) {
		int mode = val->kind == N_BUILTIN ? stack_mode_of(val->str) : -1;
		if (mode < 0)
			error_at(s, val->loc, "config stack_mode: bpftrace, perf or raw");
		else if (!o->stack_mode_from_env)
			o->stack_mode = mode;
	} else if (!strcmp(name, "print_maps_on_exit")) {
		if (!is_true && !is_false && !is_int)
			error_at(s, val->loc, "config %s: true or false", name);
		o->keep_maps_at_exit = is_false || (is_int && !v);
	} else if (config_without_effect(name)) {
		diag_warning(s->diag, set->loc, "config %s has no effect in bpfkit", set->a->str);
	} else {
		error_at(s, set->loc, "unknown config setting '%s'", set->a->str);
	}
}

/* let @m = kind(entries); */
static void declare_map(struct sema *s, struct node *d)
{
	static const char *const kinds[] = {
		[DECL_HASH] = "hash", [DECL_LRUHASH] = "lruhash", [DECL_PERCPUHASH] = "percpuhash",
		[DECL_PERCPULRUHASH] = "percpulruhash", [DECL_PERCPUARRAY] = "percpuarray",
	};
	struct node *c = d->a;
	int64_t entries = 0;
	enum map_decl kind = DECL_NONE;
	for (int k = DECL_HASH; c->kind == N_CALL && k <= DECL_PERCPUARRAY; k++)
		if (!strcmp(c->str, kinds[k]))
			kind = (enum map_decl)k;
	if (kind == DECL_NONE) {
		error_at(s, c->loc, "a map is declared as hash(n), lruhash(n), percpuhash(n), percpulruhash(n) or percpuarray(n)");
		return;
	}
	if (c->nkids != 1 || !is_const_int(c->kids[0], &entries) || entries < 1 || entries > (1 << 24)) {
		error_at(s, c->loc, "%s() takes the number of entries, an integer literal from 1 to %d",
			 c->str, 1 << 24);
		return;
	}
	struct map_info *m = get_map(s, d);
	if (m->decl) {
		error_at(s, d->loc, "map %s is declared twice", d->str);
		return;
	}
	m->decl = kind;
	m->decl_entries = (uint32_t)entries;
	m->loc = d->loc;
}

/* A declared kind must suit the values: bpfkit keeps aggregations per CPU
 * (so percpu kinds), other values once (so hash or lruhash). */
static void check_map_decl(struct sema *s, struct map_info *m)
{
	bool percpu = m->decl >= DECL_PERCPUHASH, agg = type_is_agg(&m->value);
	if (m->value.kind == T_NONE)
		error_at(s, m->loc, "map %s is declared but never assigned", m->name);
	else if (percpu && !agg)
		error_at(s, m->loc, "map %s is declared per CPU, which suits aggregations (count(), sum(), hist(), ...), not the values it is given",
			 m->name);
	else if (!percpu && agg)
		error_at(s, m->loc, "map %s holds an aggregation, kept per CPU: declare it percpuhash or percpulruhash",
			 m->name);
	else if (m->decl == DECL_PERCPUARRAY && m->key.kind != T_NONE)
		error_at(s, m->loc, "map %s is declared percpuarray, which holds a map without keys", m->name);
	if (m->decl == DECL_PERCPUARRAY)
		m->decl_entries = 0;	/* sized by its aggregation */
}

int sema_run(struct program *prog, struct diag *diag)
{
	struct sema s = { .prog = prog, .diag = diag, .pass = 2 };
	struct node *ast = prog->ast;
	for (int i = 0; ast->a && i < ast->a->nkids; i++)
		apply_setting(&s, ast->a->kids[i]);
	for (int i = 0; ast->c && i < ast->c->nkids; i++)
		if (ast->c->kids[i]->kind == N_MAPDECL)
			declare_map(&s, ast->c->kids[i]);
	if (s.nerrors)
		return -EINVAL;
	if (prog->opts.strlen <= 0)
		prog->opts.strlen = 64;
	prog->probes = calloc((size_t)ast->nkids, sizeof(*prog->probes));
	if (!prog->probes)
		abort();
	prog->nprobes = ast->nkids;
	for (int i = 0; i < ast->nkids; i++) {
		prog->probes[i].node = ast->kids[i];
		if (expand_probe(&s, &prog->probes[i]))
			return -EINVAL;
	}
	for (s.pass = 1; s.pass <= 2; s.pass++) {
		s.nerrors = 0;
		release_fmts(prog);
		for (int i = 0; i < prog->nprobes; i++)
			check_probe(&s, &prog->probes[i]);
	}
	s.pass = 2;
	for (int i = 0; i < prog->nmaps && (!s.nerrors || prog->maps[i].decl); i++)
		if (prog->maps[i].decl)
			check_map_decl(&s, &prog->maps[i]);
	for (int i = 0; i < prog->nmaps && !s.nerrors; i++) {
		if (prog->maps[i].value.kind == T_NONE)
			error_at(&s, prog->maps[i].loc, "map %s is used but never assigned",
				 prog->maps[i].name);
	}
	for (int i = 0; i < prog->opts.nnamed && !s.nerrors; i++)
		if (!prog->opts.named_used[i]) {
			s.pass = 2;
			error_at(&s, (struct loc){ 0 }, "unknown named parameter %s: the script's getopt() does not ask for it",
				 prog->opts.named[i]);
		}
	if (s.ksyms)
		ksyms_free(s.ksyms);
	return s.nerrors || s.definitions_failed ? -EINVAL : 0;
}

void program_free(struct program *prog)
{
	for (int i = 0; i < prog->nenum_names; i++)
		free(prog->enum_names[i].name);
	free(prog->enum_names);
	for (int i = 0; i < prog->nprobes; i++) {
		struct probe_info *pi = &prog->probes[i];
		probe_list_free(&pi->probes);
		for (int k = 0; k < pi->nvars; k++) {
			free(pi->vars[k].name);
			type_release(&pi->vars[k].type);
		}
		free(pi->vars);
	}
	free(prog->probes);
	for (int i = 0; i < prog->nmaps; i++) {
		free(prog->maps[i].name);
		type_release(&prog->maps[i].key);
		type_release(&prog->maps[i].value);
	}
	free(prog->maps);
	release_fmts(prog);
	for (int i = 0; i < prog->npcap_paths; i++)
		free(prog->pcap_paths[i]);
	free(prog->pcap_paths);
	node_free(prog->ast);
	prog->ast = NULL;
	ktypes_free(prog->ktypes);
	prog->ktypes = NULL;
}

bool map_is_percpu(const struct map_info *m)
{
	return type_is_agg(&m->value);
}

bool map_is_array(const struct map_info *m)
{
	if (m->decl != DECL_NONE && m->decl != DECL_PERCPUARRAY)
		return false;	/* declared a hash */
	switch (m->value.kind) {
	case T_COUNT: case T_MIN: case T_MAX: case T_AVG: case T_STATS:
	case T_HIST: case T_LHIST:
		return m->key.kind == T_NONE;
	default:
		return false;	/* a zero sum looks like no sum */
	}
}

uint32_t map_array_entries(const struct map_info *m)
{
	const struct type *v = &m->value;
	if (v->kind == T_HIST)	/* negative, then up to INT64_MAX's bucket */
		return v->hist_bits ? ((64 - v->hist_bits) << v->hist_bits) + 1 : 66;
	if (v->kind == T_LHIST)
		return (uint32_t)((v->lhist_max - v->lhist_min) / v->lhist_step) + 2;
	return 1;
}

bool map_is_lru(const struct map_info *m)
{
	return m->decl == DECL_LRUHASH || m->decl == DECL_PERCPULRUHASH;
}

uint32_t map_hash_entries(const struct map_info *m, int max_keys)
{
	if (m->decl_entries)
		return m->decl_entries;
	if (m->value.kind != T_TSERIES)
		return (uint32_t)max_keys;
	uint64_t n = (m->key.kind == T_NONE ? 1 : (uint64_t)max_keys) * m->value.nintervals;
	return n > (1u << 22) ? 1u << 22 : (uint32_t)n;
}

uint32_t map_key_size(const struct map_info *m)
{
	if (map_is_array(m))
		return 4;	/* the array index */
	/* A map without keys has the single key 0 (8 bytes); a histogram's
	 * key ends with the bucket index. */
	uint32_t n = type_layout_size(&m->key);
	if (type_has_slot_key(&m->value))
		n += 8;
	return n ? n : 8;
}

uint32_t map_value_size(const struct map_info *m)
{
	if (m->value.kind == T_HIST || m->value.kind == T_LHIST)
		return 8;
	return type_layout_size(&m->value);
}

struct map_desc *program_map_descs(const struct program *prog, const int *fds)
{
	struct map_desc *d = calloc((size_t)prog->nmaps + 1, sizeof(*d));
	if (!d)
		abort();
	for (int i = 0; i < prog->nmaps; i++) {
		d[i].name = prog->maps[i].name;
		d[i].key = prog->maps[i].key;
		d[i].value = prog->maps[i].value;
		d[i].fd = fds ? fds[i] : -1;
		d[i].percpu = map_is_percpu(&prog->maps[i]);
	}
	return d;
}
