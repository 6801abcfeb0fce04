/* Macro expansion: between parsing and semantic analysis, every call of a
 * script's macro becomes a copy of the macro's body. */
#ifndef BPFKIT_MACROS_H
#define BPFKIT_MACROS_H

#include "ast.h"
#include "diag.h"

/* Expands the macros of prog (the N_MACRO nodes in prog->c, which it
 * removes) in every probe. 0, or -1 after reporting errors to diag. */
int macros_expand(struct node *prog, struct diag *diag);

#endif
