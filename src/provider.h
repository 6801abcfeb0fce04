/* Probe providers. Each probe type is one provider behind this interface:
 * expand an attach point into concrete probes (wildcards included),
 * describe a probe's `args`, attach a loaded program, and list probes.
 * Adding a probe type means one file in providers/ and one table entry in
 * provider.c. */
#ifndef BPFKIT_PROVIDER_H
#define BPFKIT_PROVIDER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <linux/bpf.h>
#include <bpf/bpf.h>

struct errbuf {
	char msg[512];
};

__attribute__((format(printf, 2, 3)))
int err_set(struct errbuf *e, const char *fmt, ...);	/* returns -EINVAL */

struct btf;
struct probe;
/* attach and detach of probes bpfkit runs itself (BEGIN, END, self). */
int attach_nothing(struct probe *p, int prog_fd, struct errbuf *e);
void detach_nothing(struct probe *p);

/* The rate of interval and profile probes: "UNIT:N" (s, ms, us, hz), or
 * "N" with a duration suffix (ns us ms s m h d; none: ns). Sets *n to
 * nanoseconds, or to the frequency with *is_hz. `what` names the probe
 * type in messages. */
int rate_parse(const char *spec, const char *what, uint64_t *n, bool *is_hz, struct errbuf *e);

/* How to read one argument from the program's context (a tracepoint
 * record, struct pt_regs for kprobes/uprobes/USDT, an array of u64 for raw
 * tracepoints). */
enum field_kind {
	F_INT,		/* integer of `size` bytes at ctx + offset */
	F_CHAR_ARRAY,	/* char name[size] inside the record */
	F_DATA_LOC,	/* __data_loc char[]: u32 (len << 16 | offset) */
	F_PTR,		/* a pointer at ctx + offset; user_ptr says into which
			 * address space */
	F_USER_MEM,	/* `size` bytes of user memory at (u64 at ctx + offset)
			 * + disp: a USDT memory operand such as -4(%rbp) */
	F_CONST,	/* the constant `value`: a USDT operand such as $5 */
};

/* One member of `args`. */
struct ctx_field {
	char *name;
	char *ctype;		/* C spelling for -lv, e.g. "const char *" */
	uint32_t nelems;	/* a tracepoint array's [N] (for -lv), 0 if none */
	enum field_kind kind;
	uint32_t offset, size;
	bool is_signed;
	bool user_ptr;		/* points into user memory (syscall arguments) */
	int64_t disp;		/* F_USER_MEM */
	int64_t value;		/* F_CONST */
	uint32_t btf_type_id;	/* the kernel type (vmlinux BTF), or 0; a
				 * uprobe's DWARF type in probe->btf until sema
				 * moves those types beside the kernel's */
	char *unreadable;	/* why this argument cannot be read, or NULL */
};

/* When a probe's program runs. */
/* RUN_ONCE: the program runs while it is attached (iterators), and a run
 * made only of such probes ends after attaching. RUN_ON_SIGNAL: bpfkit
 * runs it when its process gets the signal in probe->config. RUN_TEST,
 * RUN_BENCH: bpfkit runs it with --test (once) or --bench (many times). */
enum probe_run { RUN_ON_EVENT, RUN_AT_BEGIN, RUN_AT_END, RUN_ONCE, RUN_ON_SIGNAL,
		 RUN_TEST, RUN_BENCH };

struct probe;

struct probe_list {
	struct probe **v;
	int n, cap;
};

struct provider {
	const char *name;	/* "tracepoint" */
	const char *alias;	/* "t", or NULL */
	enum bpf_prog_type prog_type;
	enum probe_run run;
	/* Expands "spec" (the text after "name:") into probes appended with
	 * probe_list_add. Returns 0 or a negative errno with e set. */
	int (*expand)(const char *spec, struct probe_list *out, struct errbuf *e);
	/* Optional: expand for a -p PID run (see provider_expand_pid). */
	int (*expand_pid)(const char *spec, int pid, struct probe_list *out,
			  struct errbuf *e);
	/* Fills p->fields; NULL when the provider has no arguments. Fields
	 * named arg0..argN, retval (and sarg0..N) are what the builtins of
	 * those names read; the others are `args->NAME`. */
	int (*describe)(struct probe *p, struct errbuf *e);
	/* Optional: adds the probe's own definition of the struct or union
	 * `name` (a uprobe's binary's, from DWARF) to btf, a standalone BTF.
	 * Its id there, or a negative errno (-ENOENT: none). */
	int (*find_record)(struct probe *p, const char *name, struct btf *btf);
	/* Optional: sets load options the kernel needs for this probe's
	 * program (expected_attach_type, attach_btf_id, ...). */
	int (*prepare_load)(struct probe *p, struct bpf_prog_load_opts *opts,
			    struct errbuf *e);
	/* Attaches prog_fd; stores what detach needs in p. */
	int (*attach)(struct probe *p, int prog_fd, struct errbuf *e);
	void (*detach)(struct probe *p);
	/* -l: prints matching probes (one per line), with args if verbose. */
	int (*list)(const char *glob, bool verbose, FILE *out);
};

