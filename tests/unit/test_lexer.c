/* Tests of the lexer (src/lexer.c): exact token sequences, values, places
 * and the text of every error it reports.
 *
 * Each case lexes a string and renders its tokens as one line, tokens
 * separated by a space:
 *   integers         their value in decimal         42
 *   strings          "..." with the unescaped bytes, non-printing ones
 *                    and '"' '\' as \xNN            "a\x0ab"
 *   identifiers      id:NAME                        id:pid
 *   maps, variables  map:@NAME, var:$NAME           map:@x var:$1
 *   attach points    attach:TEXT                    attach:kprobe:f
 *   punctuation      its spelling (tok_name)        <<=
 *   the end          EOF;  a lexer error: ERROR (and rendering stops).
 *
 * Build by hand while the tree is in flux:
 *   gcc -std=gnu11 -Wall -Wextra -Werror -Isrc -Itests/unit -g \
 *       -fsanitize=address,undefined tests/unit/test_lexer.c src/lexer.c \
 *       src/diag.c -o /tmp/test_lexer && /tmp/test_lexer
 *
 * Checks of behaviour that is wrong today (see the report of the test
 * author) are compiled only with -DBPFKIT_KNOWN_BUGS; each says what the
 * right behaviour is.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "lexer.h"

/* ---- rendering --------------------------------------------------------- */

struct buf {
	char *text;
	size_t len;
	FILE *f;
};

static void buf_open(struct buf *b)
{
	b->text = NULL;
	b->len = 0;
	b->f = open_memstream(&b->text, &b->len);
	if (!b->f)
		abort();
}

/* Closes the stream; the caller frees b->text. */
static char *buf_close(struct buf *b)
{
	fclose(b->f);
	return b->text;
}

static void render(FILE *f, const struct token *t)
{
	switch (t->kind) {
	case TK_EOF:
		fputs("EOF", f);
		break;
	case TK_ERROR:
		fputs("ERROR", f);
		break;
	case TK_INT:
		fprintf(f, "%lld", (long long)t->num);
		break;
	case TK_STRING:
		fputc('"', f);
		for (size_t i = 0; i < t->text_len; i++) {
			unsigned char c = (unsigned char)t->text[i];
			if (c >= 32 && c < 127 && c != '"' && c != '\\')
				fputc(c, f);
			else
				fprintf(f, "\\x%02x", c);
		}
		fputc('"', f);
		break;
	case TK_IDENT:
		fprintf(f, "id:%s", t->text);
		break;
	case TK_MAP:
		fprintf(f, "map:%s", t->text);
		break;
	case TK_VAR:
		fprintf(f, "var:%s", t->text);
		break;
	case TK_ATTACH:
		fprintf(f, "attach:%s", t->text);
		break;
	default:
		fputs(tok_name(t->kind), f);
	}
}

/* The result of lexing one text. */
struct lexed {
	char *tokens;	/* the rendering described at the top */
	char *diag;	/* everything reported */
	int nerrors;
};

static void lexed_free(struct lexed *r)
{
	free(r->tokens);
	free(r->diag);
}

/* Lexes src with lex_next until the end or an error. */
static struct lexed lex_text(const char *src)
{
	struct source s = { "test.bt", src };
	struct buf d, out;
	buf_open(&d);
	buf_open(&out);
	struct diag diag = { .src = &s, .out = d.f };
	struct lexer lx;
	lex_init(&lx, src, &diag);
	for (int i = 0; i < 1000; i++) {
		struct token t = lex_next(&lx);
		if (i)
			fputc(' ', out.f);
		render(out.f, &t);
		if (t.kind == TK_EOF || t.kind == TK_ERROR)
			break;
	}
	lex_free(&lx);
	struct lexed r = { buf_close(&out), buf_close(&d), diag.nerrors };
	return r;
}

/* Lexes src and checks the rendering and that nothing was reported. */
#define CHECK_TOKENS(src, want)                                              \
	do {                                                                 \
		struct lexed r_ = lex_text(src);                             \
		CHECK_STR(r_.tokens, want);                                  \
		CHECK_STR(r_.diag, "");                                      \
		CHECK(r_.nerrors == 0);                                      \
		lexed_free(&r_);                                             \
	} while (0)

