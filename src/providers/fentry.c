/* fentry:FUNC and fexit:FUNC (also spelled kfunc and kretfunc) — kernel
 * function entry and return through BPF trampolines. The program type is
 * BPF_PROG_TYPE_TRACING, tied at load time to the function's vmlinux BTF
 * id; its context is the function's arguments as an array of u64, which
 * BTF names: args->NAME, and retval after them for fexit. Kernels that
 * cannot build trampolines refuse the load or the attach: bpfkit checks
 * first with a two-instruction program and says which feature is missing. */
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "bpf_insn.h"
#include "provider.h"

extern const struct provider provider_fentry, provider_fexit, provider_kfunc,
	provider_kretfunc;

static bool is_exit(const struct provider *pv)
{
	return pv == &provider_fexit || pv == &provider_kretfunc;
}

/* ---- BTF types as C text ---- */

/* Writes the C spelling of type id ("struct file *", "const char *",
 * "unsigned int") to buf. */
static void type_name(const struct btf *btf, unsigned id, char *buf, size_t len)
{
	char stars[16] = "";
	const char *quals = "";
	const struct btf_type *t = btf__type_by_id(btf, id);
	/* Peel pointers and qualifiers: "const char *" is ptr -> const -> char. */
	while (t && (btf_is_ptr(t) || btf_is_const(t) || btf_is_volatile(t) ||
		     btf_is_restrict(t))) {
		if (btf_is_ptr(t) && strlen(stars) < sizeof(stars) - 1)
			strcat(stars, "*");
		else if (btf_is_const(t))
			quals = "const ";
		t = btf__type_by_id(btf, t->type);
	}
	const char *kind = "", *name = "void";
	if (t && t->name_off)
		name = btf__name_by_offset(btf, t->name_off);
	if (t && btf_is_struct(t))
		kind = "struct ";
	else if (t && btf_is_union(t))
		kind = "union ";
	else if (t && btf_is_enum(t))
		kind = "enum ";
	else if (t && btf_is_func_proto(t))
		name = "void (*)()", stars[0] = 0;
	snprintf(buf, len, "%s%s%s%s%s", quals, kind, name, *stars ? " " : "", stars);
}

/* Whether an argument of type id is a signed integer (after typedefs). */
static bool type_signed(const struct btf *btf, unsigned id)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	while (t && (btf_is_typedef(t) || btf_is_const(t) || btf_is_volatile(t)))
		t = btf__type_by_id(btf, t->type);
	if (t && btf_is_int(t))
		return (btf_int_encoding(t) & BTF_INT_SIGNED) != 0;
	return t && btf_is_enum(t) && btf_kflag(t);
}

/* Bytes to load for a value of type id: its size when it is an integer
 * or enum of 1, 2 or 4 bytes (the kernel stores it zero-extended in the
 * u64 slot, so a narrower load of the low bytes, sign-extended, is its
 * value), else 8. */
static uint32_t load_size(const struct btf *btf, unsigned id)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	while (t && (btf_is_typedef(t) || btf_is_const(t) || btf_is_volatile(t)))
		t = btf__type_by_id(btf, t->type);
	if (!t || !(btf_is_int(t) || btf_is_any_enum(t)))
		return 8;
	long size = btf__resolve_size(btf, id);
	return size == 1 || size == 2 || size == 4 ? (uint32_t)size : 8;
}

/* The FUNC_PROTO of function id. */
static const struct btf_type *func_proto(const struct btf *btf, unsigned id)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	return t && btf_is_func(t) ? btf__type_by_id(btf, t->type) : NULL;
}

/* ---- expansion ---- */

static int cmp_names(const void *a, const void *b)
{
	const struct probe *x = *(struct probe *const *)a, *y = *(struct probe *const *)b;
	return strcmp(x->func, y->func);
}

