/* Tests of the parser (src/parser.c): the tree of representative programs,
 * compared as ast_dump text, and the exact report of syntax errors.
 *
 * ast_dump prints one node a line, indented two spaces a level: the node
 * kind, then its operator or name; a probe lists its attach points and
 * prints its predicate under a "predicate" line. Without semantic analysis
 * no types ("::") appear.
 *
 * Run it under AddressSanitizer: a parse that fails must free every node
 * it made, and the leak check at exit finds any it did not.
 *   gcc -std=gnu11 -Wall -Wextra -Werror -Isrc -Itests/unit -g \
 *       -fsanitize=address,undefined tests/unit/test_parser.c src/parser.c \
 *       src/lexer.c src/ast.c src/diag.c src/types.c -o /tmp/test_parser \
 *       && /tmp/test_parser
 *
 * Checks of behaviour that is wrong today are compiled only with
 * -DBPFKIT_KNOWN_BUGS; each says what the right behaviour is.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "lexer.h"
#include "parser.h"

/* ---- helpers ----------------------------------------------------------- */

struct parsed {
	struct node *prog;	/* NULL after an error */
	char *dump;		/* ast_dump of the program from depth 0, or "" */
	char *diag;		/* everything reported */
	int nerrors;
};

static struct parsed parse(const char *text)
{
	struct source src = { "test.bt", text };
	struct parsed r = { 0 };
	size_t dlen = 0, tlen = 0;
	FILE *df = open_memstream(&r.diag, &dlen);
	FILE *tf = open_memstream(&r.dump, &tlen);
	if (!df || !tf)
		abort();
	struct diag diag = { .src = &src, .out = df };
	r.prog = parse_program(&src, &diag);
	if (r.prog)
		ast_dump(tf, r.prog, 0);
	fclose(df);
	fclose(tf);
	r.nerrors = diag.nerrors;
	return r;
}

static void parsed_free(struct parsed *r)
{
	node_free(r->prog);
	free(r->dump);
	free(r->diag);
}

/* The whole program parses without a report and dumps as want. */
#define CHECK_TREE(text, want)                                               \
	do {                                                                 \
		struct parsed r_ = parse(text);                              \
		CHECK(r_.prog != NULL);                                      \
		CHECK_STR(r_.dump, want);                                    \
		CHECK_STR(r_.diag, "");                                      \
		CHECK(r_.nerrors == 0);                                      \
		parsed_free(&r_);                                            \
	} while (0)

/* The dump of one expression, parsed as the statement of "BEGIN { EXPR; }". */
static char *expr_dump(const char *expr)
{
	char text[1024];
	snprintf(text, sizeof(text), "BEGIN { %s; }", expr);
	struct parsed r = parse(text);
	char *out = NULL;
	if (!r.prog || r.nerrors) {
		fprintf(stderr, "expr_dump: %s does not parse:\n%s", expr, r.diag);
		out = strdup("(error)");
	} else {
		struct node *stmt = r.prog->kids[0]->b->kids[0];
		size_t len = 0;
		FILE *f = open_memstream(&out, &len);
		if (stmt->kind == N_EXPR_STMT)
			ast_dump(f, stmt->a, 0);
		else
			fputs("(not an expression statement)\n", f);
		fclose(f);
	}
	parsed_free(&r);
	return out;
}

#define CHECK_EXPR(expr, want)                                               \
	do {                                                                 \
		char *got_ = expr_dump(expr);                                \
		CHECK_STR(got_, want);                                       \
		free(got_);                                                  \
	} while (0)

/* The program fails to parse with exactly this report (one error). */
#define CHECK_SYNTAX_ERROR(text, want)                                       \
	do {                                                                 \
		struct parsed r_ = parse(text);                              \
		CHECK(r_.prog == NULL);                                      \
		CHECK_STR(r_.diag, want);                                    \
		CHECK(r_.nerrors == 1);                                      \
		parsed_free(&r_);                                            \
	} while (0)

/* ---- precedence and associativity --------------------------------------- */

