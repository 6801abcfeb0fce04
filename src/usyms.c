/* User-space symbols of processes (see usyms.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>
#include "elfsym.h"
#include "usyms.h"

#define ELF_BUCKETS 256
#define PROC_BUCKETS 1024
#define REFRESH_NS 1000000000ull	/* least time between retaken snapshots */
#define VDSO_MAX (1 << 20)
#define DELETED_SUFFIX " (deleted)"

/* Identity of a file: device numbers as /proc/PID/maps prints them. */
struct file_id {
	uint32_t major, minor;
	uint64_t ino;
};

/* One ELF file, shared by every process that maps it. */
struct elf_entry {
	struct elf_entry *next;
	struct file_id id;	/* the cache key: from maps, or stat of a path */
	struct file_id opened;	/* the file elfsym actually read */
	struct elfsym *elf;
};

struct umap {
	uint64_t start, end, offset;
	uint64_t bias;		/* runtime address - virtual address */
	bool has_bias;
	struct elfsym *elf;	/* NULL: anonymous or unreadable */
	struct elf_entry *entry;	/* NULL for the vDSO */
	struct file_id id;
	char *path;		/* as in maps; NULL when anonymous */
};

struct jit_sym {
	uint64_t start, size;
	uint32_t seq;		/* line: a later line at one address wins */
	char *name;
};

/* What is known of a process at one moment. */
struct snapshot {
	struct snapshot *older;	/* retired snapshots, kept for their strings */
	uint64_t taken_ns;
	bool after_miss;	/* retaken because a lookup missed */
	struct umap *maps;	/* sorted by start (as maps lists them) */
	size_t nmaps;
	struct jit_sym *jit;	/* sorted by start */
	size_t njit;
	char *jit_path;
	struct elfsym *vdso;
};

struct uproc {
	struct uproc *next;
	int pid;
	struct snapshot *snap;
};

