/* The provider table and what providers share. */
#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "provider.h"

extern const struct provider provider_begin, provider_end, provider_interval,
	provider_tracepoint;

/* Adding a probe type: one file in providers/ and one line here. */
static const struct provider *const providers[] = {
	&provider_begin,
	&provider_end,
	&provider_interval,
	&provider_tracepoint,
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
	}
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
	size_t len = strcspn(attach, ":");
	const struct provider *pv = provider_find(attach, len);
	if (!pv)
		return err_set(e, "unknown probe type '%.*s'", (int)len, attach);
	const char *spec = attach[len] == ':' ? attach + len + 1 : "";
	int before = out->n;
	int err = pv->expand(spec, out, e);
	if (err)
		return err;
	if (out->n == before)
		return err_set(e, "no probes match '%s'", attach);
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
