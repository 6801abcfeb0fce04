/* Recursive-descent parser. On the first error it reports and unwinds with
 * longjmp; every node it made is on a list so nothing leaks. */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lexer.h"
#include "parser.h"
#include "preproc.h"

struct parser {
	struct lexer lx;
	struct token tok;	/* the current token */
	struct diag *diag;
	jmp_buf fail;
	struct node **made;	/* every node created, for cleanup on failure */
	size_t nmade, capmade;
	int no_slash;		/* inside a predicate: '/' ends the expression */
	int is_library;		/* an imported file: probes optional, no config */
	int defs_only;		/* an imported .h file: C definitions only */
};

static struct node *new_node(struct parser *p, enum node_kind k, struct loc at)
{
	if (p->nmade == p->capmade) {
		p->capmade = p->capmade ? 2 * p->capmade : 256;
		p->made = realloc(p->made, p->capmade * sizeof(*p->made));
		if (!p->made)
			abort();
	}
	struct node *n = node_new(k, at);
	p->made[p->nmade++] = n;
	return n;
}


/* Drops node n, made but not kept in the tree. */
static void unmake(struct parser *p, struct node *n)
{
	for (size_t i = p->nmade; i-- > 0;)
		if (p->made[i] == n) {
			p->made[i] = p->made[--p->nmade];
			break;
		}
	node_free(n);
}

__attribute__((noreturn, format(printf, 3, 4)))
static void fail_at(struct parser *p, struct loc at, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_error(p->diag, at, "%s", msg);
	longjmp(p->fail, 1);
}

static void advance(struct parser *p)
{
	p->tok = lex_next(&p->lx);
	if (p->tok.kind == TK_ERROR)
		longjmp(p->fail, 1);	/* the lexer already reported it */
}

static const char *tok_desc(const struct token *t, char *buf, size_t len)
{
	if (t->kind == TK_EOF)
		return "end of file";
	snprintf(buf, len, "'%.*s'", (int)(t->len > 40 ? 40 : t->len), t->start);
	return buf;
}

static void expect(struct parser *p, enum tok_kind k)
{
	if (p->tok.kind != k) {
		char buf[64];
		fail_at(p, p->tok.loc, "syntax error: expected '%s' but found %s",
			tok_name(k), tok_desc(&p->tok, buf, sizeof(buf)));
	}
	advance(p);
}

static int accept(struct parser *p, enum tok_kind k)
{
	if (p->tok.kind != k)
		return 0;
	advance(p);
	return 1;
}

static int tok_is_word(const struct token *t, const char *w)
{
	return t->kind == TK_IDENT && !strcmp(t->text, w);
}

static struct node *parse_expr(struct parser *p);
static struct node *parse_unary(struct parser *p);
static struct node *parse_braces(struct parser *p, enum node_kind kind, int at_top);
static void peek_tokens(struct parser *p, struct token *t, int n);

static struct node *parse_block(struct parser *p)
{
	return parse_braces(p, N_BLOCK, 0);
}

static const char *const type_words[] = {
	"struct", "union", "enum", "int8", "int16", "int32", "int64", "uint8",
	"uint16", "uint32", "uint64", "bool", "char", "short", "int", "long",
	"unsigned", "signed", "void", "u8", "u16", "u32", "u64", "s8", "s16",
	"s32", "s64", "string", "inet", "int8_t", "int16_t", "int32_t", "int64_t",
	"uint8_t", "uint16_t", "uint32_t", "uint64_t", "typeof",
};

static int is_type_word(const struct token *t)
{
	if (t->kind != TK_IDENT)
		return 0;
	for (size_t i = 0; i < sizeof(type_words) / sizeof(type_words[0]); i++)
		if (!strcmp(t->text, type_words[i]))
			return 1;
	return 0;
}

static struct node *parse_type_name(struct parser *p, struct loc at);

/* typeof(expr) or typeof(type) (newer bpftrace) as a cast's type: the
 * N_CAST's str is "typeof" and c the operand, whose type sema takes. */
static struct node *parse_typeof(struct parser *p, struct loc at)
{
	advance(p);
	expect(p, TK_LPAREN);
	struct node *n = new_node(p, N_CAST, at);
	n->str = text_copy("typeof", 6);
	n->c = is_type_word(&p->tok) ? parse_type_name(p, p->tok.loc) : parse_expr(p);
	expect(p, TK_RPAREN);
	return n;
}

/* An array type's "[N]" or "[]" after its element's name, kept in the
 * name: "int8[8]", "uint8[]" (the size taken from the value cast). */