/* Lexes src and checks the rendering, the report and the error count. */
#define CHECK_LEX_ERROR(src, want_tokens, want_diag, want_nerrors)           \
	do {                                                                 \
		struct lexed r_ = lex_text(src);                             \
		CHECK_STR(r_.tokens, want_tokens);                           \
		CHECK_STR(r_.diag, want_diag);                               \
		CHECK(r_.nerrors == (want_nerrors));                         \
		lexed_free(&r_);                                             \
	} while (0)

/* ---- operators and punctuation ----------------------------------------- */

static void test_operator_kinds(void)
{
	/* Every operator, separated by spaces, and the kind each must give. */
	static const struct { const char *s; enum tok_kind k; } ops[] = {
		{ "{", TK_LBRACE }, { "}", TK_RBRACE }, { "(", TK_LPAREN },
		{ ")", TK_RPAREN }, { "[", TK_LBRACKET }, { "]", TK_RBRACKET },
		{ ",", TK_COMMA }, { ";", TK_SEMI }, { ":", TK_COLON },
		{ ".", TK_DOT }, { "->", TK_ARROW }, { "?", TK_QUESTION },
		{ "+", TK_PLUS }, { "-", TK_MINUS }, { "*", TK_STAR },
		{ "/", TK_SLASH }, { "%", TK_PERCENT }, { "&", TK_AMP },
		{ "|", TK_PIPE }, { "^", TK_CARET }, { "~", TK_TILDE },
		{ "!", TK_BANG }, { "<<", TK_SHL }, { ">>", TK_SHR },
		{ "<", TK_LT }, { ">", TK_GT }, { "<=", TK_LE }, { ">=", TK_GE },
		{ "==", TK_EQ }, { "!=", TK_NE }, { "&&", TK_ANDAND },
		{ "||", TK_OROR }, { "++", TK_INC }, { "--", TK_DEC },
		{ "..", TK_DOTDOT }, { "=", TK_ASSIGN }, { "+=", TK_ADD_ASSIGN },
		{ "-=", TK_SUB_ASSIGN }, { "*=", TK_MUL_ASSIGN },
		{ "/=", TK_DIV_ASSIGN }, { "%=", TK_MOD_ASSIGN },
		{ "&=", TK_AND_ASSIGN }, { "|=", TK_OR_ASSIGN },
		{ "^=", TK_XOR_ASSIGN }, { "<<=", TK_SHL_ASSIGN },
		{ ">>=", TK_SHR_ASSIGN },
	};
	size_t nops = sizeof(ops) / sizeof(ops[0]);
	char src[512] = "";
	for (size_t i = 0; i < nops; i++) {
		strcat(src, ops[i].s);
		strcat(src, " ");
	}
	struct source s = { "ops", src };
	struct diag diag = { .src = &s, .out = stderr };
	struct lexer lx;
	lex_init(&lx, src, &diag);
	int col = 1;
	for (size_t i = 0; i < nops; i++) {
		struct token t = lex_next(&lx);
		CHECK(t.kind == ops[i].k);
		CHECK(t.len == strlen(ops[i].s));
		CHECK(t.start == src + col - 1);
		CHECK(t.loc.line == 1 && t.loc.col == col);
		CHECK_STR(tok_name(t.kind), ops[i].s);
		col += (int)strlen(ops[i].s) + 1;
	}
	CHECK(lex_next(&lx).kind == TK_EOF);
	CHECK(diag.nerrors == 0);
	lex_free(&lx);
	/* 46 operators: every kind from TK_LBRACE to TK_SHR_ASSIGN once. */
	CHECK(nops == (size_t)(TK_SHR_ASSIGN - TK_LBRACE + 1));
}