static void test_precedence(void)
{
	CHECK_EXPR("1 + 2 * 3",
		"binop +\n"
		"  int 1\n"
		"  binop *\n"
		"    int 2\n"
		"    int 3\n");
	CHECK_EXPR("1 * 2 + 3",
		"binop +\n"
		"  binop *\n"
		"    int 1\n"
		"    int 2\n"
		"  int 3\n");
	CHECK_EXPR("(1 + 2) * 3",
		"binop *\n"
		"  binop +\n"
		"    int 1\n"
		"    int 2\n"
		"  int 3\n");
	/* Left associative. */
	CHECK_EXPR("10 - 2 - 3",
		"binop -\n"
		"  binop -\n"
		"    int 10\n"
		"    int 2\n"
		"  int 3\n");
	CHECK_EXPR("8 / 4 % 3 * 2",
		"binop *\n"
		"  binop %\n"
		"    binop /\n"
		"      int 8\n"
		"      int 4\n"
		"    int 3\n"
		"  int 2\n");
	CHECK_EXPR("a || b && c",
		"binop ||\n"
		"  builtin a\n"
		"  binop &&\n"
		"    builtin b\n"
		"    builtin c\n");
	CHECK_EXPR("a && b || c",
		"binop ||\n"
		"  binop &&\n"
		"    builtin a\n"
		"    builtin b\n"
		"  builtin c\n");
	CHECK_EXPR("a || b || c",
		"binop ||\n"
		"  binop ||\n"
		"    builtin a\n"
		"    builtin b\n"
		"  builtin c\n");
	/* Unary operators bind tighter than any binary one. */
	CHECK_EXPR("!a == b",
		"binop ==\n"
		"  unop !\n"
		"    builtin a\n"
		"  builtin b\n");
	CHECK_EXPR("!(a == b)",
		"unop !\n"
		"  binop ==\n"
		"    builtin a\n"
		"    builtin b\n");
	/* Shifts bind tighter than comparisons, looser than '+'. */
	CHECK_EXPR("1 << 2 < 3",
		"binop <\n"
		"  binop <<\n"
		"    int 1\n"
		"    int 2\n"
		"  int 3\n");
	CHECK_EXPR("a >= b >> 1 + 1",
		"binop >=\n"
		"  builtin a\n"
		"  binop >>\n"
		"    builtin b\n"
		"    binop +\n"
		"      int 1\n"
		"      int 1\n");
	/* Relational above equality, as in C. */
	CHECK_EXPR("a < b == c > d",
		"binop ==\n"
		"  binop <\n"
		"    builtin a\n"
		"    builtin b\n"
		"  binop >\n"
		"    builtin c\n"
		"    builtin d\n");
	/* C's bitwise operators sit below equality. */
	CHECK_EXPR("a & b == c",
		"binop &\n"
		"  builtin a\n"
		"  binop ==\n"
		"    builtin b\n"
		"    builtin c\n");
	CHECK_EXPR("a | b ^ c & d",
		"binop |\n"
		"  builtin a\n"
		"  binop ^\n"
		"    builtin b\n"
		"    binop &\n"
		"      builtin c\n"
		"      builtin d\n");
	CHECK_EXPR("a != 0 && b <= 1 | 2",
		"binop &&\n"
		"  binop !=\n"
		"    builtin a\n"
		"    int 0\n"
		"  binop |\n"
		"    binop <=\n"
		"      builtin b\n"
		"      int 1\n"
		"    int 2\n");
}

static void test_ternary(void)
{
	/* Right associative. */
	CHECK_EXPR("a ? b : c ? d : e",
		"ternary\n"
		"  builtin a\n"
		"  builtin b\n"
		"  ternary\n"
		"    builtin c\n"
		"    builtin d\n"
		"    builtin e\n");
	CHECK_EXPR("a ? b ? c : d : e",
		"ternary\n"
		"  builtin a\n"
		"  ternary\n"
		"    builtin b\n"
		"    builtin c\n"
		"    builtin d\n"
		"  builtin e\n");
	/* The condition takes the whole || expression. */
	CHECK_EXPR("a || b ? 1 : 2 + 3",
		"ternary\n"
		"  binop ||\n"
		"    builtin a\n"
		"    builtin b\n"
		"  int 1\n"
		"  binop +\n"
		"    int 2\n"
		"    int 3\n");
}

static void test_unary(void)
{
	CHECK_EXPR("-x * 2",
		"binop *\n"
		"  unop -\n"
		"    builtin x\n"
		"  int 2\n");
	CHECK_EXPR("- -1",
		"unop -\n"
		"  unop -\n"
		"    int 1\n");
	CHECK_EXPR("1 - -2",
		"binop -\n"
		"  int 1\n"
		"  unop -\n"
		"    int 2\n");
	CHECK_EXPR("-(1 + 2)",
		"unop -\n"
		"  binop +\n"
		"    int 1\n"
		"    int 2\n");
	CHECK_EXPR("+5", "int 5\n");	/* unary plus leaves no node */
	CHECK_EXPR("~a & !b",
		"binop &\n"
		"  unop ~\n"
		"    builtin a\n"
		"  unop !\n"
		"    builtin b\n");
	CHECK_EXPR("*$p + 1",
		"binop +\n"
		"  unop *\n"
		"    variable $p\n"
		"  int 1\n");
	CHECK_EXPR("!!a",
		"unop !\n"
		"  unop !\n"
		"    builtin a\n");
	CHECK_EXPR("-args->ret",
		"unop -\n"
		"  field ->ret\n"
		"    builtin args\n");
}

