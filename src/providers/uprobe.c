/* uprobe:BINARY:FUNC and uretprobe:BINARY:FUNC — user-space function entry
 * and return. FUNC is a symbol, a glob over the binary's function symbols,
 * SYMBOL+OFFSET, or an address. Each probe is a perf event of the kernel's
 * uprobe PMU placed by file offset, so nothing is written to tracefs and
 * nothing outlives bpfkit. The program's context is struct pt_regs. */
#include <errno.h>
#include <fnmatch.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <asm/ptrace.h>
#include <linux/perf_event.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include "debuginfo.h"
#include "elfsym.h"
#include "provider.h"
#include "providers/uprobe.h"

extern const struct provider provider_uprobe, provider_uretprobe;

#define PMU_DIR "/sys/bus/event_source/devices"

/* ---- binaries ---- */

int uprobe_find_binary(const char *binary, int pid, char *host, size_t hostlen,
		       char *shown, size_t shownlen, struct errbuf *e)
{
	if (!*binary)
		return err_set(e, "missing binary (a path or a library name)");
	char abs[PATH_MAX];
	/* A relative path means the file in our working directory, even
	 * for -p: the process's own working directory is not ours. */
	if (binary[0] != '/' && strchr(binary, '/')) {
		if (!realpath(binary, abs))
			return err_set(e, "%s: %s", binary, strerror(errno));
		binary = abs;
	}
	int err = elfsym_resolve_library(binary, pid, host, hostlen);
	if (err == -ENAMETOOLONG)
		return err_set(e, "%s: path too long", binary);
	if (err)
		return err_set(e, strchr(binary, '/') ? "%s: no such file" :
			       "%s: library not found", binary);
	snprintf(shown, shownlen, "%s", strchr(binary, '/') ? binary : host);
	return 0;
}

/* Symbols of the file, with those of its separate debug file when it is
 * stripped. */
static struct elfsym *open_binary(const char *host, struct errbuf *e)
{
	struct elfsym *es = elfsym_open(host, NULL);
	if (!es)
		err_set(e, "%s: %s", host, errno == ENOEXEC ? "not an ELF file" : strerror(errno));
	return es;
}

/* The binary's DWARF, or its separate debug file's (found by build-id or
 * .gnu_debuglink when the binary is stripped); NULL when neither has it. */
static struct debuginfo *open_debuginfo(const char *host, const struct elfsym *es)
{
	struct debuginfo *di = debuginfo_open(host);
	const char *debug = es ? elfsym_debug_path(es) : NULL;
	return di || !debug ? di : debuginfo_open(debug);
}

/* ---- pt_regs ---- */

struct reg_name {
	const char *names[4];	/* 64, 32, 16 and 8-bit names */
	int offset;
};

static const struct reg_name regs[] = {
	{ { "rax", "eax", "ax", "al" }, offsetof(struct pt_regs, rax) },
	{ { "rbx", "ebx", "bx", "bl" }, offsetof(struct pt_regs, rbx) },
	{ { "rcx", "ecx", "cx", "cl" }, offsetof(struct pt_regs, rcx) },
	{ { "rdx", "edx", "dx", "dl" }, offsetof(struct pt_regs, rdx) },
	{ { "rsi", "esi", "si", "sil" }, offsetof(struct pt_regs, rsi) },
	{ { "rdi", "edi", "di", "dil" }, offsetof(struct pt_regs, rdi) },
	{ { "rbp", "ebp", "bp", "bpl" }, offsetof(struct pt_regs, rbp) },
	{ { "rsp", "esp", "sp", "spl" }, offsetof(struct pt_regs, rsp) },
	{ { "r8", "r8d", "r8w", "r8b" }, offsetof(struct pt_regs, r8) },
	{ { "r9", "r9d", "r9w", "r9b" }, offsetof(struct pt_regs, r9) },
	{ { "r10", "r10d", "r10w", "r10b" }, offsetof(struct pt_regs, r10) },
	{ { "r11", "r11d", "r11w", "r11b" }, offsetof(struct pt_regs, r11) },
	{ { "r12", "r12d", "r12w", "r12b" }, offsetof(struct pt_regs, r12) },
	{ { "r13", "r13d", "r13w", "r13b" }, offsetof(struct pt_regs, r13) },
	{ { "r14", "r14d", "r14w", "r14b" }, offsetof(struct pt_regs, r14) },
	{ { "r15", "r15d", "r15w", "r15b" }, offsetof(struct pt_regs, r15) },
	{ { "rip", "eip", "ip", NULL }, offsetof(struct pt_regs, rip) },
};