static void test_longest_match(void)
{
	CHECK_TOKENS("<<=", "<<= EOF");
	CHECK_TOKENS("<<", "<< EOF");
	CHECK_TOKENS("<", "< EOF");
	CHECK_TOKENS("<<<=", "<< <= EOF");
	CHECK_TOKENS("<<<<=", "<< <<= EOF");
	CHECK_TOKENS(">>>=>", ">> >= > EOF");
	CHECK_TOKENS("a<=b", "id:a <= id:b EOF");
	CHECK_TOKENS("x---y", "id:x -- - id:y EOF");
	CHECK_TOKENS("x+++y", "id:x ++ + id:y EOF");
	CHECK_TOKENS("a->b-->c", "id:a -> id:b -- > id:c EOF");
	CHECK_TOKENS("&&&", "&& & EOF");
	CHECK_TOKENS("|||=", "|| |= EOF");
	CHECK_TOKENS("!==", "!= = EOF");
	CHECK_TOKENS("===", "== = EOF");
	CHECK_TOKENS("...", ".. . EOF");
	CHECK_TOKENS("1..10", "1 .. 10 EOF");
	CHECK_TOKENS("$t.0.1", "var:$t . 0 . 1 EOF");
	CHECK_TOKENS("a/=b/c", "id:a /= id:b / id:c EOF");
	CHECK_TOKENS("x%=3^=~y", "id:x %= 3 ^= ~ id:y EOF");
	CHECK_TOKENS("@m[k]?:", "map:@m [ id:k ] ? : EOF");
}

/* ---- integers ---------------------------------------------------------- */

static void test_integers(void)
{
	CHECK_TOKENS("0", "0 EOF");
	CHECK_TOKENS("42", "42 EOF");
	CHECK_TOKENS("18446744073709551615", "-1 EOF");	/* stored as int64 */
	CHECK_TOKENS("9223372036854775807", "9223372036854775807 EOF");
	CHECK_TOKENS("0x10", "16 EOF");
	CHECK_TOKENS("0XfF", "255 EOF");
	CHECK_TOKENS("0xdead_beef", "3735928559 EOF");
	CHECK_TOKENS("010", "8 EOF");
	CHECK_TOKENS("0777", "511 EOF");
	CHECK_TOKENS("1_000_000", "1000000 EOF");
	CHECK_TOKENS("1_0_", "10 EOF");
	/* Time suffixes give nanoseconds, size suffixes bytes. */
	CHECK_TOKENS("5ns", "5 EOF");
	CHECK_TOKENS("7us", "7000 EOF");
	CHECK_TOKENS("10ms", "10000000 EOF");
	CHECK_TOKENS("5s", "5000000000 EOF");
	CHECK_TOKENS("2m", "120000000000 EOF");
	CHECK_TOKENS("1h", "3600000000000 EOF");
	CHECK_TOKENS("1d", "86400000000000 EOF");
	CHECK_TOKENS("4K", "4096 EOF");
	CHECK_TOKENS("3M", "3145728 EOF");
	CHECK_TOKENS("2G", "2147483648 EOF");
	CHECK_TOKENS("1T", "1099511627776 EOF");
	CHECK_TOKENS("1P", "1125899906842624 EOF");
	CHECK_TOKENS("1_000ms", "1000000000 EOF");
	/* Hex and octal take no suffix: what follows is a new token. */
	CHECK_TOKENS("0x1fg", "31 id:g EOF");
	CHECK_TOKENS("0x10s", "16 id:s EOF");
	CHECK_TOKENS("07s", "7 id:s EOF");
	/* Numbers next to operators. */
	CHECK_TOKENS("1+2*0x3-04", "1 + 2 * 3 - 4 EOF");
	CHECK_TOKENS("-1", "- 1 EOF");
	CHECK_TOKENS("x[1]", "id:x [ 1 ] EOF");
	CHECK_TOKENS("i:s:1", "id:i : id:s : 1 EOF");	/* as ordinary tokens */
}

static void test_integer_errors(void)
{
	CHECK_LEX_ERROR("0x", "ERROR",
		"test.bt:1:1: ERROR: invalid integer literal '0x'\n"
		"0x\n"
		"^\n", 1);
	CHECK_LEX_ERROR("x = 0x_;", "id:x = ERROR",
		"test.bt:1:5: ERROR: invalid integer literal '0x_'\n"
		"x = 0x_;\n"
		"    ^\n", 1);
	CHECK_LEX_ERROR("$a = 089", "var:$a = ERROR",
		"test.bt:1:6: ERROR: invalid integer literal '089'\n"
		"$a = 089\n"
		"     ^\n", 1);
	CHECK_LEX_ERROR("5sec", "ERROR",
		"test.bt:1:1: ERROR: invalid integer suffix 'sec'\n"
		"5sec\n"
		"^\n", 1);
	CHECK_LEX_ERROR("\n  12abc + 1", "ERROR",
		"test.bt:2:3: ERROR: invalid integer suffix 'abc'\n"
		"  12abc + 1\n"
		"  ^\n", 1);
	CHECK_LEX_ERROR("1k", "ERROR",
		"test.bt:1:1: ERROR: invalid integer suffix 'k'\n"
		"1k\n"
		"^\n", 1);
}

