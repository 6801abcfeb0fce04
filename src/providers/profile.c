/* profile:hz:N and profile:s|ms|us:N — sampling on every CPU: one
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
	size_t len = strcspn(spec, ":");
	if (!spec[len])
		return err_set(e, "profile needs a unit and a count, e.g. profile:hz:99");
	const char *count = spec + len + 1;
	char *end;
	errno = 0;
	unsigned long long n = strtoull(count, &end, 10);
	if (*end || !*count || errno || n == 0)
		return err_set(e, "invalid profile count '%s'", count);
	static const struct { const char *unit; uint64_t ns; } units[] = {
		{ "s", 1000000000ULL }, { "ms", 1000000ULL }, { "us", 1000ULL }, { "hz", 0 },
	};
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strlen(units[i].unit) != len || strncmp(spec, units[i].unit, len))
			continue;
		if (units[i].ns && n > UINT64_MAX / units[i].ns)
			return err_set(e, "profile period '%s' is too long", count);
		char name[256];
		snprintf(name, sizeof(name), "profile:%s", spec);
		struct probe *p = probe_list_add(out, &provider_profile, name);
		/* hz: a frequency the kernel keeps; else a period in ns of
		 * cpu-clock, which counts nanoseconds. */
		p->period_is_freq = !units[i].ns;
		p->period = units[i].ns ? n * units[i].ns : n;
		return 0;
	}
	return err_set(e, "invalid profile unit '%.*s' (use hz, s, ms or us)", (int)len, spec);
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