static void test_casts(void)
{
	CHECK_EXPR("(uint8)x",
		"cast (uint8)\n"
		"  builtin x\n");
	/* A cast is unary: it binds tighter than '+'. */
	CHECK_EXPR("(uint8)x + 1",
		"binop +\n"
		"  cast (uint8)\n"
		"    builtin x\n"
		"  int 1\n");
	CHECK_EXPR("(int16)-1",
		"cast (int16)\n"
		"  unop -\n"
		"    int 1\n");
	CHECK_EXPR("(struct task_struct *)curtask",
		"cast (struct task_struct *)\n"
		"  builtin curtask\n");
	CHECK_EXPR("(unsigned long **)0",
		"cast (unsigned long **)\n"
		"  int 0\n");
	CHECK_EXPR("(uint32)(int8)$x",
		"cast (uint32)\n"
		"  cast (int8)\n"
		"    variable $x\n");
	/* A parenthesized name that is not a type is a group. */
	CHECK_EXPR("(x) + 1",
		"binop +\n"
		"  builtin x\n"
		"  int 1\n");
	CHECK_EXPR("sizeof(int32)",
		"sizeof\n"
		"  cast (int32)\n");
	CHECK_EXPR("sizeof($x + 1)",
		"sizeof\n"
		"  binop +\n"
		"    variable $x\n"
		"    int 1\n");
}

static void test_primaries(void)
{
	CHECK_EXPR("(1, \"a\")",
		"tuple\n"
		"  int 1\n"
		"  string \"a\"\n");
	CHECK_EXPR("(1, (2, 3), comm)",
		"tuple\n"
		"  int 1\n"
		"  tuple\n"
		"    int 2\n"
		"    int 3\n"
		"  builtin comm\n");
	CHECK_EXPR("$t.0",
		"tuple index .0\n"
		"  variable $t\n");
	CHECK_EXPR("(1, \"a\").1",
		"tuple index .1\n"
		"  tuple\n"
		"    int 1\n"
		"    string \"a\"\n");
	CHECK_EXPR("$t.1.0",
		"tuple index .0\n"
		"  tuple index .1\n"
		"    variable $t\n");
	CHECK_EXPR("@m[a, b]",
		"map @m\n"
		"  builtin a\n"
		"  builtin b\n");
	CHECK_EXPR("@[(a, b)]",
		"map @\n"
		"  tuple\n"
		"    builtin a\n"
		"    builtin b\n");
	CHECK_EXPR("@m", "map @m\n");
	CHECK_EXPR("@", "map @\n");
	CHECK_EXPR("@m[@n[1] + 2]",
		"map @m\n"
		"  binop +\n"
		"    map @n\n"
		"      int 1\n"
		"    int 2\n");
	CHECK_EXPR("args->filename",
		"field ->filename\n"
		"  builtin args\n");
	CHECK_EXPR("$s.a->b",
		"field ->b\n"
		"  field .a\n"
		"    variable $s\n");
	CHECK_EXPR("$p[3]",
		"index\n"
		"  variable $p\n"
		"  int 3\n");
	CHECK_EXPR("str(args->filename, 16)",
		"call str\n"
		"  field ->filename\n"
		"    builtin args\n"
		"  int 16\n");
	CHECK_EXPR("exit()", "call exit\n");
	CHECK_EXPR("printf(\"%s\\t%d\\n\", comm, $1)",
		"call printf\n"
		"  string \"%s\\x09%d\\x0a\"\n"
		"  builtin comm\n"
		"  positional $1\n");
	CHECK_EXPR("$#", "positional $#\n");
	CHECK_EXPR("$12 + $x",
		"binop +\n"
		"  positional $12\n"
		"  variable $x\n");
	CHECK_EXPR("10ms + 0x10 + 010 + 1_000 + 4K",
		"binop +\n"
		"  binop +\n"
		"    binop +\n"
		"      binop +\n"
		"        int 10000000\n"
		"        int 16\n"
		"      int 8\n"
		"    int 1000\n"
		"  int 4096\n");
	CHECK_EXPR("\"q\\\"\\\\\"", "string \"q\\x22\\x5c\"\n");
}

/* ---- statements -------------------------------------------------------- */

