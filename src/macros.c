/* Macro expansion. A call of a macro becomes a copy of its body (a block
 * expression, whose value is the body's last expression if it has one),
 * with its parameters bound:
 *   $x  the caller's variable, by reference: the body's $x is renamed;
 *   @m  the caller's map, by reference: the body's @m is renamed;
 *   x   an expression, copied to each place the body names x (so it is
 *       evaluated there, each time, as bpftrace does).
 * Variables the body assigns are renamed ($$macro_name) so that they never
 * meet the caller's, and a body may name no map but its parameters.
 * Macros may share a name if their parameters differ in number or kind;
 * a call takes the first whose parameters its arguments fit exactly. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "macros.h"

#define MAX_NESTING 32

struct expander {
	struct diag *diag;
	struct node **macros;	/* N_MACRO nodes, in definition order */
	int nmacros;
	const char *chain[MAX_NESTING];	/* the macros being expanded */
	int depth;
};

/* ---- choosing a definition ---- */

static bool is_plain_map(const struct node *n)
{
	return n->kind == N_MAP && n->nkids == 0;
}

/* How far arguments are from fitting macro m: 0 is an exact fit; a
 * different count weighs more than any mismatch of kinds. */
static int fit_distance(const struct node *m, struct node *const *args, int nargs)
{
	int d = 1024 * abs(m->nkids - nargs);
	for (int i = 0; i < m->nkids && i < nargs; i++) {
		const struct node *param = m->kids[i];
		d += (param->kind == N_MAP && !is_plain_map(args[i])) ||
		     (param->kind == N_VAR && args[i]->kind != N_VAR);
	}
	return d;
}

/* The macro named `name` that args fit exactly, else NULL with *closest
 * the nearest one of that name (NULL when no macro has the name). */
static struct node *find_macro(const struct expander *x, const char *name,
			       struct node *const *args, int nargs, struct node **closest)
{
	int best = -1;
	*closest = NULL;
	for (int i = 0; i < x->nmacros; i++) {
		struct node *m = x->macros[i];
		if (strcmp(m->str, name))
			continue;
		int d = fit_distance(m, args, nargs);
		if (d == 0)
			return m;
		if (best < 0 || d < best)
			best = d, *closest = m;
	}
	return NULL;
}

static const char *kind_words(const struct node *n)
{
	return n->kind == N_MAP && !n->nkids ? "a map" : n->kind == N_VAR ? "a variable" : "an expression";
}

static void report_no_fit(struct expander *x, const struct node *call, struct node *const *args,
			  int nargs, const struct node *m)
{
	diag_error(x->diag, call->loc, "Call to %s() has arguments that do not match any definition.",
		   m->str);
	if (m->nkids != nargs) {
		diag_error(x->diag, m->loc, "The closest definition of %s() has a different number of arguments. Expected: %d but got %d",
			   m->str, m->nkids, nargs);
		return;
	}
	for (int i = 0; i < nargs; i++) {
		const struct node *param = m->kids[i];
		if (param->kind == N_BUILTIN ||
		    (param->kind == N_MAP ? is_plain_map(args[i]) : args[i]->kind == N_VAR))
			continue;
		diag_error(x->diag, args[i]->loc, "Mismatched arg. %s() expects %s for arg %s but got %s.",
			   m->str, param->kind == N_MAP ? "a map" : "a variable", param->str,
			   kind_words(args[i]));
	}
}

/* ---- checking definitions ---- */

static const struct node *find_param(const struct node *m, enum node_kind kind, const char *name)
{
	for (int i = 0; i < m->nkids; i++)
		if (m->kids[i]->kind == kind && !strcmp(m->kids[i]->str, name))
			return m->kids[i];
	return NULL;
}

/* A body may reach only the maps it is given (else its effect would
 * depend on where it is called). */
static bool check_hygiene(struct expander *x, const struct node *m, const struct node *n)
{
	if (!n)
		return true;
	if (n->kind == N_MAP && !find_param(m, N_MAP, n->str)) {
		diag_error(x->diag, n->loc, "Unhygienic access to map: %s. Maps must be passed into the macro as arguments.",
			   n->str);
		return false;
	}
	bool ok = check_hygiene(x, m, n->a) && check_hygiene(x, m, n->b) && check_hygiene(x, m, n->c);
	for (int i = 0; ok && i < n->nkids; i++)
		ok = check_hygiene(x, m, n->kids[i]);
	return ok;
}