int pt_regs_offset(const char *reg, int *bytes)
{
	static const int widths[] = { 8, 4, 2, 1 };
	for (size_t i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)
		for (int k = 0; k < 4; k++)
			if (regs[i].names[k] && !strcmp(reg, regs[i].names[k])) {
				*bytes = widths[k];
				return regs[i].offset;
			}
	/* The high bytes: bits 8..15 of the register, one byte further. */
	static const char *const high[] = { "ah", "bh", "ch", "dh" };
	for (int i = 0; i < 4; i++)
		if (!strcmp(reg, high[i])) {
			*bytes = 1;
			return regs[i].offset + 1;
		}
	return -1;
}

struct ctx_field *probe_add_field(struct probe *p, const char *name,
				  const char *ctype, enum field_kind kind)
{
	p->fields = realloc(p->fields, (size_t)(p->nfields + 1) * sizeof(*p->fields));
	if (!p->fields)
		abort();
	struct ctx_field *f = &p->fields[p->nfields++];
	memset(f, 0, sizeof(*f));
	f->name = strdup(name);
	f->ctype = strdup(ctype);
	if (!f->name || !f->ctype)
		abort();
	f->kind = kind;
	return f;
}

void uprobe_add_reg_args(struct probe *p, bool retval)
{
	/* The x86-64 System V argument registers, in order. */
	static const char *const argregs[] = { "rdi", "rsi", "rdx", "rcx", "r8", "r9" };
	for (int i = 0; i < 6; i++) {
		char name[16];
		int bytes;
		snprintf(name, sizeof(name), "arg%d", i);
		struct ctx_field *f = probe_add_field(p, name, "uint64", F_INT);
		f->offset = (uint32_t)pt_regs_offset(argregs[i], &bytes);
		f->size = 8;
	}
	if (retval) {
		struct ctx_field *f = probe_add_field(p, "retval", "uint64", F_INT);
		f->offset = offsetof(struct pt_regs, rax);
		f->size = 8;
		return;
	}
	/* Arguments past the sixth are on the stack: at function entry the
	 * return address is at sp, stack argument N at sp + 8 * (N + 1). */
	for (int i = 0; i < 8; i++) {
		char name[16];
		snprintf(name, sizeof(name), "sarg%d", i);
		struct ctx_field *f = probe_add_field(p, name, "uint64", F_USER_MEM);
		f->offset = offsetof(struct pt_regs, rsp);
		f->disp = 8 * (i + 1);
		f->size = 8;
	}
}

/* ---- the uprobe PMU ---- */

int pmu_type(const char *pmu)
{
	char path[256];
	snprintf(path, sizeof(path), PMU_DIR "/%s/type", pmu);
	FILE *f = fopen(path, "r");
	if (!f)
		return -errno;
	int type = -1;
	if (fscanf(f, "%d", &type) != 1)
		type = -EINVAL;
	fclose(f);
	return type;
}

int pmu_format_bit(const char *pmu, const char *field)
{
	char path[256];
	snprintf(path, sizeof(path), PMU_DIR "/%s/format/%s", pmu, field);
	FILE *f = fopen(path, "r");
	if (!f)
		return -errno;
	int bit = -1;
	if (fscanf(f, "config:%d", &bit) != 1 || bit < 0 || bit > 63)
		bit = -EINVAL;
	fclose(f);
	return bit;
}

