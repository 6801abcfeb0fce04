/* Lexer for the bpftrace language. */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lexer.h"

static const char *const tok_names[TK_NKINDS] = {
	[TK_EOF] = "end of file", [TK_ERROR] = "invalid token",
	[TK_INT] = "integer", [TK_STRING] = "string", [TK_IDENT] = "identifier",
	[TK_MAP] = "map", [TK_VAR] = "variable", [TK_ATTACH] = "attach point",
	[TK_LBRACE] = "{", [TK_RBRACE] = "}", [TK_LPAREN] = "(",
	[TK_RPAREN] = ")", [TK_LBRACKET] = "[", [TK_RBRACKET] = "]",
	[TK_COMMA] = ",", [TK_SEMI] = ";", [TK_COLON] = ":", [TK_DOT] = ".",
	[TK_ARROW] = "->", [TK_QUESTION] = "?", [TK_PLUS] = "+", [TK_MINUS] = "-",
	[TK_STAR] = "*", [TK_SLASH] = "/", [TK_PERCENT] = "%", [TK_AMP] = "&",
	[TK_PIPE] = "|", [TK_CARET] = "^", [TK_TILDE] = "~", [TK_BANG] = "!",
	[TK_SHL] = "<<", [TK_SHR] = ">>", [TK_LT] = "<", [TK_GT] = ">",
	[TK_LE] = "<=", [TK_GE] = ">=", [TK_EQ] = "==", [TK_NE] = "!=",
	[TK_ANDAND] = "&&", [TK_OROR] = "||", [TK_INC] = "++", [TK_DEC] = "--",
	[TK_DOTDOT] = "..", [TK_ASSIGN] = "=", [TK_ADD_ASSIGN] = "+=",
	[TK_SUB_ASSIGN] = "-=", [TK_MUL_ASSIGN] = "*=", [TK_DIV_ASSIGN] = "/=",
	[TK_MOD_ASSIGN] = "%=", [TK_AND_ASSIGN] = "&=", [TK_OR_ASSIGN] = "|=",
	[TK_XOR_ASSIGN] = "^=", [TK_SHL_ASSIGN] = "<<=", [TK_SHR_ASSIGN] = ">>=",
};

const char *tok_name(enum tok_kind k)
{
	return k < TK_NKINDS && tok_names[k] ? tok_names[k] : "?";
}

void lex_init(struct lexer *lx, const char *src, struct diag *diag)
{
	memset(lx, 0, sizeof(*lx));
	lx->src = lx->p = lx->line_start = src;
	lx->line = 1;
	lx->diag = diag;
}

void lex_free(struct lexer *lx)
{
	for (size_t i = 0; i < lx->nstrings; i++)
		free(lx->strings[i]);
	free(lx->strings);
}

__attribute__((format(printf, 3, 4)))
static void lex_error(struct lexer *lx, struct loc at, const char *fmt, ...)
{
	lx->failed = 1;
	if (lx->quiet)
		return;
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_error(lx->diag, at, "%s", msg);
}

static char *keep(struct lexer *lx, const char *s, size_t n)
{
	if (lx->nstrings == lx->capstrings) {
		lx->capstrings = lx->capstrings ? 2 * lx->capstrings : 64;
		lx->strings = realloc(lx->strings, lx->capstrings * sizeof(char *));
		if (!lx->strings)
			abort();
	}
	char *t = malloc(n + 1);
	if (!t)
		abort();
	memcpy(t, s, n);
	t[n] = 0;
	lx->strings[lx->nstrings++] = t;
	return t;
}

static struct loc here(const struct lexer *lx)
{
	struct loc l = { lx->line, (int)(lx->p - lx->line_start) + 1, lx->file };
	return l;
}

static void newline(struct lexer *lx)
{
	lx->line++;
	lx->line_start = lx->p;
}

/* Skips white space and comments; returns -1 on an unterminated comment. */
static int skip_space(struct lexer *lx)
{
	for (;;) {
		char c = *lx->p;
		if (c == '\n') {
			lx->p++;
			newline(lx);
		} else if (isspace((unsigned char)c)) {
			lx->p++;
		} else if (c == '/' && lx->p[1] == '/') {
			while (*lx->p && *lx->p != '\n')
				lx->p++;
		} else if (c == '/' && lx->p[1] == '*') {
			struct loc at = here(lx);
			lx->p += 2;
			while (*lx->p && !(lx->p[0] == '*' && lx->p[1] == '/')) {
				if (*lx->p++ == '\n')
					newline(lx);
			}
			if (!*lx->p) {
				lex_error(lx, at, "unterminated comment");
				return -1;
			}
			lx->p += 2;
		} else {
			return 0;
		}
	}
}

