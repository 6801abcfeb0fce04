/* Tests of cgroup id -> path (src/cgroups.c) on the live cgroup file
 * systems; needs root. A cgroup (and a child) is made in the cgroup2
 * hierarchy, and one in the first v1 hierarchy when there is one; their
 * ids are the inode numbers of their directories; all are removed at the
 * end. Expected texts follow bpftrace's cgroup_path() (see cgroups.c). */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"
#include "cgroups.h"

struct mounts {
	char v2[PATH_MAX];	/* first cgroup2 mount point, or "" */
	char v1[PATH_MAX];	/* first v1 mount point, or "" */
};

/* ---- helpers ------------------------------------------------------------ */

/* The first mount point whose source field is src ("cgroup2", "cgroup"). */
static void first_mount(const char *src, char *out, size_t len)
{
	FILE *f = fopen("/proc/self/mounts", "r");
	char s[256], mp[PATH_MAX], rest[1024];

	out[0] = '\0';
	if (!f)
		return;
	while (fscanf(f, "%255s %4095s %1023[^\n]\n", s, mp, rest) == 3) {
		if (strcmp(s, src) == 0) {
			snprintf(out, len, "%s", mp);
			break;
		}
	}
	fclose(f);
}

static uint64_t inode_of(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		fprintf(stderr, "stat %s: %s\n", path, strerror(errno));
		return 0;
	}
	return st.st_ino;
}

/* The text for id, "(error N)" when cgroup_path_format fails. */
static const char *fmt(uint64_t id, const char *filter)
{
	static char buf[8192];
	int err = cgroup_path_format(id, filter, buf, sizeof(buf));

	if (err)
		snprintf(buf, sizeof(buf), "(error %d)", err);
	return buf;
}

/* out = a + b; a path too long for PATH_MAX ends the test. */
static void cat2(char out[PATH_MAX], const char *a, const char *b)
{
	int n = snprintf(out, PATH_MAX, "%s%s", a, b);

	if (n < 0 || n >= PATH_MAX) {
		fprintf(stderr, "path too long: %s%s\n", a, b);
		exit(1);
	}
}

static bool make_dir(const char *path)
{
	if (mkdir(path, 0755) == 0)
		return true;
	fprintf(stderr, "mkdir %s: %s\n", path, strerror(errno));
	return false;
}

/* ---- tests -------------------------------------------------------------- */

static void test_unified(const char *mp, const char *name)
{
	char dir[PATH_MAX], child[PATH_MAX], procs[PATH_MAX];
	char want_dir[PATH_MAX], want_child[PATH_MAX], want[PATH_MAX];
	uint64_t id_dir, id_child;
	const char *got;

	cat2(want, "/", name);
	cat2(dir, mp, want);
	cat2(child, dir, "/child");
	cat2(procs, child, "/cgroup.procs");
	CHECK(make_dir(dir));
	CHECK(make_dir(child));
	id_dir = inode_of(dir);
	id_child = inode_of(child);
	CHECK(id_dir != 0 && id_child != 0);
	cat2(want_dir, "unified:/", name);
	cat2(want_child, want_dir, "/child");

	CHECK_STR(fmt(id_dir, "unified"), want_dir);
	CHECK_STR(fmt(id_child, "unified"), want_child);
	/* wildcards on the hierarchy name */
	CHECK_STR(fmt(id_child, "unif*"), want_child);
	CHECK_STR(fmt(id_child, "*fied"), want_child);
	CHECK_STR(fmt(id_child, "u*i*d"), want_child);
	CHECK_STR(fmt(id_child, "*"), fmt(id_child, NULL));
	/* no filter: unified comes first; v1 hierarchies may add ",name:..."
	 * when one of their entries has the same inode number */
	got = fmt(id_child, NULL);
	CHECK(strncmp(got, want_child, strlen(want_child)) == 0);
	CHECK(got[strlen(want_child)] == '\0' ||
	      got[strlen(want_child)] == ',');
	/* filters that exclude unified */
	CHECK_STR(fmt(id_child, "uni"), "");
	CHECK_STR(fmt(id_child, "unified2"), "");
	CHECK_STR(fmt(id_child, "no-such-hierarchy"), "");
	CHECK_STR(fmt(id_child, ""), "");
	/* any entry is matched by inode number, files too, as bpftrace does */
	cat2(want, want_child, "/cgroup.procs");
	CHECK_STR(fmt(inode_of(procs), "unified"), want);

	CHECK(rmdir(child) == 0);
	CHECK(rmdir(dir) == 0);
	/* ids of removed cgroups are found nowhere in unified */
	CHECK_STR(fmt(id_child, "unified"), "");
	CHECK_STR(fmt(id_dir, "unified"), "");
}