static int expand_any(const struct provider *pv, const char *spec,
		      struct probe_list *out, struct errbuf *e)
{
	const char *colon = strchr(spec, ':');
	if (colon && (colon - spec != 7 || strncmp(spec, "vmlinux", 7)))
		return err_set(e, "%s: functions of kernel modules are not supported yet; use %s:FUNCTION for vmlinux",
			       pv->name, pv->name);
	const char *func = colon ? colon + 1 : spec;
	if (!*func)
		return err_set(e, "%s needs a kernel function, e.g. %s:vfs_read", pv->name, pv->name);
	struct btf *btf = btf__load_vmlinux_btf();
	if (!btf)
		return err_set(e, "%s needs kernel BTF (/sys/kernel/btf/vmlinux): %s", pv->name,
			       strerror(errno));
	int before = out->n;
	for (unsigned id = 1; id < btf__type_cnt(btf); id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);
		if (!btf_is_func(t))
			continue;
		const char *name = btf__name_by_offset(btf, t->name_off);
		if (!name || fnmatch(func, name, 0))
			continue;
		char full[512];
		snprintf(full, sizeof(full), "%s:%s", pv->name, name);
		struct probe *p = probe_list_add(out, pv, full);
		p->func = strdup(name);
		if (!p->func)
			abort();
		p->config = id;
		if (!strpbrk(func, "*?["))
			break;
	}
	btf__free(btf);
	if (out->n == before && !strpbrk(func, "*?["))
		return err_set(e, "%s: no kernel function '%s' in BTF", pv->name, func);
	/* BTF order is not name order; probes are listed by name. */
	qsort(out->v + before, (size_t)(out->n - before), sizeof(*out->v), cmp_names);
	return 0;
}

static int expand_fentry(const char *spec, struct probe_list *out, struct errbuf *e)
{
	return expand_any(&provider_fentry, spec, out, e);
}

static int expand_fexit(const char *spec, struct probe_list *out, struct errbuf *e)
{
	return expand_any(&provider_fexit, spec, out, e);
}

static int expand_kfunc(const char *spec, struct probe_list *out, struct errbuf *e)
{
	return expand_any(&provider_kfunc, spec, out, e);
}

static int expand_kretfunc(const char *spec, struct probe_list *out, struct errbuf *e)
{
	return expand_any(&provider_kretfunc, spec, out, e);
}

/* args->NAME: parameter i is the u64 at 8 * i; fexit's retval follows. */
static int describe_fentry(struct probe *p, struct errbuf *e)
{
	struct btf *btf = btf__load_vmlinux_btf();
	if (!btf)
		return err_set(e, "%s: no kernel BTF: %s", p->name, strerror(errno));
	const struct btf_type *proto = func_proto(btf, (unsigned)p->config);
	int n = proto ? btf_vlen(proto) : 0;
	const struct btf_param *params = proto ? btf_params(proto) : NULL;
	for (int i = 0; i < n; i++) {
		char ctype[256], name[64];
		type_name(btf, params[i].type, ctype, sizeof(ctype));
		const char *pname = btf__name_by_offset(btf, params[i].name_off);
		snprintf(name, sizeof(name), "%s", pname && *pname ? pname : "");
		if (!*name)
			snprintf(name, sizeof(name), "arg%d", i);
		p->fields = realloc(p->fields, (size_t)(p->nfields + 1) * sizeof(*p->fields));
		if (!p->fields)
			abort();
		struct ctx_field *f = &p->fields[p->nfields++];
		*f = (struct ctx_field){ .name = strdup(name), .ctype = strdup(ctype),
					 .kind = F_INT, .offset = (uint32_t)(8 * i),
					 .size = load_size(btf, params[i].type),
					 .is_signed = type_signed(btf, params[i].type),
					 .btf_type_id = params[i].type };
		if (!f->name || !f->ctype)
			abort();
	}
	if (proto && is_exit(p->prov) && proto->type) {
		char ctype[256];
		type_name(btf, proto->type, ctype, sizeof(ctype));
		p->fields = realloc(p->fields, (size_t)(p->nfields + 1) * sizeof(*p->fields));
		if (!p->fields)
			abort();
		struct ctx_field *f = &p->fields[p->nfields++];
		*f = (struct ctx_field){ .name = strdup("retval"), .ctype = strdup(ctype),
					 .kind = F_INT, .offset = (uint32_t)(8 * n),
					 .size = load_size(btf, proto->type),
					 .is_signed = type_signed(btf, proto->type) };
		if (!f->name || !f->ctype)
			abort();
	}
	btf__free(btf);
	return 0;
}

/* ---- loading and attaching ---- */

/* EPERM/EACCES: trampolines exist but are refused (lockdown, a security
 * module); anything else: the kernel cannot build them. */
