/* The output stage: events and map contents in bpftrace 0.17's text and
 * JSON forms. Every rule here was measured on bpftrace 0.17 and is written
 * down in docs/output-format.md.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <pwd.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include "output.h"
#include "output_priv.h"
#include "tseries.h"
#include "cgroups.h"
#include "symbolizer.h"
#include "syscalls.h"

#define HIST_BAR_WIDTH 52
/* Bucket indexes beyond these are not something our code generator
 * writes; ignoring them keeps a corrupt map from costing gigabytes (or
 * shifting past 64 bits) here. hist: 0, 1 and 2 + k for k < 64. */
#define MAX_HIST_INDEX 65
#define MAX_LHIST_INDEX (1u << 22)

struct output {
	FILE *f;
	struct text_opts text;	/* symbolizer and stack indent for values */
	FILE *console;		/* gets the separator before the maps at exit */
	enum output_format format;
	int ncpus;		/* values a per-CPU lookup returns */
};

struct output *output_new(FILE *f, enum output_format format, int ncpus)
{
	struct output *out = calloc(1, sizeof(*out));
	int possible = libbpf_num_possible_cpus();

	if (!out)
		return NULL;
	out->f = f;
	out->console = f;
	out->text.stack_indent = 8;
	out->format = format;
	/* The kernel fills one slot per possible CPU; never offer fewer. */
	out->ncpus = ncpus > possible ? ncpus : possible;
	if (out->ncpus < 1)
		out->ncpus = 1;
	return out;
}

void output_free(struct output *out)
{
	free(out);
}

static bool is_json(const struct output *out)
{
	return out->format == OUT_JSON;
}

static uint64_t read_u64(const void *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

static void write_num(FILE *f, uint64_t v, bool is_signed)
{
	if (is_signed)
		fprintf(f, "%lld", (long long)(int64_t)v);
	else
		fprintf(f, "%llu", (unsigned long long)v);
}

/* ---- single values ---------------------------------------------------- */

void json_write_escaped(FILE *f, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		/* bpftrace tests a plain (signed) char against 0x20, so bytes
		 * from 0x80 up come out as \uffffffXX. */
		signed char c = (signed char)s[i];
		switch (c) {
		case '"':  fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		default:
			if (c < 0x20)
				fprintf(f, "\\u%04x", (unsigned int)(int)c);
			else
				fputc(c, f);
		}
	}
}

static void json_write_string(FILE *f, const char *s, size_t len)
{
	fputc('"', f);
	json_write_escaped(f, s, len);
	fputc('"', f);
}

void buf_write(FILE *f, const struct type *t, const void *data,
	       enum buf_style style)
{
	const unsigned char *bytes = (const unsigned char *)data + 8;
	uint64_t len = read_u64(data);

	if (len > t->size)
		len = t->size;
	for (uint64_t i = 0; i < len; i++) {
		unsigned char c = bytes[i];
		if (style == BUF_HEX_SPACED)
			fprintf(f, i ? " %02x" : "%02x", c);
		else if (style == BUF_ESCAPED && c >= 0x20 && c <= 0x7e)
			fputc(c, f);
		else
			fprintf(f, "\\x%02x", c);
	}
}

/* ntop(): u64 address family, then the address bytes. */
static void inet_write(FILE *f, const void *data)
{
	const unsigned char *addr = (const unsigned char *)data + 8;
	char text[INET6_ADDRSTRLEN];
	int family = (int)read_u64(data);

	if ((family == AF_INET || family == AF_INET6) &&
	    inet_ntop(family, addr, text, sizeof(text)))
		fputs(text, f);
}

/* strftime(): u64 format id, then nanoseconds of the monotonic clock. */
static void timestamp_write(FILE *f, const void *data, const struct text_opts *o)
{
	uint64_t id = read_u64(data);
	if (!o || id >= (uint64_t)o->ntime_fmts)
		return;
	int64_t ns = (int64_t)read_u64((const char *)data + 8) + o->mono_to_real_ns;
	time_t secs = (time_t)(ns / 1000000000);
	struct tm tm;
	char buf[512];
	size_t n = strftime(buf, sizeof(buf), o->time_fmts[id], localtime_r(&secs, &tm));
	fwrite(buf, 1, n, f);
}

/* cgroup_path(): u64 filter id (a format), then the cgroup id; the path
 * is looked up when printed, as bpftrace does. */
static void cgroup_path_write(FILE *f, const void *data, const struct text_opts *o)
{
	uint64_t id = read_u64(data);
	const char *filter = o && id < (uint64_t)o->ntime_fmts ? o->time_fmts[id] : "";
	char path[4096];
	if (cgroup_path_format(read_u64((const char *)data + 8), *filter ? filter : NULL,
			       path, sizeof(path)) >= 0)
		fputs(path, f);
}

/* Element i of an integer array, widened to 64 bits. */
static uint64_t array_elem(const struct type *t, const char *p, uint32_t i)
{
	uint32_t size = t->elems->size;
	uint64_t v = 0;
	memcpy(&v, p + (size_t)i * size, size);	/* little-endian, as BPF stores it */
	if (t->elems->is_signed && size < 8 && (v >> (size * 8 - 1)) & 1)
		v |= ~0ULL << (size * 8);
	return v;
}

/* An integer array as bpftrace prints one: [1,2,3,4]. */
static void array_write(FILE *f, const struct type *t, const char *p)
{
	fputc('[', f);
	for (uint32_t i = 0; i < t->nelems; i++) {
		if (i)
			fputc(',', f);
		write_num(f, array_elem(t, p, i), t->elems->is_signed);
	}
	fputc(']', f);
}

/* A record (a=1, p=ptr) prints as bpftrace prints structs:
 * { .a = 1, .p = 0xffff... }. */
static void record_write_text(FILE *f, const struct type *t, const char *p,
			      const struct text_opts *o)
{
	fputs("{ ", f);
	for (uint32_t i = 0; i < t->nelems; i++) {
		const struct type *e = &t->elems[i];
		const char *v = p + type_tuple_offset(t, i);
		fprintf(f, "%s.%s = ", i ? ", " : "", t->names[i]);
		if (e->kind == T_PTR)
			fprintf(f, "0x%llx", (unsigned long long)read_u64(v));
		else
			value_write_text(f, e, v, o);
	}
	fputs(" }", f);
}