int uprobe_pmu_attach(struct probe *p, int prog_fd, bool retprobe, struct errbuf *e)
{
	int type = pmu_type("uprobe");
	if (type < 0)
		return err_set(e, "%s: this kernel has no uprobe PMU (CONFIG_UPROBE_EVENTS); use tracepoint probes instead",
			       p->name);
	struct perf_event_attr attr = {
		.type = (uint32_t)type,
		.size = sizeof(attr),
		.sample_period = 1,
		.wakeup_events = 1,
		.config1 = (uint64_t)(uintptr_t)p->target,	/* the path */
		.config2 = p->offset,
	};
	if (retprobe) {
		int bit = pmu_format_bit("uprobe", "retprobe");
		if (bit < 0)
			return err_set(e, "%s: the uprobe PMU has no retprobe format", p->name);
		attr.config |= 1ULL << bit;
	}
	if (p->ref_ctr_offset) {
		int bit = pmu_format_bit("uprobe", "ref_ctr_offset");
		if (bit < 0)
			return err_set(e, "%s: this kernel cannot set USDT semaphores (no ref_ctr_offset in the uprobe PMU)",
				       p->name);
		attr.config |= p->ref_ctr_offset << bit;
	}
	/* Without a pid the probe is in every process that maps the file;
	 * perf then wants a CPU, and CPU 0 serves all of them because the
	 * program hangs off the uprobe, not off the CPU. */
	int pid = p->target_pid > 0 ? p->target_pid : -1;
	return perf_event_attach(p, &attr, pid, pid > 0 ? -1 : 0, prog_fd, e);
}

/* ---- expansion ---- */

__attribute__((format(printf, 2, 3)))
static void set_no_args(struct probe *p, const char *fmt, ...);
/* The argument registers hold the arguments only at a function's entry. */
#define NOT_AT_ENTRY "args is available only at a function's entry (where the registers hold the arguments); use arg0..argN"

struct expand_ctx {
	const struct provider *pv;
	struct probe_list *out;
	struct elfsym *es;
	const char *host, *shown;
	const char *last;	/* the previous match, to skip duplicates */
	struct errbuf *e;
};

/* A probe named pv:shown + sep + label at vaddr of function func. */
static struct probe *add_probe_at(struct expand_ctx *x, char sep, const char *label,
				  const char *func, uint64_t vaddr)
{
	uint64_t off;
	if (elfsym_vaddr_to_offset(x->es, vaddr, &off)) {
		err_set(x->e, "%s%c%s: address 0x%" PRIx64 " is not in the file",
			x->shown, sep, label, vaddr);
		return NULL;
	}
	char name[PATH_MAX + 512];
	snprintf(name, sizeof(name), "%s:%s%c%s", x->pv->name, x->shown, sep, label);
	struct probe *p = probe_list_add(x->out, x->pv, name);
	p->target = strdup(x->host);
	p->func = strdup(func);
	if (!p->target || !p->func)
		abort();
	p->offset = off;
	return p;
}

static int add_probe(struct expand_ctx *x, const char *label, const char *func,
		     uint64_t vaddr)
{
	return add_probe_at(x, ':', label, func, vaddr) ? 0 : -EINVAL;
}

static int add_match(const struct elfsym_sym *sym, const char *demangled, void *arg)
{
	(void)demangled;
	struct expand_ctx *x = arg;
	/* Names can repeat (a local and a global, or two locals): one probe. */
	if (x->last && !strcmp(x->last, sym->name))
		return 0;
	x->last = sym->name;
	return add_probe(x, sym->name, sym->name, sym->addr) ? -1 : 0;
}

