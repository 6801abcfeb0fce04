/* self:signal:SIGUSR1 — a program bpfkit runs itself (as BEGIN's) each time
 * its own process receives that signal, as newer bpftrace does. */
#include <fnmatch.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include "provider.h"

extern const struct provider provider_self;

static const struct { const char *name; int signo; } signals[] = {
	{ "SIGUSR1", SIGUSR1 }, { "SIGUSR2", SIGUSR2 }, { "SIGHUP", SIGHUP },
};

static int expand_self(const char *spec, struct probe_list *out, struct errbuf *e)
{
	if (strncmp(spec, "signal:", 7))
		return err_set(e, "self probes are self:signal:SIGNAL, e.g. self:signal:SIGUSR1");
	const char *sig = spec + 7;
	for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++) {
		if (strcmp(sig, signals[i].name) && strcmp(sig, signals[i].name + 3))
			continue;
		char name[64];
		snprintf(name, sizeof(name), "self:signal:%s", signals[i].name);
		struct probe *p = probe_list_add(out, &provider_self, name);
		p->config = (uint64_t)signals[i].signo;
		return 0;
	}
	return err_set(e, "self:signal: unknown or unsupported signal '%s' (SIGUSR1, SIGUSR2 or SIGHUP)", sig);
}

static int list_self(const char *glob, bool verbose, FILE *out)
{
	(void)verbose;
	for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++) {
		char name[64];
		snprintf(name, sizeof(name), "self:signal:%s", signals[i].name);
		if (!glob || !fnmatch(glob, name, 0))
			fprintf(out, "%s\n", name);
	}
	return 0;
}

const struct provider provider_self = {
	.name = "self", .prog_type = BPF_PROG_TYPE_RAW_TRACEPOINT,
	.run = RUN_ON_SIGNAL, .expand = expand_self,
	.attach = attach_nothing, .detach = detach_nothing, .list = list_self,
};