static void test_statements(void)
{
	CHECK_TREE("BEGIN { let $a; let $b: uint16 = 1; let $c: int8; let $d = 2; }",
		"program\n"
		"  probe BEGIN\n"
		"    block\n"
		"      block\n"
		"        variable $a\n"
		"      assign =\n"
		"        variable $b\n"
		"        cast (uint16)\n"
		"          int 1\n"
		"      assign =\n"
		"        variable $c\n"
		"        cast (int8)\n"
		"          int 0\n"
		"      assign =\n"
		"        variable $d\n"
		"        int 2\n");
	CHECK_TREE("BEGIN { $x = 1; @x++; $x--; ++@y; --$x; @m[1, 2]++; }",
		"program\n"
		"  probe BEGIN\n"
		"    block\n"
		"      assign =\n"
		"        variable $x\n"
		"        int 1\n"
		"      expr\n"
		"        incdec ++ postfix\n"
		"          map @x\n"
		"      expr\n"
		"        incdec -- postfix\n"
		"          variable $x\n"
		"      expr\n"
		"        incdec ++ prefix\n"
		"          map @y\n"
		"      expr\n"
		"        incdec -- prefix\n"
		"          variable $x\n"
		"      expr\n"
		"        incdec ++ postfix\n"
		"          map @m\n"
		"            int 1\n"
		"            int 2\n");
	CHECK_TREE("BEGIN { $x += 1; $x -= 2; $x *= 3; $x /= 4; $x %= 5; "
		   "@x &= 6; @x |= 7; @x ^= 8; @x <<= 9; @x[comm] >>= 10 }",
		"program\n"
		"  probe BEGIN\n"
		"    block\n"
		"      assign +=\n        variable $x\n        int 1\n"
		"      assign -=\n        variable $x\n        int 2\n"
		"      assign *=\n        variable $x\n        int 3\n"
		"      assign /=\n        variable $x\n        int 4\n"
		"      assign %=\n        variable $x\n        int 5\n"
		"      assign &=\n        map @x\n        int 6\n"
		"      assign |=\n        map @x\n        int 7\n"
		"      assign ^=\n        map @x\n        int 8\n"
		"      assign <<=\n        map @x\n        int 9\n"
		"      assign >>=\n"
		"        map @x\n"
		"          builtin comm\n"
		"        int 10\n");
	/* if / else if / else: the else-if is an if in the else slot. */
	CHECK_TREE("BEGIN {\n"
		   "  if ($x > 1) { @a = 1; } else if ($x < 0) { @b = 2 } else { @c = 3; }\n"
		   "  if (pid) { }\n"
		   "}",
		"program\n"
		"  probe BEGIN\n"
		"    block\n"
		"      if\n"
		"        binop >\n"
		"          variable $x\n"
		"          int 1\n"
		"        block\n"
		"          assign =\n"
		"            map @a\n"
		"            int 1\n"
		"        if\n"
		"          binop <\n"
		"            variable $x\n"
		"            int 0\n"
		"          block\n"
		"            assign =\n"
		"              map @b\n"
		"              int 2\n"
		"          block\n"
		"            assign =\n"
		"              map @c\n"
		"              int 3\n"
		"      if\n"
		"        builtin pid\n"
		"        block\n");
	CHECK_TREE("BEGIN { $i = 0; while ($i < 10) { $i++; if ($i == 5) { break; } continue; } }",
		"program\n"
		"  probe BEGIN\n"
		"    block\n"
		"      assign =\n"
		"        variable $i\n"
		"        int 0\n"
		"      while\n"
		"        binop <\n"
		"          variable $i\n"
		"          int 10\n"
		"        block\n"
		"          expr\n"
		"            incdec ++ postfix\n"
		"              variable $i\n"
		"          if\n"
		"            binop ==\n"
		"              variable $i\n"
		"              int 5\n"
		"            block\n"
		"              break\n"
		"          continue\n");
	CHECK_TREE("BEGIN { unroll(3) { @c = count(); } unroll (0x2) { } return; }",
		"program\n"
		"  probe BEGIN\n"
		"    block\n"
		"      unroll 3\n"
		"        block\n"
		"          assign =\n"
		"            map @c\n"
		"            call count\n"
		"      unroll 2\n"
		"        block\n"
		"      return\n");
	CHECK_TREE("BEGIN { for ($k : 1..5) { print($k); } { $n = 1 } ;; return 1 }",
		"program\n"
		"  probe BEGIN\n"
		"    block\n"
		"      for\n"
		"        variable $k\n"
		"        range\n"
		"          int 1\n"
		"          int 5\n"
		"        block\n"
		"          expr\n"
		"            call print\n"
		"              variable $k\n"
		"      block\n"
		"        assign =\n"
		"          variable $n\n"
		"          int 1\n"
		"      return\n"
		"        int 1\n");
	/* Statements ending with a block need no ';'; the last one none. */
	CHECK_TREE("BEGIN { if (1) { } @a = 1 }",
		"program\n"
		"  probe BEGIN\n"
		"    block\n"
		"      if\n"
		"        int 1\n"
		"        block\n"
		"      assign =\n"
		"        map @a\n"
		"        int 1\n");
	/* The latency pairing of the golden tests. */
	CHECK_TREE("t:s:e { @s[tid] = nsecs; } t:s:x /@s[tid]/ { "
		   "@us = hist((nsecs - @s[tid]) / 1000); delete(@s[tid]); }",
		"program\n"
		"  probe t:s:e\n"
		"    block\n"
		"      assign =\n"
		"        map @s\n"
		"          builtin tid\n"
		"        builtin nsecs\n"
		"  probe t:s:x\n"
		"    predicate\n"
		"      map @s\n"
		"        builtin tid\n"
		"    block\n"
		"      assign =\n"
		"        map @us\n"
		"        call hist\n"
		"          binop /\n"
		"            binop -\n"
		"              builtin nsecs\n"
		"              map @s\n"
		"                builtin tid\n"
		"            int 1000\n"
		"      expr\n"
		"        call delete\n"
		"          map @s\n"
		"            builtin tid\n");
}

