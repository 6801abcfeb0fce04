/* Kernel symbols from /proc/kallsyms (see ksyms.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ksyms.h"

#define KALLSYMS "/proc/kallsyms"
#define READ_CHUNK (1 << 20)

struct ksym {
	uint64_t addr;
	const char *name;	/* into ksyms.text */
	const char *module;	/* into ksyms.text; NULL for the core kernel */
	uint32_t seq;		/* line number: keeps sorting deterministic */
	char type;		/* nm-style letter: T, t, D, ... */
};

struct ksyms {
	bool loaded;
	int load_err;		/* negative errno of the failed load, or 0 */
	char *text;		/* the whole file, NULs written in place */
	struct ksym *syms;	/* by address, preferred alias first */
	size_t nsyms;
	uint32_t *name_slots;	/* open hash: index + 1 of the preferred
				 * symbol of each name, 0 when empty; lazy */
	size_t nslots;		/* a power of two */
};

struct ksyms *ksyms_new(void)
{
	return calloc(1, sizeof(struct ksyms));
}

void ksyms_free(struct ksyms *ks)
{
	if (!ks)
		return;
	free(ks->name_slots);
	free(ks->syms);
	free(ks->text);
	free(ks);
}

/* Doubles buf when less than a chunk is free. */
static int make_room(char **buf, size_t *cap, size_t used)
{
	char *p;

	if (*cap - used >= READ_CHUNK)
		return 0;
	p = realloc(*buf, *cap * 2 + 1);
	if (!p)
		return -ENOMEM;
	*buf = p;
	*cap *= 2;
	return 0;
}