static void parse_array_suffix(struct parser *p, char *name, size_t len)
{
	if (!accept(p, TK_LBRACKET))
		return;
	char dims[32] = "[]";
	if (p->tok.kind == TK_INT) {
		snprintf(dims, sizeof(dims), "[%lld]", (long long)p->tok.num);
		advance(p);
	}
	expect(p, TK_RBRACKET);
	if (strlen(name) + strlen(dims) >= len)
		fail_at(p, p->tok.loc, "type name too long");
	strcat(name, dims);
}

/* A type name as in casts and sizeof: words, then '*'s or an array's
 * "[N]". */
static struct node *parse_type_name(struct parser *p, struct loc at)
{
	if (tok_is_word(&p->tok, "typeof"))
		return parse_typeof(p, at);
	char name[256] = "";
	while (p->tok.kind == TK_IDENT) {
		if (strlen(name) + strlen(p->tok.text) + 2 >= sizeof(name))
			fail_at(p, p->tok.loc, "type name too long");
		if (*name)
			strcat(name, " ");
		strcat(name, p->tok.text);
		advance(p);
	}
	parse_array_suffix(p, name, sizeof(name));
	struct node *n = new_node(p, N_CAST, at);
	n->str = text_copy(name, strlen(name));
	while (!strchr(name, '[') && accept(p, TK_STAR))
		n->num++;
	return n;
}

/* '(' begins a cast when a type word follows it. Peeks by saving the
 * lexer state, which is plain data. */
static int at_cast(struct parser *p)
{
	if (p->tok.kind != TK_LPAREN)
		return 0;
	struct lex_mark mark = lex_mark(&p->lx);
	p->lx.quiet = 1;	/* the real lexing reports any error */
	struct token next = lex_next(&p->lx);
	p->lx.quiet = 0;
	int yes = next.kind != TK_ERROR && is_type_word(&next);
	lex_reset(&p->lx, mark);
	return yes;
}

static struct node *parse_args(struct parser *p, struct node *call)
{
	expect(p, TK_LPAREN);
	int saved = p->no_slash;
	p->no_slash = 0;
	if (p->tok.kind != TK_RPAREN) {
		do {
			node_add_kid(call, parse_expr(p));
		} while (accept(p, TK_COMMA));
	}
	p->no_slash = saved;
	expect(p, TK_RPAREN);
	return call;
}

static struct node *parse_var(struct parser *p)
{
	struct token t = p->tok;
	advance(p);
	const char *name = t.text + 1;
	if (!strcmp(name, "#")) {
		struct node *n = new_node(p, N_POSITIONAL, t.loc);
		n->str = text_copy("$#", 2);
		return n;
	}
	if (name[0] >= '0' && name[0] <= '9') {
		char *end;
		long v = strtol(name, &end, 10);
		if (*end || v < 1)
			fail_at(p, t.loc, "invalid positional parameter '%s'", t.text);
		struct node *n = new_node(p, N_POSITIONAL, t.loc);
		n->num = v;
		return n;
	}
	struct node *n = new_node(p, N_VAR, t.loc);
	n->str = text_copy(t.text, t.len);
	return n;
}

/* After '(': a record literal starts with NAME '=' (bpftrace's records,
 * e.g. (a=1, b="x")). */
static bool starts_record(struct parser *p)
{
	struct token next;
	if (p->tok.kind != TK_IDENT)
		return false;
	peek_tokens(p, &next, 1);
	return next.kind == TK_ASSIGN;
}

/* NAME = expr, ... up to ')': an N_TUPLE whose kids are N_ASSIGN nodes
 * (a = the name as N_BUILTIN, b = the value). */
static struct node *parse_record(struct parser *p, struct loc at)
{
	struct node *n = new_node(p, N_TUPLE, at);
	do {
		if (p->tok.kind == TK_RPAREN)
			break;	/* a trailing comma */
		if (p->tok.kind != TK_IDENT)
			fail_at(p, p->tok.loc, "syntax error: a record's fields are NAME=value");
		struct node *field = new_node(p, N_ASSIGN, p->tok.loc);
		field->op = TK_ASSIGN;
		field->a = new_node(p, N_BUILTIN, p->tok.loc);
		field->a->str = text_copy(p->tok.text, p->tok.len);
		advance(p);
		expect(p, TK_ASSIGN);
		field->b = parse_expr(p);
		node_add_kid(n, field);
	} while (accept(p, TK_COMMA));
	return n;
}

/* container_of(ptr, struct x, member), as libbpf's macro: written here as
 * (struct x *)(ptr - offsetof(struct x, member)), so the cast's and
 * offsetof's checks and code serve it. */
