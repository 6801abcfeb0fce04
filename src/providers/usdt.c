/* usdt:BINARY:[PROVIDER:]NAME — statically defined user-space probes
 * (SystemTap SDT notes). Each probe site is a nop that the binary's
 * .note.stapsdt describes: its address, the optional semaphore the
 * program tests before preparing the arguments, and how to find each
 * argument (an x86-64 operand: register, memory or constant). A site is
 * a uprobe at that address; a semaphore is handed to the kernel as the
 * uprobe's reference counter, so it is set exactly while we are attached
 * and even in processes started later. */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <gelf.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libelf.h>
#include "provider.h"
#include "providers/uprobe.h"

extern const struct provider provider_usdt;

#define NT_STAPSDT 3

/* One probe site of a binary. */
struct site {
	char *provider, *name, *args;
	uint64_t pc, semaphore;	/* virtual addresses, prelink-adjusted */
	uint64_t pc_offset, sem_offset;	/* file offsets (sem: 0 when none) */
};

struct sites {
	struct site *v;
	int n;
};

static void free_sites(struct sites *s)
{
	for (int i = 0; i < s->n; i++) {
		free(s->v[i].provider);
		free(s->v[i].name);
		free(s->v[i].args);
	}
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

/* Virtual address -> file offset through the PT_LOAD segments. */
static int vaddr_offset(Elf *elf, uint64_t vaddr, uint64_t *off)
{
	size_t n;
	if (elf_getphdrnum(elf, &n))
		return -EINVAL;
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(elf, (int)i, &ph) || ph.p_type != PT_LOAD)
			continue;
		if (vaddr >= ph.p_vaddr && vaddr - ph.p_vaddr < ph.p_filesz) {
			*off = vaddr - ph.p_vaddr + ph.p_offset;
			return 0;
		}
	}
	return -ENOENT;
}

static Elf_Scn *find_section(Elf *elf, const char *want, GElf_Shdr *sh)
{
	size_t shstrndx;
	if (elf_getshdrstrndx(elf, &shstrndx))
		return NULL;
	for (Elf_Scn *scn = elf_nextscn(elf, NULL); scn; scn = elf_nextscn(elf, scn)) {
		if (!gelf_getshdr(scn, sh))
			continue;
		const char *name = elf_strptr(elf, shstrndx, sh->sh_name);
		if (name && !strcmp(name, want))
			return scn;
	}
	return NULL;
}

static char *dup_str(const char **p, const char *end)
{
	size_t len = strnlen(*p, (size_t)(end - *p));
	if (*p + len >= end)
		return NULL;
	char *s = strndup(*p, len);
	if (!s)
		abort();
	*p += len + 1;
	return s;
}

/* Decodes one note's descriptor: pc, base, semaphore (8 bytes each),
 * then provider, name and arguments as NUL-terminated strings. */
static int parse_note(const char *desc, size_t size, struct site *s, uint64_t *base)
{
	if (size < 24)
		return -EINVAL;
	memcpy(&s->pc, desc, 8);
	memcpy(base, desc + 8, 8);
	memcpy(&s->semaphore, desc + 16, 8);
	const char *p = desc + 24, *end = desc + size;
	s->provider = dup_str(&p, end);
	s->name = s->provider ? dup_str(&p, end) : NULL;
	s->args = s->name ? dup_str(&p, end) : NULL;
	if (!s->args) {
		free(s->provider);
		free(s->name);
		return -EINVAL;
	}
	return 0;
}

static int cmp_sites(const void *a, const void *b)
{
	const struct site *x = a, *y = b;
	int c = strcmp(x->provider, y->provider);
	if (!c)
		c = strcmp(x->name, y->name);
	return c ? c : x->pc < y->pc ? -1 : x->pc > y->pc;
}