/* ---- probes ------------------------------------------------------------ */

static void test_probes(void)
{
	CHECK_TREE("kprobe:f /pid == 1/ { }",
		"program\n"
		"  probe kprobe:f\n"
		"    predicate\n"
		"      binop ==\n"
		"        builtin pid\n"
		"        int 1\n"
		"    block\n");
	/* Inside parentheses '/' divides again. */
	CHECK_TREE("kprobe:f /($x / 2) > 1/ { }",
		"program\n"
		"  probe kprobe:f\n"
		"    predicate\n"
		"      binop >\n"
		"        binop /\n"
		"          variable $x\n"
		"          int 2\n"
		"        int 1\n"
		"    block\n");
	CHECK_TREE("kprobe:f /@m[arg0 / 8] && str($p / 2) == \"x\"/ { }",
		"program\n"
		"  probe kprobe:f\n"
		"    predicate\n"
		"      binop &&\n"
		"        map @m\n"
		"          binop /\n"
		"            builtin arg0\n"
		"            int 8\n"
		"        binop ==\n"
		"          call str\n"
		"            binop /\n"
		"              variable $p\n"
		"              int 2\n"
		"          string \"x\"\n"
		"    block\n");
	/* After the predicate the body's '/' divides. */
	CHECK_TREE("BEGIN /1/ { $x = 4 / 2; }",
		"program\n"
		"  probe BEGIN\n"
		"    predicate\n"
		"      int 1\n"
		"    block\n"
		"      assign =\n"
		"        variable $x\n"
		"        binop /\n"
		"          int 4\n"
		"          int 2\n");
	CHECK_TREE("uprobe:/bin/bash:readline /pid == 1/ { }",
		"program\n"
		"  probe uprobe:/bin/bash:readline\n"
		"    predicate\n"
		"      binop ==\n"
		"        builtin pid\n"
		"        int 1\n"
		"    block\n");
	CHECK_TREE("tracepoint:syscalls:sys_enter_*, kprobe:f+0x10,\n  i:s:1 { }",
		"program\n"
		"  probe tracepoint:syscalls:sys_enter_*, kprobe:f+0x10, i:s:1\n"
		"    block\n");
	CHECK_TREE("#include <linux/sched.h>\n"
		   "#include \"x.h\"\n"
		   "// a comment\n"
		   "BEGIN { @a = 1; }\n"
		   "/* more */\n"
		   "END{print(@a)}interval:ms:100\n"
		   "{\n"
		   "  exit();\n"
		   "}\n",
		"program\n"
		"  probe BEGIN\n"
		"    block\n"
		"      assign =\n"
		"        map @a\n"
		"        int 1\n"
		"  probe END\n"
		"    block\n"
		"      expr\n"
		"        call print\n"
		"          map @a\n"
		"  probe interval:ms:100\n"
		"    block\n"
		"      expr\n"
		"        call exit\n");
}

/* Places recorded in the tree. */
static void test_locations(void)
{
	struct parsed r = parse("// c\n"
				"BEGIN,\n"
				"  END /pid/\n"
				"{\n"
				"\t$x = 1 + @y;\n"
				"}\n"
				"  kprobe:f { }");
	CHECK(r.prog && r.nerrors == 0);
	if (!r.prog) {
		parsed_free(&r);
		return;
	}
	CHECK(r.prog->nkids == 2);
	struct node *p = r.prog->kids[0];
	CHECK(p->kind == N_PROBE && p->nattach == 2);
	CHECK(p->loc.line == 2 && p->loc.col == 1);
	CHECK(p->attach[0].loc.line == 2 && p->attach[0].loc.col == 1);
	CHECK(p->attach[1].loc.line == 3 && p->attach[1].loc.col == 3);
	CHECK_STR(p->attach[1].text, "END");
	CHECK(p->a->kind == N_BUILTIN && p->a->loc.line == 3 && p->a->loc.col == 8);
	CHECK(p->b->kind == N_BLOCK && p->b->loc.line == 4 && p->b->loc.col == 1);
	struct node *as = p->b->kids[0];
	CHECK(as->kind == N_ASSIGN);
	CHECK(as->loc.line == 5 && as->loc.col == 5);		/* the '=' */
	CHECK(as->a->loc.line == 5 && as->a->loc.col == 2);	/* $x */
	CHECK(as->b->kind == N_BINOP && as->b->loc.col == 9);	/* the '+' */
	CHECK(as->b->a->loc.col == 7 && as->b->b->loc.col == 11);
	struct node *q = r.prog->kids[1];
	CHECK(q->loc.line == 7 && q->loc.col == 3);
	parsed_free(&r);
}

