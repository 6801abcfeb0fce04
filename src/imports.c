/* Imports. `import "name";` names a file or a directory relative to the
 * main script's directory (the current one for -e and stdin), as bpftrace
 * resolves them; imports inside imported files use the same directory.
 * A .bt file brings its macros, probes and C definitions; a .h file its
 * C type definitions; a directory the .bt files directly in it. Each file
 * is read once however often it is named. A file or directory writable by
 * every user is refused: anyone could put probes into the program.
 * "stdlib" is accepted and adds nothing: bpfkit's builtins are what
 * bpftrace's standard library defines. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "imports.h"
#include "parser.h"

struct importer {
	struct imported *out;
	struct diag *diag;
	const char *dir;
	char **seen;		/* real paths of the files read */
	int nseen;
	struct node *probes;	/* what the files bring, in import order */
	struct node *defs;
	struct node *macros;	/* and map declarations */
};

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcmp(s + n - m, suffix);
}

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	size_t len = 0, cap = 4096;
	char *text = malloc(cap);
	size_t got;
	while (text && (got = fread(text + len, 1, cap - len - 1, f)) > 0) {
		len += got;
		if (cap - len - 1 == 0)
			text = realloc(text, cap *= 2);
	}
	if (!text || ferror(f)) {
		free(text);
		fclose(f);
		return NULL;
	}
	fclose(f);
	text[len] = 0;
	return text;
}

/* Whether path was read already; records it if not. */
static bool seen_before(struct importer *im, const char *path)
{
	char real[PATH_MAX];
	if (!realpath(path, real))
		return false;
	for (int i = 0; i < im->nseen; i++)
		if (!strcmp(im->seen[i], real))
			return true;
	im->seen = realloc(im->seen, (size_t)(im->nseen + 1) * sizeof(*im->seen));
	if (!im->seen || !(im->seen[im->nseen] = strdup(real)))
		abort();
	im->nseen++;
	return false;
}

static void move_kids(struct node *from, struct node *to)
{
	for (int i = 0; from && i < from->nkids; i++)
		node_add_kid(to, from->kids[i]);
	if (from)
		from->nkids = 0;
}

static int import_name(struct importer *im, const struct node *imp);

/* The nodes of an imported file, moved into the program's lists. */
static int merge_library(struct importer *im, struct node *lib)
{
	int status = 0;
	if (lib->a) {
		diag_error(im->diag, lib->a->loc, "invalid `config` within import: settings belong to the main script");
		status = -1;
	}
	for (int i = 0; lib->c && i < lib->c->nkids; i++)
		if (lib->c->kids[i]->kind == N_IMPORT && import_name(im, lib->c->kids[i]))
			status = -1;
	if (status == 0) {
		move_kids(lib->b, im->defs);
		move_kids(lib, im->probes);
		for (int i = 0; lib->c && i < lib->c->nkids; i++)
			if (lib->c->kids[i]->kind != N_IMPORT) {	/* macros, map declarations */
				node_add_kid(im->macros, lib->c->kids[i]);
				lib->c->kids[i] = NULL;
			}
	}
	node_free(lib);
	return status;
}

static int import_file(struct importer *im, const char *path, struct loc at, bool from_dir)
{
	bool header = ends_with(path, ".h");
	if (ends_with(path, ".c") || ends_with(path, ".o")) {
		if (from_dir)
			return 0;
		diag_error(im->diag, at, "cannot import %s: C sources and BPF objects need a C compiler, which bpfkit does not use (it imports .bt scripts and .h type definitions)",
			   path);
		return -1;
	}
	if (!header && !ends_with(path, ".bt")) {
		if (from_dir)
			return 0;
		diag_error(im->diag, at, "unknown import type: \"%s\" (bpfkit imports .bt scripts and .h type definitions)", path);
		return -1;
	}
	if (seen_before(im, path))
		return 0;
	char *text = read_text(path);
	if (!text) {
		diag_error(im->diag, at, "error reading import \"%s\": %s", path, strerror(errno));
		return -1;
	}
	struct imported *out = im->out;
	out->files = realloc(out->files, (size_t)(out->n + 1) * sizeof(*out->files));
	char *name = strdup(path);
	if (!out->files || !name)
		abort();
	out->files[out->n++] = (struct source){ name, text };
	im->diag->imported = out->files;
	im->diag->nimported = out->n;
	struct node *lib = parse_library(&out->files[out->n - 1], out->n, header, im->diag);
	return lib ? merge_library(im, lib) : -1;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files directly in directory path, in name order. */
static int import_directory(struct importer *im, const char *path, struct loc at)
{
	DIR *d = opendir(path);
	if (!d) {
		diag_error(im->diag, at, "error reading import \"%s\": %s", path, strerror(errno));
		return -1;
	}
	char **names = NULL;
	int n = 0, status = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		names = realloc(names, (size_t)(n + 1) * sizeof(*names));
		if (!names || asprintf(&names[n], "%s/%s", path, e->d_name) < 0)
			abort();
		n++;
	}
	closedir(d);
	qsort(names, (size_t)n, sizeof(*names), compare_names);
	for (int i = 0; i < n; i++) {
		struct stat st;
		if (status == 0 && !stat(names[i], &st) && S_ISREG(st.st_mode))
			status = import_file(im, names[i], at, true);
		free(names[i]);
	}
	free(names);
	return status;
}

