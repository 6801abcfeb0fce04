/* kprobe:[MODULE:]FUNC[+OFFSET] and kretprobe:[MODULE:]FUNC — kernel
 * function entry and return, through the kernel's kprobe PMU (a perf
 * event per probe, nothing left in tracefs). FUNC may be a glob over the
 * kernel's functions. The program's context is struct pt_regs. Kernels
 * built without CONFIG_KPROBES have no kprobe PMU: attaching says so. */
#include <errno.h>
#include <fnmatch.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/perf_event.h>
#include <bpf/bpf.h>
#include "provider.h"
#include "providers/uprobe.h"

extern const struct provider provider_kprobe, provider_kretprobe;

/* Calls fn for each kernel text symbol of /proc/kallsyms matching glob
 * (and module, "" for the core kernel, NULL for any), once per name. */
static int for_each_kfunc(const char *module, const char *glob,
			  int (*fn)(const char *name, const char *module, void *arg),
			  void *arg)
{
	FILE *f = fopen("/proc/kallsyms", "r");
	if (!f)
		return -errno;
	char line[512], last[256] = "";
	int err = 0;
	while (!err && fgets(line, sizeof(line), f)) {
		char type, name[256], mod[128] = "";
		unsigned long long addr;
		if (sscanf(line, "%llx %c %255s [%127[^]]]", &addr, &type, name, mod) < 3)
			continue;
		if ((type != 't' && type != 'T') || fnmatch(glob, name, 0) ||
		    (module && strcmp(module, mod)) || !strcmp(name, last))
			continue;
		/* Compiler clones (foo.isra.0, foo.cold) are not what a glob
		 * means, and kprobes refuse many of them; named, they count. */
		if (strchr(name, '.') && strpbrk(glob, "*?["))
			continue;
		snprintf(last, sizeof(last), "%s", name);
		err = fn(name, mod, arg);
	}
	fclose(f);
	return err;
}

struct expand_ctx {
	const struct provider *pv;
	struct probe_list *out;
	uint64_t offset;
	const char *label;	/* the name as written, for exact probes */
	int found;
};

static int add_kfunc(const char *name, const char *module, void *arg)
{
	(void)module;
	struct expand_ctx *x = arg;
	char full[512];
	snprintf(full, sizeof(full), "%s:%s", x->pv->name, x->label ? x->label : name);
	struct probe *p = probe_list_add(x->out, x->pv, full);
	p->func = strdup(name);
	if (!p->func)
		abort();
	p->offset = x->offset;
	x->found++;
	/* An exact name: the first match is the probe. */
	return x->label ? 1 : 0;
}

static int expand_any(const struct provider *pv, const char *spec,
		      struct probe_list *out, struct errbuf *e)
{
	char module[128] = "", func[256];
	const char *colon = strchr(spec, ':');
	if (colon) {
		snprintf(module, sizeof(module), "%.*s", (int)(colon - spec), spec);
		spec = colon + 1;
	}
	const char *plus = strchr(spec, '+');
	uint64_t offset = 0;
	snprintf(func, sizeof(func), "%.*s", plus ? (int)(plus - spec) : (int)strlen(spec), spec);
	if (plus) {
		char *end;
		errno = 0;
		offset = strtoull(plus + 1, &end, 0);
		if (!plus[1] || *end || errno)
			return err_set(e, "%s: bad offset '%s'", pv->name, plus + 1);
		if (pv == &provider_kretprobe)
			return err_set(e, "kretprobe takes no offset");
	}
	if (!*func)
		return err_set(e, "%s needs a kernel function, e.g. %s:vfs_read", pv->name, pv->name);
	bool glob = strpbrk(func, "*?[") != NULL;
	if (glob && plus)
		return err_set(e, "%s: an offset needs one function, not a wildcard", pv->name);
	char label[512];
	snprintf(label, sizeof(label), "%s%s%s", module, *module ? ":" : "", spec);
	struct expand_ctx x = { pv, out, offset, glob ? NULL : label, 0 };
	int err = for_each_kfunc(*module ? module : NULL, func, add_kfunc, &x);
	if (err < 0)
		return err_set(e, "cannot read /proc/kallsyms: %s", strerror(-err));
	if (!x.found && !glob)
		return err_set(e, "%s: no kernel function '%s'%s%s", pv->name, func,
			       *module ? " in module " : "", module);
	return 0;
}

static int expand_kprobe(const char *spec, struct probe_list *out, struct errbuf *e)
{
	return expand_any(&provider_kprobe, spec, out, e);
}

