/* Kernel types: what sema needs from the kernel's BTF (/sys/kernel/btf/
 * vmlinux, read through libbpf) to type casts and ->/. chains. */
#ifndef BPFKIT_KTYPES_H
#define BPFKIT_KTYPES_H

#include <stdbool.h>
#include <stdint.h>
#include <linux/bpf.h>
#include "types.h"

struct btf;
struct ktypes;

/* NULL with errno when the kernel has no BTF. */
struct ktypes *ktypes_load(void);
void ktypes_free(struct ktypes *kt);
/* Adds a script's C definitions (struct, union, enum, typedef) beside the
 * kernel's types. Returns 0, or -EINVAL with the message and the byte
 * offset in text where it went wrong. */
int ktypes_add_definitions(struct ktypes *kt, const char *text, char *msg, size_t len,
			   int *offset);
/* Adds the types of a standalone BTF (a binary's, from DWARF) beside the
 * kernel's: its type N is then kt's type N + the returned shift, or a
 * negative errno. */
int64_t ktypes_import(struct ktypes *kt, const struct btf *types);
/* "task_struct", "struct task_struct" or "union X": the type id, or a
 * negative errno. */
int ktypes_find_record(struct ktypes *kt, const char *name);
/* The same among the types added to the kernel's only (the script's
 * definitions, a binary's types): the id, or -ENOENT. */
int ktypes_find_added_record(struct ktypes *kt, const char *name);
/* Bytes of a type, or a negative errno. */
int64_t ktypes_size(struct ktypes *kt, uint32_t id);

struct kmember {
	uint32_t offset;	/* bytes from the start of the record */
	uint32_t bit_shift;	/* bitfields: bits to shift right after a load */
	uint32_t bit_size;	/* bitfields: width; 0 for ordinary members */
	struct type type;
};

/* Finds member `name` of the struct/union `record_id` (looking into
 * anonymous members too). Returns 0 or -ENOENT. */
int ktypes_member(struct ktypes *kt, uint32_t record_id, const char *name,
		  bool user, struct kmember *out);
/* Our type for BTF type `id`: integers and enums as T_INT, pointers as
 * T_PTR (btf_id = the pointee), char arrays as T_STR, records as
 * T_STRUCT. Other kinds give T_NONE. */
struct type ktypes_type(struct ktypes *kt, uint32_t id, bool user);
/* The value of an enumerator (e.g. SKB_DROP_REASON_NOT_SPECIFIED), and
 * (enum_id not NULL) the BTF id of its enum. Returns 0 or -ENOENT. */
int ktypes_enum_value(struct ktypes *kt, const char *name, int64_t *value, uint32_t *enum_id);
/* The BTF id of `enum name`, or -ENOENT. */
int ktypes_find_enum(struct ktypes *kt, const char *name);
/* Calls fn with each enumerator of enum id. */
void ktypes_enumerators(struct ktypes *kt, uint32_t id,
			void (*fn)(void *ctx, int64_t value, const char *name), void *ctx);
/* The BTF id of per-CPU variable `name` (in the .data..percpu section):
 * -ENOENT when the kernel has no such variable, -EINVAL when it is not
 * per-CPU. *type_id is set to the variable's type. */
int ktypes_percpu_var(struct ktypes *kt, const char *name, uint32_t *type_id);
/* base[i]: the element type and size of a typed pointer or an array
 * (a T_STRUCT whose btf_id is an array). 0 or a negative errno. */
int ktypes_element(struct ktypes *kt, const struct type *base, struct type *elem,
		   uint32_t *elem_size);
/* A malloc'ed description of record `id` for printing its bytes: one line
 * a member, "DEPTH NAME OFFSET KIND SIZE SIGNED", KIND i (integer),
 * p (pointer), s (char array) or r (a nested record; its members follow
 * one deeper). Bitfields and other arrays are left out. NULL on error. */
char *ktypes_describe(struct ktypes *kt, uint32_t id);
/* A BTF integer type of size bytes and that signedness (not bool), for
 * pointers cast to integer types; 0 if the kernel has none. */
uint32_t ktypes_find_int(struct ktypes *kt, uint32_t size, bool is_signed);
/* The BTF id of kernel function name (kfuncs included), or -ENOENT. */
int ktypes_find_func(struct ktypes *kt, const char *name);
/* Whether the kernel lets programs of that type call kfunc name: a trial
 * load of a program calling it, refused or not with the verifier's "is
 * not allowed" (the per-type kfunc sets are not in BTF). */
bool ktypes_kfunc_allowed(struct ktypes *kt, const char *name, enum bpf_prog_type type);
/* Whether BTF type id is an array (after typedefs). */
bool ktypes_is_array(struct ktypes *kt, uint32_t id);
/* The struct/union a T_PTR points to, or 0. */
uint32_t ktypes_pointee_record(struct ktypes *kt, const struct type *ptr);

#endif
