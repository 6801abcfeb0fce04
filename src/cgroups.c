/* cgroup id -> path, the text of bpftrace's cgroup_path(id[, filter]).
 *
 * What bpftrace does, from reading its sources and docs:
 *   https://github.com/bpftrace/bpftrace/blob/master/src/util/cgroup.cpp
 *     (get_cgroup_hierarchy_roots, get_cgroup_paths,
 *      get_cgroup_path_in_hierarchy; older releases had the same code in
 *      src/utils.cpp)
 *   https://github.com/bpftrace/bpftrace/blob/master/src/util/wildcard.cpp
 *   https://github.com/bpftrace/bpftrace/blob/master/src/bpftrace.cpp
 *     (BPFtrace::resolve_cgroup_path, which builds the printed text)
 *   https://github.com/bpftrace/bpftrace/blob/master/docs/stdlib.md
 *     (cgroup_path) and docs/reference_guide.md, whose example prints
 *     "unified:/user.slice/user-1000.slice/session-3.scope"
 *
 * - Hierarchies: every line of /proc/mounts whose first field (the mount
 *   source, not the file system type) is exactly "cgroup" (v1) or
 *   "cgroup2", and whose second field (the mount point, taken verbatim,
 *   octal escapes included) is a directory. So it is not only
 *   /sys/fs/cgroup: on a hybrid system the v1 controllers under it and
 *   cgroup2 at /sys/fs/cgroup/unified are all searched.
 * - Names: a cgroup2 hierarchy is always called "unified", wherever it is
 *   mounted; a v1 hierarchy is called by the last component of its mount
 *   point ("cpu,cpuacct", "systemd").
 * - filter is matched against those names. Without one it is "*". The
 *   filter is cut at each '*'; each piece is searched for at its leftmost
 *   place after the previous one (no backtracking, so "*a" does not match
 *   "aa"); the first piece must begin the name unless the filter begins
 *   with '*', and the name must end right after the last piece unless the
 *   filter ends with '*'. Other characters are literal.
 * - In each hierarchy kept: if the mount point's own inode number is the
 *   id, the path is "/". Otherwise the tree is walked depth first, in
 *   directory order, and the first entry (file or directory: bpftrace
 *   stats everything, so an id equal to the inode of, say, a v1
 *   hierarchy's "cgroup.procs" yields ".../cgroup.procs") whose inode
 *   number is the id gives the path: the entry's path with the mount
 *   point removed, e.g. "/system.slice/cron.service".
 * - Order: the cgroup2 hierarchies first, in mount order; then the v1
 *   ones sorted by name (then path).
 * - Text: "name:path" for each hierarchy where the id was found, joined
 *   with "," and nothing else ("unified:/a,cpu:/a,memory:/a"). When it
 *   was found nowhere the text is empty.
 *
 * Here symbolic links are not followed, a subtree that cannot be opened is
 * skipped, and nothing is cached; cgroup file systems have no links.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgroups.h"

struct hier {
	char *name;	/* "unified", or the mount point's last component */
	char *root;	/* the mount point */
	char *found;	/* path below root ("/" or "/a/b"); NULL: not found */
};

struct hiers {
	struct hier *v;
	size_t n, cap;
};

/* ---- hierarchy names and the filter ----------------------------------- */

/* The pieces between '*' are found left to right, each at its first
 * occurrence after the previous one. */
static bool wildcard_match(const char *pat, const char *name)
{
	size_t plen = strlen(pat);
	bool open_start = plen && pat[0] == '*';
	bool open_end = plen && pat[plen - 1] == '*';
	const char *pos = name;
	bool first = true;

	for (;;) {
		const char *hit;
		size_t n;

		pat += strspn(pat, "*");
		n = strcspn(pat, "*");
		if (n == 0)
			break;
		hit = memmem(pos, strlen(pos), pat, n);
		if (!hit || (first && !open_start && hit != name))
			return false;
		pos = hit + n;
		pat += n;
		first = false;
	}
	return open_end || *pos == '\0';
}

