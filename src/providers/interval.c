/* interval:UNIT:N — a program run every N units on one CPU, driven by a
 * cpu-clock software perf event. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/perf_event.h>
#include <bpf/bpf.h>
#include "provider.h"

static const struct { const char *unit; uint64_t ns; } units[] = {
	{ "s", 1000000000ULL }, { "ms", 1000000ULL }, { "us", 1000ULL },
	{ "hz", 0 },
};

/* Parses "UNIT:N" into nanoseconds. */
int interval_parse(const char *spec, uint64_t *ns, struct errbuf *e)
{
	size_t len = strcspn(spec, ":");
	if (!spec[len])
		return err_set(e, "interval needs a unit and a count, e.g. interval:s:1");
	const char *count = spec + len + 1;
	char *end;
	errno = 0;
	unsigned long long n = strtoull(count, &end, 10);
	if (*end || !*count || errno || n == 0)
		return err_set(e, "invalid interval count '%s'", count);
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strlen(units[i].unit) != len || strncmp(spec, units[i].unit, len))
			continue;
		*ns = units[i].ns ? n * units[i].ns : 1000000000ULL / n;
		if (*ns == 0)
			return err_set(e, "interval frequency '%s' is too high", count);
		return 0;
	}
	return err_set(e, "invalid interval unit '%.*s' (use s, ms, us or hz)",
		       (int)len, spec);
}

extern const struct provider provider_interval;

static int expand_interval(const char *spec, struct probe_list *out, struct errbuf *e)
{
	uint64_t ns;
	int err = interval_parse(spec, &ns, e);
	if (err)
		return err;
	char name[256];
	snprintf(name, sizeof(name), "interval:%s", spec);
	struct probe *p = probe_list_add(out, &provider_interval, name);
	p->period = ns;
	return 0;
}

static int attach_interval(struct probe *p, int prog_fd, struct errbuf *e)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_SOFTWARE,
		.size = sizeof(attr),
		.config = PERF_COUNT_SW_CPU_CLOCK,
		.sample_period = p->period,
	};
	return perf_event_attach(p, &attr, -1, 0, prog_fd, e);
}

const struct provider provider_interval = {
	.name = "interval", .alias = "i", .prog_type = BPF_PROG_TYPE_PERF_EVENT,
	.run = RUN_ON_EVENT, .expand = expand_interval,
	.attach = attach_interval, .detach = probe_close_fds,
};