/* ---- syntax errors ----------------------------------------------------- */

static void test_syntax_errors(void)
{
	CHECK_SYNTAX_ERROR("BEGIN { let $x: = 1; }",
		"test.bt:1:17: ERROR: syntax error: expected a type after ':'\n"
		"BEGIN { let $x: = 1; }\n"
		"                ^\n");
	/* Missing '}': the end of the text is the place. */
	CHECK_SYNTAX_ERROR("BEGIN { @x = 1;",
		"test.bt:1:16: ERROR: syntax error: missing '}' at end of file\n"
		"BEGIN { @x = 1;\n"
		"               ^\n");
	CHECK_SYNTAX_ERROR("BEGIN {\n  if (1) { @x = 1; }\n",
		"test.bt:3:1: ERROR: syntax error: missing '}' at end of file\n"
		"\n"
		"^\n");
	CHECK_SYNTAX_ERROR("BEGIN { @x = 1",
		"test.bt:1:15: ERROR: syntax error: expected ';' or '}' but found end of file\n"
		"BEGIN { @x = 1\n"
		"              ^\n");
	/* Missing ';' between statements. */
	CHECK_SYNTAX_ERROR("BEGIN { $x = 1 $y = 2; }",
		"test.bt:1:16: ERROR: syntax error: expected ';' or '}' but found '$y'\n"
		"BEGIN { $x = 1 $y = 2; }\n"
		"               ^\n");
	CHECK_SYNTAX_ERROR("BEGIN {\n\tprintf(\"a\")\n\tprintf(\"b\");\n}",
		"test.bt:3:2: ERROR: syntax error: expected ';' or '}' but found 'printf'\n"
		"\tprintf(\"b\");\n"
		"\t^\n");
	/* A bad token: the lexer's report, once. */
	CHECK_SYNTAX_ERROR("BEGIN { @x = 1 ` 2; }",
		"test.bt:1:16: ERROR: invalid character '`'\n"
		"BEGIN { @x = 1 ` 2; }\n"
		"               ^\n");
	CHECK_SYNTAX_ERROR("BEGIN { @x = 0x; }",
		"test.bt:1:14: ERROR: invalid integer literal '0x'\n"
		"BEGIN { @x = 0x; }\n"
		"             ^\n");
	/* Unexpected tokens in expressions. */
	CHECK_SYNTAX_ERROR("BEGIN { $x = 1 + ; }",
		"test.bt:1:18: ERROR: syntax error: unexpected ';'\n"
		"BEGIN { $x = 1 + ; }\n"
		"                 ^\n");
	CHECK_SYNTAX_ERROR("BEGIN { $x = }",
		"test.bt:1:14: ERROR: syntax error: unexpected '}'\n"
		"BEGIN { $x = }\n"
		"             ^\n");
	CHECK_SYNTAX_ERROR("BEGIN { $x = (1 + 2; }",
		"test.bt:1:20: ERROR: syntax error: expected ')' but found ';'\n"
		"BEGIN { $x = (1 + 2; }\n"
		"                   ^\n");
	CHECK_SYNTAX_ERROR("BEGIN { @m[1 = 2; }",
		"test.bt:1:14: ERROR: syntax error: expected ']' but found '='\n"
		"BEGIN { @m[1 = 2; }\n"
		"             ^\n");
	CHECK_SYNTAX_ERROR("BEGIN { printf(\"%d\", 1 }",
		"test.bt:1:24: ERROR: syntax error: expected ')' but found '}'\n"
		"BEGIN { printf(\"%d\", 1 }\n"
		"                       ^\n");
	CHECK_SYNTAX_ERROR("BEGIN { $x = 1 ? 2; }",
		"test.bt:1:19: ERROR: syntax error: expected ':' but found ';'\n"
		"BEGIN { $x = 1 ? 2; }\n"
		"                  ^\n");
	CHECK_SYNTAX_ERROR("BEGIN { $x = args.; }",
		"test.bt:1:19: ERROR: syntax error: expected a field name after '.'\n"
		"BEGIN { $x = args.; }\n"
		"                  ^\n");
	CHECK_SYNTAX_ERROR("BEGIN { $x = args->1; }",
		"test.bt:1:20: ERROR: syntax error: expected a field name after '->'\n"
		"BEGIN { $x = args->1; }\n"
		"                   ^\n");
	/* Empty programs. */
	CHECK_SYNTAX_ERROR("",
		"test.bt:1:1: ERROR: no probes in the program\n"
		"\n"
		"^\n");
	CHECK_SYNTAX_ERROR("// nothing\n#include <linux/sched.h>\n",
		"test.bt:1:1: ERROR: no probes in the program\n"
		"// nothing\n"
		"^\n");
	/* Unterminated string and comment. */
	CHECK_SYNTAX_ERROR("BEGIN { printf(\"abc); }",
		"test.bt:1:16: ERROR: unterminated string\n"
		"BEGIN { printf(\"abc); }\n"
		"               ^\n");
	CHECK_SYNTAX_ERROR("BEGIN {\n  @x = 1; /* the end",
		"test.bt:2:11: ERROR: unterminated comment\n"
		"  @x = 1; /* the end\n"
		"          ^\n");
	/* Probe heads. */
	CHECK_SYNTAX_ERROR("BEGIN",
		"test.bt:1:6: ERROR: syntax error: expected '{' after the attach point, found end of file\n"
		"BEGIN\n"
		"     ^\n");
	CHECK_SYNTAX_ERROR("BEGIN /pid/ @x = 1;",
		"test.bt:1:13: ERROR: syntax error: expected '{' after the attach point, found '@x'\n"
		"BEGIN /pid/ @x = 1;\n"
		"            ^\n");
	CHECK_SYNTAX_ERROR("kprobe:f /pid == 1 { }",
		"test.bt:1:20: ERROR: syntax error: expected '/' but found '{'\n"
		"kprobe:f /pid == 1 { }\n"
		"                   ^\n");
	CHECK_SYNTAX_ERROR("{ }",
		"test.bt:1:1: ERROR: syntax error: expected an attach point but found '{'\n"
		"{ }\n"
		"^\n");
	CHECK_SYNTAX_ERROR("BEGIN, { }",
		"test.bt:1:8: ERROR: syntax error: expected an attach point but found '{'\n"
		"BEGIN, { }\n"
		"       ^\n");
	CHECK_SYNTAX_ERROR("BEGIN,",
		"test.bt:1:7: ERROR: syntax error: expected an attach point but found end of file\n"
		"BEGIN,\n"
		"      ^\n");
	CHECK_SYNTAX_ERROR("BEGIN { } }",
		"test.bt:1:11: ERROR: syntax error: expected an attach point but found '}'\n"
		"BEGIN { } }\n"
		"          ^\n");
	/* Statements. */
	CHECK_SYNTAX_ERROR("BEGIN { 1 = 2; }",
		"test.bt:1:9: ERROR: can only assign to a $variable or a @map\n"
		"BEGIN { 1 = 2; }\n"
		"        ^\n");
	CHECK_SYNTAX_ERROR("BEGIN { $x = $y = 2; }",
		"test.bt:1:17: ERROR: syntax error: expected ';' or '}' but found '='\n"
		"BEGIN { $x = $y = 2; }\n"
		"                ^\n");
	CHECK_SYNTAX_ERROR("BEGIN { $0 = 1; }",
		"test.bt:1:9: ERROR: invalid positional parameter '$0'\n"
		"BEGIN { $0 = 1; }\n"
		"        ^\n");
	CHECK_SYNTAX_ERROR("BEGIN { $x = $1x; }",
		"test.bt:1:14: ERROR: invalid positional parameter '$1x'\n"
		"BEGIN { $x = $1x; }\n"
		"             ^\n");
	CHECK_SYNTAX_ERROR("BEGIN { unroll($n) { } }",
		"test.bt:1:16: ERROR: unroll needs an integer literal\n"
		"BEGIN { unroll($n) { } }\n"
		"               ^\n");
	CHECK_SYNTAX_ERROR("BEGIN { for (i : 1..2) { } }",
		"test.bt:1:14: ERROR: syntax error: for loops need a $variable\n"
		"BEGIN { for (i : 1..2) { } }\n"
		"             ^\n");
	CHECK_SYNTAX_ERROR("BEGIN { if (1) { } else @x = 1; }",
		"test.bt:1:25: ERROR: syntax error: expected '{' but found '@x'\n"
		"BEGIN { if (1) { } else @x = 1; }\n"
		"                        ^\n");
	CHECK_SYNTAX_ERROR("BEGIN { while (1) @x = 1; }",
		"test.bt:1:19: ERROR: syntax error: expected '{' but found '@x'\n"
		"BEGIN { while (1) @x = 1; }\n"
		"                  ^\n");
	/* Long tokens are quoted up to 40 characters. */
	CHECK_SYNTAX_ERROR("BEGIN { 1 \"0123456789012345678901234567890123456789xyz\" }",
		"test.bt:1:11: ERROR: syntax error: expected ';' or '}' but found "
		"'\"012345678901234567890123456789012345678'\n"
		"BEGIN { 1 \"0123456789012345678901234567890123456789xyz\" }\n"
		"          ^\n");
}

