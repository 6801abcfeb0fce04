/* BEGIN and END: programs run once by bpfkit itself (BPF_PROG_TEST_RUN of
 * a raw tracepoint program), before the first and after the last event. */
#include "provider.h"

static int expand_special(const char *name, const char *spec,
			  const struct provider *pv, struct probe_list *out,
			  struct errbuf *e)
{
	if (*spec)
		return err_set(e, "%s takes no arguments", name);
	probe_list_add(out, pv, name);
	return 0;
}

static int expand_begin(const char *spec, struct probe_list *out, struct errbuf *e)
{
	extern const struct provider provider_begin;
	return expand_special("BEGIN", spec, &provider_begin, out, e);
}

static int expand_end(const char *spec, struct probe_list *out, struct errbuf *e)
{
	extern const struct provider provider_end;
	return expand_special("END", spec, &provider_end, out, e);
}

const struct provider provider_begin = {
	.name = "BEGIN", .alias = "begin", .prog_type = BPF_PROG_TYPE_RAW_TRACEPOINT,
	.run = RUN_AT_BEGIN, .expand = expand_begin,
	.attach = attach_nothing, .detach = detach_nothing,
};

const struct provider provider_end = {
	.name = "END", .alias = "end", .prog_type = BPF_PROG_TYPE_RAW_TRACEPOINT,
	.run = RUN_AT_END, .expand = expand_end,
	.attach = attach_nothing, .detach = detach_nothing,
};