int lex_skip_directive(struct lexer *lx)
{
	if (skip_space(lx))
		return -1;
	if (*lx->p != '#')
		return 0;
	while (*lx->p && *lx->p != '\n')
		lx->p++;
	return 1;
}

/* "struct name { ... };" at the top of a script: the kernel's BTF gives
 * bpfkit the types, so C definitions are skipped. Returns 1 if one was. */
int lex_skip_c_definition(struct lexer *lx, struct c_definition *def)
{
	static const char *const words[] = { "struct ", "union ", "enum ", "typedef " };
	if (skip_space(lx))
		return -1;
	size_t i;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strncmp(lx->p, words[i], strlen(words[i])))
			break;
	if (i == sizeof(words) / sizeof(words[0]))
		return 0;
	def->text = lx->p;
	def->at = here(lx);
	int depth = 0;
	for (; *lx->p; lx->p++) {
		if (*lx->p == '\n') {
			lx->p++;
			newline(lx);
			lx->p--;
		} else if (*lx->p == '{') {
			depth++;
		} else if (*lx->p == '}' && --depth == 0 && i != 3) {
			/* struct/union/enum end at their '}', with or without ';' */
			const char *after = lx->p + 1;
			while (*after == ' ' || *after == '\t')
				after++;
			lx->p = *after == ';' ? after + 1 : lx->p + 1;
			break;
		} else if (*lx->p == ';' && depth <= 0) {
			lx->p++;
			break;
		}
	}
	def->len = (size_t)(lx->p - def->text);
	return 1;
}

int lex_at_end(struct lexer *lx)
{
	if (skip_space(lx))
		return -1;
	return *lx->p == 0;
}

struct lex_mark lex_mark(const struct lexer *lx)
{
	struct lex_mark m = { lx->p, lx->line_start, lx->line };
	return m;
}

void lex_reset(struct lexer *lx, struct lex_mark m)
{
	lx->p = m.p;
	lx->line_start = m.line_start;
	lx->line = m.line;
}

static int is_ident_start(char c) { return isalpha((unsigned char)c) || c == '_'; }
static int is_ident_char(char c) { return isalnum((unsigned char)c) || c == '_'; }

static struct token make(struct lexer *lx, enum tok_kind k, const char *start,
			 struct loc at)
{
	struct token t = { .kind = k, .loc = at, .start = start,
			   .len = (size_t)(lx->p - start) };
	return t;
}

/* Integer literals: decimal, 0x hex, 0 octal, '_' separators, and the
 * bpftrace suffixes for time (ns us ms s m h d) and size (K M G T P). */
