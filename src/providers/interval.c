/* interval:UNIT:N or interval:N[unit] — a program run every period on one
 * CPU, driven by a cpu-clock software perf event. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/perf_event.h>
#include <bpf/bpf.h>
#include "provider.h"

/* The spec's period in nanoseconds. */
int interval_parse(const char *spec, uint64_t *ns, struct errbuf *e)
{
	bool is_hz;
	int err = rate_parse(spec, "interval", ns, &is_hz, e);
	if (err)
		return err;
	if (is_hz)
		*ns = 1000000000ULL / *ns;
	if (*ns == 0)
		return err_set(e, "interval frequency '%s' is too high", spec);
	return 0;
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