static struct node *parse_container_of(struct parser *p, struct loc at)
{
	expect(p, TK_LPAREN);
	struct node *ptr = parse_expr(p);
	expect(p, TK_COMMA);
	struct node *cast = parse_type_name(p, p->tok.loc);
	expect(p, TK_COMMA);
	if (p->tok.kind != TK_IDENT)
		fail_at(p, p->tok.loc, "syntax error: container_of() needs a member name");
	struct node *offset = new_node(p, N_CALL, at);
	offset->str = text_copy("offsetof", 8);
	offset->a = new_node(p, N_CAST, cast->loc);
	offset->a->str = text_copy(cast->str, strlen(cast->str));
	struct node *m = new_node(p, N_BUILTIN, p->tok.loc);
	m->str = text_copy(p->tok.text, p->tok.len);
	node_add_kid(offset, m);
	advance(p);
	expect(p, TK_RPAREN);
	struct node *sub = new_node(p, N_BINOP, at);
	sub->op = TK_MINUS;
	sub->a = ptr;
	sub->b = offset;
	cast->loc = at;
	cast->num++;	/* a pointer to the container */
	cast->a = sub;
	return cast;
}

static struct node *parse_primary(struct parser *p)
{
	struct token t = p->tok;
	struct node *n;
	switch (t.kind) {
	case TK_INT:
		advance(p);
		n = new_node(p, N_INT, t.loc);
		n->num = t.num;
		return n;
	case TK_STRING:
		advance(p);
		n = new_node(p, N_STR, t.loc);
		n->str = text_copy(t.text, t.text_len);
		n->num = (int64_t)t.text_len;
		return n;
	case TK_VAR:
		return parse_var(p);
	case TK_MAP:
		advance(p);
		n = new_node(p, N_MAP, t.loc);
		n->str = text_copy(t.text, t.len);
		if (accept(p, TK_LBRACKET)) {
			int saved = p->no_slash;
			p->no_slash = 0;
			do {
				node_add_kid(n, parse_expr(p));
			} while (accept(p, TK_COMMA));
			p->no_slash = saved;
			expect(p, TK_RBRACKET);
		}
		return n;
	case TK_LPAREN: {
		advance(p);
		int saved = p->no_slash;
		p->no_slash = 0;
		if (starts_record(p)) {
			n = parse_record(p, t.loc);
			p->no_slash = saved;
			expect(p, TK_RPAREN);
			return n;
		}
		struct node *e = parse_expr(p);
		if (p->tok.kind == TK_COMMA) {
			n = new_node(p, N_TUPLE, t.loc);
			node_add_kid(n, e);
			while (accept(p, TK_COMMA) && p->tok.kind != TK_RPAREN)
				node_add_kid(n, parse_expr(p));	/* (1,) has one */
			e = n;
		}
		p->no_slash = saved;
		expect(p, TK_RPAREN);
		return e;
	}
	case TK_LBRACE:
		return parse_braces(p, N_BLOCK_EXPR, 0);
	case TK_IDENT:
		advance(p);
		if (!strcmp(t.text, "sizeof")) {
			n = new_node(p, N_SIZEOF, t.loc);
			expect(p, TK_LPAREN);
			if (is_type_word(&p->tok))
				n->a = parse_type_name(p, p->tok.loc);
			else
				n->b = parse_expr(p);
			expect(p, TK_RPAREN);
			return n;
		}
		if (!strcmp(t.text, "typeinfo") && p->tok.kind == TK_LPAREN) {
			/* typeinfo(type) or typeinfo(expr) (newer bpftrace) */
			n = new_node(p, N_CALL, t.loc);
			n->str = text_copy(t.text, t.len);
			advance(p);
			node_add_kid(n, is_type_word(&p->tok) ? parse_type_name(p, p->tok.loc) : parse_expr(p));
			expect(p, TK_RPAREN);
			return n;
		}
		if (!strcmp(t.text, "offsetof") && p->tok.kind == TK_LPAREN) {
			/* offsetof(struct x, member): a type, then a name. */
			n = new_node(p, N_CALL, t.loc);
			n->str = text_copy(t.text, t.len);
			expect(p, TK_LPAREN);
			n->a = parse_type_name(p, p->tok.loc);
			expect(p, TK_COMMA);
			if (p->tok.kind != TK_IDENT)
				fail_at(p, p->tok.loc, "syntax error: offsetof() needs a member name");
			struct node *m = new_node(p, N_BUILTIN, p->tok.loc);
			m->str = text_copy(p->tok.text, p->tok.len);
			node_add_kid(n, m);
			advance(p);
			expect(p, TK_RPAREN);
			return n;
		}
		if (!strcmp(t.text, "container_of") && p->tok.kind == TK_LPAREN)
			return parse_container_of(p, t.loc);
		if (p->tok.kind == TK_BANG) {	/* name!(...): a macro call */
			struct token next;
			peek_tokens(p, &next, 1);
			if (next.kind == TK_LPAREN)
				advance(p);
		}
		if (p->tok.kind == TK_LPAREN) {
			n = new_node(p, N_CALL, t.loc);
			n->str = text_copy(t.text, t.len);
			return parse_args(p, n);
		}
		n = new_node(p, N_BUILTIN, t.loc);
		n->str = text_copy(t.text, t.len);
		return n;
	default: {
		char buf[64];
		fail_at(p, t.loc, "syntax error: unexpected %s",
			tok_desc(&t, buf, sizeof(buf)));
	}
	}
}