/* ---- strings ----------------------------------------------------------- */

static void test_strings(void)
{
	CHECK_TOKENS("\"\"", "\"\" EOF");
	CHECK_TOKENS("\"hello world\"", "\"hello world\" EOF");
	CHECK_TOKENS("\"a\\nb\"", "\"a\\x0ab\" EOF");
	CHECK_TOKENS("\"\\t\"", "\"\\x09\" EOF");
	CHECK_TOKENS("\"say \\\"hi\\\"\"", "\"say \\x22hi\\x22\" EOF");
	CHECK_TOKENS("\"back\\\\slash\"", "\"back\\x5cslash\" EOF");
	CHECK_TOKENS("\"\\x41\\x4a\\x4A\"", "\"AJJ\" EOF");
	CHECK_TOKENS("\"\\x4\"", "\"\\x04\" EOF");	/* one hex digit */
	CHECK_TOKENS("\"\\x414\"", "\"A4\" EOF");	/* at most two */
	CHECK_TOKENS("\"\\101\\60\\0\"", "\"A0\\x00\" EOF");
	CHECK_TOKENS("\"\\1012\"", "\"A2\" EOF");	/* at most three octal digits */
	CHECK_TOKENS("\"\\r\\a\\b\\f\\v\\e\\'\"",
		     "\"\\x0d\\x07\\x08\\x0c\\x0b\\x1b'\" EOF");
	CHECK_TOKENS("\"a // b /* c */\"", "\"a // b /* c */\" EOF");
	CHECK_TOKENS("printf(\"%d\\n\", $x)",
		     "id:printf ( \"%d\\x0a\" , var:$x ) EOF");

	/* A NUL from an escape is kept, and text_len counts it. */
	struct source s = { "nul", "\"a\\0b\"" };
	struct diag diag = { .src = &s, .out = stderr };
	struct lexer lx;
	lex_init(&lx, s.text, &diag);
	struct token t = lex_next(&lx);
	CHECK(t.kind == TK_STRING);
	CHECK(t.text_len == 3);
	CHECK(memcmp(t.text, "a\0b", 4) == 0);
	CHECK(t.len == 6);	/* the spelling, quotes included */
	CHECK(t.start == s.text);
	lex_free(&lx);
}

static void test_string_errors(void)
{
	CHECK_LEX_ERROR("x = \"abc", "id:x = ERROR",
		"test.bt:1:5: ERROR: unterminated string\n"
		"x = \"abc\n"
		"    ^\n", 1);
	/* A string ends at the end of its line. */
	CHECK_LEX_ERROR("\"abc\ndef\"", "ERROR",
		"test.bt:1:1: ERROR: unterminated string\n"
		"\"abc\n"
		"^\n", 1);
	CHECK_LEX_ERROR("  \"a\\qb\"", "ERROR",
		"test.bt:1:3: ERROR: invalid escape '\\q' in string\n"
		"  \"a\\qb\"\n"
		"  ^\n", 1);
	CHECK_LEX_ERROR("\"\\xg\"", "ERROR",
		"test.bt:1:1: ERROR: invalid escape '\\x' in string\n"
		"\"\\xg\"\n"
		"^\n", 1);
	CHECK_LEX_ERROR("\"\\8\"", "ERROR",
		"test.bt:1:1: ERROR: invalid escape '\\8' in string\n"
		"\"\\8\"\n"
		"^\n", 1);
}

/* ---- comments, white space, places ------------------------------------- */

static void test_comments(void)
{
	CHECK_TOKENS("a // comment\nb", "id:a id:b EOF");
	CHECK_TOKENS("a /* one */ b", "id:a id:b EOF");
	CHECK_TOKENS("a /* multi\nline\n*/ b", "id:a id:b EOF");
	CHECK_TOKENS("a/**/b", "id:a id:b EOF");
	CHECK_TOKENS("/* a ** b */", "EOF");
	CHECK_TOKENS("/* // */ x", "id:x EOF");
	CHECK_TOKENS("// /* \nx", "id:x EOF");
	CHECK_TOKENS("// only a comment", "EOF");
	CHECK_TOKENS("a / b", "id:a / id:b EOF");
	CHECK_TOKENS("a/ /b", "id:a / / id:b EOF");
	CHECK_TOKENS(" \t\r\n", "EOF");
	CHECK_TOKENS("", "EOF");
}

