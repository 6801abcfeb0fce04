/* The provider table and what providers share. */
#include <errno.h>
#include <stdio.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/perf_event.h>
#include <bpf/btf.h>
#include "provider.h"

extern const struct provider provider_begin, provider_end, provider_interval,
	provider_tracepoint, provider_uprobe, provider_uretprobe, provider_usdt,
	provider_profile, provider_software, provider_hardware, provider_rawtracepoint,
	provider_kprobe, provider_kretprobe, provider_fentry, provider_fexit,
	provider_kfunc, provider_kretfunc, provider_watchpoint, provider_iter, provider_self,
	provider_test, provider_bench;

/* Adding a probe type: one file in providers/ and one line here. -l lists
 * in this order, by name as bpftrace does. */
static const struct provider *const providers[] = {
	&provider_begin,
	&provider_end,
	&provider_bench,
	&provider_interval,
	&provider_fentry,
	&provider_fexit,
	&provider_hardware,
	&provider_iter,
	&provider_kfunc,
	&provider_kprobe,
	&provider_kretfunc,
	&provider_kretprobe,
	&provider_profile,
	&provider_rawtracepoint,
	&provider_self,
	&provider_software,
	&provider_test,
	&provider_tracepoint,
	&provider_uprobe,
	&provider_uretprobe,
	&provider_usdt,
	&provider_watchpoint,
};
#define NPROVIDERS (sizeof(providers) / sizeof(providers[0]))

int err_set(struct errbuf *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

int attach_nothing(struct probe *p, int prog_fd, struct errbuf *e)
{
	(void)p, (void)prog_fd, (void)e;
	return 0;
}

void detach_nothing(struct probe *p)
{
	(void)p;
}

int rate_parse(const char *spec, const char *what, uint64_t *n, bool *is_hz, struct errbuf *e)
{
	static const struct { const char *unit; uint64_t ns; } units[] = {
		{ "s", 1000000000ULL }, { "ms", 1000000ULL }, { "us", 1000ULL }, { "hz", 0 },
		{ "ns", 1 }, { "m", 60000000000ULL }, { "h", 3600000000000ULL },
		{ "d", 86400000000000ULL }, { "", 1 },
	};
	size_t len = strcspn(spec, ":");
	bool unit_first = spec[len] == ':';
	const char *count = unit_first ? spec + len + 1 : spec;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(count, &end, 10);
	if (end == count || errno || v == 0 || (unit_first && *end))
		return err_set(e, "invalid %s count '%s' (e.g. %s:s:1 or %s:100ms)", what, count, what, what);
	const char *unit = unit_first ? spec : end;
	size_t ulen = unit_first ? len : strlen(end);
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strlen(units[i].unit) != ulen || strncmp(unit, units[i].unit, ulen) ||
		    (unit_first && i > 3))
			continue;
		if (units[i].ns && v > UINT64_MAX / units[i].ns)
			return err_set(e, "%s period '%s' is too long", what, spec);
		*is_hz = !units[i].ns;
		*n = units[i].ns ? v * units[i].ns : v;
		return 0;
	}
	return err_set(e, "invalid %s unit '%.*s' (use s, ms, us or hz, or a count with ns, us, ms, s, m, h or d)",
		       what, (int)ulen, unit);
}

static char *xstrdup(const char *s)
{
	char *d = strdup(s);
	if (!d)
		abort();
	return d;
}

struct probe *probe_list_add(struct probe_list *l, const struct provider *prov,
			     const char *name)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 8;
		l->v = realloc(l->v, (size_t)l->cap * sizeof(*l->v));
		if (!l->v)
			abort();
	}
	struct probe *p = calloc(1, sizeof(*p));
	if (!p)
		abort();
	p->prov = prov;
	p->name = xstrdup(name);
	l->v[l->n++] = p;
	return p;
}

void probe_free(struct probe *p)
{
	if (!p)
		return;
	probe_close_fds(p);
	for (int i = 0; i < p->nfields; i++) {
		free(p->fields[i].name);
		free(p->fields[i].ctype);
		free(p->fields[i].unreadable);
	}
	btf__free(p->btf);
	free(p->no_args);
	free(p->fields);
	free(p->fds);
	free(p->name);
	free(p->target);
	free(p->func);
	free(p);
}

