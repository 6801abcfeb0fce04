/* Imports: `import "name";` at the top of a script brings in the macros,
 * probes and C type definitions of other files. */
#ifndef BPFKIT_IMPORTS_H
#define BPFKIT_IMPORTS_H

#include "ast.h"
#include "diag.h"

/* The imported files' texts: diag's sources for their locations, kept
 * until the last message. */
struct imported {
	struct source *files;
	int n;
};

/* Resolves prog's imports (N_IMPORT in prog->c, removed here) and those of
 * the files they import, relative to the directory of script_path (the
 * current one for NULL): each file's macros join prog->c, its probes come
 * before prog's and its C definitions before prog's. Sets diag->imported.
 * 0, or -1 after reporting errors to diag. */
int imports_resolve(struct node *prog, const char *script_path, struct imported *out,
		    struct diag *diag);
void imports_free(struct imported *imp);

#endif
