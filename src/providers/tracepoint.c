/* tracepoint:CATEGORY:NAME — static kernel tracepoints. `args` comes from
 * the event's format file in tracefs. */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/perf_event.h>
#include <bpf/bpf.h>
#include "provider.h"

extern const struct provider provider_tracepoint;

static int has_glob(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted entries of dir matching glob; returns the count or -errno. */
static int list_dir(const char *dir, const char *glob, char ***out)
{
	DIR *d = opendir(dir);
	if (!d)
		return -errno;
	char **v = NULL;
	int n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || fnmatch(glob, de->d_name, 0))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			v = realloc(v, (size_t)cap * sizeof(*v));
			if (!v)
				abort();
		}
		v[n] = strdup(de->d_name);
		if (!v[n])
			abort();
		n++;
	}
	closedir(d);
	qsort(v, (size_t)n, sizeof(*v), cmp_names);
	*out = v;
	return n;
}

static void free_names(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int is_event_dir(const char *events, const char *cat, const char *name)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s/%s/format", events, cat, name);
	return access(path, R_OK) == 0;
}

/* Calls fn for each (category, event) matching the globs, in sorted order. */
static int for_each_event(const char *cat_glob, const char *name_glob,
			  int (*fn)(const char *cat, const char *name, void *arg),
			  void *arg)
{
	char events[256];
	snprintf(events, sizeof(events), "%s/events", tracefs_dir());
	char **cats;
	int ncats = list_dir(events, cat_glob, &cats);
	if (ncats < 0)
		return ncats;
	int err = 0;
	for (int i = 0; i < ncats && !err; i++) {
		char dir[4096];
		snprintf(dir, sizeof(dir), "%s/%s", events, cats[i]);
		char **names;
		int nnames = list_dir(dir, name_glob, &names);
		for (int k = 0; k < nnames && !err; k++)
			if (is_event_dir(events, cats[i], names[k]))
				err = fn(cats[i], names[k], arg);
		if (nnames > 0)
			free_names(names, nnames);
	}
	free_names(cats, ncats);
	return err;
}

static int add_event(const char *cat, const char *name, void *arg)
{
	char full[1024];
	snprintf(full, sizeof(full), "tracepoint:%s:%s", cat, name);
	struct probe *p = probe_list_add(arg, &provider_tracepoint, full);
	p->target = strdup(cat);
	p->func = strdup(name);
	if (!p->target || !p->func)
		abort();
	return 0;
}

static int expand_tracepoint(const char *spec, struct probe_list *out, struct errbuf *e)
{
	const char *colon = strchr(spec, ':');
	if (!colon || !colon[1] || colon == spec || strchr(colon + 1, ':'))
		return err_set(e, "tracepoint needs CATEGORY:NAME, e.g. tracepoint:syscalls:sys_enter_openat");
	char cat[256];
	snprintf(cat, sizeof(cat), "%.*s", (int)(colon - spec), spec);
	const char *name = colon + 1;
	if (!has_glob(cat) && !has_glob(name)) {
		char events[256];
		snprintf(events, sizeof(events), "%s/events", tracefs_dir());
		if (!is_event_dir(events, cat, name))
			return err_set(e, "tracepoint not found: %s:%s", cat, name);
		return add_event(cat, name, out);
	}
	int err = for_each_event(cat, name, add_event, out);
	if (err < 0)
		return err_set(e, "cannot read tracepoints: %s", strerror(-err));
	return 0;
}

/* Parses one "field:TYPE NAME;\toffset:N;\tsize:N;\tsigned:N;" line. */
static int parse_field_line(const char *line, const char *category,
			    struct ctx_field *f)
{
	const char *decl = strstr(line, "field:");
	const char *off = strstr(line, "offset:");
	const char *size = strstr(line, "size:");
	const char *sgn = strstr(line, "signed:");
	if (!decl || !off || !size || !sgn)
		return -1;
	decl += 6;
	const char *semi = strchr(decl, ';');
	if (!semi)
		return -1;
	char text[256];
	snprintf(text, sizeof(text), "%.*s", (int)(semi - decl), decl);
	/* The name is the last word, with any [N] array suffix (the type
	 * may have brackets of its own: "__data_loc char[] name"). */
	char *name = text + strlen(text);
	while (name > text && name[-1] != ' ' && name[-1] != '*')
		name--;
	char *bracket = strchr(name, '[');
	char *name_end = bracket ? bracket : name + strlen(name);
	f->name = strndup(name, (size_t)(name_end - name));
	char ctype[256];
	snprintf(ctype, sizeof(ctype), "%.*s", (int)(name - text), text);
	size_t n = strlen(ctype);
	while (n && ctype[n - 1] == ' ')
		ctype[--n] = 0;
	f->ctype = strdup(ctype);
	if (!f->name || !f->ctype)
		abort();
	f->offset = (uint32_t)strtoul(off + 7, NULL, 10);
	f->size = (uint32_t)strtoul(size + 5, NULL, 10);
	f->is_signed = strtol(sgn + 7, NULL, 10) != 0;
	f->nelems = bracket ? (uint32_t)strtoul(bracket + 1, NULL, 10) : 0;
	/* Byte arrays (addresses, names) are read whole, as strings are. */
	bool bytes = strstr(ctype, "char") || !strcmp(ctype, "__u8") || !strcmp(ctype, "u8") ||
		     !strcmp(ctype, "uint8_t");
	if (!strncmp(ctype, "__data_loc", 10)) {
		f->kind = F_DATA_LOC;
	} else if (bracket && bytes) {
		f->kind = F_CHAR_ARRAY;
	} else if (strchr(ctype, '*')) {
		f->kind = F_PTR;
		f->user_ptr = !strcmp(category, "syscalls");
	} else {
		f->kind = F_INT;
		/* Arrays other than char are read as their first element. */
		if (f->size > 8)
			f->size = 8;
	}
	return 0;
}