/* The demangled name a :cpp: pattern is matched against: without its
 * parameter list (from the first '(' outside template arguments) unless
 * the pattern has one, so "ns::f" matches every overload of ns::f. */
static void cpp_match_name(const char *demangled, const char *pattern, char *out, size_t len)
{
	size_t n = 0;
	int depth = 0;
	for (; demangled[n] && !strchr(pattern, '('); n++) {
		depth += demangled[n] == '<' ? 1 : demangled[n] == '>' ? -1 : 0;
		if (demangled[n] == '(' && depth == 0)
			break;
	}
	if (strchr(pattern, '('))
		n = strlen(demangled);
	snprintf(out, len, "%.*s", (int)n, demangled);
}

struct cpp_ctx {
	struct expand_ctx *x;
	const char *pattern;
};

/* Whether a symbol's demangled name (NULL: not a C++ name) matches a
 * :cpp: pattern. */
static bool cpp_matches(const char *demangled, const char *pattern)
{
	char name[1024];
	if (!demangled)
		return false;
	cpp_match_name(demangled, pattern, name, sizeof(name));
	return fnmatch(pattern, name, 0) == 0;
}

/* A :cpp: pattern as written, without the quotes it may have. */
static void cpp_pattern(const char *spec, char *out, size_t size)
{
	size_t len = strlen(spec);
	if (len >= 2 && spec[0] == '"' && spec[len - 1] == '"')
		snprintf(out, size, "%.*s", (int)len - 2, spec + 1);
	else
		snprintf(out, size, "%s", spec);
}

static int add_cpp_match(const struct elfsym_sym *sym, const char *demangled, void *arg)
{
	struct cpp_ctx *c = arg;
	char label[1100];
	if (!cpp_matches(demangled, c->pattern))
		return 0;
	snprintf(label, sizeof(label), "cpp:%s", demangled);
	return add_probe(c->x, label, sym->name, sym->addr) ? -1 : 0;
}

/* uprobe:BINARY:cpp:PATTERN — C++ functions by their demangled names
 * (the pattern may be in quotes, and may be a glob). */
static int expand_cpp(struct expand_ctx *x, const char *spec)
{
	char pattern[1024];
	cpp_pattern(spec, pattern, sizeof(pattern));
	if (!*pattern)
		return err_set(x->e, "%s: cpp needs a function name, e.g. cpp:\"ns::Class::method\"",
			       x->shown);
	struct cpp_ctx c = { x, pattern };
	int err = elfsym_foreach(x->es, "*", ELFSYM_FUNC, add_cpp_match, &c);
	return err < 0 ? -EINVAL : 0;
}

static bool parse_u64(const char *s, uint64_t *v)
{
	char *end;
	errno = 0;
	*v = strtoull(s, &end, 0);
	return *s && !*end && !errno && *s != '-';
}

static int expand_func(struct expand_ctx *x, const char *func)
{
	uint64_t v;
	if (parse_u64(func, &v)) {
		/* An address: bpftrace names such a probe by the decimal
		 * address, and func is the symbol holding it. */
		char label[32];
		snprintf(label, sizeof(label), "%" PRIu64, v);
		uint64_t within;
		const char *sym = elfsym_name(x->es, v, &within);
		struct probe *p = add_probe_at(x, ':', label, sym ? sym : label, v);
		if (p && (!sym || within))
			set_no_args(p, NOT_AT_ENTRY);
		return p ? 0 : -EINVAL;
	}
	const char *plus = strchr(func, '+');
	if (plus) {
		char sym[512];
		snprintf(sym, sizeof(sym), "%.*s", (int)(plus - func), func);
		struct elfsym_sym s;
		if (!parse_u64(plus + 1, &v))
			return err_set(x->e, "%s: bad offset '%s'", func, plus + 1);
		if (elfsym_lookup(x->es, sym, &s) || s.kind != ELFSYM_FUNC)
			return err_set(x->e, "%s: no function '%s'", x->shown, sym);
		if (s.size && v >= s.size)
			return err_set(x->e, "%s: offset %" PRIu64 " is past the end of %s (%" PRIu64 " bytes)",
				       x->shown, v, sym, s.size);
		struct probe *p = add_probe_at(x, ':', func, sym, s.addr + v);
		if (p && v)
			set_no_args(p, NOT_AT_ENTRY);
		return p ? 0 : -EINVAL;
	}
	if (strpbrk(func, "*?[")) {
		int err = elfsym_foreach(x->es, func, ELFSYM_FUNC, add_match, x);
		return err < 0 ? -EINVAL : 0;
	}
	struct elfsym_sym s;
	if (elfsym_lookup(x->es, func, &s) || s.kind != ELFSYM_FUNC)
		return err_set(x->e, "%s: no function '%s'", x->shown, func);
	return add_probe(x, func, s.name, s.addr);
}