static struct node *parse_postfix(struct parser *p)
{
	struct node *n = parse_primary(p);
	for (;;) {
		struct token t = p->tok;
		if (t.kind == TK_DOT || t.kind == TK_ARROW) {
			advance(p);
			if (t.kind == TK_DOT && p->tok.kind == TK_INT) {
				struct node *ti = new_node(p, N_TUPLE_INDEX, t.loc);
				ti->a = n;
				ti->num = p->tok.num;
				advance(p);
				n = ti;
				continue;
			}
			if (p->tok.kind != TK_IDENT)
				fail_at(p, p->tok.loc, "syntax error: expected a field name after '%s'",
					tok_name(t.kind));
			struct node *f = new_node(p, N_FIELD, t.loc);
			f->a = n;
			f->str = text_copy(p->tok.text, p->tok.len);
			f->num = t.kind == TK_ARROW;
			advance(p);
			n = f;
		} else if (t.kind == TK_LBRACKET) {
			advance(p);
			struct node *ix = new_node(p, N_INDEX, t.loc);
			ix->a = n;
			ix->b = parse_expr(p);
			expect(p, TK_RBRACKET);
			n = ix;
		} else if (t.kind == TK_INC || t.kind == TK_DEC) {
			advance(p);
			struct node *u = new_node(p, N_INCDEC, t.loc);
			u->op = t.kind;
			u->a = n;
			n = u;
		} else {
			return n;
		}
	}
}

static struct node *parse_unary(struct parser *p)
{
	struct token t = p->tok;
	switch (t.kind) {
	case TK_MINUS: case TK_BANG: case TK_TILDE: case TK_STAR: case TK_AMP: {
		advance(p);
		struct node *u = new_node(p, N_UNOP, t.loc);
		u->op = t.kind;
		u->a = parse_unary(p);
		return u;
	}
	case TK_PLUS:
		advance(p);
		return parse_unary(p);
	case TK_INC: case TK_DEC: {
		advance(p);
		struct node *u = new_node(p, N_INCDEC, t.loc);
		u->op = t.kind;
		u->num = 1;
		u->a = parse_unary(p);
		return u;
	}
	case TK_LPAREN:
		if (at_cast(p)) {
			advance(p);
			struct node *c = parse_type_name(p, t.loc);
			expect(p, TK_RPAREN);
			c->a = parse_unary(p);
			return c;
		}
		/* fall through */
	default:
		return parse_postfix(p);
	}
}

/* Binary operator precedence, C's: higher binds tighter; 0 = not binary. */
static int binop_prec(const struct parser *p, enum tok_kind k)
{
	switch (k) {
	case TK_OROR: return 1;
	case TK_ANDAND: return 2;
	case TK_PIPE: return 3;
	case TK_CARET: return 4;
	case TK_AMP: return 5;
	case TK_EQ: case TK_NE: return 6;
	case TK_LT: case TK_LE: case TK_GT: case TK_GE: return 7;
	case TK_SHL: case TK_SHR: return 8;
	case TK_PLUS: case TK_MINUS: return 9;
	case TK_SLASH: return p->no_slash ? 0 : 10;
	case TK_STAR: case TK_PERCENT: return 10;
	default: return 0;
	}
}

static struct node *parse_binary(struct parser *p, int min_prec)
{
	struct node *left = parse_unary(p);
	for (;;) {
		int prec = binop_prec(p, p->tok.kind);
		if (!prec || prec < min_prec)
			return left;
		struct token op = p->tok;
		advance(p);
		struct node *b = new_node(p, N_BINOP, op.loc);
		b->op = op.kind;
		b->a = left;
		b->b = parse_binary(p, prec + 1);
		left = b;
	}
}

static struct node *parse_expr(struct parser *p)
{
	struct node *cond = parse_binary(p, 1);
	if (p->tok.kind != TK_QUESTION)
		return cond;
	struct node *t = new_node(p, N_TERNARY, p->tok.loc);
	advance(p);
	t->a = cond;
	t->b = parse_expr(p);
	expect(p, TK_COLON);
	t->c = parse_expr(p);
	return t;
}

static int is_assign_op(enum tok_kind k)
{
	return k >= TK_ASSIGN && k <= TK_SHR_ASSIGN;
}

static struct node *parse_paren_cond(struct parser *p)
{
	return parse_expr(p);	/* the parentheses are an ordinary group */
}

