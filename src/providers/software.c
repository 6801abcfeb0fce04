/* software:EVENT[:COUNT] — the kernel's software perf events (page
 * faults, context switches, clocks, ...), sampled every COUNT events on
 * every CPU. The shared part also serves hardware:EVENT[:COUNT]. */
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/perf_event.h>
#include "provider.h"
#include "providers/perf_events.h"

extern const struct provider provider_software;

static const struct perf_event_name *find_event(const struct perf_event_table *t,
						const char *name, size_t len)
{
	for (int i = 0; i < t->nevents; i++) {
		const struct perf_event_name *ev = &t->events[i];
		if ((strlen(ev->name) == len && !strncmp(ev->name, name, len)) ||
		    (*ev->alias && strlen(ev->alias) == len && !strncmp(ev->alias, name, len)))
			return ev;
	}
	return NULL;
}

int perf_events_expand(const struct perf_event_table *t, const char *spec,
		       struct probe_list *out, struct errbuf *e)
{
	size_t len = strcspn(spec, ":");
	const struct perf_event_name *ev = find_event(t, spec, len);
	if (!ev)
		return err_set(e, "unknown %s event '%.*s' (bpfkit -l '%s:*' lists them)",
			       t->pv->name, (int)len, spec, t->pv->name);
	uint64_t count = ev->default_count;
	if (spec[len]) {
		const char *c = spec + len + 1;
		char *end;
		errno = 0;
		unsigned long long n = strtoull(c, &end, 10);
		if (!*c || *end || errno || n == 0)
			return err_set(e, "invalid %s count '%s'", t->pv->name, c);
		count = n;
	}
	char name[256];
	snprintf(name, sizeof(name), "%s:%s", t->pv->name, spec);
	struct probe *p = probe_list_add(out, t->pv, name);
	p->config = ev->config;
	p->period = count;
	return 0;
}

int perf_events_attach(const struct perf_event_table *t, struct probe *p,
		       int prog_fd, struct errbuf *e)
{
	struct perf_event_attr attr = {
		.type = t->type,
		.size = sizeof(attr),
		.config = p->config,
		.sample_period = p->period,
	};
	return perf_event_attach_cpus(p, &attr, prog_fd, e);
}

int perf_events_list(const struct perf_event_table *t, const char *glob, FILE *out)
{
	const char *ev_glob = "*";
	if (glob) {
		size_t len = strcspn(glob, ":");
		if (glob[len]) {
			if (provider_find(glob, len) != t->pv)
				return 0;
			ev_glob = glob + len + 1;
		} else if (fnmatch(glob, t->pv->name, 0)) {
			/* a bare glob matches against the event name */
			ev_glob = glob;
		}
	}
	char pat[256];
	/* "software:cpu*:*" and "software:cpu*" both mean the events. */
	snprintf(pat, sizeof(pat), "%.*s", (int)strcspn(ev_glob, ":"), ev_glob);
	for (int i = 0; i < t->nevents; i++)
		if (!fnmatch(pat, t->events[i].name, 0) ||
		    (*t->events[i].alias && !fnmatch(pat, t->events[i].alias, 0)))
			fprintf(out, "%s:%s:\n", t->pv->name, t->events[i].name);
	return 0;
}

/* Names, aliases and default counts as bpftrace has them. */
static const struct perf_event_name sw_events[] = {
	{ "alignment-faults", "", PERF_COUNT_SW_ALIGNMENT_FAULTS, 1 },
	{ "bpf-output", "", PERF_COUNT_SW_BPF_OUTPUT, 1 },
	{ "context-switches", "cs", PERF_COUNT_SW_CONTEXT_SWITCHES, 1000 },
	{ "cpu-clock", "cpu", PERF_COUNT_SW_CPU_CLOCK, 1000000 },
	{ "cpu-migrations", "", PERF_COUNT_SW_CPU_MIGRATIONS, 1 },
	{ "dummy", "", PERF_COUNT_SW_DUMMY, 1 },
	{ "emulation-faults", "", PERF_COUNT_SW_EMULATION_FAULTS, 1 },
	{ "major-faults", "", PERF_COUNT_SW_PAGE_FAULTS_MAJ, 1 },
	{ "minor-faults", "", PERF_COUNT_SW_PAGE_FAULTS_MIN, 100 },
	{ "page-faults", "faults", PERF_COUNT_SW_PAGE_FAULTS, 100 },
	{ "task-clock", "", PERF_COUNT_SW_TASK_CLOCK, 1000000 },
};

static const struct perf_event_table sw_table = {
	&provider_software, PERF_TYPE_SOFTWARE, sw_events,
	(int)(sizeof(sw_events) / sizeof(sw_events[0])),
};

static int expand_software(const char *spec, struct probe_list *out, struct errbuf *e)
{
	return perf_events_expand(&sw_table, spec, out, e);
}

static int attach_software(struct probe *p, int prog_fd, struct errbuf *e)
{
	return perf_events_attach(&sw_table, p, prog_fd, e) ? -EINVAL : 0;
}

static int list_software(const char *glob, bool verbose, FILE *out)
{
	(void)verbose;
	return perf_events_list(&sw_table, glob, out);
}

const struct provider provider_software = {
	.name = "software", .alias = "s", .prog_type = BPF_PROG_TYPE_PERF_EVENT,
	.run = RUN_ON_EVENT, .expand = expand_software,
	.attach = attach_software, .detach = probe_close_fds, .list = list_software,
};