/* FILE:LINE[:COL] of a source line probe; false if it is not that. */
static bool parse_source_line(const char *text, char *file, size_t len, int *line, int *col)
{
	const char *last = strrchr(text, ':');
	if (!last || !last[1] || strspn(last + 1, "0123456789") != strlen(last + 1))
		return false;
	const char *prev = last;
	while (prev > text && prev[-1] != ':')
		prev--;
	bool has_col = prev > text + 1 && prev < last &&
		       strspn(prev, "0123456789") == (size_t)(last - prev);
	const char *end = has_col ? prev - 1 : last;
	*line = atoi(has_col ? prev : last + 1);
	*col = has_col ? atoi(last + 1) : 0;
	snprintf(file, len, "%.*s", (int)(end - text), text);
	return *file && *line > 0;
}

static int line_address(struct expand_ctx *x, struct debuginfo *di, const char *file,
			int line, int col, uint64_t *addr)
{
	const char *path, *other;
	int err = debuginfo_line_address(di, file, line, col, addr, &path, &other);
	if (err == -ENOENT)
		return err_set(x->e, "%s: no source file '%s' in its DWARF", x->shown, file);
	if (err == -EEXIST)
		return err_set(x->e, "%s: '%s' matches two source files, %s and %s; give more of the path",
			       x->shown, file, path, other);
	if (err == -ENODATA && col)
		return err_set(x->e, "%s: no statement begins at %s:%d:%d", x->shown, file, line, col);
	if (err == -ENODATA)
		return err_set(x->e, "%s: no code at %s:%d (a blank line, a comment, a declaration, or code the compiler removed)",
			       x->shown, file, line);
	return 0;
}

/* uprobe:BINARY@FILE:LINE[:COL] (newer bpftrace): the first instruction
 * of a source line, from the DWARF line table. */
static int expand_source_line(struct expand_ctx *x, const char *where)
{
	char file[PATH_MAX];
	int line, col;
	if (x->pv != &provider_uprobe)
		return err_set(x->e, "%s probes attach to functions, not source lines; use uprobe:BINARY@%s",
			       x->pv->name, where);
	if (!parse_source_line(where, file, sizeof(file), &line, &col))
		return err_set(x->e, "%s: a source line probe is BINARY@FILE:LINE or BINARY@FILE:LINE:COLUMN",
			       where);
	struct debuginfo *di = open_debuginfo(x->host, x->es);
	if (!di)
		return err_set(x->e, "%s has no DWARF debug information, which source line probes need",
			       x->shown);
	uint64_t addr;
	int err = line_address(x, di, file, line, col, &addr);
	debuginfo_close(di);
	if (err)
		return err;
	uint64_t within;
	const char *func = elfsym_name(x->es, addr, &within);
	struct probe *p = add_probe_at(x, '@', where, func ? func : where, addr);
	if (!p)
		return -EINVAL;
	set_no_args(p, NOT_AT_ENTRY);
	return 0;
}

