/* Abstract syntax tree. One node type keeps the tree regular; each kind
 * documents which fields it uses. Semantic analysis fills `type` and `id`. */
#ifndef BPFKIT_AST_H
#define BPFKIT_AST_H

#include <stdio.h>
#include "diag.h"
#include "types.h"

enum node_kind {
	/* expressions */
	N_INT,		/* num */
	N_STR,		/* str, num = length */
	N_BUILTIN,	/* str: pid, comm, args, arg0, ... */
	N_VAR,		/* str: "$x" */
	N_POSITIONAL,	/* num: $1 -> 1; str "$#" for the count */
	N_MAP,		/* str: "@x"; kids: key expressions (none for @x) */
	N_CALL,		/* str: function name; kids: arguments */
	N_BINOP,	/* op; a, b */
	N_UNOP,		/* op (TK_MINUS TK_BANG TK_TILDE TK_STAR TK_AMP); a */
	N_INCDEC,	/* op TK_INC/TK_DEC; a = variable or map; num 1 = prefix */
	N_TERNARY,	/* a ? b : c */
	N_FIELD,	/* a.str or a->str (num 1 = arrow) */
	N_INDEX,	/* a[b] on pointers and arrays */
	N_TUPLE,	/* kids */
	N_TUPLE_INDEX,	/* a.num */
	N_CAST,		/* (str with num '*'s) a */
	N_SIZEOF,	/* sizeof(a) or sizeof(str type) */
	N_BLOCK_EXPR,	/* { kids; a }: statements, then the value a (NULL: none) */
	/* statements */
	N_EXPR_STMT,	/* a */
	N_ASSIGN,	/* a op= b; op TK_ASSIGN or a compound operator */
	N_IF,		/* if (a) b else c; c may be NULL or another N_IF */
	N_WHILE,	/* while (a) b */
	N_UNROLL,	/* unroll (num) b */
	N_FOR,		/* for (a : b) c; b is a map or a N_RANGE */
	N_RANGE,	/* a .. b */
	N_RETURN, N_BREAK, N_CONTINUE,
	N_BLOCK,	/* kids */
	/* top level */
	N_PROBE,	/* attach points in `attach`; a = predicate or NULL; b = block */
	N_PROGRAM,	/* kids: probes; a = the config block or NULL; b = C
			 * definitions (N_STR texts); c = N_BLOCK of N_IMPORT,
			 * N_MACRO and N_MAPDECL, each removed by the stage
			 * that consumes it */
	N_CONFIG,	/* kids: N_ASSIGN of a setting (N_BUILTIN) and its value */
	N_MACRO,	/* macro str(kids) a: kids are N_VAR, N_MAP or N_BUILTIN
			 * (an expression parameter); a is an N_BLOCK_EXPR */
	N_IMPORT,	/* import "str" */
	N_MAPDECL,	/* let @str = a: a is the N_CALL naming the map kind */
	N_NKINDS
};

struct attach_spec {
	char *text;		/* as written, e.g. "t:syscalls:sys_enter_*" */
	struct loc loc;
};

struct node {
	enum node_kind kind;
	struct loc loc;
	int op;			/* enum tok_kind of the operator */
	int64_t num;
	char *str;		/* owned by the tree */
	struct node *a, *b, *c;
	struct node **kids;
	int nkids;
	struct attach_spec *attach;	/* N_PROBE */
	int nattach;
	/* Filled by semantic analysis. */
	struct type type;
	int id;			/* map / variable / printf / builtin index */
	uint32_t member_offset;	/* N_FIELD of a kernel struct: bytes */
	uint32_t bit_shift, bit_size;	/* ... and its bitfield, if any */
};

struct node *node_new(enum node_kind kind, struct loc loc);
void node_add_kid(struct node *parent, struct node *kid);
/* len bytes of s (which may hold NULs), NUL-terminated, malloc'ed. */
char *text_copy(const char *s, size_t len);
/* A deep copy of an untyped tree (parsing's output). */
struct node *node_clone(const struct node *n);
void node_free(struct node *n);
const char *node_kind_name(enum node_kind k);
/* -d output: the tree, one node a line, with types once analysed. */
void ast_dump(FILE *f, const struct node *n, int depth);

#endif