static const char *hier_name(const char *mount_point, bool v2)
{
	const char *slash = strrchr(mount_point, '/');

	if (v2)
		return "unified";
	return slash ? slash + 1 : mount_point;
}

/* The mount point of a cgroup mount line of /proc/self/mounts (cut in
 * place), or NULL for other mounts. */
static char *cgroup_mount_point(char *line, bool *v2)
{
	char *sp = strchr(line, ' ');
	char *mp;

	if (!sp)
		return NULL;
	*sp = '\0';
	if (strcmp(line, "cgroup") == 0)
		*v2 = false;
	else if (strcmp(line, "cgroup2") == 0)
		*v2 = true;
	else
		return NULL;
	mp = sp + 1;
	mp[strcspn(mp, " \t\n")] = '\0';
	return mp;
}

static int add_hier(struct hiers *hs, const char *mount_point, bool v2)
{
	struct hier *h;

	if (hs->n == hs->cap) {
		size_t cap = hs->cap ? 2 * hs->cap : 8;
		struct hier *v = realloc(hs->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		hs->v = v;
		hs->cap = cap;
	}
	h = &hs->v[hs->n];
	h->name = strdup(hier_name(mount_point, v2));
	h->root = strdup(mount_point);
	h->found = NULL;
	if (!h->name || !h->root) {
		free(h->name);
		free(h->root);
		return -ENOMEM;
	}
	hs->n++;
	return 0;
}

static void free_hiers(struct hiers *hs)
{
	for (size_t i = 0; i < hs->n; i++) {
		free(hs->v[i].name);
		free(hs->v[i].root);
		free(hs->v[i].found);
	}
	free(hs->v);
}

/* The cgroup mounts whose names match filter, cgroup2 ones in v2. */
static int read_hierarchies(const char *filter, struct hiers *v2s,
			    struct hiers *v1s)
{
	FILE *f = fopen("/proc/self/mounts", "re");
	char *line = NULL;
	size_t cap = 0;
	int err = 0;

	if (!f)
		return -errno;
	while (!err && getline(&line, &cap, f) > 0) {
		struct stat st;
		bool v2;
		char *mp = cgroup_mount_point(line, &v2);

		if (!mp || stat(mp, &st) != 0 || !S_ISDIR(st.st_mode))
			continue;
		if (wildcard_match(filter, hier_name(mp, v2)))
			err = add_hier(v2 ? v2s : v1s, mp, v2);
	}
	free(line);
	fclose(f);
	return err;
}

/* ---- searching one hierarchy ------------------------------------------ */

/* Depth-first walk with an explicit stack of open directories. */
struct walk {
	uint64_t id;
	char path[PATH_MAX];	/* below the root: "" or "/a/b" */
	DIR **dirs;
	size_t *lens;		/* strlen(path) to restore when dirs[i] ends */
	size_t depth, cap;
};

static int walk_push(struct walk *w, int fd, size_t restore_len)
{
	DIR *d;

	if (w->depth == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 16;
		DIR **dirs = realloc(w->dirs, cap * sizeof(*dirs));
		size_t *lens;

		if (!dirs)
			goto nomem;
		w->dirs = dirs;
		lens = realloc(w->lens, cap * sizeof(*lens));
		if (!lens)
			goto nomem;
		w->lens = lens;
		w->cap = cap;
	}
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return 0;	/* an unreadable subtree is skipped */
	}
	w->dirs[w->depth] = d;
	w->lens[w->depth] = restore_len;
	w->depth++;
	return 0;
nomem:
	close(fd);
	return -ENOMEM;
}

static void walk_pop(struct walk *w)
{
	w->depth--;
	closedir(w->dirs[w->depth]);
	w->path[w->lens[w->depth]] = '\0';
}

/* Appends "/name" to the path; false when it would not fit. */
static bool walk_enter_name(struct walk *w, const char *name)
{
	size_t used = strlen(w->path);
	int n = snprintf(w->path + used, sizeof(w->path) - used, "/%s", name);

	if (n < 0 || (size_t)n >= sizeof(w->path) - used) {
		w->path[used] = '\0';
		return false;
	}
	return true;
}

