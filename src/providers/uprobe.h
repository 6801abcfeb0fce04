/* What the uprobe and USDT providers share: finding the binary, the
 * registers of struct pt_regs, and attaching through the uprobe PMU. */
#ifndef BPFKIT_PROVIDERS_UPROBE_H
#define BPFKIT_PROVIDERS_UPROBE_H

#include <stdbool.h>
#include <stddef.h>
#include "provider.h"

/* Resolves BINARY of "uprobe:BINARY:..." (a path, or a library name found
 * the way the dynamic linker would) as seen by pid (0: by us). host gets
 * the path that opens the file from our namespace (with /proc/PID/root
 * when the process sees another file), shown the path probe names use.
 * 0 or a negative errno with e set. */
int uprobe_find_binary(const char *binary, int pid, char *host, size_t hostlen,
		       char *shown, size_t shownlen, struct errbuf *e);

/* Offset in struct pt_regs of an x86-64 general-purpose register named as
 * in AT&T syntax without the '%' ("rdi", "edi", "di", "dil", "r8d", ...);
 * *bytes gets the width the name implies. -1 when it is not one. */
int pt_regs_offset(const char *reg, int *bytes);

/* Adds arg0..arg5 (the x86-64 argument registers) and, for a return
 * probe, retval. */
void uprobe_add_reg_args(struct probe *p, bool retval);

/* Appends a field to p->fields; name and ctype are copied. */
struct ctx_field *probe_add_field(struct probe *p, const char *name,
				  const char *ctype, enum field_kind kind);

/* perf_event_open on the uprobe PMU for p->target at file offset
 * p->offset (with p->ref_ctr_offset as the semaphore when non-zero), then
 * links prog_fd to it. */
int uprobe_pmu_attach(struct probe *p, int prog_fd, bool retprobe, struct errbuf *e);

/* Bit position of a PMU format field ("config:0" -> 0, "config:32-63" ->
 * 32), or a negative errno. */
int pmu_format_bit(const char *pmu, const char *field);
/* The PMU's perf type, or a negative errno (ENOENT: the kernel has none). */
int pmu_type(const char *pmu);

#endif
