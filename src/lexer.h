/* Lexer: script text to tokens. Attach points are lexed on the parser's
 * request (lex_attach_point), because their spelling (paths, wildcards,
 * colons) is not made of ordinary tokens. */
#ifndef BPFKIT_LEXER_H
#define BPFKIT_LEXER_H

#include <stdint.h>
#include <stddef.h>
#include "diag.h"

enum tok_kind {
	TK_EOF, TK_ERROR,
	TK_INT, TK_STRING, TK_IDENT, TK_MAP, TK_VAR, TK_ATTACH,
	/* punctuation */
	TK_LBRACE, TK_RBRACE, TK_LPAREN, TK_RPAREN, TK_LBRACKET, TK_RBRACKET,
	TK_COMMA, TK_SEMI, TK_COLON, TK_DOT, TK_ARROW, TK_QUESTION,
	/* operators */
	TK_PLUS, TK_MINUS, TK_STAR, TK_SLASH, TK_PERCENT,
	TK_AMP, TK_PIPE, TK_CARET, TK_TILDE, TK_BANG,
	TK_SHL, TK_SHR, TK_LT, TK_GT, TK_LE, TK_GE, TK_EQ, TK_NE,
	TK_ANDAND, TK_OROR, TK_INC, TK_DEC, TK_DOTDOT,
	TK_ASSIGN, TK_ADD_ASSIGN, TK_SUB_ASSIGN, TK_MUL_ASSIGN, TK_DIV_ASSIGN,
	TK_MOD_ASSIGN, TK_AND_ASSIGN, TK_OR_ASSIGN, TK_XOR_ASSIGN,
	TK_SHL_ASSIGN, TK_SHR_ASSIGN,
	TK_NKINDS
};

struct token {
	enum tok_kind kind;
	struct loc loc;
	const char *start;	/* into the source text */
	size_t len;
	int64_t num;		/* TK_INT */
	char *text;		/* TK_STRING (unescaped), TK_IDENT/TK_MAP/TK_VAR/TK_ATTACH names (owned by the lexer) */
	size_t text_len;	/* TK_STRING: may hold NULs from escapes */
};

struct lexer {
	const char *src, *p;
	int line;
	const char *line_start;
	struct diag *diag;
	int file;		/* this text's number in diag (struct loc) */
	int quiet;		/* while peeking: errors are not reported */
	int failed;		/* an error was found (reported unless quiet) */
	char **strings;		/* all allocated token texts, freed together */
	size_t nstrings, capstrings;
};

void lex_init(struct lexer *lx, const char *src, struct diag *diag);
void lex_free(struct lexer *lx);
struct token lex_next(struct lexer *lx);
/* Lexes one attach point such as "tracepoint:syscalls:sys_enter_*" or
 * "uprobe:/bin/bash:readline": up to white space, ',', '{' or a '/' that
 * begins a predicate. */
struct token lex_attach_point(struct lexer *lx);
/* Skips a preprocessor line ("#include ...") if one starts here: 1 if it
 * did, 0 if not, -1 after reporting an unterminated comment. */
int lex_skip_directive(struct lexer *lx);
const char *tok_name(enum tok_kind k);
/* A C type definition in the script's text. */
struct c_definition {
	const char *text;	/* not NUL-terminated: len bytes */
	size_t len;
	struct loc at;
};
/* Skips a C type definition at the top level ("struct x { ... };", the
 * ';' after a '}' optional): 1 if it did (and fills def), 0 if none starts
 * here, -1 on an unterminated comment. */
int lex_skip_c_definition(struct lexer *lx, struct c_definition *def);
/* 1 at the end of the text (after white space and comments), 0 if not,
 * -1 after reporting an unterminated comment. */
int lex_at_end(struct lexer *lx);
/* A position to return to, for the parser's one look further ahead. */
struct lex_mark { const char *p, *line_start; int line; };
struct lex_mark lex_mark(const struct lexer *lx);
void lex_reset(struct lexer *lx, struct lex_mark m);

#endif