static struct node *parse_if(struct parser *p, struct loc at)
{
	struct node *n = new_node(p, N_IF, at);
	n->a = parse_paren_cond(p);
	n->b = parse_block(p);
	if (tok_is_word(&p->tok, "else")) {
		struct loc eloc = p->tok.loc;
		advance(p);
		if (tok_is_word(&p->tok, "if")) {
			advance(p);
			n->c = parse_if(p, eloc);
		} else {
			n->c = parse_block(p);
		}
	}
	return n;
}

static struct node *parse_for(struct parser *p, struct loc at)
{
	struct node *n = new_node(p, N_FOR, at);
	int parens = accept(p, TK_LPAREN);	/* newer bpftrace: optional */
	if (p->tok.kind != TK_VAR)
		fail_at(p, p->tok.loc, "syntax error: for loops need a $variable");
	n->a = parse_var(p);
	expect(p, TK_COLON);
	struct node *src = parse_binary(p, 1);
	if (p->tok.kind == TK_DOTDOT) {
		struct node *r = new_node(p, N_RANGE, p->tok.loc);
		advance(p);
		r->a = src;
		r->b = parse_binary(p, 1);
		src = r;
	}
	n->b = src;
	if (parens)
		expect(p, TK_RPAREN);
	n->c = parse_block(p);
	return n;
}

/* let $x [: type] [= value]: a declaration is a first assignment; with a
 * type the value is cast to it (0 when there is none). A bare `let $x`
 * declares nothing until the variable's first assignment. */
static struct node *parse_let(struct parser *p)
{
	if (p->tok.kind != TK_VAR)
		fail_at(p, p->tok.loc, "syntax error: let needs a $variable");
	struct node *var = parse_var(p);
	struct node *cast = NULL;
	if (accept(p, TK_COLON)) {
		if (!is_type_word(&p->tok))
			fail_at(p, p->tok.loc, "syntax error: expected a type after ':'");
		cast = parse_type_name(p, p->tok.loc);
	}
	struct node *value = NULL;
	if (p->tok.kind == TK_ASSIGN) {
		advance(p);
		value = parse_expr(p);
	} else if (cast) {
		value = new_node(p, N_INT, var->loc);
	} else {
		struct node *nothing = new_node(p, N_BLOCK, var->loc);
		nothing->a = var;	/* owned by the tree; no code */
		return nothing;
	}
	struct node *a = new_node(p, N_ASSIGN, var->loc);
	a->op = TK_ASSIGN;
	a->a = var;
	if (cast)
		cast->a = value;
	a->b = cast ? cast : value;
	return a;
}

/* Returns the statement and whether it ended with a block (no ';' needed). */
static struct node *parse_stmt(struct parser *p, int *ends_with_block)
{
	struct token t = p->tok;
	*ends_with_block = 1;
	if (t.kind == TK_LBRACE)
		return parse_block(p);
	if (t.kind == TK_IDENT) {
		if (!strcmp(t.text, "if")) {
			advance(p);
			return parse_if(p, t.loc);
		}
		if (!strcmp(t.text, "while")) {
			advance(p);
			struct node *n = new_node(p, N_WHILE, t.loc);
			n->a = parse_paren_cond(p);
			n->b = parse_block(p);
			return n;
		}
		if (!strcmp(t.text, "unroll")) {
			advance(p);
			struct node *n = new_node(p, N_UNROLL, t.loc);
			expect(p, TK_LPAREN);
			if (p->tok.kind != TK_INT)
				fail_at(p, p->tok.loc, "unroll needs an integer literal");
			n->num = p->tok.num;
			advance(p);
			expect(p, TK_RPAREN);
			n->b = parse_block(p);
			return n;
		}
		if (!strcmp(t.text, "for")) {
			advance(p);
			return parse_for(p, t.loc);
		}
		*ends_with_block = 0;
		if (!strcmp(t.text, "return") || !strcmp(t.text, "break") ||
		    !strcmp(t.text, "continue")) {
			advance(p);
			enum node_kind k = t.text[0] == 'r' ? N_RETURN :
					   t.text[0] == 'b' ? N_BREAK : N_CONTINUE;
			struct node *n = new_node(p, k, t.loc);
			if (k == N_RETURN && p->tok.kind != TK_SEMI && p->tok.kind != TK_RBRACE)
				n->a = parse_expr(p);
			return n;
		}
		if (!strcmp(t.text, "let")) {
			advance(p);
			return parse_let(p);
		}
	}
	*ends_with_block = 0;
	struct node *e = parse_expr(p);
	if (e->kind == N_BUILTIN && !strcmp(e->str, "_") && p->tok.kind == TK_ASSIGN) {
		advance(p);	/* _ = expr: the value is discarded */
		struct node *s = new_node(p, N_EXPR_STMT, e->loc);
		unmake(p, e);
		s->a = parse_expr(p);
		return s;
	}
	if (is_assign_op(p->tok.kind)) {
		struct node *a = new_node(p, N_ASSIGN, p->tok.loc);
		a->op = p->tok.kind;
		advance(p);
		if (e->kind != N_VAR && e->kind != N_MAP)
			fail_at(p, e->loc, "can only assign to a $variable or a @map");
		a->a = e;
		a->b = parse_expr(p);
		return a;
	}
	struct node *s = new_node(p, N_EXPR_STMT, e->loc);
	s->a = e;
	return s;
}