struct probe {
	const struct provider *prov;
	char *name;		/* canonical, e.g. "tracepoint:syscalls:sys_enter_openat" */
	char *target;		/* tracepoint category, binary path, ... */
	char *func;		/* tracepoint name, symbol, ... */
	uint64_t period;	/* interval and profile: nanoseconds or count */
	bool period_is_freq;	/* profile:hz */
	struct ctx_field *fields;
	int nfields;
	/* Where and how the uprobe, USDT, perf event, BTF and watchpoint
	 * providers attach. */
	int target_pid;		/* -p: trace this process only (0: all) */
	uint64_t offset;	/* uprobe/usdt: file offset in target; kprobe:
				 * offset into func; watchpoint: address */
	uint64_t ref_ctr_offset;	/* usdt: file offset of the semaphore, or 0 */
	uint64_t config;	/* software/hardware: perf config; fentry:
				 * BTF id; watchpoint: length in bytes */
	uint32_t mode;		/* watchpoint: HW_BREAKPOINT_R|W|X */
	/* attachment */
	int *fds;		/* perf events / links to close on detach */
	int nfds;
	/* Non-zero: the program returns at once when the u64 at this ctx
	 * offset is 0 (an iterator's last call). */
	uint32_t guard_offset;
	/* uprobe: the types (from DWARF) its fields' btf_type_id name, or
	 * NULL; and why `args` has no named fields, or NULL. */
	struct btf *btf;
	char *no_args;
};


struct probe *probe_list_add(struct probe_list *l, const struct provider *prov,
			     const char *name);
void probe_list_free(struct probe_list *l);
void probe_free(struct probe *p);
void probe_add_fd(struct probe *p, int fd);
void probe_close_fds(struct probe *p);
const struct ctx_field *probe_field(const struct probe *p, const char *name);
/* What the probetype builtin says: the provider's name, "special" for
 * BEGIN and END. */
const char *probe_type_name(const struct probe *p);
/* uprobe, uretprobe, usdt: an address that says nothing of its address
 * space is a user one there, as in bpftrace. */
bool probe_in_user_space(const struct probe *p);

/* Finds the provider of an attach point ("t:a:b", "BEGIN") and expands it. */
int provider_expand(const char *attach, struct probe_list *out, struct errbuf *e);
/* The same for a -p PID run: providers that resolve files or attach per
 * process (uprobe, usdt) see the process's view, and every new probe gets
 * target_pid = pid. pid 0 is provider_expand. */
int provider_expand_pid(const char *attach, int pid, struct probe_list *out,
			struct errbuf *e);
const struct provider *provider_find(const char *name, size_t len);
/* -l [GLOB]: every provider lists what matches. */
int provider_list(const char *glob, bool verbose, FILE *out);

/* --info: the system, the build, and which kernel features and probe
 * types work here, each found by trying it once. */
int provider_print_info(const char *version, FILE *out);

/* The tracefs directory, mounted on first use if it is not. */
const char *tracefs_dir(void);
/* perf_event_open(2) wrapper. */
int perf_event_open_fd(void *attr, int pid, int cpu, int group, unsigned long flags);
/* Opens the perf event `attr` (for pid on cpu) and attaches prog_fd to it;
 * both fds are kept in p for detaching. Returns 0 or the negative errno,
 * with the message in e. */
int perf_event_attach(struct probe *p, void *attr, int pid, int cpu, int prog_fd,
		      struct errbuf *e);
/* Opens the perf event attr (a struct perf_event_attr) on every online CPU,
 * or once for p->target_pid when set, and links prog_fd to each; the fds
 * go to p. 0, or the negative errno of the failing call with e set. */
int perf_event_attach_cpus(struct probe *p, void *attr, int prog_fd, struct errbuf *e);

#endif