struct usyms {
	struct elf_entry *elfs[ELF_BUCKETS];
	struct uproc *procs[PROC_BUCKETS];
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

struct usyms *usyms_new(void)
{
	return calloc(1, sizeof(struct usyms));
}

/* ---- the ELF cache ---- */

static bool same_id(const struct file_id *a, const struct file_id *b)
{
	return a->major == b->major && a->minor == b->minor && a->ino == b->ino;
}

static struct file_id stat_id(const struct stat *st)
{
	return (struct file_id){ major(st->st_dev), minor(st->st_dev),
				 st->st_ino };
}

static size_t elf_bucket(const struct file_id *id)
{
	return (id->ino * 31 + id->major * 7 + id->minor) % ELF_BUCKETS;
}

static struct elf_entry *elf_cache_find(struct usyms *us,
					const struct file_id *id)
{
	if (id->ino == 0)	/* not a key: such files are never shared */
		return NULL;
	for (struct elf_entry *e = us->elfs[elf_bucket(id)]; e; e = e->next)
		if (same_id(&e->id, id))
			return e;
	return NULL;
}

/* Opens path (seen from root) and caches it under id; NULL + errno. */
static struct elf_entry *elf_cache_add(struct usyms *us,
				       const struct file_id *id,
				       const char *path,
				       const struct elfsym_opts *opts)
{
	struct elf_entry *e = calloc(1, sizeof(*e));
	char full[PATH_MAX];
	const char *opened;
	struct stat st;

	if (!e)
		return NULL;
	e->elf = elfsym_open(path, opts);
	if (!e->elf) {
		free(e);
		return NULL;
	}
	e->id = *id;
	e->opened = *id;
	opened = opts->open_path;
	if (!opened && snprintf(full, sizeof(full), "%s%s", opts->root ? opts->root : "",
				path) < (int)sizeof(full))
		opened = full;
	if (opened && stat(opened, &st) == 0)
		e->opened = stat_id(&st);
	e->next = us->elfs[elf_bucket(id)];
	us->elfs[elf_bucket(id)] = e;
	return e;
}

/* The path a mapping names, without the " (deleted)" mark. */
static void mapped_file_path(const char *path, char *out, size_t len)
{
	size_t n = strlen(path), sl = strlen(DELETED_SUFFIX);

	if (n > sl && strcmp(path + n - sl, DELETED_SUFFIX) == 0)
		n -= sl;
	snprintf(out, len, "%.*s", (int)n, path);
}

/* The ELF file of a mapping of pid. Through /proc/PID/root when that path
 * still holds the mapped file; else through /proc/PID/map_files (deleted
 * or replaced files, overlay filesystems). */
static struct elf_entry *elf_for_mapping(struct usyms *us, int pid,
					 const struct elfsym_mapping *m)
{
	struct file_id id = { m->dev_major, m->dev_minor, m->inode };
	char root[64], path[PATH_MAX], full[PATH_MAX + 64], mapfile[128];
	struct elfsym_opts opts = { .root = root };
	struct elf_entry *e = elf_cache_find(us, &id);
	struct stat st;
	bool same = false;

	if (e)
		return e;
	snprintf(root, sizeof(root), "/proc/%d/root", pid);
	mapped_file_path(m->path, path, sizeof(path));
	snprintf(full, sizeof(full), "%s%s", root, path);
	snprintf(mapfile, sizeof(mapfile), "/proc/%d/map_files/%llx-%llx", pid,
		 (unsigned long long)m->start, (unsigned long long)m->end);
	if (stat(full, &st) == 0) {
		struct file_id seen = stat_id(&st);

		same = same_id(&seen, &id);
	}
	if (!same && access(mapfile, R_OK) == 0)
		opts.open_path = mapfile;
	e = elf_cache_add(us, &id, path, &opts);
	if (!e && opts.open_path == NULL && access(mapfile, R_OK) == 0) {
		opts.open_path = mapfile;
		e = elf_cache_add(us, &id, path, &opts);
	}
	return e;
}

/* A file named by a path in our namespace (for pid 0 lookups). */
static struct elf_entry *elf_for_path(struct usyms *us, const char *path)
{
	struct elfsym_opts opts = { 0 };
	struct file_id id;
	struct elf_entry *e;
	struct stat st;

	if (stat(path, &st) != 0)
		return NULL;
	id = stat_id(&st);
	e = elf_cache_find(us, &id);
	return e ? e : elf_cache_add(us, &id, path, &opts);
}

/* ---- snapshots ---- */

static void snapshot_free(struct snapshot *s)
{
	while (s) {
		struct snapshot *older = s->older;

		for (size_t i = 0; i < s->nmaps; i++)
			free(s->maps[i].path);
		for (size_t i = 0; i < s->njit; i++)
			free(s->jit[i].name);
		free(s->maps);
		free(s->jit);
		free(s->jit_path);
		elfsym_free(s->vdso);
		free(s);
		s = older;
	}
}

static int add_map(struct snapshot *s, size_t *cap, const struct elfsym_mapping *m)
{
	struct umap *u;

	if (s->nmaps == *cap) {
		size_t n = *cap ? *cap * 2 : 64;
		struct umap *p = realloc(s->maps, n * sizeof(*p));

		if (!p)
			return -ENOMEM;
		s->maps = p;
		*cap = n;
	}
	u = &s->maps[s->nmaps];
	*u = (struct umap){ .start = m->start, .end = m->end,
			    .offset = m->offset,
			    .id = { m->dev_major, m->dev_minor, m->inode } };
	if (m->path[0]) {
		u->path = strdup(m->path);
		if (!u->path)
			return -ENOMEM;
	}
	s->nmaps++;
	return 0;
}

/* The vDSO is not a file: read its image from the process's memory. */
static struct elfsym *read_vdso(int pid, const struct elfsym_mapping *m)
{
	char path[64];
	size_t len = m->end - m->start;
	struct elfsym *e = NULL;
	void *buf;
	int fd;