/* Fills fields from the format file; common_* fields are not in `args`. */
static int read_format(const char *cat, const char *name, struct ctx_field **out,
		       int *nout)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/events/%s/%s/format", tracefs_dir(), cat, name);
	FILE *f = fopen(path, "r");
	if (!f)
		return -errno;
	char line[1024];
	struct ctx_field *v = NULL;
	int n = 0;
	while (fgets(line, sizeof(line), f)) {
		struct ctx_field fld = { 0 };
		if (!strstr(line, "field:") || parse_field_line(line, cat, &fld))
			continue;
		if (!strncmp(fld.name, "common_", 7)) {
			free(fld.name);
			free(fld.ctype);
			continue;
		}
		v = realloc(v, (size_t)(n + 1) * sizeof(*v));
		if (!v)
			abort();
		v[n++] = fld;
	}
	fclose(f);
	*out = v;
	*nout = n;
	return 0;
}

static int describe_tracepoint(struct probe *p, struct errbuf *e)
{
	int err = read_format(p->target, p->func, &p->fields, &p->nfields);
	if (err)
		return err_set(e, "%s: cannot read format: %s", p->name, strerror(-err));
	return 0;
}

static int read_event_id(const struct probe *p)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/events/%s/%s/id", tracefs_dir(), p->target, p->func);
	FILE *f = fopen(path, "r");
	if (!f)
		return -errno;
	int id = -1;
	if (fscanf(f, "%d", &id) != 1)
		id = -EINVAL;
	fclose(f);
	return id;
}

static int attach_tracepoint(struct probe *p, int prog_fd, struct errbuf *e)
{
	int id = read_event_id(p);
	if (id < 0)
		return err_set(e, "%s: cannot read tracepoint id: %s", p->name, strerror(-id));
	struct perf_event_attr attr = {
		.type = PERF_TYPE_TRACEPOINT,
		.size = sizeof(attr),
		.config = (uint64_t)id,
		.sample_period = 1,
		.wakeup_events = 1,
	};
	/* A tracepoint program runs on every CPU even though the event is
	 * opened on CPU 0. */
	return perf_event_attach(p, &attr, -1, 0, prog_fd, e);
}

struct list_ctx {
	bool verbose;
	FILE *out;
};

static int list_one(const char *cat, const char *name, void *arg)
{
	struct list_ctx *lc = arg;
	fprintf(lc->out, "tracepoint:%s:%s\n", cat, name);
	if (!lc->verbose)
		return 0;
	struct ctx_field *fields;
	int n;
	if (read_format(cat, name, &fields, &n))
		return 0;
	for (int i = 0; i < n; i++) {
		fprintf(lc->out, "    %s %s", fields[i].ctype, fields[i].name);
		if (fields[i].nelems)
			fprintf(lc->out, "[%u]", fields[i].nelems);
		fputc('\n', lc->out);
		free(fields[i].name);
		free(fields[i].ctype);
	}
	free(fields);
	return 0;
}

static int list_tracepoints(const char *glob, bool verbose, FILE *out)
{
	char cat[256] = "*", name[256] = "*";
	if (glob) {
		size_t len = strcspn(glob, ":");
		const struct provider *pv = provider_find(glob, len);
		if (glob[len] && pv != &provider_tracepoint)
			return 0;
		if (glob[len]) {
			const char *rest = glob + len + 1;
			size_t clen = strcspn(rest, ":");
			snprintf(cat, sizeof(cat), "%.*s", (int)clen, rest);
			if (rest[clen])
				snprintf(name, sizeof(name), "%s", rest + clen + 1);
		} else if (!fnmatch(glob, "tracepoint", 0)) {
			/* "-l tracepoint" style: everything */
		} else {
			/* a bare glob matches against the event name */
			snprintf(name, sizeof(name), "%s", glob);
		}
	}
	struct list_ctx lc = { verbose, out };
	int err = for_each_event(cat, name, list_one, &lc);
	return err < 0 && err != -ENOENT ? err : 0;
}

const struct provider provider_tracepoint = {
	.name = "tracepoint", .alias = "t", .prog_type = BPF_PROG_TYPE_TRACEPOINT,
	.run = RUN_ON_EVENT, .expand = expand_tracepoint,
	.describe = describe_tracepoint, .attach = attach_tracepoint,
	.detach = probe_close_fds, .list = list_tracepoints,
};