/* Errors deep inside a half-built tree: everything must be freed (the leak
 * check at exit finds what is not) and nothing returned. */
static void test_cleanup_on_error(void)
{
	static const char *const bad[] = {
		"BEGIN, END, i:s:1 /pid == 1 && comm == \"x\"/ {\n"
		"  $x = (uint8)1; $t = (1, \"s\", (2, 3)); @m[a, (1, \"s\")] = $t.2.0;\n"
		"  if (1) { while ($x < 3) { unroll(2) { $y = args->f + sizeof(int32) + } } }\n"
		"}",
		"BEGIN { @a = 1; } END { printf(\"%d %s\", @a, str($1)); } kprobe:x { $z = (struct task_struct *)",
		"BEGIN { @a = 1; } END { print(@a) } i:s:1 /@a[1, 2, (3, 4)]",
		"BEGIN { @x[1] = count(); } tracepoint:a:b, kprobe:c, uprobe:/x:y { @y = \"abc",
		"BEGIN { if (1) { } else if (2) { } else { for ($i : 0..3) { $q = $i ? 1 : `",
		"BEGIN { $x = 1; } END { $y = 2; /* never closed",
		"BEGIN { $v = -~!*&$x; $w = @m[1][2]->x.y; ++$v; } BEGIN { @z++ ",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct parsed r = parse(bad[i]);
		CHECK(r.prog == NULL);
		CHECK(r.nerrors == 1);
		CHECK_STR(r.dump, "");
		parsed_free(&r);
	}
	/* And a successful parse is freed by node_free alone. */
	CHECK_TREE("BEGIN { $x = (uint8)1; $t = (1, \"s\"); @m[a, $t] = $t.1; }",
		"program\n"
		"  probe BEGIN\n"
		"    block\n"
		"      assign =\n"
		"        variable $x\n"
		"        cast (uint8)\n"
		"          int 1\n"
		"      assign =\n"
		"        variable $t\n"
		"        tuple\n"
		"          int 1\n"
		"          string \"s\"\n"
		"      assign =\n"
		"        map @m\n"
		"          builtin a\n"
		"          variable $t\n"
		"        tuple index .1\n"
		"          variable $t\n");
}

