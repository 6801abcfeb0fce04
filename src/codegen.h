/* Code generation: typed AST to BPF instructions, one program per group of
 * probes that can share code. */
#ifndef BPFKIT_CODEGEN_H
#define BPFKIT_CODEGEN_H

#include <linux/bpf.h>
#include "program.h"

/* Maps bpfkit itself needs; their ids follow the script's maps. */
enum internal_map {
	IMAP_RINGBUF,	/* events to user space */
	IMAP_STATE,	/* array[1] of struct bpf_state */
	IMAP_SCRATCH,	/* per-CPU array[1] of SCRATCH_BYTES: the large frame */
	IMAP_PIDS,	/* LRU hash of pids already reported by EV_NEW_PID */
	IMAP_SKB_OUTPUT,	/* perf event array of skboutput() packets, when used */
	IMAP_COUNT
};

#define SCRATCH_BYTES 16384

struct bpf_state {
	__u64 start_ns;		/* ktime at start, for `elapsed` */
	__u64 lost_events;	/* ring buffer records dropped */
	__u64 stopped;		/* set at exit: event programs do nothing */
};

struct bpf_code {
	char name[16];		/* kernel program name */
	struct probe_info *pi;
	struct probe **probes;	/* what this program attaches to */
	int nprobes;
	enum bpf_prog_type type;
	struct bpf_insn *insns;
	struct loc *locs;	/* script place of each instruction */
	int ninsns;
	int *subprogs;		/* first instruction of each callback */
	int nsubprogs;
};

struct codegen_result {
	struct bpf_code *progs;
	int nprogs;
};

int codegen_run(struct program *prog, struct codegen_result *out, struct diag *diag);
void codegen_free(struct codegen_result *r);

#endif