static struct token lex_number(struct lexer *lx, struct loc at)
{
	const char *start = lx->p;
	char digits[80];
	size_t n = 0;
	int base = 10;
	if (lx->p[0] == '0' && (lx->p[1] == 'x' || lx->p[1] == 'X')) {
		base = 16;
		lx->p += 2;
	} else if (lx->p[0] == '0' && isdigit((unsigned char)lx->p[1])) {
		base = 8;
	}
	bool too_long = false;
	while (isxdigit((unsigned char)*lx->p) || *lx->p == '_') {
		if (base != 16 && !isdigit((unsigned char)*lx->p) && *lx->p != '_')
			break;
		if (*lx->p != '_') {
			if (n < sizeof(digits) - 1)
				digits[n++] = *lx->p;
			else
				too_long = true;
		}
		lx->p++;
	}
	digits[n] = 0;
	char *end;
	errno = 0;
	uint64_t v = strtoull(digits, &end, base);
	if (errno == ERANGE || too_long) {
		lex_error(lx, at, "integer literal '%.*s' does not fit in 64 bits",
			  (int)(lx->p - start), start);
		return make(lx, TK_ERROR, start, at);
	}
	if (*end || n == 0) {
		lex_error(lx, at, "invalid integer literal '%.*s'",
			   (int)(lx->p - start), start);
		return make(lx, TK_ERROR, start, at);
	}
	static const struct { const char *s; uint64_t mul; } suffixes[] = {
		{ "ns", 1 }, { "us", 1000ULL }, { "ms", 1000000ULL },
		{ "s", 1000000000ULL }, { "m", 60000000000ULL },
		{ "h", 3600000000000ULL }, { "d", 86400000000000ULL },
		{ "K", 1ULL << 10 }, { "M", 1ULL << 20 }, { "G", 1ULL << 30 },
		{ "T", 1ULL << 40 }, { "P", 1ULL << 50 },
		/* C's suffixes, accepted and ignored as in bpftrace */
		{ "u", 1 }, { "U", 1 }, { "l", 1 }, { "L", 1 }, { "ul", 1 }, { "UL", 1 },
		{ "ll", 1 }, { "LL", 1 }, { "ull", 1 }, { "ULL", 1 },
	};
	/* "1e6": an integer times a power of ten, as bpftrace reads it. */
	if (base == 10 && *lx->p == 'e' && isdigit((unsigned char)lx->p[1])) {
		lx->p++;
		int exp = 0;
		while (isdigit((unsigned char)*lx->p) && exp < 100)
			exp = exp * 10 + (*lx->p++ - '0');
		for (int i = 0; i < exp; i++) {
			if (v > UINT64_MAX / 10) {
				lex_error(lx, at, "integer literal '%.*s' does not fit in 64 bits",
					  (int)(lx->p - start), start);
				return make(lx, TK_ERROR, start, at);
			}
			v *= 10;
		}
	}
	if (base == 10 && is_ident_start(*lx->p)) {
		const char *s = lx->p;
		while (is_ident_char(*lx->p))
			lx->p++;
		size_t len = (size_t)(lx->p - s);
		size_t i;
		for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
			if (strlen(suffixes[i].s) == len && !strncmp(s, suffixes[i].s, len))
				break;
		if (i == sizeof(suffixes) / sizeof(suffixes[0])) {
			lex_error(lx, at, "invalid integer suffix '%.*s'", (int)len, s);
			return make(lx, TK_ERROR, start, at);
		}
		if (v > UINT64_MAX / suffixes[i].mul) {
			lex_error(lx, at, "integer literal '%.*s' does not fit in 64 bits",
				  (int)(lx->p - start), start);
			return make(lx, TK_ERROR, start, at);
		}
		v *= suffixes[i].mul;
	}
	struct token t = make(lx, TK_INT, start, at);
	t.num = (int64_t)v;
	return t;
}

static int hexval(char c)
{
	if (isdigit((unsigned char)c))
		return c - '0';
	return (tolower((unsigned char)c) - 'a') + 10;
}

static struct token lex_string(struct lexer *lx, struct loc at)
{
	const char *start = lx->p++;
	size_t cap = 64, n = 0;
	char *buf = malloc(cap);
	if (!buf)
		abort();
	while (*lx->p && *lx->p != '"' && *lx->p != '\n') {
		char c = *lx->p++;
		if (c == '\\') {
			if (*lx->p == 0 || *lx->p == '\n')
				break;	/* reported below as unterminated */
			char e = *lx->p++;
			switch (e) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case 'a': c = '\a'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'v': c = '\v'; break;
			case 'e': c = 27; break;
			case '\\': c = '\\'; break;
			case '"': c = '"'; break;
			case '\'': c = '\''; break;
			case 'x':
				if (!isxdigit((unsigned char)*lx->p)) {
					lex_error(lx, at, "invalid escape '\\x' in string");
					free(buf);
					return make(lx, TK_ERROR, start, at);
				}
				c = (char)hexval(*lx->p++);
				if (isxdigit((unsigned char)*lx->p))
					c = (char)(c * 16 + hexval(*lx->p++));
				break;
			default:
				if (e >= '0' && e <= '7') {
					int v = e - '0';
					for (int k = 0; k < 2 && *lx->p >= '0' && *lx->p <= '7'; k++)
						v = v * 8 + (*lx->p++ - '0');
					if (v > 255) {
						lex_error(lx, at, "octal escape '\\%o' is larger than a byte", (unsigned)v);
						free(buf);
						return make(lx, TK_ERROR, start, at);
					}
					c = (char)v;
					break;
				}
				lex_error(lx, at, "invalid escape '\\%c' in string", e);
				free(buf);
				return make(lx, TK_ERROR, start, at);
			}
		}
		if (n + 1 >= cap) {
			cap *= 2;
			buf = realloc(buf, cap);
			if (!buf)
				abort();
		}
		buf[n++] = c;
	}
	if (*lx->p != '"') {
		lex_error(lx, at, "unterminated string");
		free(buf);
		return make(lx, TK_ERROR, start, at);
	}
	lx->p++;
	struct token t = make(lx, TK_STRING, start, at);
	t.text = keep(lx, buf, n);
	t.text_len = n;
	free(buf);
	return t;
}

