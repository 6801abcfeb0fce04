/* The preprocessor lines of a script: #define (names for text), #undef,
 * #ifdef/#ifndef/#if/#elif/#else/#endif; other # lines are left for the
 * lexer, which skips them. */
#ifndef BPFKIT_PREPROC_H
#define BPFKIT_PREPROC_H

#include "diag.h"

/* The text with its directives applied: defined names replaced outside
 * strings and comments, directive lines and lines ruled out by a
 * condition left empty, so every line keeps its number. BPFTRACE_HAVE_BTF
 * is defined when the kernel has BTF, as in bpftrace. file numbers the
 * text for diag. A malloc'ed string, or NULL after reporting an error. */
char *preprocess(const char *text, int file, struct diag *diag);

#endif