void value_write_text(FILE *f, const struct type *t, const void *data,
		      const struct text_opts *o)
{
	const char *p = data;

	switch (t->kind) {
	case T_INT:
		write_num(f, read_u64(p), t->is_signed);
		break;
	case T_BOOL:
		fputs(read_u64(p) ? "true" : "false", f);
		break;
	case T_PTR:	/* bpftrace 0.17 prints pointer values as signed */
		write_num(f, read_u64(p), true);
		break;
	case T_STR:
		fwrite(p, 1, strnlen(p, t->size), f);
		break;
	case T_TUPLE:
		if (t->names) {
			record_write_text(f, t, p, o);
			break;
		}
		fputc('(', f);
		for (uint32_t i = 0; i < t->nelems; i++) {
			if (i)
				fputs(", ", f);
			value_write_text(f, &t->elems[i], p + type_tuple_offset(t, i), o);
		}
		fputc(')', f);
		break;
	case T_ARRAY:
		array_write(f, t, p);
		break;
	case T_BUF:
		buf_write(f, t, p, BUF_ESCAPED);
		break;
	case T_INET:
		inet_write(f, p);
		break;
	case T_KSYM:
		symbolizer_write_ksym(f, o ? o->sym : NULL, read_u64(p));
		break;
	case T_USYM:
		symbolizer_write_usym(f, o ? o->sym : NULL, (int)read_u64(p), read_u64(p + 8));
		break;
	case T_KSTACK:
	case T_USTACK:
		symbolizer_write_stack(f, o ? o->sym : NULL, t, p, o ? o->stack_indent : 8);
		break;
	case T_TIMESTAMP:
		timestamp_write(f, p, o);
		break;
	case T_MACADDR: {
		const unsigned char *m = (const unsigned char *)p;
		fprintf(f, "%02X:%02X:%02X:%02X:%02X:%02X", m[0], m[1], m[2], m[3], m[4], m[5]);
		break;
	}
	case T_ERRNO:
		fputs(strerror((int)read_u64(p)), f);
		break;
	case T_SYSCALL: {
		const char *name = syscall_name((long)read_u64(p));
		if (name)
			fputs(name, f);
		else
			fprintf(f, "%lld", (long long)read_u64(p));
		break;
	}
	case T_SIGNAL: {
		const char *name = sigabbrev_np((int)read_u64(p));
		if (name)
			fprintf(f, "SIG%s", name);
		else
			fprintf(f, "%lld", (long long)read_u64(p));
		break;
	}
	case T_CGROUP_PATH:
		cgroup_path_write(f, p, o);
		break;
	case T_USERNAME: {
		/* The name as /etc/passwd has it now, else the uid. */
		struct passwd pw, *res = NULL;
		char buf[1024];
		uint64_t uid = read_u64(p);
		if (!getpwuid_r((uid_t)uid, &pw, buf, sizeof(buf), &res) && res)
			fputs(res->pw_name, f);
		else
			fprintf(f, "%llu", (unsigned long long)uid);
		break;
	}
	default:
		break;
	}
}

/* Renders a value's text into a malloc'ed string for JSON quoting. */
static char *text_of(const struct type *t, const void *data, size_t *len,
			 const struct text_opts *o)
{
	char *s = NULL;
	FILE *m = open_memstream(&s, len);

	if (!m)
		return NULL;
	value_write_text(m, t, data, o);
	fclose(m);
	return s;
}

static void json_write_value(FILE *f, const struct type *t, const void *data,
			 const struct text_opts *o)
{
	const char *p = data;

	switch (t->kind) {
	case T_INT:
	case T_BOOL:	/* true / false are JSON's own */
	case T_PTR:
	case T_ARRAY:	/* [1,2,3] is JSON's array too */
		value_write_text(f, t, p, o);
		break;
	case T_TUPLE:
		if (t->names) {	/* a record: an object, as structs are */
			fputc('{', f);
			for (uint32_t i = 0; i < t->nelems; i++) {
				fprintf(f, "%s", i ? ", " : "");
				json_write_string(f, t->names[i], strlen(t->names[i]));
				fputs(": ", f);
				json_write_value(f, &t->elems[i], p + type_tuple_offset(t, i), o);
			}
			fputc('}', f);
			break;
		}
		fputc('[', f);
		for (uint32_t i = 0; i < t->nelems; i++) {
			if (i)
				fputc(',', f);
			json_write_value(f, &t->elems[i], p + type_tuple_offset(t, i), o);
		}
		fputc(']', f);
		break;
	default: {
		size_t len = 0;
		char *s = text_of(t, p, &len, o);
		json_write_string(f, s ? s : "", s ? len : 0);
		free(s);
	}
	}
}

/* ---- keys ------------------------------------------------------------- */

/* Key elements print like values, except pointers, which show in hex. */
static void key_elem_write(FILE *f, const struct type *t, const void *p,
			 const struct text_opts *o)
{
	if (t->kind == T_PTR)
		fprintf(f, "0x%llx", (unsigned long long)read_u64(p));
	else
		value_write_text(f, t, p, o);
}

/* The elements of a key joined by sep; a T_TUPLE key is a multi-key. */
static void key_elems_write(FILE *f, const struct type *key, const uint8_t *p,
			    const char *sep,
			 const struct text_opts *o)
{
	if (key->kind != T_TUPLE || key->names) {	/* a record is one key */
		key_elem_write(f, key, p, o);
		return;
	}
	for (uint32_t i = 0; i < key->nelems; i++) {
		if (i)
			fputs(sep, f);
		key_elem_write(f, &key->elems[i], p + type_tuple_offset(key, i), o);
	}
}

static void key_write_text(FILE *f, const struct type *key, const uint8_t *p,
			 const struct text_opts *o)
{
	if (key->kind == T_NONE)
		return;
	fputc('[', f);
	key_elems_write(f, key, p, ", ", o);
	fputc(']', f);
}

static void key_write_json(FILE *f, const struct type *key, const uint8_t *p,
			 const struct text_opts *o)
{
	char *s = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&s, &len);

	if (!m)
		return;
	key_elems_write(m, key, p, ",", o);
	fclose(m);
	json_write_string(f, s, len);
	free(s);
}

static int cmp_u64(uint64_t a, uint64_t b)
{
	return a < b ? -1 : a > b;
}

static int cmp_s64(uint64_t a, uint64_t b)
{
	return (int64_t)a < (int64_t)b ? -1 : (int64_t)a > (int64_t)b;
}

/* Key order: integers as unsigned 64-bit numbers, strings and other bytes
 * with memcmp, multi-keys element by element. */
static int key_cmp(const struct type *key, const uint8_t *a, const uint8_t *b)
{
	switch (key->kind) {
	case T_NONE:
		return 0;
	case T_INT:
	case T_BOOL:
	case T_PTR:
		return cmp_u64(read_u64(a), read_u64(b));
	case T_TUPLE:
		for (uint32_t i = 0; i < key->nelems; i++) {
			uint32_t off = type_tuple_offset(key, i);
			int c = key_cmp(&key->elems[i], a + off, b + off);
			if (c)
				return c;
		}
		return 0;
	default:
		return memcmp(a, b, type_layout_size(key));
	}
}

/* ---- reading a map ---------------------------------------------------- */

