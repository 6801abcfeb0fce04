/* Parser: tokens to AST (recursive descent, C operator precedence). */
#ifndef BPFKIT_PARSER_H
#define BPFKIT_PARSER_H

#include <stdbool.h>
#include "ast.h"
#include "diag.h"

/* Returns the N_PROGRAM node, or NULL after reporting errors to diag. */
struct node *parse_program(const struct source *src, struct diag *diag);
/* An imported file, numbered `file` in diag's sources: probes are
 * optional; a config block is reported by the import stage. defs_only:
 * a .h file, of C type definitions only. */
struct node *parse_library(const struct source *src, int file, bool defs_only, struct diag *diag);

#endif