void probe_list_free(struct probe_list *l)
{
	for (int i = 0; i < l->n; i++)
		probe_free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

void probe_add_fd(struct probe *p, int fd)
{
	p->fds = realloc(p->fds, (size_t)(p->nfds + 1) * sizeof(int));
	if (!p->fds)
		abort();
	p->fds[p->nfds++] = fd;
}

void probe_close_fds(struct probe *p)
{
	/* Links first (they were added last), then the events under them. */
	for (int i = p->nfds - 1; i >= 0; i--)
		close(p->fds[i]);
	p->nfds = 0;
}

const struct ctx_field *probe_field(const struct probe *p, const char *name)
{
	for (int i = 0; i < p->nfields; i++)
		if (!strcmp(p->fields[i].name, name))
			return &p->fields[i];
	return NULL;
}

const struct provider *provider_find(const char *name, size_t len)
{
	for (size_t i = 0; i < NPROVIDERS; i++) {
		const struct provider *pv = providers[i];
		if ((strlen(pv->name) == len && !strncmp(pv->name, name, len)) ||
		    (pv->alias && strlen(pv->alias) == len && !strncmp(pv->alias, name, len)))
			return pv;
	}
	return NULL;
}

int provider_expand(const char *attach, struct probe_list *out, struct errbuf *e)
{
	return provider_expand_pid(attach, 0, out, e);
}

int provider_expand_pid(const char *attach, int pid, struct probe_list *out,
			struct errbuf *e)
{
	size_t len = strcspn(attach, ":");
	const struct provider *pv = provider_find(attach, len);
	if (!pv)
		return err_set(e, "unknown probe type '%.*s'", (int)len, attach);
	const char *spec = attach[len] == ':' ? attach + len + 1 : "";
	int before = out->n;
	int err = pid > 0 && pv->expand_pid ? pv->expand_pid(spec, pid, out, e) :
					      pv->expand(spec, out, e);
	if (err)
		return err;
	if (out->n == before)
		return err_set(e, "no probes match '%s'", attach);
	for (int i = before; i < out->n; i++)
		out->v[i]->target_pid = pid;
	return 0;
}

int provider_list(const char *glob, bool verbose, FILE *out)
{
	for (size_t i = 0; i < NPROVIDERS; i++) {
		if (!providers[i]->list)
			continue;
		int err = providers[i]->list(glob, verbose, out);
		if (err)
			return err;
	}
	return 0;
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *tracefs_dir(void)
{
	static const char *const tracing = "/sys/kernel/tracing";
	static const char *const debug_tracing = "/sys/kernel/debug/tracing";
	if (is_dir("/sys/kernel/tracing/events"))
		return tracing;
	if (mount("nodev", tracing, "tracefs", 0, NULL) == 0 &&
	    is_dir("/sys/kernel/tracing/events"))
		return tracing;
	if (is_dir("/sys/kernel/debug/tracing/events"))
		return debug_tracing;
	return tracing;
}

int perf_event_open_fd(void *attr, int pid, int cpu, int group, unsigned long flags)
{
	return (int)syscall(SYS_perf_event_open, attr, pid, cpu, group, flags);
}

/* The online CPUs, from /sys/devices/system/cpu/online ("0-3,5"); *n
 * gets the count. NULL when it cannot be read. */
static int *online_cpus(int *n)
{
	char line[1024], *save = NULL;
	FILE *f = fopen("/sys/devices/system/cpu/online", "r");
	if (!f)
		return NULL;
	bool ok = fgets(line, sizeof(line), f) != NULL;
	fclose(f);
	if (!ok)
		return NULL;
	int *v = NULL, cap = 0;
	*n = 0;
	for (char *t = strtok_r(line, ",\n", &save); t; t = strtok_r(NULL, ",\n", &save)) {
		int a, b;
		if (sscanf(t, "%d-%d", &a, &b) != 2)
			b = a = atoi(t);
		for (int cpu = a; cpu <= b; cpu++) {
			if (*n == cap) {
				cap = cap ? 2 * cap : 16;
				v = realloc(v, (size_t)cap * sizeof(*v));
				if (!v)
					abort();
			}
			v[(*n)++] = cpu;
		}
	}
	return v;
}

int perf_event_attach(struct probe *p, void *attr, int pid, int cpu, int prog_fd,
		      struct errbuf *e)
{
	/* The errno itself is returned: callers tell a missing feature
	 * (ENOENT, EOPNOTSUPP, ...) from other failures by it. */
	int pfd = perf_event_open_fd(attr, pid, cpu, -1, PERF_FLAG_FD_CLOEXEC);
	if (pfd < 0) {
		int err = -errno;
		err_set(e, "%s: perf_event_open: %s", p->name, strerror(-err));
		return err;
	}
	probe_add_fd(p, pfd);
	int link = bpf_link_create(prog_fd, pfd, BPF_PERF_EVENT, NULL);
	if (link < 0) {
		err_set(e, "%s: attach: %s", p->name, strerror(-link));
		return link;
	}
	probe_add_fd(p, link);
	return 0;
}

int perf_event_attach_cpus(struct probe *p, void *attr, int prog_fd, struct errbuf *e)
{
	int one = -1, n = 1;
	int *cpus = p->target_pid > 0 ? &one : online_cpus(&n);
	if (!cpus)
		return err_set(e, "%s: cannot read the online CPUs", p->name);
	int err = 0;
	for (int i = 0; i < n && !err; i++) {
		err = perf_event_attach(p, attr, p->target_pid > 0 ? p->target_pid : -1,
					cpus[i], prog_fd, e);
	}
	if (cpus != &one)
		free(cpus);
	return err;
}

const char *probe_type_name(const struct probe *p)
{
	if (!strcmp(p->prov->name, "BEGIN") || !strcmp(p->prov->name, "END"))
		return "special";
	return p->prov->name;
}

bool probe_in_user_space(const struct probe *p)
{
	const char *n = p->prov->name;
	return !strcmp(n, "uprobe") || !strcmp(n, "uretprobe") || !strcmp(n, "usdt");
}
