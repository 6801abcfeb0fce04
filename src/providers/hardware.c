/* hardware:EVENT[:COUNT] — the CPU's performance counters (cycles,
 * instructions, cache and branch events), sampled every COUNT events on
 * every CPU. Virtual machines often have none: attaching then says so. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/perf_event.h>
#include "provider.h"
#include "providers/perf_events.h"

extern const struct provider provider_hardware;

/* Names, aliases and default counts as bpftrace has them. */
static const struct perf_event_name hw_events[] = {
	{ "backend-stalls", "", PERF_COUNT_HW_STALLED_CYCLES_BACKEND, 1000000 },
	{ "branch-instructions", "branches", PERF_COUNT_HW_BRANCH_INSTRUCTIONS, 100000 },
	{ "branch-misses", "", PERF_COUNT_HW_BRANCH_MISSES, 100000 },
	{ "bus-cycles", "", PERF_COUNT_HW_BUS_CYCLES, 100000 },
	{ "cache-misses", "", PERF_COUNT_HW_CACHE_MISSES, 1000000 },
	{ "cache-references", "", PERF_COUNT_HW_CACHE_REFERENCES, 1000000 },
	{ "cpu-cycles", "cycles", PERF_COUNT_HW_CPU_CYCLES, 1000000 },
	{ "frontend-stalls", "", PERF_COUNT_HW_STALLED_CYCLES_FRONTEND, 1000000 },
	{ "instructions", "", PERF_COUNT_HW_INSTRUCTIONS, 1000000 },
	{ "ref-cycles", "", PERF_COUNT_HW_REF_CPU_CYCLES, 1000000 },
};

static const struct perf_event_table hw_table = {
	&provider_hardware, PERF_TYPE_HARDWARE, hw_events,
	(int)(sizeof(hw_events) / sizeof(hw_events[0])),
};

static int expand_hardware(const char *spec, struct probe_list *out, struct errbuf *e)
{
	return perf_events_expand(&hw_table, spec, out, e);
}

static int attach_hardware(struct probe *p, int prog_fd, struct errbuf *e)
{
	int err = perf_events_attach(&hw_table, p, prog_fd, e);
	/* ENOENT: no CPU PMU at all; EOPNOTSUPP: this event is missing. */
	if (err == -ENOENT || err == -EOPNOTSUPP || err == -ENODEV)
		return err_set(e, "%s: this machine has no hardware performance counters (no CPU PMU, as in most virtual machines); use software or profile probes instead",
			       p->name);
	return err ? -EINVAL : 0;
}

static int list_hardware(const char *glob, bool verbose, FILE *out)
{
	(void)verbose;
	return perf_events_list(&hw_table, glob, out);
}

const struct provider provider_hardware = {
	.name = "hardware", .alias = "h", .prog_type = BPF_PROG_TYPE_PERF_EVENT,
	.run = RUN_ON_EVENT, .expand = expand_hardware,
	.attach = attach_hardware, .detach = probe_close_fds, .list = list_hardware,
};
