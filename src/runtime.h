/* Runtime: attaches the loaded programs, runs BEGIN, reads events until
 * the script exits, runs END, detaches and prints the maps. */
#ifndef BPFKIT_RUNTIME_H
#define BPFKIT_RUNTIME_H

#include <stdbool.h>
#include "loader.h"
#include "output.h"

/* What the -c child reads before it execs. */
enum { CHILD_GO = 1, CHILD_GO_TRACED = 2 };

/* What a run does: trace, or run the test or bench probes (--test,
 * --bench), whose programs are the only ones then. */
enum run_mode { MODE_TRACE, MODE_TEST, MODE_BENCH };

struct runtime_opts {
	enum run_mode mode;
	bool color;		/* the output is a terminal: color test reports */
	int child_pid;		/* -c: exit when it ends; released by the runtime */
	int child_go_fd;	/* write end of the pipe the child waits on */
	int target_pid;		/* -p: exit when it ends */
	bool quiet;		/* -q: no "Attaching N probes..." */
	struct timespec *attach_done;	/* when set, filled after attaching */
	int *exit_code;		/* when set, gets the script's exit(code) */
};

/* Returns the exit status for bpfkit: 0 after a normal end (and, with
 * --test, when every test passed). */
int runtime_run(const struct program *prog, const struct codegen_result *code,
		const struct loaded *ld, struct output *out,
		const struct runtime_opts *ro, struct diag *diag);

#endif