static int expand_any(const struct provider *pv, const char *spec, int pid,
		      struct probe_list *out, struct errbuf *e)
{
	/* The binary ends at the first ':' (C++ names may contain more), or
	 * at an '@' before it (BINARY@FILE:LINE). */
	const char *colon = strchr(spec, ':');
	if (!colon || colon == spec || !colon[1])
		return err_set(e, "%s needs BINARY:FUNCTION, e.g. %s:/bin/bash:readline",
			       pv->name, pv->name);
	const char *at = memchr(spec, '@', (size_t)(colon - spec));
	const char *end = at ? at : colon;
	char binary[PATH_MAX], host[PATH_MAX], shown[PATH_MAX];
	snprintf(binary, sizeof(binary), "%.*s", (int)(end - spec), spec);
	int err = uprobe_find_binary(binary, pid, host, sizeof(host), shown, sizeof(shown), e);
	if (err)
		return err;
	struct elfsym *es = open_binary(host, e);
	if (!es)
		return -EINVAL;
	struct expand_ctx x = { pv, out, es, host, shown, NULL, e };
	size_t flen = strlen(colon + 1);
	char unquoted[1024];
	if (at) {
		err = expand_source_line(&x, at + 1);
	} else if (flen > 2 && colon[1] == '"' && colon[flen] == '"') {	/* "fn(char const*)" */
		snprintf(unquoted, sizeof(unquoted), "%.*s", (int)flen - 2, colon + 2);
		err = expand_func(&x, unquoted);
	} else if (!strncmp(colon + 1, "cpp:", 4))
		err = expand_cpp(&x, colon + 5);
	else
		err = expand_func(&x, colon + 1);
	elfsym_free(es);
	return err;
}

static int expand_uprobe(const char *spec, struct probe_list *out, struct errbuf *e)
{
	return expand_any(&provider_uprobe, spec, 0, out, e);
}

static int expand_uprobe_pid(const char *spec, int pid, struct probe_list *out,
			     struct errbuf *e)
{
	return expand_any(&provider_uprobe, spec, pid, out, e);
}

static int expand_uretprobe(const char *spec, struct probe_list *out, struct errbuf *e)
{
	return expand_any(&provider_uretprobe, spec, 0, out, e);
}

static int expand_uretprobe_pid(const char *spec, int pid, struct probe_list *out,
				struct errbuf *e)
{
	return expand_any(&provider_uretprobe, spec, pid, out, e);
}

/* Why a parameter bpfkit cannot read is not in args, in words. */
static char *unreadable_reason(const struct debuginfo_param *dp, const char *func)
{
	char why[512];
	const char *regs_only = "bpfkit reads args from the argument registers only";
	switch (dp->place) {
	case PARAM_SSE:
		snprintf(why, sizeof(why), "argument '%s' of %s is a floating-point value (%s), passed in an SSE register, which uprobe programs cannot read",
			 dp->name, func, dp->ctype);
		break;
	case PARAM_STACK:
		snprintf(why, sizeof(why), "argument '%s' of %s is passed on the stack (after the sixth register); %s; use sarg0..N",
			 dp->name, func, regs_only);
		break;
	case PARAM_MEMORY:
		snprintf(why, sizeof(why), "argument '%s' of %s (%s) is passed by value; bpfkit reads integer and pointer args only",
			 dp->name, func, dp->ctype);
		break;
	default:
		snprintf(why, sizeof(why), "argument '%s' of %s follows a struct or union passed by value, whose registers bpfkit does not work out; %s",
			 dp->name, func, regs_only);
		break;
	}
	char *s = strdup(why);
	if (!s)
		abort();
	return s;
}