struct token lex_attach_point(struct lexer *lx)
{
	if (skip_space(lx))
		return make(lx, TK_ERROR, lx->p, here(lx));
	struct loc at = here(lx);
	const char *start = lx->p;
	const char *segment = lx->p;	/* start of the current ':' part */
	bool quoted = false;	/* "..." may hold spaces and commas (C++ names) */
	for (;;) {
		char c = *lx->p;
		if (c == '"')
			quoted = !quoted;
		if (!c || (!quoted && (isspace((unsigned char)c) || c == ',' || c == '{' || c == '}')))
			break;
		/* A '/' belongs to a path only in a part that began with '/'. */
		if (c == '/' && *segment != '/' && !quoted)
			break;
		if (c == ':')
			segment = lx->p + 1;
		lx->p++;
	}
	struct token t = make(lx, TK_ATTACH, start, at);
	if (t.len == 0) {
		t.kind = TK_ERROR;
		return t;
	}
	t.text = keep(lx, start, t.len);
	return t;
}

struct op { const char *s; enum tok_kind k; };

/* Longest first, so "<<=" wins over "<<" and "<". */
static const struct op ops[] = {
	{ "<<=", TK_SHL_ASSIGN }, { ">>=", TK_SHR_ASSIGN },
	{ "->", TK_ARROW }, { "++", TK_INC }, { "--", TK_DEC },
	{ "<<", TK_SHL }, { ">>", TK_SHR }, { "<=", TK_LE }, { ">=", TK_GE },
	{ "==", TK_EQ }, { "!=", TK_NE }, { "&&", TK_ANDAND }, { "||", TK_OROR },
	{ "+=", TK_ADD_ASSIGN }, { "-=", TK_SUB_ASSIGN }, { "*=", TK_MUL_ASSIGN },
	{ "/=", TK_DIV_ASSIGN }, { "%=", TK_MOD_ASSIGN }, { "&=", TK_AND_ASSIGN },
	{ "|=", TK_OR_ASSIGN }, { "^=", TK_XOR_ASSIGN }, { "..", TK_DOTDOT },
	{ "{", TK_LBRACE }, { "}", TK_RBRACE }, { "(", TK_LPAREN },
	{ ")", TK_RPAREN }, { "[", TK_LBRACKET }, { "]", TK_RBRACKET },
	{ ",", TK_COMMA }, { ";", TK_SEMI }, { ":", TK_COLON }, { ".", TK_DOT },
	{ "?", TK_QUESTION }, { "+", TK_PLUS }, { "-", TK_MINUS },
	{ "*", TK_STAR }, { "/", TK_SLASH }, { "%", TK_PERCENT },
	{ "&", TK_AMP }, { "|", TK_PIPE }, { "^", TK_CARET }, { "~", TK_TILDE },
	{ "!", TK_BANG }, { "<", TK_LT }, { ">", TK_GT }, { "=", TK_ASSIGN },
};

struct token lex_next(struct lexer *lx)
{
	if (skip_space(lx))
		return make(lx, TK_ERROR, lx->p, here(lx));
	struct loc at = here(lx);
	const char *start = lx->p;
	char c = *lx->p;
	if (!c)
		return make(lx, TK_EOF, start, at);
	if (isdigit((unsigned char)c))
		return lex_number(lx, at);
	if (c == '"')
		return lex_string(lx, at);
	if (is_ident_start(c) || c == '@' || c == '$') {
		enum tok_kind k = c == '@' ? TK_MAP : c == '$' ? TK_VAR : TK_IDENT;
		lx->p++;
		while (is_ident_char(*lx->p))
			lx->p++;
		if (k == TK_VAR && lx->p - start == 1 && *lx->p == '#')
			lx->p++;	/* "$#": the number of positional parameters */
		struct token t = make(lx, k, start, at);
		t.text = keep(lx, start, t.len);
		if (k == TK_VAR && t.len == 1) {
			lex_error(lx, at, "'$' must be followed by a name");
			t.kind = TK_ERROR;
		}
		return t;
	}
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		size_t n = strlen(ops[i].s);
		if (!strncmp(lx->p, ops[i].s, n)) {
			lx->p += n;
			return make(lx, ops[i].k, start, at);
		}
	}
	lx->p++;
	lex_error(lx, at, "invalid character '%c'", c);
	return make(lx, TK_ERROR, start, at);
}
