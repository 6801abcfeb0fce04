/* Value types of the bpftrace language and their memory layout.
 *
 * One layout serves BPF map keys, map values, tuples and event records, so
 * the code generator writes and the output stage reads the same bytes:
 *   - integers occupy 8 bytes, sign- or zero-extended from their width;
 *   - strings and buffers occupy their size rounded up to 8;
 *   - a tuple places its elements one after another, each 8-aligned.
 */
#ifndef BPFKIT_TYPES_H
#define BPFKIT_TYPES_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

enum type_kind {
	T_NONE,		/* no value (statements, void calls) */
	T_INT,		/* integer of width size (1,2,4,8), signed or not */
	T_BOOL,		/* result of comparisons and logic; stored as an int */
	T_STR,		/* NUL-padded string of size bytes */
	T_TUPLE,	/* elems[0..nelems) */
	T_PTR,		/* kernel or user pointer; elems[0] is the pointee if known */
	T_KSTACK,	/* stack_depth frames (u64 each, zero padded) */
	T_USTACK,	/* u64 pid, then stack_depth frames */
	T_KSYM,		/* kernel address printed as a symbol */
	T_USYM,		/* user address + pid printed as a symbol (16 bytes) */
	T_BUF,		/* buf(): u64 length then size bytes */
	T_INET,		/* ntop(): u64 family then 16 address bytes */
	T_TIMESTAMP,	/* strftime(): format id then nsecs */
	T_USERNAME,	/* username: a uid (8 bytes) printed as the user's name */
	T_RECORD,	/* the bytes of a kernel struct (size), for print() */
	T_MACADDR,	/* macaddr(): 6 bytes (8 in the layout) */
	T_ERRNO,	/* strerror(): an errno printed as its message */
	T_SYSCALL,	/* syscall_name(): a syscall number printed as its name */
	T_SIGNAL,	/* signal_name(): a signal number printed as its name */
	T_CGROUP_PATH,	/* cgroup_path(): u64 filter format id, then the cgroup id */
	T_ARRAY,	/* nelems integers of type elems[0], size bytes in all,
			 * packed as in C (array casts, (int8[8])x) */
	T_STRUCT,	/* a kernel struct/union (btf_id) by its address: only
			 * for member access, never stored */
	/* aggregation values: only as the value type of a map */
	T_COUNT,
	T_SUM,
	T_MIN,
	T_MAX,
	T_AVG,
	T_STATS,
	T_HIST,
	T_LHIST,
	T_TSERIES,	/* a value per time interval (tseries.h) */
};

struct type {
	enum type_kind kind;
	uint32_t size;		/* bytes in the canonical layout (see above) */
	bool is_signed;		/* T_INT, T_SUM, T_MIN, T_MAX, T_AVG, T_STATS */
	uint32_t nelems;	/* T_TUPLE, T_ARRAY */
	struct type *elems;	/* T_TUPLE elements, T_PTR pointee, T_ARRAY element */
	char **names;		/* T_TUPLE of a record (a=1, b="x"): the name
				 * of each element; NULL for a plain tuple */
	int64_t lhist_min, lhist_max, lhist_step;	/* T_LHIST */
	uint32_t hist_bits;	/* T_HIST: sub-buckets per power of two, log2 */
	uint64_t interval_ns;	/* T_TSERIES: the length of an interval */
	uint32_t nintervals;	/* T_TSERIES: how many are kept */
	uint32_t tseries_agg;	/* T_TSERIES: enum tseries_agg */
	uint32_t stack_depth;	/* T_KSTACK/T_USTACK */
	uint32_t stack_mode;	/* enum stack_mode */
	uint32_t btf_id;	/* T_PTR/T_INT from BTF; 0 when unknown */
	uint32_t enum_id;	/* T_INT: the BTF enum of its values (printf %s
				 * names them); 0 if none */
	bool is_user;		/* T_PTR into user memory */
};

enum stack_mode { STACK_BPFTRACE, STACK_PERF, STACK_RAW };

/* Aggregation value layouts in the map (per CPU; the output sums CPUs). */
struct agg_minmax { int64_t value; uint64_t is_set; };
struct agg_avg { uint64_t count; int64_t total; };	/* also T_STATS */

struct type type_int(int size, bool is_signed);
struct type type_str(int size);
struct type type_none(void);
/* An array of n integers of elem's width and signedness. */
struct type type_array(const struct type *elem, uint32_t n);
/* Values kept in memory, not in a register: strings, tuples, arrays. */
bool type_in_memory(const struct type *t);
bool type_is_agg(const struct type *t);
/* An aggregation whose map keys end with a bucket or interval slot (u64):
 * hist, lhist, tseries. */
bool type_has_slot_key(const struct type *t);
bool type_is_intlike(const struct type *t);
bool type_equal(const struct type *a, const struct type *b);
/* Bytes this type takes in the canonical layout. */
uint32_t type_layout_size(const struct type *t);
/* Offset of tuple element i in the canonical layout. */
uint32_t type_tuple_offset(const struct type *t, uint32_t i);
/* A readable name such as "int64", "string[64]", "(int64,string[16])",
 * "uint8[4]". */
const char *type_name(const struct type *t, char *buf, size_t len);
/* A record's element named `name`, or -1 (also for plain tuples). */
int type_field_index(const struct type *t, const char *name);
/* Records a and b have the same names, in any order. */
bool type_same_fields(const struct type *a, const struct type *b);
/* Deep copy / free of elems (types are values; tuples own elems). */
struct type type_clone(const struct type *t);
void type_release(struct type *t);

#endif
