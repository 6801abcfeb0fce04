/* watchpoint:ADDR:LEN:MODE — a hardware breakpoint (debug register) on
 * LEN bytes at ADDR, firing on the accesses MODE names: r (read), w
 * (write), x (execute), as "w", "rw" or "x". With -p it watches that
 * process's address; otherwise every CPU watches the address in whatever
 * runs there (kernel addresses, or a fixed address of a non-PIE binary). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/hw_breakpoint.h>
#include <linux/perf_event.h>
#include "provider.h"

extern const struct provider provider_watchpoint;

static bool parse_num(const char *s, size_t len, uint64_t *v)
{
	char buf[64], *end;
	if (!len || len >= sizeof(buf))
		return false;
	snprintf(buf, sizeof(buf), "%.*s", (int)len, s);
	errno = 0;
	*v = strtoull(buf, &end, 0);
	return !*end && !errno && buf[0] != '-';
}

/* "r", "w", "x", "rw", "wr" -> HW_BREAKPOINT_* bits; 0 when invalid. */
static uint32_t parse_mode(const char *s)
{
	uint32_t mode = 0;
	for (; *s; s++) {
		uint32_t bit = *s == 'r' ? HW_BREAKPOINT_R : *s == 'w' ? HW_BREAKPOINT_W :
			       *s == 'x' ? HW_BREAKPOINT_X : 0;
		if (!bit || (mode & bit))
			return 0;
		mode |= bit;
	}
	/* Execute watchpoints cannot also watch data. */
	return (mode & HW_BREAKPOINT_X) && mode != HW_BREAKPOINT_X ? 0 : mode;
}

static int expand_watchpoint(const char *spec, struct probe_list *out, struct errbuf *e)
{
	const char *c1 = strchr(spec, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
	uint64_t addr, len;
	if (!c2 || !parse_num(spec, (size_t)(c1 - spec), &addr) ||
	    !parse_num(c1 + 1, (size_t)(c2 - c1 - 1), &len))
		return err_set(e, "watchpoint needs ADDRESS:LENGTH:MODE, e.g. watchpoint:0x10000000:8:w");
	if (len != 1 && len != 2 && len != 4 && len != 8)
		return err_set(e, "watchpoint length must be 1, 2, 4 or 8 bytes, not %" PRIu64, len);
	uint32_t mode = parse_mode(c2 + 1);
	if (!mode)
		return err_set(e, "invalid watchpoint mode '%s' (use r, w, x or rw)", c2 + 1);
	if (addr % len)
		return err_set(e, "watchpoint address 0x%" PRIx64 " is not aligned to its length %" PRIu64,
			       addr, len);
	char name[256];
	snprintf(name, sizeof(name), "watchpoint:%s", spec);
	struct probe *p = probe_list_add(out, &provider_watchpoint, name);
	p->offset = addr;
	p->config = len;
	p->mode = mode;
	return 0;
}

static int attach_watchpoint(struct probe *p, int prog_fd, struct errbuf *e)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_BREAKPOINT,
		.size = sizeof(attr),
		.sample_period = 1,
		.wakeup_events = 1,
		.bp_type = p->mode,
		.bp_addr = p->offset,
		/* x86 executes breakpoints of the size of a long. */
		.bp_len = p->mode == HW_BREAKPOINT_X ? sizeof(long) : p->config,
	};
	int err = perf_event_attach_cpus(p, &attr, prog_fd, e);
	if (err == -ENOENT || err == -EOPNOTSUPP || err == -ENODEV)
		return err_set(e, "%s: this machine has no hardware breakpoints (no breakpoint PMU); use uprobe or tracepoint probes instead",
			       p->name);
	if (err == -ENOSPC)
		return err_set(e, "%s: all hardware debug registers are in use (%s)", p->name,
			       strerror(-err));
	return err ? -EINVAL : 0;
}

const struct provider provider_watchpoint = {
	.name = "watchpoint", .alias = "w", .prog_type = BPF_PROG_TYPE_PERF_EVENT,
	.run = RUN_ON_EVENT, .expand = expand_watchpoint,
	.attach = attach_watchpoint, .detach = probe_close_fds,
};