static int read_notes(Elf *elf, struct sites *out)
{
	GElf_Shdr sh, base_sh;
	Elf_Scn *scn = find_section(elf, ".note.stapsdt", &sh);
	if (!scn)
		return 0;
	/* A prelinked file moved its code but not the note: the distance
	 * between .stapsdt.base as linked and as recorded fixes it. */
	bool have_base = find_section(elf, ".stapsdt.base", &base_sh) != NULL;
	Elf_Data *data = elf_getdata(scn, NULL);
	size_t off = 0, name_off, desc_off;
	GElf_Nhdr nh;
	while (data && (off = gelf_getnote(data, off, &nh, &name_off, &desc_off)) > 0) {
		const char *owner = (const char *)data->d_buf + name_off;
		if (nh.n_type != NT_STAPSDT || nh.n_namesz != 8 || memcmp(owner, "stapsdt", 8))
			continue;
		struct site s = { 0 };
		uint64_t base;
		if (parse_note((const char *)data->d_buf + desc_off, nh.n_descsz, &s, &base))
			continue;
		if (have_base && base) {
			s.pc += base_sh.sh_addr - base;
			if (s.semaphore)
				s.semaphore += base_sh.sh_addr - base;
		}
		if (vaddr_offset(elf, s.pc, &s.pc_offset) ||
		    (s.semaphore && vaddr_offset(elf, s.semaphore, &s.sem_offset))) {
			free(s.provider);
			free(s.name);
			free(s.args);
			continue;
		}
		out->v = realloc(out->v, (size_t)(out->n + 1) * sizeof(*out->v));
		if (!out->v)
			abort();
		out->v[out->n++] = s;
	}
	qsort(out->v, (size_t)out->n, sizeof(*out->v), cmp_sites);
	return 0;
}

/* All probe sites of the file at path, sorted by provider, name, pc. */
static int load_sites(const char *path, struct sites *out, struct errbuf *e)
{
	memset(out, 0, sizeof(*out));
	elf_version(EV_CURRENT);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_set(e, "%s: %s", path, strerror(errno));
	Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
	int err;
	if (!elf || elf_kind(elf) != ELF_K_ELF)
		err = err_set(e, "%s: not an ELF file", path);
	else if (gelf_getclass(elf) != ELFCLASS64)
		err = err_set(e, "%s: only 64-bit binaries have USDT support", path);
	else
		err = read_notes(elf, out);
	if (elf)
		elf_end(elf);
	close(fd);
	return err;
}

/* ---- arguments ---- */

/* Parses "[-]N@OPERAND" (one argument) into f. The operand is %REG,
 * $CONST, DISP(%REG) or (%REG). */
static int parse_arg(const char *spec, struct ctx_field *f)
{
	char *end;
	long size = 8;
	const char *at = strchr(spec, '@');
	const char *op = spec;
	if (at) {
		size = strtol(spec, &end, 10);
		if (end != at)
			return -EINVAL;
		op = at + 1;
	}
	f->is_signed = size < 0;
	f->size = (uint32_t)(size < 0 ? -size : size);
	if (f->size != 1 && f->size != 2 && f->size != 4 && f->size != 8)
		return -EINVAL;
	if (op[0] == '$') {
		errno = 0;
		long long v = strtoll(op + 1, &end, 0);
		if (*end || errno)
			return -EINVAL;
		/* The constant as the argument's type sees it. */
		if (f->size < 8) {
			int sh = 64 - 8 * (int)f->size;
			v = f->is_signed ? (long long)((uint64_t)v << sh) >> sh :
					   (long long)(((uint64_t)v << sh) >> sh);
		}
		f->kind = F_CONST;
		f->value = v;
		return 0;
	}
	int bytes, reg;
	if (op[0] == '%') {
		reg = pt_regs_offset(op + 1, &bytes);
		if (reg < 0)
			return -EINVAL;
		if (!at)
			f->size = (uint32_t)bytes, f->is_signed = false;
		f->kind = F_INT;
		f->offset = (uint32_t)reg;
		return 0;
	}
	const char *paren = strchr(op, '(');
	if (!paren || paren[1] != '%')
		return -EINVAL;
	long long disp = 0;
	if (paren != op) {
		errno = 0;
		disp = strtoll(op, &end, 0);
		if (end != paren || errno)
			return -EINVAL;	/* symbol(%rip) and the like */
	}
	char name[8];
	size_t len = strcspn(paren + 2, ")");
	if (len >= sizeof(name) || paren[2 + len] != ')' || paren[3 + len])
		return -EINVAL;	/* base + index * scale is not supported */
	snprintf(name, sizeof(name), "%.*s", (int)len, paren + 2);
	reg = pt_regs_offset(name, &bytes);
	if (reg < 0 || bytes != 8 || !strcmp(name, "rip"))
		return -EINVAL;
	f->kind = F_USER_MEM;
	f->offset = (uint32_t)reg;
	f->disp = disp;
	return 0;
}

