/* rawtracepoint:NAME — a kernel tracepoint's raw arguments, before the
 * tracepoint's own formatting: the program gets the u64 array the
 * tracepoint was called with, read as arg0..argN and args.NAME. How many there are
 * comes from the vmlinux BTF typedef btf_trace_NAME (a pointer to the
 * function type of the tracepoint's probe, whose first parameter is the
 * probe's private data and not a tracepoint argument). */
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "provider.h"

extern const struct provider provider_rawtracepoint;

#define PREFIX "btf_trace_"

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The tracepoint names BTF knows matching glob, sorted; -errno when the
 * kernel has no BTF. */
static int btf_tracepoints(const char *glob, char ***out)
{
	struct btf *btf = btf__load_vmlinux_btf();
	if (!btf)
		return -errno;
	char **v = NULL;
	int n = 0, cap = 0;
	for (unsigned id = 1; id < btf__type_cnt(btf); id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);
		const char *name = btf__name_by_offset(btf, t->name_off);
		if (!btf_is_typedef(t) || !name || strncmp(name, PREFIX, strlen(PREFIX)) ||
		    fnmatch(glob, name + strlen(PREFIX), 0))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 256;
			v = realloc(v, (size_t)cap * sizeof(*v));
			if (!v)
				abort();
		}
		v[n] = strdup(name + strlen(PREFIX));
		if (!v[n])
			abort();
		n++;
	}
	btf__free(btf);
	qsort(v, (size_t)n, sizeof(*v), cmp_names);
	*out = v;
	return n;
}