static bool writable_by_all(const char *path)
{
	struct stat st;
	return !stat(path, &st) && (st.st_mode & S_IWOTH);
}

static int import_name(struct importer *im, const struct node *imp)
{
	const char *name = imp->str;
	if (!strcmp(name, "stdlib") || !strncmp(name, "stdlib/", 7))
		return 0;
	char *path;
	if (asprintf(&path, "%s/%s", name[0] == '/' ? "" : im->dir, name[0] == '/' ? name + 1 : name) < 0)
		abort();
	struct stat st;
	int status = -1;
	char *parent = strdup(path);
	if (!parent)
		abort();
	*strrchr(parent, '/') = 0;
	if (stat(path, &st))
		diag_error(im->diag, imp->loc, "Unable to find suitable path for import \"%s\": checked %s", name, path);
	else if (writable_by_all(path) || writable_by_all(*parent ? parent : "/"))
		diag_error(im->diag, imp->loc, "cowardly refusing to import \"%s\": %s is writable by every user",
			   name, writable_by_all(path) ? path : parent);
	else
		status = S_ISDIR(st.st_mode) ? import_directory(im, path, imp->loc) :
					       import_file(im, path, imp->loc, false);
	free(parent);
	free(path);
	return status;
}

/* prog's own items after those its imports bring. */
static void prepend_kids(struct node *to, struct node *first)
{
	if (!first->nkids)
		return;
	move_kids(to, first);
	move_kids(first, to);
}

int imports_resolve(struct node *prog, const char *script_path, struct imported *out,
		    struct diag *diag)
{
	if (!prog->c)
		return 0;
	char *dir = strdup(script_path && strchr(script_path, '/') ? script_path : "./x");
	if (!dir)
		abort();
	*strrchr(dir, '/') = 0;
	struct importer im = { .out = out, .diag = diag, .dir = *dir ? dir : "/" };
	im.probes = node_new(N_BLOCK, prog->loc);
	im.defs = node_new(N_BLOCK, prog->loc);
	im.macros = node_new(N_BLOCK, prog->loc);
	int status = 0;
	if (script_path)
		seen_before(&im, script_path);
	for (int i = 0; i < prog->c->nkids; i++)
		if (prog->c->kids[i]->kind == N_IMPORT && import_name(&im, prog->c->kids[i]))
			status = -1;
	prepend_kids(prog, im.probes);
	if (im.defs->nkids && !prog->b)
		prog->b = node_new(N_BLOCK, prog->loc);
	if (prog->b)
		prepend_kids(prog->b, im.defs);
	for (int i = 0; i < prog->c->nkids; i++)
		if (prog->c->kids[i]->kind != N_IMPORT)
			node_add_kid(im.macros, prog->c->kids[i]);
		else
			node_free(prog->c->kids[i]);
	prog->c->nkids = 0;
	move_kids(im.macros, prog->c);
	if (status == 0 && prog->nkids == 0) {
		diag_error(diag, prog->loc, "no probes in the program or its imports");
		status = -1;
	}
	node_free(im.probes);
	node_free(im.defs);
	node_free(im.macros);
	for (int i = 0; i < im.nseen; i++)
		free(im.seen[i]);
	free(im.seen);
	free(dir);
	return status;
}

void imports_free(struct imported *imp)
{
	for (int i = 0; i < imp->n; i++) {
		free((char *)imp->files[i].name);
		free((char *)imp->files[i].text);
	}
	free(imp->files);
	imp->files = NULL;
	imp->n = 0;
}