static const char *arg_ctype(const struct ctx_field *f)
{
	static const char *const s[] = { [1] = "int8", [2] = "int16", [4] = "int32", [8] = "int64" };
	static const char *const u[] = { [1] = "uint8", [2] = "uint16", [4] = "uint32", [8] = "uint64" };
	return f->is_signed ? s[f->size] : u[f->size];
}

/* Turns the site's argument string into arg0..argN. */
static int describe_args(struct probe *p, const char *args, struct errbuf *e)
{
	char *copy = strdup(args), *save = NULL;
	if (!copy)
		abort();
	int i = 0, err = 0;
	for (char *t = strtok_r(copy, " \t", &save); t; t = strtok_r(NULL, " \t", &save), i++) {
		struct ctx_field f = { 0 };
		if (parse_arg(t, &f)) {
			err = err_set(e, "%s: argument %d has an operand bpfkit cannot read: %s",
				      p->name, i, t);
			break;
		}
		char name[16];
		snprintf(name, sizeof(name), "arg%d", i);
		struct ctx_field *nf = probe_add_field(p, name, arg_ctype(&f), f.kind);
		nf->offset = f.offset;
		nf->size = f.size;
		nf->is_signed = f.is_signed;
		nf->disp = f.disp;
		nf->value = f.value;
	}
	free(copy);
	return err;
}

/* ---- expansion ---- */

/* The argument string is read again from the binary, at the site with
 * the probe's file offset: only probes whose args are used need it. */
static int describe_usdt(struct probe *p, struct errbuf *e)
{
	struct sites s;
	int err = load_sites(p->target, &s, e);
	if (err)
		return err;
	err = err_set(e, "%s: the probe is gone from %s", p->name, p->target);
	for (int i = 0; i < s.n; i++)
		if (s.v[i].pc_offset == p->offset) {
			err = describe_args(p, s.v[i].args, e);
			break;
		}
	free_sites(&s);
	return err;
}

static bool match(const char *glob, const char *s)
{
	return fnmatch(glob, s, 0) == 0;
}

/* Splits "BINARY:[PROVIDER:]NAME" into its parts (binary: PATH_MAX
 * bytes, prov and name: len bytes). */
static int split_spec(const char *spec, char *binary, char *prov, char *name, size_t len)
{
	const char *c1 = strchr(spec, ':');
	if (!c1 || c1 == spec)
		return -EINVAL;
	snprintf(binary, PATH_MAX, "%.*s", (int)(c1 - spec), spec);
	const char *c2 = strchr(c1 + 1, ':');
	if (c2) {
		snprintf(prov, len, "%.*s", (int)(c2 - c1 - 1), c1 + 1);
		snprintf(name, len, "%s", c2 + 1);
	} else {
		snprintf(prov, len, "*");
		snprintf(name, len, "%s", c1 + 1);
	}
	return *name && *prov && !strchr(name, ':') ? 0 : -EINVAL;
}