/* { statements } as N_BLOCK, or as N_BLOCK_EXPR whose value (a) is the
 * last item when that is an expression with no ';' after it. A probe's or
 * a macro's body (at_top) leaves its '}' current: what follows it is
 * lexed as an attach point, not as a token. */
static struct node *parse_braces(struct parser *p, enum node_kind kind, int at_top)
{
	struct node *blk = new_node(p, kind, p->tok.loc);
	expect(p, TK_LBRACE);
	int saved = p->no_slash;
	p->no_slash = 0;
	while (p->tok.kind != TK_RBRACE) {
		if (accept(p, TK_SEMI))
			continue;
		if (p->tok.kind == TK_EOF)
			fail_at(p, p->tok.loc, "syntax error: missing '}' at end of file");
		int ends_with_block;
		struct node *st = parse_stmt(p, &ends_with_block);
		if (kind == N_BLOCK_EXPR && !ends_with_block && p->tok.kind == TK_RBRACE &&
		    st->kind == N_EXPR_STMT) {
			blk->a = st->a;
			st->a = NULL;
			unmake(p, st);
			break;
		}
		node_add_kid(blk, st);
		if (!ends_with_block && p->tok.kind != TK_SEMI && p->tok.kind != TK_RBRACE) {
			char buf[64];
			fail_at(p, p->tok.loc, "syntax error: expected ';' or '}' but found %s",
				tok_desc(&p->tok, buf, sizeof(buf)));
		}
	}
	p->no_slash = saved;
	if (!at_top)
		advance(p);
	return blk;
}

/* The next n tokens, read ahead of the current one (at the top level an
 * attach point comes next, which is lexed raw, not as tokens). Lexer
 * state is plain data, so it is saved and restored. */
static void peek_tokens(struct parser *p, struct token *t, int n)
{
	struct lex_mark mark = lex_mark(&p->lx);
	p->lx.quiet = 1;
	for (int i = 0; i < n; i++)
		t[i] = lex_next(&p->lx);
	p->lx.quiet = 0;
	lex_reset(&p->lx, mark);
}

/* `word` then a name, a string or a map: a top-level keyword (macro,
 * import, let). */
static int at_top_word(struct parser *p, const char *word)
{
	struct token t[2];
	peek_tokens(p, t, 2);
	return t[0].kind == TK_IDENT && !strcmp(t[0].text, word) &&
	       (t[1].kind == TK_IDENT || t[1].kind == TK_STRING || t[1].kind == TK_MAP);
}

static struct loc next_loc(struct parser *p)
{
	struct token t;
	peek_tokens(p, &t, 1);
	return t.loc;
}

/* macro name(params) { body }: params are $variables and @maps (passed by
 * reference) and bare names (expressions, substituted where used). */
static struct node *parse_macro(struct parser *p)
{
	advance(p);
	struct node *m = new_node(p, N_MACRO, p->tok.loc);
	advance(p);
	if (p->tok.kind != TK_IDENT)
		fail_at(p, p->tok.loc, "syntax error: expected a macro name");
	m->str = text_copy(p->tok.text, p->tok.len);
	advance(p);
	bool has_params = accept(p, TK_LPAREN);	/* newer bpftrace: optional */
	while (has_params && p->tok.kind != TK_RPAREN) {
		struct token t = p->tok;
		if (t.kind != TK_VAR && t.kind != TK_MAP && t.kind != TK_IDENT)
			fail_at(p, t.loc, "syntax error: expected a macro parameter ($var, @map or a name)");
		struct node *param = new_node(p, t.kind == TK_VAR ? N_VAR :
					      t.kind == TK_MAP ? N_MAP : N_BUILTIN, t.loc);
		param->str = text_copy(t.text, t.len);
		node_add_kid(m, param);
		advance(p);
		if (!accept(p, TK_COMMA) && p->tok.kind != TK_RPAREN) {
			char buf[64];
			fail_at(p, p->tok.loc, "syntax error: expected ',' or ')' but found %s",
				tok_desc(&p->tok, buf, sizeof(buf)));
		}
	}
	if (has_params)
		advance(p);
	if (p->tok.kind != TK_LBRACE)
		fail_at(p, p->tok.loc, "syntax error: expected '{' to start the body of macro %s", m->str);
	m->a = parse_braces(p, N_BLOCK_EXPR, 1);
	return m;
}