/* Looks at the next entry of the innermost directory: 1 when it is the
 * id (w->path names it), 0 to go on, -ENOMEM. */
static int walk_step(struct walk *w)
{
	DIR *d = w->dirs[w->depth - 1];
	size_t used = strlen(w->path);
	struct dirent *e = readdir(d);
	struct stat st;
	int fd;

	if (!e) {
		walk_pop(w);
		return 0;
	}
	if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
	    !walk_enter_name(w, e->d_name))
		return 0;
	if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		if (st.st_ino == w->id)
			return 1;
		if (S_ISDIR(st.st_mode)) {
			fd = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY |
				    O_NOFOLLOW | O_CLOEXEC);
			if (fd >= 0) {
				size_t depth = w->depth;
				int err = walk_push(w, fd, used);

				if (err || w->depth > depth)
					return err;
			}
		}
	}
	w->path[used] = '\0';
	return 0;
}

/* Sets *found to the id's path below root, or leaves it NULL. */
static int find_in_hierarchy(uint64_t id, const char *root, char **found)
{
	struct walk w = { .id = id };
	struct stat st;
	int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int ret;

	if (fd < 0)
		return 0;
	if (fstat(fd, &st) == 0 && st.st_ino == id) {
		close(fd);
		*found = strdup("/");
		return *found ? 0 : -ENOMEM;
	}
	ret = walk_push(&w, fd, 0);
	while (ret == 0 && w.depth > 0)
		ret = walk_step(&w);
	if (ret == 1) {
		*found = strdup(w.path);
		ret = *found ? 0 : -ENOMEM;
	}
	while (w.depth > 0)
		walk_pop(&w);
	free(w.dirs);
	free(w.lens);
	return ret;
}

static int search_all(uint64_t id, struct hiers *hs)
{
	for (size_t i = 0; i < hs->n; i++) {
		int err = find_in_hierarchy(id, hs->v[i].root, &hs->v[i].found);

		if (err)
			return err;
	}
	return 0;
}

/* ---- the text ---------------------------------------------------------- */

struct out {
	char *buf;
	size_t len, used;
	size_t items;
	bool full;
};

static void put(struct out *o, const char *s)
{
	size_t n = strlen(s);
	size_t room = o->len - 1 - o->used;

	if (n > room) {
		n = room;
		o->full = true;
	}
	memcpy(o->buf + o->used, s, n);
	o->used += n;
	o->buf[o->used] = '\0';
}

static void put_found(struct out *o, const struct hiers *hs)
{
	for (size_t i = 0; i < hs->n; i++) {
		if (!hs->v[i].found)
			continue;
		if (o->items++)
			put(o, ",");
		put(o, hs->v[i].name);
		put(o, ":");
		put(o, hs->v[i].found);
	}
}

static int cmp_by_name_then_path(const void *pa, const void *pb)
{
	const struct hier *a = pa, *b = pb;
	int c = strcmp(a->name, b->name);

	if (c)
		return c;
	return strcmp(a->found ? a->found : "", b->found ? b->found : "");
}

int cgroup_path_format(uint64_t id, const char *filter, char *out, size_t len)
{
	struct hiers v2s = { 0 }, v1s = { 0 };
	struct out o = { .buf = out, .len = len };
	int err;

	if (!out || len == 0)
		return -EINVAL;
	out[0] = '\0';
	err = read_hierarchies(filter ? filter : "*", &v2s, &v1s);
	if (!err)
		err = search_all(id, &v2s);
	if (!err)
		err = search_all(id, &v1s);
	if (!err) {
		if (v1s.n > 1)
			qsort(v1s.v, v1s.n, sizeof(*v1s.v),
			      cmp_by_name_then_path);
		put_found(&o, &v2s);
		put_found(&o, &v1s);
		if (o.full)
			err = -ERANGE;
	}
	free_hiers(&v2s);
	free_hiers(&v1s);
	return err;
}
