/* The typed program: what semantic analysis learns about a parsed script
 * and what the later stages (code generation, loading, running) consume. */
#ifndef BPFKIT_PROGRAM_H
#define BPFKIT_PROGRAM_H

#include "ast.h"
#include "gfp.h"
#include "output.h"
#include "provider.h"
#include "types.h"

/* First u64 of every ring-buffer record. */
enum event_kind {
	EV_PRINTF = 1,		/* then u64 fmt id, then the argument tuple */
	EV_EXIT,
	EV_PRINT_MAP,		/* then u64 map id, top, div, and 1 if print had
				 * both (a series takes them as min, max) */
	EV_CLEAR,		/* then u64 map id */
	EV_ZERO,		/* then u64 map id */
	EV_PRINT_VALUE,		/* then u64 fmt id (its args: one value) */
	EV_TIME,		/* then u64 fmt id (strftime format of time()) */
	EV_MAP_FULL,		/* then u64 map id */
	EV_NEW_PID,		/* then u64 pid: first user stack or symbol seen */
	EV_CAT,			/* then u64 fmt id (the file name), the args */
	EV_SYSTEM,		/* then u64 fmt id (the command), the args */
	EV_JOIN,		/* then u64 fmt id (the delimiter), u64 string size,
				 * JOIN_MAX strings */
	EV_DIAG,		/* errorf()/warnf(): like EV_PRINTF, to stderr */
	EV_UNWATCH,		/* then u64 address: detach the watchpoints there */
};

/* What skboutput() sends before the packet's bytes (perf event array). */
struct skb_meta {
	__u64 path_id;		/* index into program.pcap_paths */
	__u64 offset;		/* bytes of the packet the file leaves out */
	__u64 boot_ns;		/* bpf_ktime_get_boot_ns() */
	__u64 len;		/* bytes of the packet that follow */
};

/* A builtin's variant, in its node's num: pid(curr_ns), nsecs(boot)... */
enum builtin_mode { BM_DEFAULT, BM_CURR_NS, BM_BOOT, BM_TAI, BM_SW_TAI };

#define JOIN_MAX 16	/* join() prints at most this many strings */

/* `let @m = kind(n);` in the preamble: the BPF map kind and size. */
enum map_decl { DECL_NONE, DECL_HASH, DECL_LRUHASH, DECL_PERCPUHASH, DECL_PERCPULRUHASH,
		DECL_PERCPUARRAY };

struct map_info {
	char *name;		/* "@" or "@name" */
	struct type key;	/* T_NONE: no key; else the key (T_TUPLE for a, b) */
	struct type value;
	int nkeys;		/* expressions in [...], -1 until first use */
	struct loc loc;		/* first use, for errors */
	enum map_decl decl;
	uint32_t decl_entries;	/* the declared size; 0: not declared */
};

/* printf, print(value), time(): a format and its argument layout. */
struct fmt_info {
	char *fmt;
	struct type args;	/* T_TUPLE */
};

struct var_info {
	char *name;		/* "$x" */
	struct type type;
	struct loc loc;
};

/* One `attach, attach /pred/ { ... }` of the script. */
struct probe_info {
	struct node *node;
	struct probe_list probes;	/* the attach points, expanded */
	struct var_info *vars;
	int nvars;
	bool per_probe_code;	/* uses args or probe: one program per probe */
};

struct options {
	int strlen;		/* size of str() results (BPFTRACE_STRLEN) */
	int cpid;		/* -c child, 0 when none */
	int target_pid;		/* -p, 0 when none */
	char **params;		/* positional parameters $1.. */
	int nparams;
	char **named;		/* named parameters: "--name" or "--name=value" */
	int nnamed;
	bool *named_used;	/* by getopt(), so others can be refused */
	bool unsafe;
	int map_max_entries;
	int stack_mode;		/* enum stack_mode of kstack/ustack without one */
	bool strlen_from_env, map_keys_from_env, stack_mode_from_env;	/* they beat the config block */
	bool keep_maps_at_exit;	/* config print_maps_on_exit = false */
};

struct program {
	struct node *ast;
	struct options opts;
	struct probe_info *probes;
	int nprobes;
	struct map_info *maps;
	int nmaps;
	struct fmt_info *fmts;
	int nfmts;
	bool uses_user_symbols;	/* ustack or usym: snapshot processes */
	struct gfp_table gfp;	/* this kernel's GFP flags, if printf has %gr */
	struct enum_name *enum_names;	/* of the enums printf shows by name */
	int nenum_names;
	struct ktypes *ktypes;	/* kernel BTF, loaded when a script needs it */
	bool ktypes_tried;
	char **pcap_paths;	/* the files skboutput() writes, by id */
	int npcap_paths;
};

/* Expands attach points and types the tree. Returns 0, or -EINVAL after
 * reporting every error to diag. */
int sema_run(struct program *prog, struct diag *diag);
void program_free(struct program *prog);
/* Map descriptors for the output stage; fds filled by the loader. */
struct map_desc *program_map_descs(const struct program *prog, const int *fds);
bool map_is_percpu(const struct map_info *m);
/* A keyless aggregation whose untouched state is recognisable (count, min,
 * max, avg, stats, hist, lhist) lives in a per-CPU array indexed by 0 or
 * by bucket: the kernel inlines array lookups and entries always exist. */
bool map_is_array(const struct map_info *m);
/* Entries of an array map: 1, or the number of buckets. */
uint32_t map_array_entries(const struct map_info *m);
/* Entries of a hash map: as declared, else room for max_keys keys (a
 * tseries keeps a slot per interval for each key, at most 4M slots). */
uint32_t map_hash_entries(const struct map_info *m, int max_keys);
/* Whether the map is an LRU hash (declared so): never full. */
bool map_is_lru(const struct map_info *m);
/* BPF key size of a map: its key layout, plus the bucket for histograms. */
uint32_t map_key_size(const struct map_info *m);
uint32_t map_value_size(const struct map_info *m);

#endif