static void test_comment_errors(void)
{
	CHECK_LEX_ERROR("a /* never closed", "id:a ERROR",
		"test.bt:1:3: ERROR: unterminated comment\n"
		"a /* never closed\n"
		"  ^\n", 1);
	CHECK_LEX_ERROR("x\n  /* one\n two */ y /* three\nfour",
		"id:x id:y ERROR",
		"test.bt:3:11: ERROR: unterminated comment\n"
		" two */ y /* three\n"
		"          ^\n", 1);
	CHECK_LEX_ERROR("/*/", "ERROR",
		"test.bt:1:1: ERROR: unterminated comment\n"
		"/*/\n"
		"^\n", 1);

	/* lex_at_end reports an unterminated comment too. */
	struct buf d;
	buf_open(&d);
	struct source s = { "end.bt", "  /*" };
	struct diag diag = { .src = &s, .out = d.f };
	struct lexer lx;
	lex_init(&lx, s.text, &diag);
	CHECK(lex_at_end(&lx) == -1);
	lex_free(&lx);
	char *text = buf_close(&d);
	CHECK_STR(text, "end.bt:1:3: ERROR: unterminated comment\n  /*\n  ^\n");
	CHECK(diag.nerrors == 1);
	free(text);
}

static void test_locations(void)
{
	const char *src =
		"BEGIN {\n"
		"\t@x = 1; // c\n"
		"  /* a\n"
		"  b */ $y\n"
		"\n"
		"   \"s\" ;";
	static const struct { enum tok_kind k; int line, col; size_t len; } want[] = {
		{ TK_IDENT, 1, 1, 5 }, { TK_LBRACE, 1, 7, 1 },
		{ TK_MAP, 2, 2, 2 }, { TK_ASSIGN, 2, 5, 1 }, { TK_INT, 2, 7, 1 },
		{ TK_SEMI, 2, 8, 1 }, { TK_VAR, 4, 8, 2 }, { TK_STRING, 6, 4, 3 },
		{ TK_SEMI, 6, 8, 1 }, { TK_EOF, 6, 9, 0 },
	};
	struct source s = { "loc", src };
	struct diag diag = { .src = &s, .out = stderr };
	struct lexer lx;
	lex_init(&lx, src, &diag);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct token t = lex_next(&lx);
		CHECK(t.kind == want[i].k);
		CHECK(t.loc.line == want[i].line);
		CHECK(t.loc.col == want[i].col);
		CHECK(t.len == want[i].len);
	}
	CHECK(diag.nerrors == 0);
	lex_free(&lx);

	/* A trailing newline: the end is on the next line, column 1. */
	lex_init(&lx, "a\n", &diag);
	CHECK(lex_next(&lx).kind == TK_IDENT);
	struct token e = lex_next(&lx);
	CHECK(e.kind == TK_EOF && e.loc.line == 2 && e.loc.col == 1);
	CHECK(lex_next(&lx).kind == TK_EOF);	/* and it stays there */
	lex_free(&lx);
}

/* ---- names ------------------------------------------------------------- */

static void test_names(void)
{
	CHECK_TOKENS("pid comm _x x1 __a_b",
		     "id:pid id:comm id:_x id:x1 id:__a_b EOF");
	CHECK_TOKENS("@", "map:@ EOF");
	CHECK_TOKENS("@name", "map:@name EOF");
	CHECK_TOKENS("@[comm]", "map:@ [ id:comm ] EOF");
	CHECK_TOKENS("@a_1[1,2]", "map:@a_1 [ 1 , 2 ] EOF");
	CHECK_TOKENS("@1", "map:@1 EOF");
	CHECK_TOKENS("$1", "var:$1 EOF");
	CHECK_TOKENS("$12", "var:$12 EOF");
	CHECK_TOKENS("$#", "var:$# EOF");
	CHECK_TOKENS("$#+1", "var:$# + 1 EOF");
	CHECK_TOKENS("$x", "var:$x EOF");
	CHECK_TOKENS("$_tmp", "var:$_tmp EOF");
	CHECK_TOKENS("args->filename", "id:args -> id:filename EOF");
	CHECK_TOKENS("@m[$1]=$2", "map:@m [ var:$1 ] = var:$2 EOF");
}

