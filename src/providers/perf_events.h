/* The software and hardware providers: named perf events with a default
 * sample period (the counts bpftrace uses), sampled on every CPU. */
#ifndef BPFKIT_PROVIDERS_PERF_EVENTS_H
#define BPFKIT_PROVIDERS_PERF_EVENTS_H

#include <stdint.h>
#include "provider.h"

struct perf_event_name {
	const char *name, *alias;	/* alias: "" when none */
	uint64_t config;		/* PERF_COUNT_SW_* / PERF_COUNT_HW_* */
	uint64_t default_count;
};

struct perf_event_table {
	const struct provider *pv;
	uint32_t type;			/* PERF_TYPE_SOFTWARE / HARDWARE */
	const struct perf_event_name *events;
	int nevents;
};

/* EVENT[:COUNT] -> one probe named "PROVIDER:SPEC". */
int perf_events_expand(const struct perf_event_table *t, const char *spec,
		       struct probe_list *out, struct errbuf *e);
/* Opens the event on every CPU; 0 or the negative errno with e set. */
int perf_events_attach(const struct perf_event_table *t, struct probe *p,
		       int prog_fd, struct errbuf *e);
/* -l: "PROVIDER:EVENT:" for each event matching glob. */
int perf_events_list(const struct perf_event_table *t, const char *glob, FILE *out);

#endif