	if (len == 0 || len > VDSO_MAX)
		return NULL;
	snprintf(path, sizeof(path), "/proc/%d/mem", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	buf = malloc(len);
	if (buf && pread(fd, buf, len, (off_t)m->start) == (ssize_t)len)
		e = elfsym_open_memory(buf, len, "[vdso]");
	free(buf);
	close(fd);
	return e;
}

static void attach_elf(struct umap *u, struct elfsym *elf, bool exec)
{
	u->elf = elf;
	u->has_bias = elf && elfsym_load_bias(elf, u->start, u->offset, exec,
					      &u->bias) == 0;
}

static int read_maps(struct usyms *us, int pid, struct snapshot *s)
{
	char path[64], line[PATH_MAX + 128];
	size_t cap = 0;
	FILE *f;
	int err = 0;

	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	f = fopen(path, "re");
	if (!f)
		return errno == ENOENT ? -ESRCH : -errno;
	while (!err && fgets(line, sizeof(line), f)) {
		struct elfsym_mapping m;
		struct umap *u;
		bool exec;

		if (elfsym_parse_maps_line(line, &m) != 0)
			continue;
		err = add_map(s, &cap, &m);
		if (err)
			break;
		u = &s->maps[s->nmaps - 1];
		exec = m.perms[2] == 'x';
		if (m.path[0] == '/') {
			u->entry = elf_for_mapping(us, pid, &m);
			attach_elf(u, u->entry ? u->entry->elf : NULL, exec);
		} else if (strcmp(m.path, "[vdso]") == 0) {
			if (!s->vdso)
				s->vdso = read_vdso(pid, &m);
			attach_elf(u, s->vdso, exec);
		}
	}
	fclose(f);
	return err;
}

/* The pid a process has in its own pid namespace (last of NSpid). */
static int ns_pid(int pid)
{
	char path[64], line[256];
	int nspid = pid;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	f = fopen(path, "re");
	if (!f)
		return pid;
	while (fgets(line, sizeof(line), f)) {
		char *p = line + 6, *end;

		if (strncmp(line, "NSpid:", 6) != 0)
			continue;
		for (long v; (v = strtol(p, &end, 10)), end != p; p = end)
			nspid = (int)v;
		break;
	}
	fclose(f);
	return nspid;
}

static int cmp_jit(const void *pa, const void *pb)
{
	const struct jit_sym *a = pa, *b = pb;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* "START SIZE name" with START and SIZE in hex; name runs to the end. */
static bool parse_jit_line(char *line, struct jit_sym *j)
{
	char *p = line, *end, *nl = strchr(line, '\n');

	if (nl)
		*nl = '\0';
	j->start = strtoull(p, &end, 16);
	if (end == p || *end != ' ')
		return false;
	p = end;
	j->size = strtoull(p, &end, 16);
	if (end == p || *end != ' ')
		return false;
	while (*end == ' ')
		end++;
	j->name = end;
	return *end != '\0';
}

static int read_jit_file(struct snapshot *s, FILE *f)
{
	size_t cap = 0;
	char *line = NULL;
	size_t linecap = 0;
	int err = 0;

	while (!err && getline(&line, &linecap, f) > 0) {
		struct jit_sym j;

		if (!parse_jit_line(line, &j))
			continue;
		if (s->njit == cap) {
			size_t n = cap ? cap * 2 : 256;
			struct jit_sym *p = realloc(s->jit, n * sizeof(*p));

			if (!p) {
				err = -ENOMEM;
				break;
			}
			s->jit = p;
			cap = n;
		}
		j.seq = (uint32_t)s->njit;
		j.name = strdup(j.name);
		if (!j.name)
			err = -ENOMEM;
		else
			s->jit[s->njit++] = j;
	}
	free(line);
	qsort(s->jit, s->njit, sizeof(*s->jit), cmp_jit);
	return err;
}

/* The JIT writes its map in its own /tmp under its own pid; some setups
 * share our /tmp instead. jit_path is the name as the process sees it. */
static int read_perf_map(int pid, struct snapshot *s)
{
	char inside[64], path[128];
	int err;
	FILE *f;

	snprintf(inside, sizeof(inside), "/tmp/perf-%d.map", ns_pid(pid));
	snprintf(path, sizeof(path), "/proc/%d/root%s", pid, inside);
	f = fopen(path, "re");
	if (!f) {
		snprintf(inside, sizeof(inside), "/tmp/perf-%d.map", pid);
		f = fopen(inside, "re");
	}
	if (!f)
		return 0;
	s->jit_path = strdup(inside);
	err = s->jit_path ? read_jit_file(s, f) : -ENOMEM;
	fclose(f);
	return err;
}

static struct snapshot *snapshot_take(struct usyms *us, int pid, int *err)
{
	struct snapshot *s = calloc(1, sizeof(*s));

	if (!s) {
		*err = -ENOMEM;
		return NULL;
	}
	s->taken_ns = now_ns();
	*err = read_maps(us, pid, s);
	if (!*err)
		*err = read_perf_map(pid, s);
	if (*err) {
		snapshot_free(s);
		return NULL;
	}
	return s;
}

/* ---- processes ---- */

static struct uproc **proc_slot(struct usyms *us, int pid)
{
	struct uproc **pp = &us->procs[(unsigned)pid % PROC_BUCKETS];

	while (*pp && (*pp)->pid != pid)
		pp = &(*pp)->next;
	return pp;
}

int usyms_cache_pid(struct usyms *us, int pid)
{
	struct uproc **pp = proc_slot(us, pid);
	struct snapshot *s;
	int err;

	if (pid <= 0)
		return -EINVAL;
	s = snapshot_take(us, pid, &err);
	if (!s)
		return err;
	if (!*pp) {
		*pp = calloc(1, sizeof(**pp));
		if (!*pp) {
			snapshot_free(s);
			return -ENOMEM;
		}
		(*pp)->pid = pid;
	}
	s->older = (*pp)->snap;
	(*pp)->snap = s;
	return 0;
}

void usyms_drop_pid(struct usyms *us, int pid)
{
	struct uproc **pp = proc_slot(us, pid), *p = *pp;

	if (!p)
		return;
	*pp = p->next;
	snapshot_free(p->snap);
	free(p);
}

/* The snapshot of pid, taken now if there is none. */
static struct snapshot *snapshot_of(struct usyms *us, int pid, int *err)
{
	struct uproc *p = *proc_slot(us, pid);

	*err = 0;
	if (!p) {
		*err = usyms_cache_pid(us, pid);
		if (*err)
			return NULL;
		p = *proc_slot(us, pid);
	}
	return p->snap;
}

void usyms_free(struct usyms *us)
{
	if (!us)
		return;
	for (size_t i = 0; i < PROC_BUCKETS; i++) {
		while (us->procs[i]) {
			struct uproc *p = us->procs[i];

			us->procs[i] = p->next;
			snapshot_free(p->snap);
			free(p);
		}
	}
	for (size_t i = 0; i < ELF_BUCKETS; i++) {
		while (us->elfs[i]) {
			struct elf_entry *e = us->elfs[i];

			us->elfs[i] = e->next;
			elfsym_free(e->elf);
			free(e);
		}
	}
	free(us);
}

/* ---- lookups ---- */

static struct umap *find_map(struct snapshot *s, uint64_t addr)
{
	size_t lo = 0, hi = s->nmaps;

	while (lo < hi) {	/* first mapping starting above addr */
		size_t mid = lo + (hi - lo) / 2;

		if (s->maps[mid].start <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0 || addr >= s->maps[lo - 1].end)
		return NULL;
	return &s->maps[lo - 1];
}

static struct jit_sym *find_jit(struct snapshot *s, uint64_t addr)
{
	size_t lo = 0, hi = s->njit;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->jit[mid].start <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0 || addr - s->jit[lo - 1].start >= s->jit[lo - 1].size)
		return NULL;
	return &s->jit[lo - 1];
}

struct lookup {
	const char *name;
	const char *module;
	uint64_t offset;
	bool known;		/* some mapping or JIT symbol holds the address */
};

static struct lookup resolve(struct snapshot *s, uint64_t addr)
{
	struct lookup r = { 0 };
	struct umap *m = find_map(s, addr);
	struct jit_sym *j;

	if (m && m->elf && m->has_bias) {
		r.name = elfsym_name(m->elf, addr - m->bias, &r.offset);
		r.module = m->path;
		r.known = true;
		if (r.name)
			return r;
	}
	j = find_jit(s, addr);
	if (j) {
		r.name = j->name;
		r.offset = addr - j->start;
		r.module = s->jit_path;
		r.known = true;
		return r;
	}
	if (m && m->path) {
		r.module = m->path;
		r.offset = m->has_bias ? addr - m->bias : addr - m->start + m->offset;
		r.known = true;
	}
	return r;
}

const char *usyms_name(struct usyms *us, int pid, uint64_t addr,
		       uint64_t *offset, const char **module)
{
	int err;
	struct snapshot *s = snapshot_of(us, pid, &err);
	struct lookup r;

	if (!s) {
		errno = -err;
		return NULL;
	}
	r = resolve(s, addr);
	/* Maybe mapped since the snapshot (one taken at exec has no
	 * libraries yet): retake it, at once after a snapshot no miss asked
	 * for, else at most once a REFRESH_NS. A gone process keeps the old. */
	if (!r.known && (!s->after_miss || now_ns() - s->taken_ns >= REFRESH_NS) &&
	    usyms_cache_pid(us, pid) == 0) {
		s = (*proc_slot(us, pid))->snap;
		s->after_miss = true;
		r = resolve(s, addr);
	}
	if (offset)
		*offset = r.offset;
	if (module)
		*module = r.module;
	if (!r.name)
		errno = ENOENT;
	return r.name;
}

/* Whether mapping u is of the file at path (as we open it). */
static bool map_is_file(const struct umap *u, int pid, const char *path,
			const struct file_id *id)
{
	char full[PATH_MAX + 64];

	if (!u->path || !u->entry)
		return false;
	if (id && (same_id(&u->id, id) || same_id(&u->entry->opened, id)))
		return true;
	snprintf(full, sizeof(full), "/proc/%d/root%s", pid, u->path);
	return strcmp(u->path, path) == 0 || strcmp(full, path) == 0;
}

static int addr_in_process(struct usyms *us, int pid, const char *path,
			   const char *symbol, uint64_t *addr)
{
	struct elfsym_sym sym;
	struct file_id id, *idp = NULL;
	struct stat st;
	int err;
	struct snapshot *s = snapshot_of(us, pid, &err);

	if (!s)
		return err;
	if (stat(path, &st) == 0) {
		id = stat_id(&st);
		idp = &id;
	}
	for (size_t i = 0; i < s->nmaps; i++) {
		struct umap *u = &s->maps[i];

		if (!u->has_bias || !map_is_file(u, pid, path, idp))
			continue;
		err = elfsym_lookup(u->elf, symbol, &sym);
		if (err)
			return err;
		*addr = sym.addr + u->bias;
		return 0;
	}
	return -ENOENT;
}

int usyms_addr(struct usyms *us, int pid_or_0, const char *binary,
	       const char *symbol, uint64_t *addr)
{
	char path[PATH_MAX];
	struct elf_entry *e;
	struct elfsym_sym sym;
	int err = elfsym_resolve_library(binary, pid_or_0, path, sizeof(path));

	if (err)
		return err;
	if (pid_or_0 > 0)
		return addr_in_process(us, pid_or_0, path, symbol, addr);
	e = elf_for_path(us, path);
	if (!e)
		return -errno;
	err = elfsym_lookup(e->elf, symbol, &sym);
	if (err)
		return err;
	*addr = sym.addr;
	return 0;
}