/* One printed entry of a map, its per-CPU values already combined. */
struct entry {
	uint8_t *key;		/* user key in its full layout size (owned) */
	uint8_t *value;		/* plain values: the bytes (owned) */
	uint64_t num;		/* count/sum/min/max/int; avg and stats: average */
	uint64_t count;		/* avg/stats: number of values */
	uint64_t total;		/* avg/stats: their sum */
	uint64_t *buckets;	/* hist/lhist: count per bucket index (owned) */
	uint32_t nbuckets;
	uint64_t hist_total;	/* hist/lhist: sum of all buckets */
	/* tseries: buckets are the values of intervals first_epoch.. on */
	uint64_t first_epoch;
	bool *present;		/* tseries: which intervals have a value (owned) */
};

struct entries {
	struct entry *v;
	size_t n, cap;
};

/* What the kernel says about the map, and how we split its keys. */
struct map_shape {
	uint32_t bpf_key_size;
	uint32_t key_size;	/* bytes of the user key we keep */
	uint32_t stride;	/* bytes per CPU in a lookup result */
	uint32_t nvalues;	/* values per lookup: ncpus if per CPU, else 1 */
	uint32_t max_entries;
	bool is_array;		/* keyless aggregation indexed by bucket or 0 */
};

static bool is_hist(const struct map_desc *m)
{
	return m->value.kind == T_HIST || m->value.kind == T_LHIST;
}

static bool is_series(const struct map_desc *m)
{
	return m->value.kind == T_TSERIES;
}

static int map_shape_get(const struct output *out, const struct map_desc *m,
			 struct map_shape *s)
{
	struct bpf_map_info info;
	__u32 len = sizeof(info);
	uint32_t user_key_max;

	memset(&info, 0, sizeof(info));
	if (bpf_obj_get_info_by_fd(m->fd, &info, &len))
		return -errno;
	/* The kernel's map type, not the descriptor, decides how many values
	 * a lookup writes, so trust it for the buffer size. */
	bool percpu = info.type == BPF_MAP_TYPE_PERCPU_HASH ||
		      info.type == BPF_MAP_TYPE_PERCPU_ARRAY ||
		      info.type == BPF_MAP_TYPE_LRU_PERCPU_HASH;
	s->is_array = info.type == BPF_MAP_TYPE_ARRAY ||
		      info.type == BPF_MAP_TYPE_PERCPU_ARRAY;
	if (type_has_slot_key(&m->value) && info.key_size < (s->is_array ? 4 : 8))
		return -EINVAL;	/* no room for the bucket index */
	s->bpf_key_size = info.key_size;
	s->stride = percpu ? (info.value_size + 7) & ~7u : info.value_size;
	s->nvalues = percpu ? (uint32_t)out->ncpus : 1;
	s->max_entries = info.max_entries;
	/* An array's key is only its index: a bucket, or 0. */
	user_key_max = s->is_array ? 0 : type_has_slot_key(&m->value) ? info.key_size - 8 : info.key_size;
	s->key_size = type_layout_size(&m->key);
	if (s->key_size > user_key_max)
		s->key_size = user_key_max;
	return 0;
}

static struct entry *entries_add(struct entries *es)
{
	if (es->n == es->cap) {
		size_t cap = es->cap ? es->cap * 2 : 16;
		struct entry *v = realloc(es->v, cap * sizeof(*v));
		if (!v)
			return NULL;
		es->v = v;
		es->cap = cap;
	}
	struct entry *e = &es->v[es->n++];
	memset(e, 0, sizeof(*e));
	return e;
}

static void entries_free(struct entries *es)
{
	for (size_t i = 0; i < es->n; i++) {
		free(es->v[i].key);
		free(es->v[i].value);
		free(es->v[i].buckets);
		free(es->v[i].present);
	}
	free(es->v);
}

/* Whether a kind prints as a signed number. bpftrace 0.17 shows min, max,
 * avg and stats signed whatever the argument type, sums by their type. */
static bool value_signed(const struct type *v)
{
	switch (v->kind) {
	case T_SUM:
	case T_INT:
		return v->is_signed;
	case T_MIN:
	case T_MAX:
	case T_AVG:
	case T_STATS:
	case T_PTR:
		return true;
	default:
		return false;
	}
}

static void combine_minmax(const struct map_shape *s, const uint8_t *vals,
			   bool want_min, struct entry *e)
{
	bool any = false;
	int64_t best = 0;

	for (uint32_t cpu = 0; cpu < s->nvalues; cpu++) {
		struct agg_minmax mm = { 0, 1 };
		memcpy(&mm, vals + (size_t)cpu * s->stride,
		       s->stride < sizeof(mm) ? s->stride : sizeof(mm));
		if (!mm.is_set)
			continue;	/* this CPU never saw a value */
		if (!any || (want_min ? mm.value < best : mm.value > best))
			best = mm.value;
		any = true;
	}
	e->num = (uint64_t)best;
}

/* Folds the per-CPU values of one key into e. */
static void combine_values(const struct map_desc *m, const struct map_shape *s,
			   const uint8_t *vals, struct entry *e)
{
	switch (m->value.kind) {
	case T_COUNT:
	case T_SUM:
		for (uint32_t cpu = 0; cpu < s->nvalues; cpu++)
			e->num += read_u64(vals + (size_t)cpu * s->stride);
		break;
	case T_MIN:
	case T_MAX:
		combine_minmax(s, vals, m->value.kind == T_MIN, e);
		break;
	case T_AVG:
	case T_STATS:
		for (uint32_t cpu = 0; cpu < s->nvalues; cpu++) {
			struct agg_avg a = { 0, 0 };
			memcpy(&a, vals + (size_t)cpu * s->stride,
			       s->stride < sizeof(a) ? s->stride : sizeof(a));
			e->count += a.count;
			e->total += (uint64_t)a.total;
		}
		e->num = e->count ? (uint64_t)((int64_t)e->total / (int64_t)e->count) : 0;
		break;
	default:
		if (s->stride >= 8)
			e->num = read_u64(vals);
		break;
	}
}

/* Copies the first key_size bytes of a BPF key, zero-padded to the key
 * type's full layout so comparisons and printing never read past it. */
static uint8_t *key_copy(const struct map_desc *m, const struct map_shape *s,
			 const uint8_t *bpf_key)
{
	uint32_t full = type_layout_size(&m->key);
	uint8_t *k = calloc(1, full ? full : 1);

	if (k)
		memcpy(k, bpf_key, s->key_size);
	return k;
}

/* Calls fn for every key of the map with its lookup result. */
typedef int (*entry_fn)(const struct map_desc *m, const struct map_shape *s,
			const uint8_t *key, const uint8_t *vals, void *ctx);

