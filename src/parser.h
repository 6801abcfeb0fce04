/* Parser: tokens to AST (recursive descent, C operator precedence). */
#ifndef BPFKIT_PARSER_H
#define BPFKIT_PARSER_H

#include "ast.h"
#include "diag.h"

/* Returns the N_PROGRAM node, or NULL after reporting errors to diag. */
struct node *parse_program(const struct source *src, struct diag *diag);

#endif