static int expand_kretprobe(const char *spec, struct probe_list *out, struct errbuf *e)
{
	return expand_any(&provider_kretprobe, spec, out, e);
}

static int describe_kprobe(struct probe *p, struct errbuf *e)
{
	(void)e;
	uprobe_add_reg_args(p, false);
	return 0;
}

static int describe_kretprobe(struct probe *p, struct errbuf *e)
{
	(void)e;
	uprobe_add_reg_args(p, true);
	return 0;
}

static int attach_any(struct probe *p, int prog_fd, bool retprobe, struct errbuf *e)
{
	int type = pmu_type("kprobe");
	if (type < 0)
		return err_set(e, "%s: this kernel has no kprobes (CONFIG_KPROBES); use tracepoint or rawtracepoint probes instead",
			       p->name);
	struct perf_event_attr attr = {
		.type = (uint32_t)type,
		.size = sizeof(attr),
		.sample_period = 1,
		.wakeup_events = 1,
		.config1 = (uint64_t)(uintptr_t)p->func,	/* the function's name */
		.config2 = p->offset,
	};
	if (retprobe) {
		int bit = pmu_format_bit("kprobe", "retprobe");
		if (bit < 0)
			return err_set(e, "%s: the kprobe PMU has no retprobe format", p->name);
		attr.config |= 1ULL << bit;
	}
	/* As for tracepoints: opened on CPU 0, the program runs on all. */
	return perf_event_attach(p, &attr, -1, 0, prog_fd, e);
}

static int attach_kprobe(struct probe *p, int prog_fd, struct errbuf *e)
{
	return attach_any(p, prog_fd, false, e);
}

static int attach_kretprobe(struct probe *p, int prog_fd, struct errbuf *e)
{
	return attach_any(p, prog_fd, true, e);
}

struct list_ctx {
	char **v;
	int n, cap;
};

static int list_one(const char *name, const char *module, void *arg)
{
	struct list_ctx *lc = arg;
	if (lc->n == lc->cap) {
		lc->cap = lc->cap ? 2 * lc->cap : 256;
		lc->v = realloc(lc->v, (size_t)lc->cap * sizeof(*lc->v));
		if (!lc->v)
			abort();
	}
	char line[512];
	snprintf(line, sizeof(line), "%s%s%s", module, *module ? ":" : "", name);
	lc->v[lc->n] = strdup(line);
	if (!lc->v[lc->n])
		abort();
	lc->n++;
	return 0;
}

static int cmp_strs(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Only kprobe:GLOB lists (all kernel functions would be 50k lines, and
 * nothing when the kernel cannot kprobe them), sorted by name. */
static int list_any(const struct provider *pv, const char *glob, FILE *out)
{
	if (!glob || pmu_type("kprobe") < 0)
		return 0;
	size_t len = strcspn(glob, ":");
	if (!glob[len] || provider_find(glob, len) != pv)
		return 0;
	const char *rest = glob + len + 1, *colon = strchr(rest, ':');
	char module[128] = "";
	if (colon)
		snprintf(module, sizeof(module), "%.*s", (int)(colon - rest), rest);
	struct list_ctx lc = { 0 };
	for_each_kfunc(colon ? module : NULL, colon ? colon + 1 : rest, list_one, &lc);
	qsort(lc.v, (size_t)lc.n, sizeof(*lc.v), cmp_strs);
	for (int i = 0; i < lc.n; i++) {
		fprintf(out, "%s:%s\n", pv->name, lc.v[i]);
		free(lc.v[i]);
	}
	free(lc.v);
	return 0;
}

static int list_kprobe(const char *glob, bool verbose, FILE *out)
{
	(void)verbose;
	return list_any(&provider_kprobe, glob, out);
}

static int list_kretprobe(const char *glob, bool verbose, FILE *out)
{
	(void)verbose;
	return list_any(&provider_kretprobe, glob, out);
}

const struct provider provider_kprobe = {
	.name = "kprobe", .alias = "k", .prog_type = BPF_PROG_TYPE_KPROBE,
	.run = RUN_ON_EVENT, .expand = expand_kprobe, .describe = describe_kprobe,
	.attach = attach_kprobe, .detach = probe_close_fds, .list = list_kprobe,
};

const struct provider provider_kretprobe = {
	.name = "kretprobe", .alias = "kr", .prog_type = BPF_PROG_TYPE_KPROBE,
	.run = RUN_ON_EVENT, .expand = expand_kretprobe, .describe = describe_kretprobe,
	.attach = attach_kretprobe, .detach = probe_close_fds, .list = list_kretprobe,
};