static int map_walk(const struct map_desc *m, const struct map_shape *s,
		    entry_fn fn, void *ctx)
{
	uint8_t *prev = calloc(1, s->bpf_key_size + 1);
	uint8_t *next = calloc(1, s->bpf_key_size + 1);
	uint8_t *vals = calloc(s->nvalues, s->stride + 8);
	int err = (prev && next && vals) ? 0 : -ENOMEM;
	bool first = true;

	/* A concurrent delete can restart the walk; bound it. */
	for (uint64_t seen = 0; !err && seen <= (uint64_t)s->max_entries * 2; seen++) {
		if (bpf_map_get_next_key(m->fd, first ? NULL : prev, next))
			break;	/* ENOENT: no more keys */
		first = false;
		memcpy(prev, next, s->bpf_key_size);
		if (bpf_map_lookup_elem(m->fd, next, vals))
			continue;	/* deleted since we saw the key */
		err = fn(m, s, next, vals, ctx);
	}
	free(prev);
	free(next);
	free(vals);
	return err;
}

/* An array entry no CPU has updated: min/max never set, avg/stats with no
 * values. (A count prints even at 0, as in bpftrace.) */
static bool array_entry_unset(const struct map_desc *m, const struct map_shape *s,
			      const uint8_t *vals)
{
	uint32_t word = m->value.kind == T_MIN || m->value.kind == T_MAX ? 8 :
			m->value.kind == T_AVG || m->value.kind == T_STATS ? 0 : UINT32_MAX;
	if (word == UINT32_MAX)
		return false;
	for (uint32_t cpu = 0; cpu < s->nvalues; cpu++)
		if (read_u64(vals + (size_t)cpu * s->stride + word))
			return false;
	return true;
}

static int collect_plain(const struct map_desc *m, const struct map_shape *s,
			 const uint8_t *key, const uint8_t *vals, void *ctx)
{
	struct entry *e = entries_add(ctx);

	if (!e)
		return -ENOMEM;
	e->key = key_copy(m, s, key);
	e->value = calloc(1, s->stride + type_layout_size(&m->value) + 8);
	if (!e->key || !e->value)
		return -ENOMEM;
	memcpy(e->value, vals, s->stride);
	combine_values(m, s, vals, e);
	if (s->is_array && array_entry_unset(m, s, vals)) {
		struct entries *es = ctx;
		free(e->key);
		free(e->value);
		es->n--;	/* never updated: print as bpftrace prints no entry */
	}
	return 0;
}

/* A hist map holds one BPF entry per (key, bucket index). We gather them
 * as records, sort the records by key, and fold each run into an entry. */
struct bucket_rec {
	uint8_t *key;		/* user key (owned until moved to an entry) */
	uint64_t idx;
	uint64_t count;		/* summed over CPUs */
};

struct bucket_recs {
	struct bucket_rec *v;
	size_t n, cap;
};

static int bucket_recs_add(struct bucket_recs *rs, const struct map_desc *m,
			   const struct map_shape *s, const uint8_t *key, struct bucket_rec r)
{
	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? rs->cap * 2 : 64;
		struct bucket_rec *v = realloc(rs->v, cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		rs->v = v;
		rs->cap = cap;
	}
	r.key = key_copy(m, s, key);
	if (!r.key)
		return -ENOMEM;
	rs->v[rs->n++] = r;
	return 0;
}

static int collect_bucket(const struct map_desc *m, const struct map_shape *s,
			  const uint8_t *key, const uint8_t *vals, void *ctx)
{
	struct bucket_rec r = { .idx = s->is_array ? *(const uint32_t *)key :
					read_u64(key + s->bpf_key_size - 8) };

	uint64_t max_idx = m->value.kind == T_LHIST ? MAX_LHIST_INDEX :
			   m->value.hist_bits ? (64ULL - m->value.hist_bits) << m->value.hist_bits :
			   MAX_HIST_INDEX;
	if (r.idx > max_idx)
		return 0;
	for (uint32_t cpu = 0; cpu < s->nvalues; cpu++)
		r.count += read_u64(vals + (size_t)cpu * s->stride);
	if (s->is_array && r.count == 0)
		return 0;	/* an array holds every bucket, counted or not */
	return bucket_recs_add(ctx, m, s, key, r);
}

/* A series slot's value over CPUs, as a record: idx is its interval, count
 * the value. */
static int collect_series_slot(const struct map_desc *m, const struct map_shape *s,
			       const uint8_t *key, const uint8_t *vals, void *ctx)
{
	struct tseries_slot cpus[s->nvalues];
	struct bucket_rec r = { 0 };
	for (uint32_t cpu = 0; cpu < s->nvalues; cpu++)
		memcpy(&cpus[cpu], vals + (size_t)cpu * s->stride, sizeof(cpus[cpu]));
	if (!tseries_combine(cpus, (int)s->nvalues, (enum tseries_agg)m->value.tseries_agg,
			     m->value.is_signed, &r.idx, &r.count))
		return 0;	/* never written, or cleared */
	return bucket_recs_add(ctx, m, s, key, r);
}

static int bucket_rec_cmp(const void *pa, const void *pb, void *ctx)
{
	const struct bucket_rec *a = pa, *b = pb;
	const size_t *key_size = ctx;
	int c = memcmp(a->key, b->key, *key_size);

	return c ? c : cmp_u64(a->idx, b->idx);
}

/* Turns sorted records into one entry per key; takes their keys. */
static int buckets_to_entries(struct bucket_recs *rs, size_t key_size,
			      struct entries *es)
{
	if (rs->n)
		qsort_r(rs->v, rs->n, sizeof(*rs->v), bucket_rec_cmp, &key_size);
	for (size_t i = 0; i < rs->n;) {
		size_t end = i + 1;
		while (end < rs->n && memcmp(rs->v[end].key, rs->v[i].key, key_size) == 0)
			end++;
		struct entry *e = entries_add(es);
		if (!e)
			return -ENOMEM;
		uint32_t nbuckets = (uint32_t)rs->v[end - 1].idx + 1;	/* sorted by idx */
		e->buckets = calloc(nbuckets, sizeof(*e->buckets));
		if (!e->buckets)
			return -ENOMEM;
		e->nbuckets = nbuckets;
		e->key = rs->v[i].key;
		rs->v[i].key = NULL;
		for (size_t k = i; k < end; k++) {
			e->buckets[rs->v[k].idx] += rs->v[k].count;
			e->hist_total += rs->v[k].count;
		}
		i = end;
	}
	return 0;
}

/* One entry per key: the intervals from its first within the window (the
 * last nintervals up to the newest of any key) to that newest one. A
 * keyless series without data still prints, as "<no data>". */
