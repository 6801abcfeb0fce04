/* test:NAME and bench:NAME — programs bpfkit runs itself, as newer bpftrace
 * does: with --test each test probe runs once and passes or fails; with
 * --bench each bench probe runs many times and its average time is
 * reported. Without the flag they are left out of the program (see
 * main.c); runtime.c runs them. */
#include <ctype.h>
#include <stdio.h>
#include "provider.h"

extern const struct provider provider_test, provider_bench;

/* NAME: what the report shows; a name as bpftrace's identifiers are. */
static int expand_named(const char *spec, const struct provider *pv,
			struct probe_list *out, struct errbuf *e)
{
	bool ok = *spec && !isdigit((unsigned char)*spec);
	for (const char *c = spec; *c && ok; c++)
		ok = isalnum((unsigned char)*c) || *c == '_';
	if (!ok)
		return err_set(e, "%s probes are %s:NAME, NAME a name such as %s:my_case",
			       pv->name, pv->name, pv->name);
	char name[256];
	snprintf(name, sizeof(name), "%s:%s", pv->name, spec);
	probe_list_add(out, pv, name);
	return 0;
}

static int expand_test(const char *spec, struct probe_list *out, struct errbuf *e)
{
	return expand_named(spec, &provider_test, out, e);
}

static int expand_bench(const char *spec, struct probe_list *out, struct errbuf *e)
{
	return expand_named(spec, &provider_bench, out, e);
}

const struct provider provider_test = {
	.name = "test", .prog_type = BPF_PROG_TYPE_RAW_TRACEPOINT,
	.run = RUN_TEST, .expand = expand_test,
	.attach = attach_nothing, .detach = detach_nothing,
};

const struct provider provider_bench = {
	.name = "bench", .prog_type = BPF_PROG_TYPE_RAW_TRACEPOINT,
	.run = RUN_BENCH, .expand = expand_bench,
	.attach = attach_nothing, .detach = detach_nothing,
};