static int expand_any(const char *spec, int pid, struct probe_list *out, struct errbuf *e)
{
	char binary[PATH_MAX], prov[256], name[256], host[PATH_MAX], shown[PATH_MAX];
	if (split_spec(spec, binary, prov, name, sizeof(prov)))
		return err_set(e, "usdt needs BINARY:[PROVIDER:]NAME, e.g. usdt:/usr/bin/python3:python:function__entry");
	int err = uprobe_find_binary(binary, pid, host, sizeof(host), shown, sizeof(shown), e);
	if (err)
		return err;
	struct sites s;
	err = load_sites(host, &s, e);
	if (err)
		return err;
	for (int i = 0; i < s.n; i++) {
		if (!match(prov, s.v[i].provider) || !match(name, s.v[i].name))
			continue;
		char full[PATH_MAX + 600];
		snprintf(full, sizeof(full), "usdt:%s:%s:%s", shown, s.v[i].provider, s.v[i].name);
		struct probe *p = probe_list_add(out, &provider_usdt, full);
		p->target = strdup(host);
		if (!p->target)
			abort();
		p->offset = s.v[i].pc_offset;
		p->ref_ctr_offset = s.v[i].sem_offset;
	}
	free_sites(&s);
	return 0;
}

static int expand_usdt(const char *spec, struct probe_list *out, struct errbuf *e)
{
	return expand_any(spec, 0, out, e);
}

static int expand_usdt_pid(const char *spec, int pid, struct probe_list *out,
			   struct errbuf *e)
{
	return expand_any(spec, pid, out, e);
}

static int attach_usdt(struct probe *p, int prog_fd, struct errbuf *e)
{
	return uprobe_pmu_attach(p, prog_fd, false, e);
}

/* -l 'usdt:BINARY[:PROVIDER[:NAME]]'; the probe list is sorted and each
 * name is printed once even when it has several sites. */
static int list_usdt(const char *glob, bool verbose, FILE *out)
{
	if (!glob)
		return 0;
	size_t len = strcspn(glob, ":");
	if (!glob[len] || provider_find(glob, len) != &provider_usdt)
		return 0;
	const char *rest = glob + len + 1;
	char binary[PATH_MAX], prov[256] = "*", name[256] = "*", host[PATH_MAX], shown[PATH_MAX];
	size_t blen = strcspn(rest, ":");
	snprintf(binary, sizeof(binary), "%.*s", (int)blen, rest);
	if (rest[blen] && split_spec(rest, binary, prov, name, sizeof(prov))) {
		fprintf(stderr, "bpfkit: bad usdt pattern '%s'\n", glob);
		return -EINVAL;
	}
	struct errbuf e;
	struct sites s;
	if (uprobe_find_binary(binary, 0, host, sizeof(host), shown, sizeof(shown), &e) ||
	    load_sites(host, &s, &e)) {
		fprintf(stderr, "bpfkit: %s\n", e.msg);
		return -ENOENT;
	}
	for (int i = 0; i < s.n; i++) {
		if (!match(prov, s.v[i].provider) || !match(name, s.v[i].name))
			continue;
		if (i && !strcmp(s.v[i].provider, s.v[i - 1].provider) &&
		    !strcmp(s.v[i].name, s.v[i - 1].name))
			continue;
		fprintf(out, "usdt:%s:%s:%s\n", shown, s.v[i].provider, s.v[i].name);
		(void)verbose;	/* bpftrace -lv shows no more for usdt */
	}
	free_sites(&s);
	return 0;
}

const struct provider provider_usdt = {
	.name = "usdt", .alias = "U", .prog_type = BPF_PROG_TYPE_KPROBE,
	.run = RUN_ON_EVENT, .expand = expand_usdt, .expand_pid = expand_usdt_pid,
	.describe = describe_usdt, .attach = attach_usdt,
	.detach = probe_close_fds, .list = list_usdt,
};