/* procfs reports size 0, so read until EOF into a growing buffer. */
static int read_all(const char *path, char **out)
{
	size_t cap = 8 * READ_CHUNK, n = 0;
	char *buf = malloc(cap + 1);
	int fd = open(path, O_RDONLY | O_CLOEXEC), err = 0;

	if (!buf || fd < 0) {
		err = !buf ? -ENOMEM : -errno;
		free(buf);
		if (fd >= 0)
			close(fd);
		return err;
	}
	while (!(err = make_room(&buf, &cap, n))) {
		ssize_t r = read(fd, buf + n, cap - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			err = -errno;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (err) {
		free(buf);
		return err;
	}
	buf[n] = '\0';
	*out = buf;
	return 0;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* One line: "ADDR TYPE NAME" optionally followed by "\t[MODULE]".
 * Writes NULs into the line; returns the start of the next line, or NULL
 * at the end of the text. ok is false for a line to skip. */
static char *parse_line(char *p, struct ksym *s, bool *ok)
{
	char *q;
	int d;

	*ok = false;
	s->addr = 0;
	for (q = p; (d = hex_digit(*q)) >= 0; q++)
		s->addr = s->addr << 4 | (uint64_t)d;
	if (q == p || q[0] != ' ' || !q[1] || q[2] != ' ')
		goto skip;
	s->type = q[1];
	s->name = q += 3;
	s->module = NULL;
	while (*q && *q != '\t' && *q != '\n')
		q++;
	*ok = q != s->name;
	if (*q == '\t') {
		*q++ = '\0';
		if (*q == '[') {
			s->module = ++q;
			while (*q && *q != ']' && *q != '\n')
				q++;
			if (*q == ']')
				*q++ = '\0';
			else
				s->module = NULL;
		}
	}
skip:
	while (*q && *q != '\n')
		q++;
	if (!*q)
		return NULL;
	*q = '\0';
	return q + 1;
}

/* Text functions first (global, local, weak), then everything else; then
 * fewer leading underscores (_text before __pfx-like helpers). */
static int type_rank(char type)
{
	static const char order[] = "TtWw";
	const char *at = strchr(order, type);

	if (type && at)
		return (int)(at - order);
	return type >= 'A' && type <= 'Z' ? 4 : 5;
}

static int leading_underscores(const char *s)
{
	int n = 0;

	while (s[n] == '_')
		n++;
	return n;
}

static int cmp_preference(const struct ksym *a, const struct ksym *b)
{
	int ra = type_rank(a->type), rb = type_rank(b->type);

	if (ra != rb)
		return ra - rb;
	ra = leading_underscores(a->name);
	rb = leading_underscores(b->name);
	if (ra != rb)
		return ra - rb;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int cmp_by_addr(const void *pa, const void *pb)
{
	const struct ksym *a = pa, *b = pb;

	if (a->addr != b->addr)
		return a->addr < b->addr ? -1 : 1;
	return cmp_preference(a, b);
}

static int grow(struct ksym **syms, size_t *cap)
{
	size_t n = *cap ? *cap * 2 : 65536;
	struct ksym *p = realloc(*syms, n * sizeof(*p));

	if (!p)
		return -ENOMEM;
	*syms = p;
	*cap = n;
	return 0;
}

static int parse_all(struct ksyms *ks)
{
	size_t cap = 0;
	bool any_addr = false;
	char *p = ks->text;
	int err;

	while (p && *p) {
		struct ksym *s;
		bool ok;

		if (ks->nsyms == cap && (err = grow(&ks->syms, &cap)))
			return err;
		s = &ks->syms[ks->nsyms];
		p = parse_line(p, s, &ok);
		if (!ok)
			continue;
		s->seq = (uint32_t)ks->nsyms++;
		any_addr |= s->addr != 0;
	}
	if (ks->nsyms == 0)
		return -ENOENT;
	if (!any_addr)
		return -EPERM;
	qsort(ks->syms, ks->nsyms, sizeof(*ks->syms), cmp_by_addr);
	return 0;
}

static int ensure_loaded(struct ksyms *ks)
{
	if (ks->loaded)
		return ks->load_err;
	ks->loaded = true;
	ks->load_err = read_all(KALLSYMS, &ks->text);
	if (!ks->load_err)
		ks->load_err = parse_all(ks);
	if (ks->load_err) {
		free(ks->syms);
		free(ks->text);
		ks->syms = NULL;
		ks->text = NULL;
		ks->nsyms = 0;
	}
	return ks->load_err;
}

struct ksyms *ksyms_load(void)
{
	struct ksyms *ks = ksyms_new();
	int err;

	if (!ks)
		return NULL;
	err = ensure_loaded(ks);
	if (err) {
		ksyms_free(ks);
		errno = -err;
		return NULL;
	}
	return ks;
}

long ksyms_count(struct ksyms *ks)
{
	int err = ensure_loaded(ks);

	return err ? err : (long)ks->nsyms;
}

/* The preferred symbol at the nearest address <= addr, or NULL. */
static const struct ksym *find_preceding(struct ksyms *ks, uint64_t addr)
{
	size_t lo = 0, hi, found;
	int err = ensure_loaded(ks);

	if (err) {
		errno = -err;
		return NULL;
	}
	hi = ks->nsyms;
	while (lo < hi) {	/* first index with an address > addr */
		size_t mid = lo + (hi - lo) / 2;

		if (ks->syms[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0) {
		errno = ENOENT;
		return NULL;
	}
	found = lo - 1;
	while (found > 0 && ks->syms[found - 1].addr == ks->syms[found].addr)
		found--;
	return &ks->syms[found];
}

const char *ksyms_name(struct ksyms *ks, uint64_t addr, uint64_t *offset)
{
	const struct ksym *s = find_preceding(ks, addr);

	if (!s)
		return NULL;
	if (offset)
		*offset = addr - s->addr;
	return s->name;
}

const char *ksyms_module(struct ksyms *ks, uint64_t addr)
{
	const struct ksym *s = find_preceding(ks, addr);

	return s ? s->module : NULL;
}

/* FNV-1a: names are short and this runs once per symbol. */
static uint64_t hash_name(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 0x100000001b3ull;
	return h;
}

/* The slot holding name, or the empty slot where it would go. */
static uint32_t *name_slot(struct ksyms *ks, const char *name)
{
	size_t mask = ks->nslots - 1, i = hash_name(name) & mask;

	while (ks->name_slots[i] &&
	       strcmp(ks->syms[ks->name_slots[i] - 1].name, name) != 0)
		i = (i + 1) & mask;
	return &ks->name_slots[i];
}

/* A hash table rather than a sorted index: hashing 100k names is much
 * cheaper than sorting them. */
static int build_name_index(struct ksyms *ks)
{
	if (ks->name_slots)
		return 0;
	ks->nslots = 1;
	while (ks->nslots < 2 * ks->nsyms)
		ks->nslots *= 2;
	ks->name_slots = calloc(ks->nslots, sizeof(*ks->name_slots));
	if (!ks->name_slots)
		return -ENOMEM;
	for (size_t i = 0; i < ks->nsyms; i++) {
		uint32_t *slot = name_slot(ks, ks->syms[i].name);

		if (!*slot || cmp_preference(&ks->syms[i], &ks->syms[*slot - 1]) < 0)
			*slot = (uint32_t)i + 1;
	}
	return 0;
}

int ksyms_addr(struct ksyms *ks, const char *name, uint64_t *addr)
{
	uint32_t *slot;
	int err = ensure_loaded(ks);

	if (!err)
		err = build_name_index(ks);
	if (err)
		return err;
	slot = name_slot(ks, name);
	if (!*slot)
		return -ENOENT;
	*addr = ks->syms[*slot - 1].addr;
	return 0;
}
