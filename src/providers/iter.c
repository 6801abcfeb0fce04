/* iter:NAME — BPF iterators (task, task_file, task_vma, ...): the program
 * runs once for each object the kernel walks, when bpfkit reads the
 * iterator, and the run ends when the walk does. The arguments are the
 * members of the kernel's struct bpf_iter__NAME, typed through BTF. */
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/btf.h>
#include "provider.h"

extern const struct provider provider_iter;

/* The id of BTF type `name` of `kind`, or a negative errno. */
static int btf_id_of(const char *name, int kind)
{
	struct btf *btf = btf__load_vmlinux_btf();
	if (!btf)
		return -errno;
	int id = btf__find_by_name_kind(btf, name, kind);
	btf__free(btf);
	return id < 0 ? -ENOENT : id;
}

static int expand_iter(const char *spec, struct probe_list *out, struct errbuf *e)
{
	if (!*spec || strchr(spec, ':'))
		return err_set(e, "iter needs an iterator name, e.g. iter:task");
	char fn[256];
	snprintf(fn, sizeof(fn), "bpf_iter_%s", spec);
	int id = btf_id_of(fn, BTF_KIND_FUNC);
	if (id == -ENOENT)
		return err_set(e, "iter:%s: this kernel has no such BPF iterator", spec);
	if (id < 0)
		return err_set(e, "iter:%s: BPF iterators need kernel BTF: %s", spec, strerror(-id));
	char name[300];
	snprintf(name, sizeof(name), "iter:%s", spec);
	struct probe *p = probe_list_add(out, &provider_iter, name);
	p->func = strdup(spec);
	if (!p->func)
		abort();
	p->config = (uint64_t)id;
	return 0;
}

static void add_field(struct probe *p, const struct btf *btf, const char *name,
		      uint32_t offset, uint32_t type)
{
	__s64 size = btf__resolve_size(btf, type);
	p->fields = realloc(p->fields, (size_t)(p->nfields + 1) * sizeof(*p->fields));
	if (!p->fields)
		abort();
	struct ctx_field *f = &p->fields[p->nfields++];
	*f = (struct ctx_field){ .name = strdup(name), .ctype = strdup("pointer"),
				 .kind = F_INT, .offset = offset,
				 .size = size > 0 && size <= 8 ? (uint32_t)size : 8,
				 .btf_type_id = type };
	if (!f->name || !f->ctype)
		abort();
	/* The walk ends with one call whose object is NULL: skip it. */
	if (!p->guard_offset)
		p->guard_offset = offset;
}

/* Members of a record, looking into anonymous unions (the kernel wraps
 * each pointer of bpf_iter__NAME in one). */
static void add_members(struct probe *p, const struct btf *btf,
			const struct btf_type *t, uint32_t base)
{
	const struct btf_member *m = btf_members(t);
	for (int i = 0; i < btf_vlen(t); i++, m++) {
		const char *mname = btf__name_by_offset(btf, m->name_off);
		uint32_t off = base + btf_member_bit_offset(t, (uint32_t)i) / 8;
		if (mname && *mname) {
			if (strcmp(mname, "meta"))
				add_field(p, btf, mname, off, m->type);
			continue;
		}
		const struct btf_type *inner = btf__type_by_id(btf, m->type);
		if (inner && btf_is_composite(inner))
			add_members(p, btf, inner, off);
	}
}

/* The members of struct bpf_iter__NAME after its `meta`. */
static int describe_iter(struct probe *p, struct errbuf *e)
{
	struct btf *btf = btf__load_vmlinux_btf();
	if (!btf)
		return err_set(e, "%s: no kernel BTF: %s", p->name, strerror(errno));
	char sname[300];
	snprintf(sname, sizeof(sname), "bpf_iter__%s", p->func);
	int id = btf__find_by_name_kind(btf, sname, BTF_KIND_STRUCT);
	const struct btf_type *t = id > 0 ? btf__type_by_id(btf, (unsigned)id) : NULL;
	if (!t) {
		btf__free(btf);
		return err_set(e, "%s: the kernel has no struct %s", p->name, sname);
	}
	add_members(p, btf, t, 0);
	btf__free(btf);
	return 0;
}

static int prepare_iter(struct probe *p, struct bpf_prog_load_opts *opts, struct errbuf *e)
{
	(void)e;
	opts->expected_attach_type = BPF_TRACE_ITER;
	opts->attach_btf_id = (__u32)p->config;
	return 0;
}

/* Creates the iterator and reads it to the end: that runs the program
 * over every object now. */
static int attach_iter(struct probe *p, int prog_fd, struct errbuf *e)
{
	int link = bpf_link_create(prog_fd, 0, BPF_TRACE_ITER, NULL);
	if (link < 0)
		return err_set(e, "%s: cannot attach the iterator: %s", p->name, strerror(-link));
	probe_add_fd(p, link);
	int it = bpf_iter_create(link);
	if (it < 0)
		return err_set(e, "%s: cannot create the iterator: %s", p->name, strerror(-it));
	char buf[4096];
	ssize_t n;
	while ((n = read(it, buf, sizeof(buf))) > 0)
		;
	int err = n < 0 ? -errno : 0;
	close(it);
	if (err)
		return err_set(e, "%s: reading the iterator: %s", p->name, strerror(-err));
	return 0;
}

/* -l: every iterator this kernel has (its bpf_iter_NAME functions). */
static int list_iter(const char *glob, bool verbose, FILE *out)
{
	(void)verbose;
	if (glob && strncmp(glob, "iter", 4) && strncmp(glob, "it:", 3) && strncmp(glob, "*", 1))
		return 0;
	const char *pat = glob && strchr(glob, ':') ? strchr(glob, ':') + 1 : "*";
	struct btf *btf = btf__load_vmlinux_btf();
	if (!btf)
		return 0;
	uint32_t n = btf__type_cnt(btf);
	for (uint32_t id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);
		const char *name = btf_is_func(t) ? btf__name_by_offset(btf, t->name_off) : NULL;
		if (!name || strncmp(name, "bpf_iter_", 9) || fnmatch(pat, name + 9, 0))
			continue;
		/* An iterator also has its context struct; kfuncs such as
		 * bpf_iter_task_new do not. */
		char ctx[300];
		snprintf(ctx, sizeof(ctx), "bpf_iter__%s", name + 9);
		if (btf__find_by_name_kind(btf, ctx, BTF_KIND_STRUCT) > 0)
			fprintf(out, "iter:%s\n", name + 9);
	}
	btf__free(btf);
	return 0;
}

const struct provider provider_iter = {
	.name = "iter", .alias = "it", .prog_type = BPF_PROG_TYPE_TRACING,
	.run = RUN_ONCE, .expand = expand_iter, .describe = describe_iter,
	.prepare_load = prepare_iter, .attach = attach_iter, .detach = probe_close_fds,
	.list = list_iter,
};