static int series_to_entries(struct bucket_recs *rs, size_t key_size, const struct map_desc *m,
			     struct entries *es)
{
	uint64_t last = 0, n = m->value.nintervals;
	for (size_t i = 0; i < rs->n; i++)
		if (rs->v[i].idx > last)
			last = rs->v[i].idx;
	uint64_t lo = last + 1 >= n ? last + 1 - n : 0;
	if (rs->n)
		qsort_r(rs->v, rs->n, sizeof(*rs->v), bucket_rec_cmp, &key_size);
	if (!rs->n && m->key.kind == T_NONE) {
		struct entry *e = entries_add(es);
		if (!e || !(e->key = calloc(1, 8)))
			return -ENOMEM;
	}
	for (size_t i = 0; i < rs->n;) {
		size_t end = i;
		uint64_t first = last;
		for (; end < rs->n && !memcmp(rs->v[end].key, rs->v[i].key, key_size); end++)
			if (rs->v[end].idx >= lo && rs->v[end].idx < first)
				first = rs->v[end].idx;
		struct entry *e = entries_add(es);
		if (!e)
			return -ENOMEM;
		e->nbuckets = (uint32_t)(last - first + 1);
		e->first_epoch = first;
		e->buckets = calloc(e->nbuckets, sizeof(*e->buckets));
		e->present = calloc(e->nbuckets, sizeof(*e->present));
		if (!e->buckets || !e->present)
			return -ENOMEM;
		e->key = rs->v[i].key;
		rs->v[i].key = NULL;
		for (size_t k = i; k < end; k++) {
			if (rs->v[k].idx < first)
				continue;	/* older than the window */
			e->buckets[rs->v[k].idx - first] = rs->v[k].count;
			e->present[rs->v[k].idx - first] = true;
		}
		i = end;
	}
	return 0;
}

static void bucket_recs_free(struct bucket_recs *rs)
{
	for (size_t i = 0; i < rs->n; i++)
		free(rs->v[i].key);
	free(rs->v);
}

/* bpftrace's order: ascending by value for numbers, by total count for
 * histograms, by average for avg/stats, by key for everything else. Ties
 * (which bpftrace leaves in hash order) go by key so output is stable. */
static int entry_cmp(const void *pa, const void *pb, void *ctx)
{
	const struct map_desc *m = ctx;
	const struct entry *a = pa, *b = pb;
	int c = 0;

	switch (m->value.kind) {
	case T_COUNT:
	case T_SUM:
	case T_MIN:
	case T_MAX:
	case T_AVG:
	case T_STATS:
	case T_INT:
	case T_BOOL:
	case T_PTR:
		c = value_signed(&m->value) ? cmp_s64(a->num, b->num)
					    : cmp_u64(a->num, b->num);
		break;
	case T_HIST:
	case T_LHIST:
		c = cmp_u64(a->hist_total, b->hist_total);
		break;
	default:
		break;
	}
	return c ? c : key_cmp(&m->key, a->key, b->key);
}

static int map_read(const struct output *out, const struct map_desc *m,
		    struct entries *es)
{
	struct map_shape s;
	int err = map_shape_get(out, m, &s);

	if (err)
		return err;
	if (is_hist(m) || is_series(m)) {
		struct bucket_recs rs = { 0 };
		err = map_walk(m, &s, is_hist(m) ? collect_bucket : collect_series_slot, &rs);
		if (!err)
			err = is_hist(m) ? buckets_to_entries(&rs, s.key_size, es) :
					   series_to_entries(&rs, s.key_size, m, es);
		bucket_recs_free(&rs);
	} else {
		err = map_walk(m, &s, collect_plain, es);
	}
	if (!err && es->n)
		qsort_r(es->v, es->n, sizeof(*es->v), entry_cmp, (void *)m);
	return err;
}

/* ---- histograms ------------------------------------------------------- */

/* First and last bucket with a count; false when all are zero. */
static bool hist_range(const struct entry *e, uint32_t *first, uint32_t *last)
{
	bool any = false;

	for (uint32_t i = 0; i < e->nbuckets; i++) {
		if (!e->buckets[i])
			continue;
		if (!any)
			*first = i;
		*last = i;
		any = true;
	}
	return any;
}

/* 2^k with a K/M/G/T/P/E suffix once k reaches 10 (k < 64). */
static void pow2_text(char *buf, size_t len, uint32_t k)
{
	static const char suffix[] = "KMGTPE";

	if (k < 10)
		snprintf(buf, len, "%llu", 1ULL << k);
	else
		snprintf(buf, len, "%llu%c", 1ULL << (k % 10), suffix[k / 10 - 1]);
}

/* lhist bounds: exact multiples of 1M or 1K get a suffix (never G). */
static void lhist_num_text(char *buf, size_t len, int64_t v)
{
	if (v != 0 && v % (1 << 20) == 0)
		snprintf(buf, len, "%lldM", (long long)(v / (1 << 20)));
	else if (v != 0 && v % 1024 == 0)
		snprintf(buf, len, "%lldK", (long long)(v / 1024));
	else
		snprintf(buf, len, "%lld", (long long)v);
}

/* Buckets of the regular lhist range; index 0 is below min and index
 * lhist_buckets + 1 is at or above max. */
static int64_t lhist_buckets(const struct type *v)
{
	return v->lhist_step > 0 ? (v->lhist_max - v->lhist_min) / v->lhist_step : 0;
}

static void lhist_label(char *buf, size_t len, const struct type *v, uint32_t i)
{
	char lo[32], hi[32];
	int64_t start = v->lhist_min + ((int64_t)i - 1) * v->lhist_step;

	if (i == 0) {
		lhist_num_text(lo, sizeof(lo), v->lhist_min);
		snprintf(buf, len, "(..., %s)", lo);
	} else if (i >= lhist_buckets(v) + 1) {
		lhist_num_text(lo, sizeof(lo), v->lhist_max);
		snprintf(buf, len, "[%s, ...)", lo);
	} else {
		lhist_num_text(lo, sizeof(lo), start);
		lhist_num_text(hi, sizeof(hi), start + v->lhist_step);
		snprintf(buf, len, "[%s, %s)", lo, hi);
	}
}

/* hist(n, bits), N = 2^bits: the upper bound of bucket i (> N), which is
 * 2^p * (N + the sub-bucket) for p = (i >> bits) - 1. */
static uint64_t fine_bound(uint32_t bits, uint32_t i)
{
	uint32_t p = (i >> bits) - 1;
	return (1ULL << p) * ((1ULL << bits) + (i & ((1u << bits) - 1)));
}

/* ... as text: the suffix follows p (the sub-bucket's width), as bpftrace
 * does, so 1280 stays 1280 and 4096 becomes 4K only from bits + 10. */
static void fine_bound_text(char *buf, size_t len, uint32_t bits, uint32_t i)
{
	static const char *const suffix[] = { "", "K", "M", "G", "T", "P", "E" };
	uint32_t p = (i >> bits) - 1, d = p / 10;
	unsigned long long n = (1ULL << (p - 10 * d)) * ((1ULL << bits) + (i & ((1u << bits) - 1)));
	snprintf(buf, len, "%llu%s", n, suffix[d]);
}

/* hist(n, bits > 0): 0 negative, 1 .. 2N single values, then buckets
 * [bound(i - 1), bound(i)). */
static void fine_hist_label(char *buf, size_t len, uint32_t bits, uint32_t i)
{
	char lo[32], hi[32];
	if (i == 0) {
		snprintf(buf, len, "(..., 0)");
	} else if (i <= 2u << bits) {
		snprintf(buf, len, "[%u]", i - 1);
	} else {
		fine_bound_text(lo, sizeof(lo), bits, i - 1);
		fine_bound_text(hi, sizeof(hi), bits, i);
		snprintf(buf, len, "[%s, %s)", lo, hi);
	}
}