static void add_param_field(struct probe *p, const struct debuginfo_param *dp)
{
	static const char *const argregs[] = { "rdi", "rsi", "rdx", "rcx", "r8", "r9" };
	if (!*dp->name)
		return;
	struct ctx_field *f = probe_add_field(p, dp->name, dp->ctype, F_INT);
	if (dp->place != PARAM_REG) {
		f->unreadable = unreadable_reason(dp, p->func);
		return;
	}
	int bytes;
	f->offset = (uint32_t)pt_regs_offset(argregs[dp->reg], &bytes);
	f->size = dp->size == 1 || dp->size == 2 || dp->size == 4 ? dp->size : 8;
	f->is_signed = dp->is_signed;
	f->user_ptr = dp->is_pointer;
	f->btf_type_id = dp->btf_id;
}

static void set_no_args(struct probe *p, const char *fmt, ...)
{
	char why[PATH_MAX + 256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	free(p->no_args);
	p->no_args = strdup(why);
	if (!p->no_args)
		abort();
}

/* args.NAME from the binary's DWARF, as bpftrace: the parameters' names
 * and types, read from the registers the calling convention puts them
 * in. Without DWARF args has no names, and p->no_args says why. */
static void add_dwarf_args(struct probe *p)
{
	struct elfsym *es = elfsym_open(p->target, NULL);
	struct debuginfo *di = open_debuginfo(p->target, es);
	struct elfsym_sym sym;
	uint64_t addr = es && !elfsym_lookup(es, p->func, &sym) ? sym.addr : 0;
	elfsym_free(es);
	if (!di) {
		set_no_args(p, "%s has no DWARF debug information, which args needs; use arg0..argN",
			    p->target);
		return;
	}
	p->btf = btf__new_empty();
	if (!p->btf)
		abort();
	struct debuginfo_param *params;
	int n = debuginfo_params(di, p->func, addr, p->btf, &params);
	if (n < 0)
		set_no_args(p, "the DWARF of %s does not describe %s; use arg0..argN", p->target, p->func);
	for (int i = 0; i < n; i++)
		add_param_field(p, &params[i]);
	debuginfo_params_free(params, n);
	debuginfo_close(di);
}

/* Casts such as (struct foo *)arg0 find the binary's struct foo. */
static int find_record(struct probe *p, const char *name, struct btf *btf)
{
	struct elfsym *es = elfsym_open(p->target, NULL);
	struct debuginfo *di = open_debuginfo(p->target, es);
	elfsym_free(es);
	int id = di ? debuginfo_record(di, name, btf) : -ENOENT;
	debuginfo_close(di);
	return id;
}

static int describe_uprobe(struct probe *p, struct errbuf *e)
{
	(void)e;
	uprobe_add_reg_args(p, false);
	if (!p->no_args)	/* a source line probe says why it has none */
		add_dwarf_args(p);
	return 0;
}

static int describe_uretprobe(struct probe *p, struct errbuf *e)
{
	(void)e;
	uprobe_add_reg_args(p, true);
	/* bpftrace gives args at function entry only. */
	set_no_args(p, "args is not available in uretprobe probes (the arguments are gone at return); use retval, or save them in a uprobe");
	return 0;
}

static int attach_uprobe(struct probe *p, int prog_fd, struct errbuf *e)
{
	return uprobe_pmu_attach(p, prog_fd, false, e);
}

static int attach_uretprobe(struct probe *p, int prog_fd, struct errbuf *e)
{
	return uprobe_pmu_attach(p, prog_fd, true, e);
}

/* ---- listing ---- */

struct list_ctx {
	const char *type, *shown;
	FILE *out;
	const char *last;
	struct debuginfo *di;	/* -lv: the binary's DWARF, or NULL */
	const char *cpp;	/* listing :cpp: names: the pattern, else NULL */
};

/* -lv: a function's parameters, one a line, as bpftrace lists them. */
static void list_params(struct debuginfo *di, const struct elfsym_sym *sym, FILE *out)
{
	struct debuginfo_param *params;
	int n = debuginfo_params(di, sym->name, sym->addr, NULL, &params);
	for (int i = 0; i < n; i++)
		if (*params[i].name)
			fprintf(out, "    %s %s\n", params[i].ctype, params[i].name);
	debuginfo_params_free(params, n);
}

static int list_match(const struct elfsym_sym *sym, const char *demangled, void *arg)
{
	struct list_ctx *lc = arg;
	if (lc->last && !strcmp(lc->last, sym->name))
		return 0;
	lc->last = sym->name;
	if (lc->cpp && !cpp_matches(demangled, lc->cpp))
		return 0;
	if (lc->cpp)
		fprintf(lc->out, "%s:%s:cpp:%s\n", lc->type, lc->shown, demangled);
	else
		fprintf(lc->out, "%s:%s:%s\n", lc->type, lc->shown, sym->name);
	if (lc->di)
		list_params(lc->di, sym, lc->out);
	return 0;
}

/* -l 'uprobe:BINARY[:GLOB]': the binary's functions. Without a binary
 * there is nothing to list (bpftrace does the same). */
static int list_any(const struct provider *pv, const char *glob, bool verbose, FILE *out)
{
	if (!glob)
		return 0;
	size_t len = strcspn(glob, ":");
	if (!glob[len] || provider_find(glob, len) != pv)
		return 0;
	const char *rest = glob + len + 1;
	const char *colon = strchr(rest, ':');
	char binary[PATH_MAX], host[PATH_MAX], shown[PATH_MAX];
	snprintf(binary, sizeof(binary), "%.*s", colon ? (int)(colon - rest) : (int)strlen(rest), rest);
	struct errbuf e;
	if (uprobe_find_binary(binary, 0, host, sizeof(host), shown, sizeof(shown), &e)) {
		fprintf(stderr, "bpfkit: %s\n", e.msg);
		return -ENOENT;
	}
	struct elfsym *es = open_binary(host, &e);
	if (!es) {
		fprintf(stderr, "bpfkit: %s\n", e.msg);
		return -ENOENT;
	}
	/* bpftrace lists the arguments of uprobes only: a uretprobe has none. */
	bool with_args = verbose && pv == &provider_uprobe;
	struct list_ctx lc = { pv->name, shown, out, NULL, with_args ? open_debuginfo(host, es) : NULL,
			       NULL };
	const char *funcs = colon && colon[1] ? colon + 1 : "*";
	char pattern[1024];
	if (!strncmp(funcs, "cpp:", 4)) {	/* C++ names, listed demangled */
		cpp_pattern(funcs[4] ? funcs + 4 : "*", pattern, sizeof(pattern));
		lc.cpp = pattern;
		funcs = "*";
	}
	elfsym_foreach(es, funcs, ELFSYM_FUNC, list_match, &lc);
	debuginfo_close(lc.di);
	elfsym_free(es);
	return 0;
}

static int list_uprobe(const char *glob, bool verbose, FILE *out)
{
	return list_any(&provider_uprobe, glob, verbose, out);
}

static int list_uretprobe(const char *glob, bool verbose, FILE *out)
{
	return list_any(&provider_uretprobe, glob, verbose, out);
}

const struct provider provider_uprobe = {
	.name = "uprobe", .alias = "u", .prog_type = BPF_PROG_TYPE_KPROBE,
	.run = RUN_ON_EVENT, .expand = expand_uprobe, .expand_pid = expand_uprobe_pid,
	.describe = describe_uprobe, .find_record = find_record, .attach = attach_uprobe,
	.detach = probe_close_fds, .list = list_uprobe,
};

const struct provider provider_uretprobe = {
	.name = "uretprobe", .alias = "ur", .prog_type = BPF_PROG_TYPE_KPROBE,
	.run = RUN_ON_EVENT, .expand = expand_uretprobe, .expand_pid = expand_uretprobe_pid,
	.describe = describe_uretprobe, .find_record = find_record, .attach = attach_uretprobe,
	.detach = probe_close_fds, .list = list_uretprobe,
};