static void test_name_errors(void)
{
	CHECK_LEX_ERROR("$ x", "ERROR",
		"test.bt:1:1: ERROR: '$' must be followed by a name\n"
		"$ x\n"
		"^\n", 1);
	/* '#' belongs to a name only right after '$'. */
	CHECK_LEX_ERROR("$x#", "var:$x ERROR",
		"test.bt:1:3: ERROR: invalid character '#'\n"
		"$x#\n"
		"  ^\n", 1);
	CHECK_LEX_ERROR("a `b", "id:a ERROR",
		"test.bt:1:3: ERROR: invalid character '`'\n"
		"a `b\n"
		"  ^\n", 1);
	CHECK_LEX_ERROR("#include <x>", "ERROR",
		"test.bt:1:1: ERROR: invalid character '#'\n"
		"#include <x>\n"
		"^\n", 1);
	CHECK_LEX_ERROR("\tx\n\t\t\\", "id:x ERROR",
		"test.bt:2:3: ERROR: invalid character '\\'\n"
		"\t\t\\\n"
		"\t\t^\n", 1);

	/* The lexer goes on after a bad character: both are reported. */
	struct buf d;
	buf_open(&d);
	struct source s = { "two", "` x '" };
	struct diag diag = { .src = &s, .out = d.f };
	struct lexer lx;
	lex_init(&lx, s.text, &diag);
	CHECK(lex_next(&lx).kind == TK_ERROR);
	struct token t = lex_next(&lx);
	CHECK(t.kind == TK_IDENT && !strcmp(t.text, "x"));
	CHECK(lex_next(&lx).kind == TK_ERROR);
	CHECK(lex_next(&lx).kind == TK_EOF);
	lex_free(&lx);
	char *text = buf_close(&d);
	CHECK_STR(text,
		  "two:1:1: ERROR: invalid character '`'\n` x '\n^\n"
		  "two:1:5: ERROR: invalid character '''\n` x '\n    ^\n");
	CHECK(diag.nerrors == 2);
	free(text);
}

/* ---- attach points ----------------------------------------------------- */

/* Lexes one attach point, then ordinary tokens to the end. */
static char *lex_probe_head(const char *src)
{
	struct source s = { "attach", src };
	struct buf d, out;
	buf_open(&d);
	buf_open(&out);
	struct diag diag = { .src = &s, .out = d.f };
	struct lexer lx;
	lex_init(&lx, src, &diag);
	struct token t = lex_attach_point(&lx);
	render(out.f, &t);
	while (t.kind != TK_EOF && t.kind != TK_ERROR) {
		t = lex_next(&lx);
		fputc(' ', out.f);
		render(out.f, &t);
	}
	lex_free(&lx);
	char *diagtext = buf_close(&d);
	CHECK_STR(diagtext, "");
	free(diagtext);
	return buf_close(&out);
}

#define CHECK_ATTACH(src, want)                                              \
	do {                                                                 \
		char *got_ = lex_probe_head(src);                            \
		CHECK_STR(got_, want);                                       \
		free(got_);                                                  \
	} while (0)

