/* AST allocation and printing. */
#include <stdlib.h>
#include <string.h>
#include "ast.h"
#include "lexer.h"

static const char *const kind_names[N_NKINDS] = {
	[N_INT] = "int", [N_STR] = "string", [N_BUILTIN] = "builtin",
	[N_VAR] = "variable", [N_POSITIONAL] = "positional", [N_MAP] = "map",
	[N_CALL] = "call", [N_BINOP] = "binop", [N_UNOP] = "unop",
	[N_INCDEC] = "incdec", [N_TERNARY] = "ternary", [N_FIELD] = "field",
	[N_INDEX] = "index", [N_TUPLE] = "tuple", [N_TUPLE_INDEX] = "tuple index",
	[N_CAST] = "cast", [N_SIZEOF] = "sizeof", [N_EXPR_STMT] = "expr",
	[N_ASSIGN] = "assign", [N_IF] = "if", [N_WHILE] = "while",
	[N_UNROLL] = "unroll", [N_FOR] = "for", [N_RANGE] = "range",
	[N_RETURN] = "return", [N_BREAK] = "break", [N_CONTINUE] = "continue",
	[N_BLOCK] = "block", [N_PROBE] = "probe", [N_PROGRAM] = "program", [N_CONFIG] = "config",
	[N_BLOCK_EXPR] = "block expr", [N_MACRO] = "macro", [N_IMPORT] = "import",
	[N_MAPDECL] = "map declaration",
};

const char *node_kind_name(enum node_kind k)
{
	return k < N_NKINDS ? kind_names[k] : "?";
}

struct node *node_new(enum node_kind kind, struct loc loc)
{
	struct node *n = calloc(1, sizeof(*n));
	if (!n)
		abort();
	n->kind = kind;
	n->loc = loc;
	n->id = -1;
	return n;
}

void node_add_kid(struct node *parent, struct node *kid)
{
	parent->kids = realloc(parent->kids, (size_t)(parent->nkids + 1) * sizeof(*parent->kids));
	if (!parent->kids)
		abort();
	parent->kids[parent->nkids++] = kid;
}

char *text_copy(const char *s, size_t len)
{
	char *t = malloc(len + 1);
	if (!t)
		abort();
	memcpy(t, s, len);
	t[len] = 0;
	return t;
}

struct node *node_clone(const struct node *n)
{
	if (!n)
		return NULL;
	struct node *c = node_new(n->kind, n->loc);
	c->op = n->op;
	c->num = n->num;
	if (n->str)	/* N_STR text may hold NULs: num is its length */
		c->str = text_copy(n->str, n->kind == N_STR ? (size_t)n->num : strlen(n->str));
	c->a = node_clone(n->a);
	c->b = node_clone(n->b);
	c->c = node_clone(n->c);
	for (int i = 0; i < n->nkids; i++)
		node_add_kid(c, node_clone(n->kids[i]));
	for (int i = 0; i < n->nattach; i++) {
		c->attach = realloc(c->attach, (size_t)(i + 1) * sizeof(*c->attach));
		if (!c->attach)
			abort();
		c->attach[i].text = text_copy(n->attach[i].text, strlen(n->attach[i].text));
		c->attach[i].loc = n->attach[i].loc;
		c->nattach = i + 1;
	}
	return c;
}

void node_free(struct node *n)
{
	if (!n)
		return;
	node_free(n->a);
	node_free(n->b);
	node_free(n->c);
	for (int i = 0; i < n->nkids; i++)
		node_free(n->kids[i]);
	free(n->kids);
	for (int i = 0; i < n->nattach; i++)
		free(n->attach[i].text);
	free(n->attach);
	free(n->str);
	type_release(&n->type);
	free(n);
}

static void dump_label(FILE *f, const struct node *n)
{
	fputs(node_kind_name(n->kind), f);
	switch (n->kind) {
	case N_INT:
		fprintf(f, " %lld", (long long)n->num);
		break;
	case N_STR:
		fputs(" \"", f);
		for (int64_t i = 0; i < n->num; i++) {
			unsigned char c = (unsigned char)n->str[i];
			if (c >= 32 && c < 127 && c != '"' && c != '\\')
				fputc(c, f);
			else
				fprintf(f, "\\x%02x", c);
		}
		fputc('"', f);
		break;
	case N_POSITIONAL:
		if (n->str)
			fprintf(f, " %s", n->str);
		else
			fprintf(f, " $%lld", (long long)n->num);
		break;
	case N_TUPLE_INDEX:
		fprintf(f, " .%lld", (long long)n->num);
		break;
	case N_UNROLL:
		fprintf(f, " %lld", (long long)n->num);
		break;
	case N_CAST:
		fprintf(f, " (%s%s%.*s)", n->str, n->num ? " " : "", (int)n->num,
			"****************");
		break;
	case N_FIELD:
		fprintf(f, " %s%s", n->num ? "->" : ".", n->str);
		break;
	case N_BINOP: case N_UNOP: case N_INCDEC: case N_ASSIGN:
		fprintf(f, " %s", tok_name((enum tok_kind)n->op));
		if (n->kind == N_INCDEC)
			fputs(n->num ? " prefix" : " postfix", f);
		break;
	default:
		if (n->str)
			fprintf(f, " %s", n->str);
	}
	if (n->kind == N_PROBE)
		for (int i = 0; i < n->nattach; i++)
			fprintf(f, "%s%s", i ? ", " : " ", n->attach[i].text);
	if (n->type.kind != T_NONE) {
		char buf[256];
		fprintf(f, " :: %s", type_name(&n->type, buf, sizeof(buf)));
	}
}

void ast_dump(FILE *f, const struct node *n, int depth)
{
	if (!n)
		return;
	fprintf(f, "%*s", depth * 2, "");
	dump_label(f, n);
	fputc('\n', f);
	if (n->kind == N_PROBE && n->a) {
		fprintf(f, "%*spredicate\n", depth * 2 + 2, "");
		ast_dump(f, n->a, depth + 2);
		ast_dump(f, n->b, depth + 1);
		return;
	}
	ast_dump(f, n->a, depth + 1);
	ast_dump(f, n->b, depth + 1);
	ast_dump(f, n->c, depth + 1);
	for (int i = 0; i < n->nkids; i++)
		ast_dump(f, n->kids[i], depth + 1);
}
