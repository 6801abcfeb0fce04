/* Symbolizer over ksyms (kallsyms) and usyms (process snapshots). */
#include <stdlib.h>
#include <string.h>
#include "ksyms.h"
#include "symbolizer.h"
#include "usyms.h"

struct symbolizer {
	struct ksyms *k;
	struct usyms *u;
	int *noted;		/* pids snapshotted, sorted */
	size_t nnoted, capnoted;
};

struct symbolizer *symbolizer_new(void)
{
	struct symbolizer *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->k = ksyms_new();
	s->u = usyms_new();
	return s;
}

void symbolizer_free(struct symbolizer *s)
{
	if (!s)
		return;
	if (s->k)
		ksyms_free(s->k);
	if (s->u)
		usyms_free(s->u);
	free(s->noted);
	free(s);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

void symbolizer_note_pid(struct symbolizer *s, int pid)
{
	if (!s || !s->u || pid <= 0)
		return;
	if (s->nnoted && bsearch(&pid, s->noted, s->nnoted, sizeof(int), cmp_int))
		return;
	if (s->nnoted == s->capnoted) {
		s->capnoted = s->capnoted ? 2 * s->capnoted : 64;
		s->noted = realloc(s->noted, s->capnoted * sizeof(int));
		if (!s->noted)
			abort();
	}
	s->noted[s->nnoted++] = pid;
	qsort(s->noted, s->nnoted, sizeof(int), cmp_int);
	usyms_cache_pid(s->u, pid);
}

static const char *kname(struct symbolizer *s, uint64_t addr, uint64_t *off)
{
	return s && s->k ? ksyms_name(s->k, addr, off) : NULL;
}

static const char *uname_of(struct symbolizer *s, int pid, uint64_t addr,
			    uint64_t *off, const char **module)
{
	*module = NULL;
	return s && s->u ? usyms_name(s->u, pid, addr, off, module) : NULL;
}

void symbolizer_write_ksym(FILE *f, struct symbolizer *s, uint64_t addr)
{
	uint64_t off;
	const char *name = kname(s, addr, &off);
	if (name)
		fputs(name, f);
	else
		fprintf(f, "0x%llx", (unsigned long long)addr);
}

void symbolizer_write_usym(FILE *f, struct symbolizer *s, int pid, uint64_t addr)
{
	uint64_t off;
	const char *module;
	const char *name = uname_of(s, pid, addr, &off, &module);
	if (name)
		fputs(name, f);
	else
		fprintf(f, "0x%llx", (unsigned long long)addr);
}

static void write_frame(FILE *f, struct symbolizer *s, bool user, int pid,
			uint64_t ip, enum stack_mode mode, int indent)
{
	uint64_t off = 0;
	const char *module = NULL;
	const char *name = user ? uname_of(s, pid, ip, &off, &module) : kname(s, ip, &off);
	if (mode == STACK_RAW) {
		fprintf(f, "%*s%llx\n", indent, "", (unsigned long long)ip);
		return;
	}
	if (mode == STACK_PERF) {
		fprintf(f, "\t%llx ", (unsigned long long)ip);
		if (name)
			fprintf(f, "%s+%llu", name, (unsigned long long)off);
		else
			fprintf(f, "0x%llx", (unsigned long long)ip);
		if (user)
			fprintf(f, " (%s)", module ? module : "[unknown]");
		fputc('\n', f);
		return;
	}
	if (name)
		fprintf(f, "%*s%s+%llu\n", indent, "", name, (unsigned long long)off);
	else
		fprintf(f, "%*s0x%llx\n", indent, "", (unsigned long long)ip);
}

void symbolizer_write_stack(FILE *f, struct symbolizer *s, const struct type *t,
			    const void *data, int indent)
{
	bool user = t->kind == T_USTACK;
	const uint64_t *w = data;
	int pid = user ? (int)w[0] : 0;
	const uint64_t *ips = user ? w + 1 : w;
	if (t->stack_depth && ips[0])	/* an empty stack prints as nothing */
		fputc('\n', f);
	for (uint32_t i = 0; i < t->stack_depth && ips[i]; i++)
		write_frame(f, s, user, pid, ips[i], (enum stack_mode)t->stack_mode, indent);
}