static void test_attach_points(void)
{
	CHECK_ATTACH("tracepoint:syscalls:sys_enter_* { }",
		     "attach:tracepoint:syscalls:sys_enter_* { } EOF");
	CHECK_ATTACH("uprobe:/bin/bash:readline /pid == 1/ { }",
		     "attach:uprobe:/bin/bash:readline / id:pid == 1 / { } EOF");
	/* Without the space the predicate's '/' still ends it: that part of
	 * the attach point does not begin with '/'. */
	CHECK_ATTACH("uprobe:/bin/bash:readline/pid == 1/",
		     "attach:uprobe:/bin/bash:readline / id:pid == 1 / EOF");
	CHECK_ATTACH("kprobe:f+0x10 {}", "attach:kprobe:f+0x10 { } EOF");
	CHECK_ATTACH("i:s:1, BEGIN", "attach:i:s:1 , id:BEGIN EOF");
	CHECK_ATTACH("BEGIN{}", "attach:BEGIN { } EOF");
	CHECK_ATTACH("END", "attach:END EOF");
	CHECK_ATTACH("  /* c */ // d\n  kprobe:vfs_*\n{",
		     "attach:kprobe:vfs_* { EOF");
	CHECK_ATTACH("t:sched:sched_switch/args->prev_pid/",
		     "attach:t:sched:sched_switch / id:args -> id:prev_pid / EOF");
	CHECK_ATTACH("u:/lib/x86_64-linux-gnu/libc.so.6:malloc,",
		     "attach:u:/lib/x86_64-linux-gnu/libc.so.6:malloc , EOF");
	CHECK_ATTACH("interval:ms:200}", "attach:interval:ms:200 } EOF");

	/* Nothing there: an error token, no report (the parser words it). */
	const char *empties[] = { "", "   ", "{ x }", ", a", "} " };
	for (size_t i = 0; i < sizeof(empties) / sizeof(empties[0]); i++) {
		struct buf d;
		buf_open(&d);
		struct source s = { "e", empties[i] };
		struct diag diag = { .src = &s, .out = d.f };
		struct lexer lx;
		lex_init(&lx, s.text, &diag);
		struct token t = lex_attach_point(&lx);
		CHECK(t.kind == TK_ERROR);
		CHECK(t.len == 0);
		CHECK(diag.nerrors == 0);
		lex_free(&lx);
		char *text = buf_close(&d);
		CHECK_STR(text, "");
		free(text);
	}

	/* The attach point's place and spelling. */
	struct source s = { "p", "\n\n   kprobe:f , x" };
	struct diag diag = { .src = &s, .out = stderr };
	struct lexer lx;
	lex_init(&lx, s.text, &diag);
	struct token t = lex_attach_point(&lx);
	CHECK(t.kind == TK_ATTACH);
	CHECK(t.loc.line == 3 && t.loc.col == 4);
	CHECK(t.len == 8 && t.start == s.text + 5);
	CHECK_STR(t.text, "kprobe:f");
	t = lex_next(&lx);
	CHECK(t.kind == TK_COMMA && t.loc.line == 3 && t.loc.col == 13);
	lex_free(&lx);

	/* An unterminated comment before an attach point is reported. */
	struct buf d;
	buf_open(&d);
	struct source s2 = { "c", "/* x" };
	struct diag diag2 = { .src = &s2, .out = d.f };
	lex_init(&lx, s2.text, &diag2);
	CHECK(lex_attach_point(&lx).kind == TK_ERROR);
	CHECK(diag2.nerrors == 1);
	lex_free(&lx);
	char *text = buf_close(&d);
	CHECK_STR(text, "c:1:1: ERROR: unterminated comment\n/* x\n^\n");
	free(text);
}

/* ---- directives, marks, names of kinds ---------------------------------- */

static void test_directives(void)
{
	struct source s = { "d", "#include <linux/sched.h>\n  #define X 1\nBEGIN" };
	struct diag diag = { .src = &s, .out = stderr };
	struct lexer lx;
	lex_init(&lx, s.text, &diag);
	CHECK(lex_skip_directive(&lx) == 1);
	CHECK(lex_skip_directive(&lx) == 1);
	CHECK(lex_skip_directive(&lx) == 0);
	struct token t = lex_attach_point(&lx);
	CHECK(t.kind == TK_ATTACH && !strcmp(t.text, "BEGIN"));
	CHECK(t.loc.line == 3 && t.loc.col == 1);
	CHECK(lex_skip_directive(&lx) == 0);
	CHECK(lex_at_end(&lx) == 1);
	lex_free(&lx);

	lex_init(&lx, "  x", &diag);
	CHECK(lex_at_end(&lx) == 0);
	lex_free(&lx);
	CHECK(diag.nerrors == 0);
}