#ifdef BPFKIT_KNOWN_BUGS
/* Each of these fails today. */
static void test_known_bugs(void)
{
	/* at_cast() peeks at the token after '(' with lex_next, which reports
	 * a lexer error; the parser then lexes it again and reports it a
	 * second time. */
	CHECK_SYNTAX_ERROR("BEGIN { $x = (\"abc; }",
		"test.bt:1:15: ERROR: unterminated string\n"
		"BEGIN { $x = (\"abc; }\n"
		"              ^\n");
	CHECK_SYNTAX_ERROR("BEGIN { if (`) { } }",
		"test.bt:1:13: ERROR: invalid character '`'\n"
		"BEGIN { if (`) { } }\n"
		"            ^\n");
	/* An unterminated comment after ',' is reported, then the missing
	 * attach point as well. */
	CHECK_SYNTAX_ERROR("BEGIN, /* x",
		"test.bt:1:8: ERROR: unterminated comment\n"
		"BEGIN, /* x\n"
		"       ^\n");
	/* An unterminated comment after the last probe is reported, yet
	 * parse_program returns the tree: lex_skip_directive reports it and
	 * returns 0, then lex_at_end finds the lexer at the end of the text.
	 * bpfkit then runs the program and exits with status 0. */
	CHECK_SYNTAX_ERROR("BEGIN { }\n/* the end",
		"test.bt:2:1: ERROR: unterminated comment\n"
		"/* the end\n"
		"^\n");
	/* Alone, it is reported and then "no probes in the program" too. */
	CHECK_SYNTAX_ERROR("/* the end",
		"test.bt:1:1: ERROR: unterminated comment\n"
		"/* the end\n"
		"^\n");
}
#endif

int main(void)
{
	test_precedence();
	test_ternary();
	test_unary();
	test_casts();
	test_primaries();
	test_statements();
	test_probes();
	test_locations();
	test_syntax_errors();
	test_cleanup_on_error();
#ifdef BPFKIT_KNOWN_BUGS
	test_known_bugs();
#endif
	return check_report("parser");
}
