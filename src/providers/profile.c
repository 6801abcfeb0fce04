/* profile:hz:N, profile:s|ms|us:N and profile:N[unit] — sampling on every CPU: one
 * cpu-clock software perf event per online CPU (or one for the -p
 * process), so each CPU runs the program at that rate while busy. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/perf_event.h>
#include "provider.h"

extern const struct provider provider_profile;

static int expand_profile(const char *spec, struct probe_list *out, struct errbuf *e)
{
	uint64_t n;
	bool is_hz;
	int err = rate_parse(spec, "profile", &n, &is_hz, e);
	if (err)
		return err;
	char name[256];
	snprintf(name, sizeof(name), "profile:%s", spec);
	struct probe *p = probe_list_add(out, &provider_profile, name);
	/* hz: a frequency the kernel keeps; else a period in ns of cpu-clock,
	 * which counts nanoseconds. */
	p->period_is_freq = is_hz;
	p->period = n;
	return 0;
}

static int attach_profile(struct probe *p, int prog_fd, struct errbuf *e)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_SOFTWARE,
		.size = sizeof(attr),
		.config = PERF_COUNT_SW_CPU_CLOCK,
		.freq = p->period_is_freq,
		.sample_period = p->period,	/* or sample_freq: a union */
	};
	int err = perf_event_attach_cpus(p, &attr, prog_fd, e);
	return err ? -EINVAL : 0;
}

const struct provider provider_profile = {
	.name = "profile", .alias = "p", .prog_type = BPF_PROG_TYPE_PERF_EVENT,
	.run = RUN_ON_EVENT, .expand = expand_profile,
	.attach = attach_profile, .detach = probe_close_fds,
};