static void test_mark_reset(void)
{
	struct source s = { "m", "a\n  b c" };
	struct diag diag = { .src = &s, .out = stderr };
	struct lexer lx;
	lex_init(&lx, s.text, &diag);
	CHECK(lex_next(&lx).kind == TK_IDENT);
	struct lex_mark m = lex_mark(&lx);
	struct token b1 = lex_next(&lx);
	struct token c1 = lex_next(&lx);
	CHECK(c1.loc.line == 2 && c1.loc.col == 5);
	lex_reset(&lx, m);
	struct token b2 = lex_next(&lx);
	CHECK(b2.kind == TK_IDENT && !strcmp(b2.text, "b"));
	CHECK(b2.loc.line == b1.loc.line && b2.loc.col == b1.loc.col);
	CHECK(b1.loc.line == 2 && b1.loc.col == 3);
	CHECK(b2.start == b1.start);
	struct token c2 = lex_next(&lx);
	CHECK(c2.loc.line == 2 && c2.loc.col == 5 && !strcmp(c2.text, "c"));
	CHECK(lex_next(&lx).kind == TK_EOF);
	lex_free(&lx);
}

static void test_tok_names(void)
{
	CHECK_STR(tok_name(TK_EOF), "end of file");
	CHECK_STR(tok_name(TK_ERROR), "invalid token");
	CHECK_STR(tok_name(TK_INT), "integer");
	CHECK_STR(tok_name(TK_STRING), "string");
	CHECK_STR(tok_name(TK_IDENT), "identifier");
	CHECK_STR(tok_name(TK_MAP), "map");
	CHECK_STR(tok_name(TK_VAR), "variable");
	CHECK_STR(tok_name(TK_ATTACH), "attach point");
	CHECK_STR(tok_name(TK_NKINDS), "?");
	CHECK_STR(tok_name((enum tok_kind)1000), "?");
}

/* ---- a whole probe ----------------------------------------------------- */

static void test_whole_probe(void)
{
	CHECK_TOKENS(
		"@start[tid] = nsecs;\n"
		"if (@start[tid] != 0) { @us = hist((nsecs - @start[tid]) / 1000); }\n"
		"delete(@start[tid]); $i <<= 2; printf(\"%s %d\\n\", comm, -1);",
		"map:@start [ id:tid ] = id:nsecs ; "
		"id:if ( map:@start [ id:tid ] != 0 ) { map:@us = id:hist ( ( "
		"id:nsecs - map:@start [ id:tid ] ) / 1000 ) ; } "
		"id:delete ( map:@start [ id:tid ] ) ; var:$i <<= 2 ; "
		"id:printf ( \"%s %d\\x0a\" , id:comm , - 1 ) ; EOF");
}

#ifdef BPFKIT_KNOWN_BUGS
/* Each of these fails today. */
static void test_known_bugs(void)
{
	/* Integer literals beyond 64 bits are silently clamped to
	 * 18446744073709551615 (strtoull's ERANGE is not checked). */
	CHECK_LEX_ERROR("99999999999999999999", "ERROR",
		"test.bt:1:1: ERROR: integer literal '99999999999999999999' is too large\n"
		"99999999999999999999\n"
		"^\n", 1);
	/* A suffix that overflows: 300000000d wraps around silently. */
	CHECK_LEX_ERROR("300000000d", "ERROR",
		"test.bt:1:1: ERROR: integer literal '300000000d' is too large\n"
		"300000000d\n"
		"^\n", 1);
	/* A backslash before the end of the text: the lexer steps over the
	 * terminating NUL and prints a NUL byte in the message. */
	CHECK_LEX_ERROR("\"abc\\", "ERROR",
		"test.bt:1:1: ERROR: unterminated string\n"
		"\"abc\\\n"
		"^\n", 1);
	/* A backslash at the end of a line: the message holds a raw newline. */
	CHECK_LEX_ERROR("\"abc\\\n\"", "ERROR",
		"test.bt:1:1: ERROR: unterminated string\n"
		"\"abc\\\n"
		"^\n", 1);
	/* An octal escape above \377 is silently truncated to a byte. */
	CHECK_LEX_ERROR("\"\\777\"", "ERROR",
		"test.bt:1:1: ERROR: octal escape '\\777' out of range in string\n"
		"\"\\777\"\n"
		"^\n", 1);
}
#endif

int main(void)
{
	test_operator_kinds();
	test_longest_match();
	test_integers();
	test_integer_errors();
	test_strings();
	test_string_errors();
	test_comments();
	test_comment_errors();
	test_locations();
	test_names();
	test_name_errors();
	test_attach_points();
	test_directives();
	test_mark_reset();
	test_tok_names();
	test_whole_probe();
#ifdef BPFKIT_KNOWN_BUGS
	test_known_bugs();
#endif
	return check_report("lexer");
}