static bool check_params(struct expander *x, const struct node *m)
{
	for (int i = 0; i < m->nkids; i++) {
		const struct node *p = m->kids[i];
		for (int j = 0; j < i; j++)
			if (!strcmp(m->kids[j]->str, p->str)) {
				diag_error(x->diag, p->loc, "%s for macro argument has already been used: %s",
					   p->kind == N_VAR ? "Variable" : p->kind == N_MAP ? "Map" : "Ident",
					   p->str);
				return false;
			}
	}
	return true;
}

/* Registers m unless an earlier macro of its name takes the same
 * arguments (the earlier one, being more specific or equal, wins). */
static void add_macro(struct expander *x, struct node *m)
{
	struct node *closest;
	if (find_macro(x, m->str, m->kids, m->nkids, &closest)) {
		diag_error(x->diag, m->loc, "Redefinition of macro: %s", m->str);
		return;
	}
	if (!check_params(x, m) || !check_hygiene(x, m, m->a))
		return;
	x->macros = realloc(x->macros, (size_t)(x->nmacros + 1) * sizeof(*x->macros));
	if (!x->macros)
		abort();
	x->macros[x->nmacros++] = m;
}

/* ---- expanding a call ---- */

struct names {
	char **v;
	int n;
};

static bool names_has(const struct names *s, const char *name)
{
	for (int i = 0; i < s->n; i++)
		if (!strcmp(s->v[i], name))
			return true;
	return false;
}

/* The variables body n assigns or declares, parameters aside. */
static void collect_locals(const struct node *m, const struct node *n, struct names *out)
{
	if (!n)
		return;
	const struct node *var = NULL;
	if ((n->kind == N_ASSIGN || n->kind == N_INCDEC || n->kind == N_FOR ||
	     n->kind == N_BLOCK) && n->a && n->a->kind == N_VAR)
		var = n->a;	/* N_BLOCK with a variable: a bare `let $x` */
	if (var && !find_param(m, N_VAR, var->str) && !names_has(out, var->str)) {
		out->v = realloc(out->v, (size_t)(out->n + 1) * sizeof(*out->v));
		if (!out->v)
			abort();
		out->v[out->n++] = text_copy(var->str, strlen(var->str));
	}
	collect_locals(m, n->a, out);
	collect_locals(m, n->b, out);
	collect_locals(m, n->c, out);
	for (int i = 0; i < n->nkids; i++)
		collect_locals(m, n->kids[i], out);
}

static void rename_locals(struct node *n, const struct names *locals, const char *macro, int depth)
{
	if (!n)
		return;
	if (n->kind == N_VAR && names_has(locals, n->str)) {
		char name[256];
		if (depth > 1)
			snprintf(name, sizeof(name), "$$%s_%d_%s", macro, depth, n->str + 1);
		else
			snprintf(name, sizeof(name), "$$%s_%s", macro, n->str + 1);
		free(n->str);
		n->str = text_copy(name, strlen(name));
	}
	rename_locals(n->a, locals, macro, depth);
	rename_locals(n->b, locals, macro, depth);
	rename_locals(n->c, locals, macro, depth);
	for (int i = 0; i < n->nkids; i++)
		rename_locals(n->kids[i], locals, macro, depth);
}

/* An expression argument, copied for one use. A bare variable or map is
 * put in a block so that the body cannot assign to it through the name. */
static struct node *argument_copy(const struct node *arg)
{
	struct node *c = node_clone(arg);
	if (arg->kind != N_VAR && !is_plain_map(arg))
		return c;
	struct node *blk = node_new(N_BLOCK_EXPR, arg->loc);
	blk->a = c;
	return blk;
}

/* NAME=value in a record literal (a=1, b=2): NAME is no expression. */
static bool is_record_field(const struct node *n)
{
	return n->kind == N_ASSIGN && n->a && n->a->kind == N_BUILTIN;
}