/* log2 buckets: 0 negative, 1 zero, 2 one, k + 2 for [2^k, 2^(k+1)). */
static void hist_label(char *buf, size_t len, const struct type *v, uint32_t i)
{
	char lo[32], hi[32];

	if (v->kind == T_LHIST) {
		lhist_label(buf, len, v, i);
	} else if (v->hist_bits) {
		fine_hist_label(buf, len, v->hist_bits, i);
	} else if (i <= 2) {
		static const char *const small[] = { "(..., 0)", "[0]", "[1]" };
		snprintf(buf, len, "%s", small[i]);
	} else {
		pow2_text(lo, sizeof(lo), i - 2);
		if (i - 1 < 64)
			pow2_text(hi, sizeof(hi), i - 1);
		else
			snprintf(hi, sizeof(hi), "16E");
		snprintf(buf, len, "[%s, %s)", lo, hi);
	}
}

static void hist_text(FILE *f, const struct map_desc *m, const struct entry *e,
		      uint64_t div)
{
	uint32_t first = 0, last = 0;
	uint64_t max = 0;

	if (!hist_range(e, &first, &last))
		return;
	for (uint32_t i = first; i <= last; i++)
		if (e->buckets[i] > max)
			max = e->buckets[i];
	for (uint32_t i = first; i <= last; i++) {
		char label[80];
		/* The bar uses the undivided counts; only the number is divided. */
		unsigned width = (unsigned)((unsigned __int128)e->buckets[i] *
					    HIST_BAR_WIDTH / max);

		hist_label(label, sizeof(label), &m->value, i);
		fprintf(f, "%-16s%8llu |", label,
			(unsigned long long)(e->buckets[i] / div));
		for (unsigned c = 0; c < HIST_BAR_WIDTH; c++)
			fputc(c < width ? '@' : ' ', f);
		fputs("|\n", f);
	}
}

/* JSON bounds of a log2 bucket [2^k, 2^(k+1)). bpftrace 0.17 computes
 * them in 32-bit int, so k == 31 gives min -2147483648 and max 0; larger
 * k never occurs there (its index stops at 33) and we print true values. */
static void hist_json_bounds(FILE *f, uint32_t k)
{
	if (k <= 31) {
		int32_t lo = (int32_t)(1u << k);
		int32_t hi = (int32_t)((k == 31 ? 1u : 1u << (k + 1)) - 1);
		fprintf(f, "\"min\": %d, \"max\": %d", lo, hi);
	} else {
		uint64_t lo = 1ULL << k;
		fprintf(f, "\"min\": %llu, \"max\": %llu", (unsigned long long)lo,
			(unsigned long long)(lo + (lo - 1)));
	}
}

static void hist_json_bucket(FILE *f, const struct type *v, uint32_t i,
			     uint64_t count)
{
	fputc('{', f);
	if (v->kind == T_LHIST) {
		int64_t n = lhist_buckets(v);
		int64_t lo = v->lhist_min + ((int64_t)i - 1) * v->lhist_step;
		if (i == 0)
			fprintf(f, "\"max\": %lld", (long long)(v->lhist_min - 1));
		else if (i >= n + 1)
			fprintf(f, "\"min\": %lld", (long long)v->lhist_max);
		else
			fprintf(f, "\"min\": %lld, \"max\": %lld", (long long)lo,
				(long long)(lo + v->lhist_step - 1));
	} else if (i == 0) {
		fputs("\"max\": -1", f);
	} else if (v->hist_bits && i <= 2u << v->hist_bits) {
		fprintf(f, "\"min\": %u, \"max\": %u", i - 1, i - 1);
	} else if (v->hist_bits) {
		fprintf(f, "\"min\": %llu, \"max\": %llu",
			(unsigned long long)fine_bound(v->hist_bits, i - 1),
			(unsigned long long)fine_bound(v->hist_bits, i) - 1);
	} else if (i <= 2) {
		fprintf(f, "\"min\": %u, \"max\": %u", i - 1, i - 1);
	} else {
		hist_json_bounds(f, i - 2);
	}
	fprintf(f, ", \"count\": %llu}", (unsigned long long)count);
}

static void hist_json(FILE *f, const struct map_desc *m, const struct entry *e,
		      uint64_t div)
{
	uint32_t first = 0, last = 0;

	fputc('[', f);
	if (hist_range(e, &first, &last)) {
		for (uint32_t i = first; i <= last; i++) {
			if (i > first)
				fputs(", ", f);
			hist_json_bucket(f, &m->value, i, e->buckets[i] / div);
		}
	}
	fputc(']', f);
}

/* ---- printing maps ---------------------------------------------------- */

static uint64_t div_num(uint64_t v, uint64_t div, bool is_signed)
{
	if (is_signed)
		return (uint64_t)((int64_t)v / (int64_t)div);
	return v / div;
}

static bool value_is_number(const struct type *v)
{
	switch (v->kind) {
	case T_COUNT:
	case T_SUM:
	case T_MIN:
	case T_MAX:
	case T_INT:
	case T_BOOL:
	case T_PTR:
		return true;
	default:
		return false;
	}
}

/* ---- time series ------------------------------------------------------ */

static struct tseries_rows series_rows(const struct entry *e)
{
	return (struct tseries_rows){ e->first_epoch, e->nbuckets, e->buckets, e->present };
}

static struct tseries_style series_style(const struct map_desc *m, const struct text_opts *o)
{
	struct timespec real, tai;
	clock_gettime(CLOCK_REALTIME, &real);
	clock_gettime(CLOCK_TAI, &tai);
	struct tseries_style st = {
		.interval_ns = m->value.interval_ns,
		.is_signed = m->value.is_signed,
		.tai_to_real_ns = ((int64_t)real.tv_sec - tai.tv_sec) * 1000000000LL +
				  (real.tv_nsec - tai.tv_nsec),
	};
	/* the clocks were read a moment apart: whole seconds is their offset */
	st.tai_to_real_ns = (st.tai_to_real_ns - 500000000LL) / 1000000000LL * 1000000000LL;
	if (o->series_range) {
		st.fixed_range = true;
		st.min = o->series_min;
		st.max = o->series_max;
	}
	return st;
}