/* let @m = kind(entries);: its ';' stays current, as an import's does. */
static struct node *parse_map_decl(struct parser *p)
{
	advance(p);
	struct node *d = new_node(p, N_MAPDECL, p->tok.loc);
	advance(p);
	d->str = text_copy(p->tok.text, p->tok.len);
	advance(p);
	if (p->tok.kind != TK_ASSIGN)
		fail_at(p, p->tok.loc, "syntax error: expected '=' after let %s", d->str);
	advance(p);
	d->a = parse_expr(p);
	if (p->tok.kind != TK_SEMI)
		fail_at(p, p->tok.loc, "syntax error: expected ';' after the declaration of %s", d->str);
	return d;
}

/* import "file";: its ';' stays current, as a probe body's '}' does. */
static struct node *parse_import(struct parser *p)
{
	advance(p);
	struct node *imp = new_node(p, N_IMPORT, p->tok.loc);
	advance(p);
	if (p->tok.kind != TK_STRING)
		fail_at(p, p->tok.loc, "syntax error: import takes a file name in quotes, e.g. import \"lib.bt\";");
	imp->str = text_copy(p->tok.text, p->tok.text_len);
	advance(p);
	if (p->tok.kind != TK_SEMI)
		fail_at(p, p->tok.loc, "syntax error: expected ';' after import \"%s\"", imp->str);
	return imp;
}

/* The length of "name=" before a block's first attach point (newer
 * bpftrace's `name=probe`, reserved there for its own use), or 0. */
static size_t probe_name_prefix(const char *text, size_t len)
{
	if (!len || !(isalpha((unsigned char)text[0]) || text[0] == '_'))
		return 0;
	size_t i = 1;
	while (i < len && (isalnum((unsigned char)text[i]) || text[i] == '_'))
		i++;
	return i + 1 < len && text[i] == '=' ? i + 1 : 0;
}

static void add_attach(struct parser *p, struct node *probe)
{
	int failed_before = p->lx.failed;
	struct token t = lex_attach_point(&p->lx);
	if (p->lx.failed && !failed_before)
		longjmp(p->fail, 1);	/* reported by the lexer */
	if (t.kind != TK_ATTACH) {
		char c = *p->lx.p;
		if (!c)
			fail_at(p, t.loc, "syntax error: expected an attach point but found end of file");
		fail_at(p, t.loc, "syntax error: expected an attach point but found '%c'", c);
	}
	size_t name_len = probe->nattach ? 0 : probe_name_prefix(t.text, t.len);
	if (name_len) {	/* name=probe: the name is kept, and changes nothing */
		probe->str = text_copy(t.text, name_len - 1);
		t.text += name_len;
		t.len -= name_len;
		t.loc.col += (int)name_len;
	}
	probe->attach = realloc(probe->attach, (size_t)(probe->nattach + 1) * sizeof(*probe->attach));
	if (!probe->attach)
		abort();
	probe->attach[probe->nattach].text = text_copy(t.text, t.len);
	probe->attach[probe->nattach].loc = t.loc;
	probe->nattach++;
}

static struct node *parse_probe(struct parser *p)
{
	struct node *probe = new_node(p, N_PROBE, p->lx.p == p->lx.src ?
				      (struct loc){ 1, 1, p->lx.file } : p->tok.loc);
	add_attach(p, probe);
	probe->loc = probe->attach[0].loc;
	advance(p);
	while (p->tok.kind == TK_COMMA) {
		add_attach(p, probe);
		advance(p);
	}
	if (p->tok.kind == TK_SLASH) {
		advance(p);
		p->no_slash = 1;
		probe->a = parse_expr(p);
		p->no_slash = 0;
		expect(p, TK_SLASH);
	}
	if (p->tok.kind != TK_LBRACE) {
		char buf[64];
		fail_at(p, p->tok.loc, "syntax error: expected '{' after the attach point, found %s",
			tok_desc(&p->tok, buf, sizeof(buf)));
	}
	probe->b = parse_braces(p, N_BLOCK, 1);
	return probe;
}

/* Frees only what each node owns itself; used when unwinding, where the
 * tree may be half built and every node is on the `made` list. */
static void free_made(struct parser *p)
{
	for (size_t i = 0; i < p->nmade; i++) {
		struct node *n = p->made[i];
		n->a = n->b = n->c = NULL;
		n->nkids = 0;
		node_free(n);
	}
}

/* `config = {` starts the settings block. Peeks as at_cast() does. */
static int at_config(struct parser *p)
{
	struct token t[2];
	peek_tokens(p, t, 2);
	return t[0].kind == TK_IDENT && !strcmp(t[0].text, "config") && t[1].kind == TK_ASSIGN;
}