static void bind_params(struct node **slot, const struct node *m, struct node *const *args)
{
	struct node *n = *slot;
	if (!n)
		return;
	for (int i = 0; i < m->nkids; i++) {
		const struct node *p = m->kids[i];
		if (p->kind == N_BUILTIN && n->kind == N_BUILTIN && !strcmp(n->str, p->str)) {
			*slot = argument_copy(args[i]);
			node_free(n);
			return;
		}
		if (p->kind == n->kind && p->kind != N_BUILTIN && !strcmp(n->str, p->str)) {
			free(n->str);
			n->str = text_copy(args[i]->str, strlen(args[i]->str));
			break;
		}
	}
	if (!is_record_field(n))
		bind_params(&n->a, m, args);
	bind_params(&n->b, m, args);
	bind_params(&n->c, m, args);
	for (int i = 0; i < n->nkids; i++)
		bind_params(&n->kids[i], m, args);
}

static void expand(struct expander *x, struct node **slot);

static bool check_recursion(struct expander *x, const struct node *call, const char *name)
{
	for (int i = 0; i < x->depth; i++) {
		if (strcmp(x->chain[i], name))
			continue;
		char chain[512] = "";
		for (int j = i; j < x->depth; j++)
			snprintf(chain + strlen(chain), sizeof(chain) - strlen(chain), "%s > ", x->chain[j]);
		diag_error(x->diag, call->loc, "Recursive macro call detected. Call chain: %s%s", chain, name);
		return false;
	}
	if (x->depth == MAX_NESTING) {
		diag_error(x->diag, call->loc, "macro %s is nested more than %d deep", name, MAX_NESTING);
		return false;
	}
	return true;
}

/* Replaces the call at *slot by macro m's body with args bound. */
static void expand_call(struct expander *x, struct node **slot, const struct node *m,
			struct node *const *args)
{
	struct node *call = *slot;
	if (!check_recursion(x, call, m->str))
		return;
	struct node *body = node_clone(m->a);
	body->loc = call->loc;
	body->str = text_copy(m->str, strlen(m->str));	/* for messages */
	struct names locals = { 0 };
	collect_locals(m, body, &locals);
	rename_locals(body, &locals, m->str, x->depth + 1);
	for (int i = 0; i < locals.n; i++)
		free(locals.v[i]);
	free(locals.v);
	bind_params(&body, m, args);
	x->chain[x->depth++] = m->str;
	expand(x, &body);
	x->depth--;
	*slot = body;
	node_free(call);
}

/* A call of a macro, or a bare name that calls one without arguments. */
static void expand_node(struct expander *x, struct node **slot)
{
	struct node *n = *slot;
	if (n->kind != N_CALL && n->kind != N_BUILTIN)
		return;
	struct node *closest;
	struct node *const *args = n->kind == N_CALL ? n->kids : NULL;
	int nargs = n->kind == N_CALL ? n->nkids : 0;
	struct node *m = find_macro(x, n->str, args, nargs, &closest);
	if (m)
		expand_call(x, slot, m, args);
	else if (closest)
		report_no_fit(x, n, args, nargs, closest);
}

static void expand(struct expander *x, struct node **slot)
{
	struct node *n = *slot;
	if (!n || (n->kind == N_CAST && !n->a))
		return;
	/* offsetof's member name is not an expression */
	bool member_name = n->kind == N_CALL && !strcmp(n->str, "offsetof");
	if (!is_record_field(n))
		expand(x, &n->a);
	expand(x, &n->b);
	expand(x, &n->c);
	for (int i = 0; i < n->nkids && !member_name; i++)
		expand(x, &n->kids[i]);
	expand_node(x, slot);
}

int macros_expand(struct node *prog, struct diag *diag)
{
	struct expander x = { .diag = diag };
	int errors = diag->nerrors;
	for (int i = 0; prog->c && i < prog->c->nkids; i++)
		if (prog->c->kids[i]->kind == N_MACRO)
			add_macro(&x, prog->c->kids[i]);
	for (int i = 0; x.nmacros && diag->nerrors == errors && i < prog->nkids; i++) {
		expand(&x, &prog->kids[i]->a);
		expand(&x, &prog->kids[i]->b);
	}
	free(x.macros);
	int kept = 0;	/* what later stages read (map declarations) */
	for (int i = 0; prog->c && i < prog->c->nkids; i++) {
		if (prog->c->kids[i]->kind == N_MACRO)
			node_free(prog->c->kids[i]);
		else
			prog->c->kids[kept++] = prog->c->kids[i];
	}
	if (prog->c)
		prog->c->nkids = kept;
	return diag->nerrors == errors ? 0 : -1;
}