static int feature_error(struct probe *p, int err, struct errbuf *e)
{
	return err_set(e, "%s: this kernel %s BPF trampolines (fentry/fexit: %s); use tracepoint or rawtracepoint probes instead",
		       p->name, err == -EPERM || err == -EACCES ? "refuses" : "has no",
		       strerror(-err));
}

static void set_opts(const struct probe *p, struct bpf_prog_load_opts *opts)
{
	opts->expected_attach_type = is_exit(p->prov) ? BPF_TRACE_FEXIT : BPF_TRACE_FENTRY;
	opts->attach_btf_id = (uint32_t)p->config;
}

/* Loads and attaches "r0 = 0; exit" for the same function: the real
 * program then fails only for its own reasons. */
static int check_trampoline(struct probe *p)
{
	struct bpf_insn insns[] = { I_MOV_IMM(BPF_REG_0, 0), I_EXIT() };
	LIBBPF_OPTS(bpf_prog_load_opts, opts);
	set_opts(p, &opts);
	int fd = bpf_prog_load(BPF_PROG_TYPE_TRACING, "bpfkit_check", "GPL", insns, 2, &opts);
	if (fd < 0)
		return fd;
	int link = bpf_link_create(fd, 0, opts.expected_attach_type, NULL);
	int err = link < 0 ? link : 0;
	if (link >= 0)
		close(link);
	close(fd);
	return err;
}

static int prepare_fentry(struct probe *p, struct bpf_prog_load_opts *opts, struct errbuf *e)
{
	int err = check_trampoline(p);
	if (err)
		return feature_error(p, err, e);
	set_opts(p, opts);
	return 0;
}

static int attach_fentry(struct probe *p, int prog_fd, struct errbuf *e)
{
	int link = bpf_link_create(prog_fd, 0, is_exit(p->prov) ? BPF_TRACE_FEXIT :
				   BPF_TRACE_FENTRY, NULL);
	if (link < 0)
		return feature_error(p, link, e);
	probe_add_fd(p, link);
	return 0;
}

/* ---- listing ---- */

static int list_any(const struct provider *pv, const char *glob, bool verbose, FILE *out)
{
	if (!glob)
		return 0;
	size_t len = strcspn(glob, ":");
	if (!glob[len] || provider_find(glob, len) != pv)
		return 0;
	struct probe_list l = { 0 };
	struct errbuf e;
	if (expand_any(pv, glob + len + 1, &l, &e))
		return 0;
	for (int i = 0; i < l.n; i++) {
		fprintf(out, "%s\n", l.v[i]->name);
		if (!verbose || describe_fentry(l.v[i], &e))
			continue;
		for (int k = 0; k < l.v[i]->nfields; k++)
			fprintf(out, "    %s %s\n", l.v[i]->fields[k].ctype, l.v[i]->fields[k].name);
	}
	probe_list_free(&l);
	return 0;
}

static int list_fentry(const char *glob, bool verbose, FILE *out)
{
	return list_any(&provider_fentry, glob, verbose, out);
}

static int list_fexit(const char *glob, bool verbose, FILE *out)
{
	return list_any(&provider_fexit, glob, verbose, out);
}

static int list_kfunc(const char *glob, bool verbose, FILE *out)
{
	return list_any(&provider_kfunc, glob, verbose, out);
}

static int list_kretfunc(const char *glob, bool verbose, FILE *out)
{
	return list_any(&provider_kretfunc, glob, verbose, out);
}

#define FENTRY_PROVIDER(var, pname, palias, expand_fn, list_fn) \
	const struct provider var = { \
		.name = pname, .alias = palias, .prog_type = BPF_PROG_TYPE_TRACING, \
		.run = RUN_ON_EVENT, .expand = expand_fn, .describe = describe_fentry, \
		.prepare_load = prepare_fentry, .attach = attach_fentry, \
		.detach = probe_close_fds, .list = list_fn, \
	}

FENTRY_PROVIDER(provider_fentry, "fentry", "f", expand_fentry, list_fentry);
FENTRY_PROVIDER(provider_fexit, "fexit", "fr", expand_fexit, list_fexit);
FENTRY_PROVIDER(provider_kfunc, "kfunc", NULL, expand_kfunc, list_kfunc);
FENTRY_PROVIDER(provider_kretfunc, "kretfunc", NULL, expand_kretfunc, list_kretfunc);