static void free_names(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Number of arguments of tracepoint name, or -errno (ENOENT: BTF has no
 * such tracepoint; other: no BTF). */
/* The arguments of raw tracepoint `name` from its BTF prototype
 * (btf_trace_NAME, whose first parameter is the probe's own data): their
 * count, and up to max of their type ids in ids. */
static int tracepoint_params(const char *name, uint32_t *ids, int max)
{
	struct btf *btf = btf__load_vmlinux_btf();
	if (!btf)
		return -errno;
	char tname[256];
	snprintf(tname, sizeof(tname), PREFIX "%s", name);
	int n = -ENOENT;
	int id = btf__find_by_name_kind(btf, tname, BTF_KIND_TYPEDEF);
	const struct btf_type *t = id > 0 ? btf__type_by_id(btf, (unsigned)id) : NULL;
	if (t)
		t = btf__type_by_id(btf, t->type);		/* the pointer */
	if (t && btf_is_ptr(t))
		t = btf__type_by_id(btf, t->type);	/* the function type */
	if (t && btf_is_func_proto(t)) {
		n = btf_vlen(t) > 0 ? btf_vlen(t) - 1 : 0;
		const struct btf_param *params = btf_params(t);
		for (int i = 0; i < n && i < max; i++)
			ids[i] = params[i + 1].type;
	}
	btf__free(btf);
	return n;
}

static int tracepoint_nargs(const char *name)
{
	return tracepoint_params(name, NULL, 0);
}

static void add_probe(struct probe_list *out, const char *name)
{
	char full[512];
	snprintf(full, sizeof(full), "rawtracepoint:%s", name);
	struct probe *p = probe_list_add(out, &provider_rawtracepoint, full);
	p->func = strdup(name);
	if (!p->func)
		abort();
}

static int expand_rawtracepoint(const char *spec, struct probe_list *out, struct errbuf *e)
{
	if (!*spec || strchr(spec, ':'))
		return err_set(e, "rawtracepoint needs a tracepoint name, e.g. rawtracepoint:sched_switch");
	if (!strpbrk(spec, "*?[")) {
		/* Without BTF the name is taken on trust; the kernel checks it
		 * when attaching. */
		if (tracepoint_nargs(spec) == -ENOENT)
			return err_set(e, "rawtracepoint not found: %s", spec);
		add_probe(out, spec);
		return 0;
	}
	char **names;
	int n = btf_tracepoints(spec, &names);
	if (n < 0)
		return err_set(e, "rawtracepoint wildcards need kernel BTF (/sys/kernel/btf/vmlinux): %s",
			       strerror(-n));
	for (int i = 0; i < n; i++)
		add_probe(out, names[i]);
	free_names(names, n);
	return 0;
}

/* The kernel's stub for each tracepoint, __probestub_NAME (Linux 6.4+),
 * has the tracepoint's prototype with parameter names, which bpftrace
 * gives as args.NAME. Adds a field per named parameter, reading what the
 * argN of the same place reads; none when BTF has no such stub. */
static void add_named_params(struct probe *p)
{
	struct btf *btf = btf__load_vmlinux_btf();
	if (!btf)
		return;
	char fname[256];
	snprintf(fname, sizeof(fname), "__probestub_%s", p->func);
	int id = btf__find_by_name_kind(btf, fname, BTF_KIND_FUNC);
	const struct btf_type *t = id > 0 ? btf__type_by_id(btf, (unsigned)id) : NULL;
	if (t)
		t = btf__type_by_id(btf, t->type);
	int n = t && btf_is_func_proto(t) ? btf_vlen(t) - 1 : 0;
	if (n <= 0 || n != p->nfields) {	/* none, or not btf_trace_NAME's */
		btf__free(btf);
		return;
	}
	const struct btf_param *params = btf_params(t) + 1;	/* after __data */
	p->fields = realloc(p->fields, (size_t)(2 * n) * sizeof(*p->fields));
	if (!p->fields)
		abort();
	for (int i = 0; i < n; i++) {
		const char *name = btf__name_by_offset(btf, params[i].name_off);
		const struct btf_type *pt = btf__type_by_id(btf, params[i].type);
		while (pt && (btf_is_typedef(pt) || btf_is_mod(pt)))
			pt = btf__type_by_id(btf, pt->type);
		struct ctx_field *f = &p->fields[p->nfields];
		*f = p->fields[i];
		f->name = strdup(name && *name ? name : "");
		f->ctype = strdup(f->ctype);
		if (!f->name || !f->ctype)
			abort();
		f->is_signed = pt && btf_is_int(pt) && (btf_int_encoding(pt) & BTF_INT_SIGNED);
		if (*f->name)
			p->nfields++;
		else {
			free(f->name);
			free(f->ctype);
		}
	}
	btf__free(btf);
}

static int describe_rawtracepoint(struct probe *p, struct errbuf *e)
{
	uint32_t ids[16] = { 0 };
	int n = tracepoint_params(p->func, ids, 16);
	if (n < 0)
		return err_set(e, "%s: arguments need kernel BTF: %s", p->name, strerror(-n));
	p->fields = calloc((size_t)(n ? n : 1), sizeof(*p->fields));
	if (!p->fields)
		abort();
	for (int i = 0; i < n; i++) {
		struct ctx_field *f = &p->fields[i];
		char name[16];
		snprintf(name, sizeof(name), "arg%d", i);
		f->name = strdup(name);
		f->ctype = strdup("uint64");
		if (!f->name || !f->ctype)
			abort();
		f->kind = F_INT;
		f->offset = (uint32_t)(8 * i);
		f->size = 8;
		/* Typed through BTF: a struct pointer can be followed (arg1->comm). */
		f->btf_type_id = i < 16 ? ids[i] : 0;
	}
	p->nfields = n;
	add_named_params(p);
	return 0;
}

static int attach_rawtracepoint(struct probe *p, int prog_fd, struct errbuf *e)
{
	int fd = bpf_raw_tracepoint_open(p->func, prog_fd);
	if (fd < 0)
		return err_set(e, "%s: attach: %s", p->name, strerror(-fd));
	probe_add_fd(p, fd);
	return 0;
}

static int list_rawtracepoint(const char *glob, bool verbose, FILE *out)
{
	const char *name_glob = "*";
	if (glob) {
		size_t len = strcspn(glob, ":");
		if (glob[len]) {
			if (provider_find(glob, len) != &provider_rawtracepoint)
				return 0;
			name_glob = glob + len + 1;
		} else if (fnmatch(glob, "rawtracepoint", 0)) {
			name_glob = glob;
		}
	}
	char **names;
	int n = btf_tracepoints(name_glob, &names);
	if (n < 0)
		return 0;	/* no BTF: nothing to list */
	for (int i = 0; i < n; i++) {
		fprintf(out, "rawtracepoint:%s\n", names[i]);
		int nargs = verbose ? tracepoint_nargs(names[i]) : 0;
		for (int k = 0; k < nargs; k++)
			fprintf(out, "    uint64 arg%d\n", k);
	}
	free_names(names, n);
	return 0;
}

const struct provider provider_rawtracepoint = {
	.name = "rawtracepoint", .alias = "rt", .prog_type = BPF_PROG_TYPE_RAW_TRACEPOINT,
	.run = RUN_ON_EVENT, .expand = expand_rawtracepoint,
	.describe = describe_rawtracepoint, .attach = attach_rawtracepoint,
	.detach = probe_close_fds, .list = list_rawtracepoint,
};