static void entry_text(FILE *f, const struct map_desc *m, const struct entry *e,
		       uint64_t div,
			 const struct text_opts *o)
{
	bool sign = value_signed(&m->value);

	fputs(m->name, f);
	key_write_text(f, &m->key, e->key, o);
	if (is_series(m)) {
		struct tseries_rows rows = series_rows(e);
		struct tseries_style st = series_style(m, o);
		fputs(":\n", f);
		tseries_write_text(f, &rows, &st);
		return;
	}
	fputs(": ", f);
	switch (m->value.kind) {
	case T_HIST:
	case T_LHIST:
		fputc('\n', f);
		hist_text(f, m, e, div);
		fputc('\n', f);
		return;
	case T_STATS:
		fprintf(f, "count %llu, average %lld, total %lld\n",
			(unsigned long long)e->count, (long long)(int64_t)e->num,
			(long long)(int64_t)e->total);
		return;
	case T_AVG:
		write_num(f, div_num(e->num, div, true), true);
		break;
	default:
		if (value_is_number(&m->value) && m->value.kind != T_BOOL)
			write_num(f, div_num(e->num, div, sign), sign);
		else
			value_write_text(f, &m->value, e->value, o);
	}
	fputc('\n', f);
}

static void map_text(FILE *f, const struct map_desc *m, const struct entry *v,
		     size_t n, uint64_t div,
			 const struct text_opts *o)
{
	/* An empty map is a blank line; avg and stats add their own blank
	 * line after the entries, so an empty one makes two. */
	if (n == 0)
		fputc('\n', f);
	for (size_t i = 0; i < n; i++)
		entry_text(f, m, &v[i], div, o);
	if (m->value.kind == T_AVG || m->value.kind == T_STATS)
		fputc('\n', f);
}

static void entry_json_value(FILE *f, const struct map_desc *m,
			     const struct entry *e, uint64_t div,
			 const struct text_opts *o)
{
	bool sign = value_signed(&m->value);

	switch (m->value.kind) {
	case T_HIST:
	case T_LHIST:
		hist_json(f, m, e, div);
		break;
	case T_TSERIES: {
		struct tseries_rows rows = series_rows(e);
		struct tseries_style st = series_style(m, o);
		tseries_write_json(f, &rows, &st);
		break;
	}
	case T_STATS:
		fprintf(f, "{\"count\": %llu, \"average\": %lld, \"total\": %lld}",
			(unsigned long long)e->count, (long long)(int64_t)e->num,
			(long long)(int64_t)e->total);
		break;
	case T_AVG:
		write_num(f, div_num(e->num, div, true), true);
		break;
	default:
		if (value_is_number(&m->value) && m->value.kind != T_BOOL)
			write_num(f, div_num(e->num, div, sign), sign);
		else
			json_write_value(f, &m->value, e->value, o);
	}
}

static const char *json_map_type(const struct type *v)
{
	if (v->kind == T_HIST || v->kind == T_LHIST)
		return "hist";
	if (v->kind == T_AVG || v->kind == T_STATS)
		return "stats";
	if (v->kind == T_TSERIES)
		return "tseries";
	return "map";
}

static void map_json(FILE *f, const struct map_desc *m, const struct entry *v,
		     size_t n, uint64_t div,
			 const struct text_opts *o)
{
	if (n == 0)
		return;	/* an empty map prints nothing in JSON */
	fprintf(f, "{\"type\": \"%s\", \"data\": {", json_map_type(&m->value));
	json_write_string(f, m->name, strlen(m->name));
	fputs(": ", f);
	if (m->key.kind == T_NONE) {
		entry_json_value(f, m, &v[0], div, o);
	} else {
		fputc('{', f);
		for (size_t i = 0; i < n; i++) {
			if (i)
				fputs(", ", f);
			key_write_json(f, &m->key, v[i].key, o);
			fputs(": ", f);
			entry_json_value(f, m, &v[i], div, o);
		}
		fputc('}', f);
	}
	fputs("}}\n", f);
}

static int print_map(struct output *out, const struct map_desc *m, int top, int div,
		     const struct text_opts *series_opts)
{
	struct entries es = { 0 };
	int err = map_read(out, m, &es);
	/* Stacks in printed maps are indented by 4, elsewhere by 8. */
	struct text_opts map_opts = series_opts ? *series_opts : out->text;
	const struct text_opts *o = &map_opts;
	map_opts.stack_indent = 4;

	if (!err) {
		/* stats() ignores top and div (bpftrace warns about it). */
		bool plain_stats = m->value.kind == T_STATS;
		size_t skip = 0;
		uint64_t d = (div > 0 && !plain_stats) ? (uint64_t)div : 1;

		if (top > 0 && !plain_stats && (size_t)top < es.n)
			skip = es.n - (size_t)top;
		if (is_json(out))
			map_json(out->f, m, es.v + skip, es.n - skip, d, o);
		else
			map_text(out->f, m, es.v + skip, es.n - skip, d, o);
	}
	entries_free(&es);
	return err;
}

int output_print_map(struct output *out, const struct map_desc *m, int top, int div)
{
	return print_map(out, m, top, div, NULL);
}

int output_print_series(struct output *out, const struct map_desc *m, bool range,
			int64_t min, int64_t max)
{
	struct text_opts o = out->text;
	o.series_range = range;
	o.series_min = min;
	o.series_max = max;
	return print_map(out, m, 0, 0, &o);
}

static int map_name_cmp(const void *a, const void *b)
{
	const struct map_desc *const *x = a, *const *y = b;
	return strcmp((*x)->name, (*y)->name);
}

int output_print_maps_at_exit(struct output *out, const struct map_desc *maps,
			      int nmaps)
{
	const struct map_desc **order;
	int err = 0;

	/* bpftrace ends the run with two newlines, in JSON mode too, and
	 * writes them to stdout even when -o sends the rest to a file. */
	fflush(out->f);
	fputs("\n\n", out->console);
	fflush(out->console);
	if (nmaps <= 0)
		return 0;
	order = calloc((size_t)nmaps, sizeof(*order));
	if (!order)
		return -ENOMEM;
	for (int i = 0; i < nmaps; i++)
		order[i] = &maps[i];
	qsort(order, (size_t)nmaps, sizeof(*order), map_name_cmp);
	for (int i = 0; i < nmaps; i++) {
		int e = output_print_map(out, order[i], 0, 0);
		if (e && !err)
			err = e;
	}
	free(order);
	return err;
}

/* ---- events ----------------------------------------------------------- */

void output_set_time_formats(struct output *out, const char *const *fmts, int n)
{
	struct timespec mono, real;
	clock_gettime(CLOCK_MONOTONIC, &mono);
	clock_gettime(CLOCK_REALTIME, &real);
	out->text.time_fmts = fmts;
	out->text.ntime_fmts = n;
	out->text.mono_to_real_ns = ((int64_t)real.tv_sec - mono.tv_sec) * 1000000000LL +
				    (real.tv_nsec - mono.tv_nsec);
}

void output_set_symbolizer(struct output *out, struct symbolizer *sym)
{
	out->text.sym = sym;
}

void output_set_gfp_table(struct output *out, const struct gfp_table *gfp)
{
	out->text.gfp = gfp;
}

void output_set_enum_names(struct output *out, const struct enum_name *names, int n)
{
	out->text.enum_names = names;
	out->text.nenum_names = n;
}

void output_set_console(struct output *out, FILE *console)
{
	out->console = console;
}

void output_flush(struct output *out)
{
	fflush(out->f);
}

