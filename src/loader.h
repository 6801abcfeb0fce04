/* Loader: creates the maps and loads the programs into the kernel. */
#ifndef BPFKIT_LOADER_H
#define BPFKIT_LOADER_H

#include <stdbool.h>
#include "codegen.h"

struct loaded {
	int *map_fds;		/* the script's maps, then the internal ones */
	int nmaps;
	int *prog_fds;
	int nprogs;
};

/* Returns 0, or -errno after reporting. A program the verifier refuses is
 * reported at the script place of the refused instruction; with
 * print_log the whole verifier log follows. */
int loader_load(const struct program *prog, const struct codegen_result *code,
		struct loaded *out, bool print_log, struct diag *diag);
void loader_unload(struct loaded *l);
int loader_map_fd(const struct loaded *l, const struct program *prog, enum internal_map m);

#endif