/* config = { name = value; ... }: settings the script carries. Like a
 * probe body it leaves its '}' current, so a probe's attach point follows. */
static struct node *parse_config(struct parser *p)
{
	advance(p);
	struct node *cfg = new_node(p, N_CONFIG, p->tok.loc);
	advance(p);
	expect(p, TK_ASSIGN);
	expect(p, TK_LBRACE);
	while (p->tok.kind != TK_RBRACE) {
		if (accept(p, TK_SEMI))
			continue;
		if (p->tok.kind != TK_IDENT)
			fail_at(p, p->tok.loc, "syntax error: expected a setting name in the config block");
		struct node *set = new_node(p, N_ASSIGN, p->tok.loc);
		set->op = TK_ASSIGN;
		set->a = new_node(p, N_BUILTIN, p->tok.loc);
		set->a->str = text_copy(p->tok.text, strlen(p->tok.text));
		advance(p);
		expect(p, TK_ASSIGN);
		set->b = parse_expr(p);
		node_add_kid(cfg, set);
	}
	return cfg;
}

/* Skips #include lines and keeps C definitions (their text) in prog->b.
 * Returns lex_skip_directive's -1 on an unterminated comment, else 0. */
static int skip_preamble(struct parser *p, struct node *prog)
{
	struct c_definition def = { 0 };
	int d;
	while ((d = lex_skip_directive(&p->lx)) > 0 || (d = lex_skip_c_definition(&p->lx, &def)) > 0) {
		if (d == 1 && def.text) {
			if (!prog->b)
				prog->b = new_node(p, N_BLOCK, def.at);
			struct node *text = new_node(p, N_STR, def.at);
			text->str = text_copy(def.text, def.len);
			text->num = (int64_t)def.len;
			node_add_kid(prog->b, text);
			def.text = NULL;
		}
	}
	return d < 0 ? -1 : 0;
}

static bool has_import(const struct node *prog)
{
	for (int i = 0; prog->c && i < prog->c->nkids; i++)
		if (prog->c->kids[i]->kind == N_IMPORT)
			return true;
	return false;
}

static struct node *parse_all(struct parser *p)
{
	struct node *prog = new_node(p, N_PROGRAM, (struct loc){ 1, 1, p->lx.file });
	if (skip_preamble(p, prog) == 0 && at_config(p))
		prog->a = parse_config(p);
	bool past_imports = false;
	for (;;) {
		int d = skip_preamble(p, prog);
		if (d < 0)
			longjmp(p->fail, 1);
		int end = lex_at_end(&p->lx);
		if (end < 0)
			longjmp(p->fail, 1);
		if (end)
			break;
		if (p->defs_only)
			fail_at(p, next_loc(p), "a .h file may hold only C type definitions (struct, union, enum, typedef) and # lines");
		bool is_import = at_top_word(p, "import"), is_decl = at_top_word(p, "let");
		if (is_import || is_decl || at_top_word(p, "macro")) {
			if (!prog->c)
				prog->c = new_node(p, N_BLOCK, p->tok.loc);
			struct node *item = is_import ? parse_import(p) :
					    is_decl ? parse_map_decl(p) : parse_macro(p);
			if (is_import && past_imports)
				fail_at(p, item->loc, "imports must come before probes and macros");
			past_imports |= !is_import;
			node_add_kid(prog->c, item);
			continue;
		}
		past_imports = true;
		node_add_kid(prog, parse_probe(p));
	}
	if (prog->nkids == 0 && !p->is_library && !has_import(prog))
		fail_at(p, (struct loc){ 1, 1, 0 }, "no probes in the program");
	return prog;
}

static struct node *parse_file(const struct source *src, int file, int is_library,
			       int defs_only, struct diag *diag)
{
	char *text = preprocess(src->text, file, diag);
	if (!text)
		return NULL;
	struct parser *p = calloc(1, sizeof(*p));
	if (!p)
		abort();
	p->diag = diag;
	p->is_library = is_library;
	p->defs_only = defs_only;
	lex_init(&p->lx, text, diag);
	p->lx.file = file;
	/* volatile: set between setjmp and a longjmp once parse_all is inlined */
	struct node *volatile prog = NULL;
	if (setjmp(p->fail) == 0)
		prog = parse_all(p);
	else
		free_made(p);
	free(p->made);
	lex_free(&p->lx);
	free(p);
	free(text);
	return prog;
}

struct node *parse_program(const struct source *src, struct diag *diag)
{
	return parse_file(src, 0, 0, 0, diag);
}

struct node *parse_library(const struct source *src, int file, bool defs_only, struct diag *diag)
{
	return parse_file(src, file, 1, defs_only, diag);
}