void output_attaching(struct output *out, int nprobes)
{
	if (is_json(out))
		fprintf(out->f, "{\"type\": \"attached_probes\", \"data\": {\"probes\": %d}}\n",
			nprobes);
	else
		fprintf(out->f, "Attaching %d probe%s...\n", nprobes,
			nprobes == 1 ? "" : "s");
}

void output_printf(struct output *out, const struct printf_desc *d,
		   const void *data, size_t len)
{
	const struct type *args = &d->args;
	char *text = NULL;
	size_t tlen = 0;
	FILE *m;

	/* A short record would make us read past it; drop it instead. */
	if (len < type_layout_size(args))
		return;
	if (!is_json(out)) {
		fmt_write(out->f, d->fmt, args, data, &out->text);
		return;
	}
	m = open_memstream(&text, &tlen);
	if (!m)
		return;
	fmt_write(m, d->fmt, args, data, &out->text);
	fclose(m);
	fputs("{\"type\": \"printf\", \"data\": ", out->f);
	json_write_string(out->f, text, tlen);
	fputs("}\n", out->f);
	free(text);
}

void output_print_value(struct output *out, const struct type *t,
			const void *data)
{
	const struct text_opts *o = &out->text;
	if (is_json(out)) {
		fputs("{\"type\": \"value\", \"data\": ", out->f);
		json_write_value(out->f, t, data, o);
		fputs("}\n", out->f);
	} else {
		value_write_text(out->f, t, data, o);
		fputc('\n', out->f);
	}
}

void output_time(struct output *out, const char *fmt)
{
	char buf[512];
	time_t now = time(NULL);
	struct tm tm;
	size_t n = strftime(buf, sizeof(buf), fmt, localtime_r(&now, &tm));
	if (is_json(out)) {
		fputs("{\"type\": \"time\", \"data\": ", out->f);
		json_write_string(out->f, buf, n);
		fputs("}\n", out->f);
	} else {
		fwrite(buf, 1, n, out->f);
	}
}

void output_raw(struct output *out, const char *text, size_t len)
{
	if (is_json(out)) {
		fputs("{\"type\": \"printf\", \"data\": ", out->f);
		json_write_string(out->f, text, len);
		fputs("}\n", out->f);
	} else {
		fwrite(text, 1, len, out->f);
	}
}

static int64_t record_int(const uint8_t *p, unsigned size, bool is_signed)
{
	uint64_t v = 0;
	memcpy(&v, p, size < 8 ? size : 8);	/* little-endian */
	if (is_signed && size < 8 && (v >> (8 * size - 1)) & 1)
		v |= ~0ULL << (8 * size);
	return (int64_t)v;
}

/* One integer of a struct: is_signed 2 marks a pointer, which text
 * prints in hex and JSON, as bpftrace 0.17 does, as a signed number. */
static void record_int_write(FILE *f, bool json, const uint8_t *p, unsigned size, int is_signed)
{
	int64_t v = record_int(p, size, is_signed == 1);
	if (is_signed == 2 && !json)
		fprintf(f, "0x%llx", (unsigned long long)v);
	else
		fprintf(f, is_signed ? "%lld" : "%llu", (long long)v);
}

/* An array member: [1,2,3], as bpftrace prints arrays. */
static void record_array_write(FILE *f, bool json, const uint8_t *p, unsigned size,
			       int is_signed, unsigned count)
{
	fputc('[', f);
	for (unsigned i = 0; i < count; i++, p += size) {
		if (i)
			fputc(',', f);
		record_int_write(f, json, p, size, is_signed);
	}
	fputc(']', f);
}

/* A struct value from its member list (ktypes_describe: one line a member,
 * "DEPTH NAME OFFSET KIND SIZE SIGNED [COUNT]"): `{ .a = 1, .b = { .c = x } }`
 * in text, `{ "a": 1, "b": { "c": "x" } }` in JSON, as bpftrace prints
 * them. */
static void record_write(FILE *f, bool json, const char *desc, const uint8_t *bytes)
{
	int depth = 0;
	bool first = true;
	fputs("{ ", f);
	for (const char *line = desc; line && *line;) {
		int d, is_signed;
		unsigned off, size, count = 0;
		char name[128], kind;
		if (sscanf(line, "%d %127s %u %c %u %d %u", &d, name, &off, &kind, &size, &is_signed,
			   &count) >= 6) {
			for (; depth > d; depth--)
				fputs(" }", f);
			fprintf(f, json ? "%s\"%s\": " : "%s.%s = ", first ? "" : ", ", name);
			first = false;
			const uint8_t *p = bytes + off;
			size_t len = kind == 's' ? strnlen((const char *)p, size) : 0;
			if (kind == 'i')
				record_int_write(f, json, p, size, is_signed);
			else if (kind == 'p')
				record_int_write(f, json, p, 8, 2);
			else if (kind == 's' && json)
				json_write_string(f, (const char *)p, len);
			else if (kind == 's')
				fwrite(p, 1, len, f);
			else if (kind == 'a')
				record_array_write(f, json, p, size, is_signed, count);
			else if (kind == 'r') {
				fputs("{ ", f);
				depth++;
				first = true;
			}
		}
		line = strchr(line, '\n');
		line = line ? line + 1 : NULL;
	}
	for (; depth > 0; depth--)
		fputs(" }", f);
	fputs(" }", f);
}

void output_print_record(struct output *out, const char *desc, const void *data)
{
	if (is_json(out))
		fputs("{\"type\": \"value\", \"data\": ", out->f);
	record_write(out->f, is_json(out), desc, data);
	fputs(is_json(out) ? "}\n" : "\n", out->f);
}

void output_lost(struct output *out, uint64_t nlost)
{
	if (is_json(out))
		fprintf(out->f, "{\"type\": \"lost_events\", \"data\": {\"events\": %llu}}\n",
			(unsigned long long)nlost);
	else
		fprintf(out->f, "Lost %llu events\n", (unsigned long long)nlost);
}

bool output_is_json(const struct output *out)
{
	return is_json(out);
}

void output_test_result_json(struct output *out, const char *name, uint64_t ns, bool passed,
			     const char *text)
{
	fputs("{\"type\": \"test_result\", \"data\": {", out->f);
	json_write_string(out->f, name, strlen(name));
	fprintf(out->f, ": {\"duration\": %" PRIu64 ", \"passed\": %s, \"output\": ", ns,
		passed ? "true" : "false");
	json_write_string(out->f, text, strlen(text));
	fputs("}}}\n", out->f);
}

void output_bench_result_json(struct output *out, const char *name, uint64_t avg_ns,
			      uint64_t iters)
{
	fputs("{\"type\": \"benchmark_result\", \"data\": {", out->f);
	json_write_string(out->f, name, strlen(name));
	fprintf(out->f, ": {\"average\": %" PRIu64 ", \"iters\": %" PRIu64 "}}}\n", avg_ns, iters);
}