static void test_v1(const char *mp, const char *name)
{
	char dir[PATH_MAX], want[PATH_MAX], prefix[PATH_MAX];
	const char *hier = strrchr(mp, '/') + 1;
	uint64_t id;

	cat2(want, "/", name);
	cat2(dir, mp, want);
	if (!make_dir(dir)) {
		check_failed++;
		return;
	}
	id = inode_of(dir);
	cat2(prefix, hier, ":/");
	cat2(want, prefix, name);
	CHECK_STR(fmt(id, hier), want);
	CHECK(rmdir(dir) == 0);
	CHECK_STR(fmt(id, hier), "");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The root cgroup: "/" in every hierarchy whose root has that inode
 * number (kernfs roots all have 1): cgroup2 ones first, then the v1 ones
 * by name. Expected text built here from /proc/self/mounts. */
static void test_root(const char *mp)
{
	uint64_t id = inode_of(mp);
	char want[8192] = "", *v1[64];
	char s[256], path[PATH_MAX], rest[1024];
	size_t n = 0;
	FILE *f = fopen("/proc/self/mounts", "r");

	CHECK_STR(fmt(id, "unified"), "unified:/");
	CHECK(f != NULL);
	while (f && fscanf(f, "%255s %4095s %1023[^\n]\n", s, path, rest) == 3) {
		if (inode_of(path) != id)
			continue;
		if (strcmp(s, "cgroup2") == 0)
			strcat(strcat(want, *want ? "," : ""), "unified:/");
		else if (strcmp(s, "cgroup") == 0 && n < 64)
			v1[n++] = strdup(strrchr(path, '/') + 1);
	}
	if (f)
		fclose(f);
	qsort(v1, n, sizeof(v1[0]), cmp_str);
	for (size_t i = 0; i < n; i++) {
		strcat(strcat(strcat(want, ","), v1[i]), ":/");
		free(v1[i]);
	}
	CHECK_STR(fmt(id, NULL), want);
	if (n)	/* e.g. "unified:/,blkio:/,cpu:/" */
		CHECK(strncmp(fmt(id, NULL), "unified:/,", 10) == 0);
}

static void test_not_found_and_errors(void)
{
	char small[5];

	CHECK_STR(fmt(UINT64_MAX - 1, NULL), "");
	CHECK_STR(fmt(UINT64_MAX - 1, "*"), "");
	CHECK(cgroup_path_format(1, NULL, NULL, 10) == -EINVAL);
	CHECK(cgroup_path_format(1, NULL, small, 0) == -EINVAL);
	/* "unified:/" does not fit in 5 bytes: cut, NUL-terminated */
	CHECK(cgroup_path_format(1, "unified", small, sizeof(small)) ==
	      -ERANGE);
	CHECK_STR(small, "unif");
}

int main(void)
{
	struct mounts m;
	char name[64];

	snprintf(name, sizeof(name), "bpfkit-test-%d", (int)getpid());
	first_mount("cgroup2", m.v2, sizeof(m.v2));
	first_mount("cgroup", m.v1, sizeof(m.v1));
	if (!m.v2[0]) {
		fprintf(stderr, "no cgroup2 mount in /proc/self/mounts\n");
		check_failed++;
	} else {
		test_unified(m.v2, name);
		test_root(m.v2);
	}
	if (m.v1[0])
		test_v1(m.v1, name);
	else
		fprintf(stderr, "no cgroup v1 hierarchy: v1 test skipped\n");
	test_not_found_and_errors();
	return check_report("cgroups");
}
