/* ELF symbols, segments, build-id, debug files, demangling and library
 * resolution (see elfsym.h). */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <gelf.h>
#include <libelf.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include "elfsym.h"

#ifndef NT_GNU_BUILD_ID
#define NT_GNU_BUILD_ID 3
#endif
#ifndef STT_GNU_IFUNC
#define STT_GNU_IFUNC 10
#endif

#define BUILD_ID_MAX 64
#define DEFAULT_DEBUG_DIR "/usr/lib/debug"

typedef char *(*cxa_demangle_fn)(const char *mangled, char *buf, size_t *len,
				 int *status);

struct elfsym_demangler {
	bool tried;		/* dlopen attempted (it is not retried) */
	void *lib;
	cxa_demangle_fn demangle;
};

struct segment {
	uint64_t vaddr, memsz, offset, filesz;
	uint32_t flags;
};

struct esym {
	uint64_t addr, size;
	size_t name;		/* offset into elfsym.names */
	char *demangled;	/* set on first use; NULL if not mangled */
	uint8_t kind;		/* enum elfsym_kind */
	uint8_t bind_rank;	/* 0 global, 1 weak, 2 local: lower wins */
	bool demangle_tried;
};

struct elfsym {
	char *path;
	char *debug_path;
	bool is_dyn;
	uint16_t machine;
	uint8_t build_id[BUILD_ID_MAX];
	size_t build_id_len;
	struct segment *segs;
	size_t nsegs;
	struct esym *syms;	/* sorted by address, preferred alias first */
	size_t nsyms, syms_cap;
	char *names;		/* NUL-separated symbol names */
	size_t names_len, names_cap;
	uint32_t *by_name;	/* indices of syms in name order; lazy */
	struct elfsym_demangler demangler;
};

/* ---- demangling ---- */

struct elfsym_demangler *elfsym_demangler_new(void)
{
	return calloc(1, sizeof(struct elfsym_demangler));
}

static void demangler_load(struct elfsym_demangler *d)
{
	void *sym;

	d->tried = true;
	d->lib = dlopen("libstdc++.so.6", RTLD_LAZY | RTLD_LOCAL);
	if (!d->lib)
		return;
	sym = dlsym(d->lib, "__cxa_demangle");
	if (!sym) {
		dlclose(d->lib);
		d->lib = NULL;
		return;
	}
	/* ISO C has no cast between object and function pointers. */
	memcpy(&d->demangle, &sym, sizeof(sym));
}

char *elfsym_demangle(struct elfsym_demangler *d, const char *name)
{
	int status = 0;
	char *out;

	if (strncmp(name, "_Z", 2) != 0)
		return NULL;
	if (!d->tried)
		demangler_load(d);
	if (!d->demangle)
		return NULL;
	out = d->demangle(name, NULL, NULL, &status);
	if (status != 0) {
		free(out);
		return NULL;
	}
	return out;
}

static void demangler_release(struct elfsym_demangler *d)
{
	if (d->lib)
		dlclose(d->lib);
	d->lib = NULL;
	d->demangle = NULL;
}

void elfsym_demangler_free(struct elfsym_demangler *d)
{
	if (!d)
		return;
	demangler_release(d);
	free(d);
}

/* ---- small helpers ---- */

static const char *sym_name(const struct elfsym *e, const struct esym *s)
{
	return e->names + s->name;
}

/* The name to show: demangled once and kept. */
static const char *sym_display_name(struct elfsym *e, struct esym *s)
{
	if (!s->demangle_tried) {
		s->demangle_tried = true;
		s->demangled = elfsym_demangle(&e->demangler, sym_name(e, s));
	}
	return s->demangled ? s->demangled : sym_name(e, s);
}

static void sym_export(const struct elfsym *e, const struct esym *s,
		       struct elfsym_sym *out)
{
	out->name = sym_name(e, s);
	out->addr = s->addr;
	out->size = s->size;
	out->kind = (enum elfsym_kind)s->kind;
}

static int join_path(char *out, size_t len, const char *a, const char *b)
{
	int n = snprintf(out, len, "%s%s", a ? a : "", b);

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

static int join_dir(char *out, size_t len, const char *dir, const char *name)
{
	int n = snprintf(out, len, "%s/%s", dir, name);

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

static bool file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* An opened ELF file: its descriptor must outlive the Elf handle. */
struct open_elf {
	int fd;
	Elf *elf;
};

static int open_elf(const char *path, struct open_elf *oe)
{
	oe->elf = NULL;
	oe->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (oe->fd < 0)
		return -errno;
	oe->elf = elf_begin(oe->fd, ELF_C_READ_MMAP, NULL);
	if (!oe->elf || elf_kind(oe->elf) != ELF_K_ELF) {
		if (oe->elf)
			elf_end(oe->elf);
		close(oe->fd);
		oe->elf = NULL;
		oe->fd = -1;
		return -ENOEXEC;
	}
	return 0;
}

static void close_elf(struct open_elf *oe)
{
	if (oe->elf)
		elf_end(oe->elf);
	if (oe->fd >= 0)
		close(oe->fd);
	oe->elf = NULL;
	oe->fd = -1;
}

/* ---- reading the file ---- */

static int read_segments(struct elfsym *e, Elf *elf)
{
	size_t n;

	if (elf_getphdrnum(elf, &n) != 0)
		return 0;	/* no program headers: a debug or object file */
	e->segs = calloc(n ? n : 1, sizeof(*e->segs));
	if (!e->segs)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(elf, (int)i, &ph) || ph.p_type != PT_LOAD)
			continue;
		e->segs[e->nsegs++] = (struct segment){
			.vaddr = ph.p_vaddr, .memsz = ph.p_memsz,
			.offset = ph.p_offset, .filesz = ph.p_filesz,
			.flags = ph.p_flags,
		};
	}
	return 0;
}

/* Looks for the GNU build-id note in data; true when found. */
static bool build_id_in_notes(Elf_Data *data, uint8_t *id, size_t *len)
{
	size_t off = 0, next, name_off, desc_off;
	GElf_Nhdr nh;

	while (data && (next = gelf_getnote(data, off, &nh, &name_off,
					    &desc_off)) > 0) {
		const char *buf = data->d_buf;

		if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
		    memcmp(buf + name_off, "GNU", 4) == 0 &&
		    nh.n_descsz > 0 && nh.n_descsz <= BUILD_ID_MAX) {
			memcpy(id, buf + desc_off, nh.n_descsz);
			*len = nh.n_descsz;
			return true;
		}
		off = next;
	}
	return false;
}

/* Section headers first; program headers when the sections are gone. */
static void read_build_id(Elf *elf, uint8_t *id, size_t *len)
{
	Elf_Scn *scn = NULL;
	size_t nph;

	*len = 0;
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;

		if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_NOTE &&
		    build_id_in_notes(elf_getdata(scn, NULL), id, len))
			return;
	}
	if (elf_getphdrnum(elf, &nph) != 0)
		return;
	for (size_t i = 0; i < nph; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(elf, (int)i, &ph) || ph.p_type != PT_NOTE)
			continue;
		if (build_id_in_notes(elf_getdata_rawchunk(elf, (int64_t)ph.p_offset,
						       ph.p_filesz, ELF_T_NHDR),
				      id, len))
			return;
	}
}

static int add_name(struct elfsym *e, const char *name, size_t *off)
{
	size_t n = strlen(name) + 1;

	if (e->names_len + n > e->names_cap) {
		size_t cap = e->names_cap ? e->names_cap * 2 : 4096;
		char *p;

		while (cap < e->names_len + n)
			cap *= 2;
		p = realloc(e->names, cap);
		if (!p)
			return -ENOMEM;
		e->names = p;
		e->names_cap = cap;
	}
	memcpy(e->names + e->names_len, name, n);
	*off = e->names_len;
	e->names_len += n;
	return 0;
}

static int add_sym(struct elfsym *e, const GElf_Sym *gs, const char *name)
{
	struct esym *s;
	int type = GELF_ST_TYPE(gs->st_info), bind = GELF_ST_BIND(gs->st_info);
	int err;

	if (e->nsyms == e->syms_cap) {
		size_t cap = e->syms_cap ? e->syms_cap * 2 : 256;
		struct esym *p = realloc(e->syms, cap * sizeof(*p));

		if (!p)
			return -ENOMEM;
		e->syms = p;
		e->syms_cap = cap;
	}
	s = &e->syms[e->nsyms];
	*s = (struct esym){ .addr = gs->st_value, .size = gs->st_size };
	s->kind = type == STT_OBJECT ? ELFSYM_OBJECT : ELFSYM_FUNC;
	s->bind_rank = bind == STB_GLOBAL ? 0 : bind == STB_WEAK ? 1 : 2;
	/* ARM marks Thumb functions with the low bit of the address. */
	if (e->machine == EM_ARM && s->kind == ELFSYM_FUNC)
		s->addr &= ~(uint64_t)1;
	err = add_name(e, name, &s->name);
	if (err)
		return err;
	e->nsyms++;
	return 0;
}

static bool wanted_sym(const GElf_Sym *gs)
{
	int type = GELF_ST_TYPE(gs->st_info);

	if (type != STT_FUNC && type != STT_GNU_IFUNC && type != STT_OBJECT)
		return false;
	/* Undefined and absolute symbols have no address in this file. */
	return gs->st_shndx != SHN_UNDEF && gs->st_shndx != SHN_ABS &&
	       gs->st_value != 0;
}

/* Adds the symbols of every section of type (SHT_SYMTAB or SHT_DYNSYM).
 * Returns how many sections there were, or a negative errno. */
static int read_symbols(struct elfsym *e, Elf *elf, uint32_t type)
{
	Elf_Scn *scn = NULL;
	int nsections = 0;

	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		Elf_Data *data;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != type ||
		    sh.sh_entsize == 0)
			continue;
		nsections++;
		data = elf_getdata(scn, NULL);
		if (!data)
			continue;
		for (size_t i = 0; i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Sym gs;
			const char *name;
			int err;

			if (!gelf_getsym(data, (int)i, &gs) || !wanted_sym(&gs))
				continue;
			name = elf_strptr(elf, sh.sh_link, gs.st_name);
			if (!name || !*name)
				continue;
			err = add_sym(e, &gs, name);
			if (err)
				return err;
		}
	}
	return nsections;
}

/* ---- separate debug files ---- */

static bool has_build_id(const char *path, const uint8_t *id, size_t len)
{
	struct open_elf oe;
	uint8_t other[BUILD_ID_MAX];
	size_t other_len;
	bool same;

	if (open_elf(path, &oe) != 0)
		return false;
	read_build_id(oe.elf, other, &other_len);
	same = other_len == len && memcmp(other, id, len) == 0;
	close_elf(&oe);
	return same;
}

static int find_by_build_id(const struct elfsym *e, const char *root,
			    const char *debug_dir, char *out, size_t len)
{
	char rel[PATH_MAX], hex[2 * BUILD_ID_MAX + 1];
	const char *roots[2] = { root, "" };

	if (e->build_id_len < 2)
		return -ENOENT;
	for (size_t i = 0; i < e->build_id_len; i++)
		sprintf(hex + 2 * i, "%02x", e->build_id[i]);
	snprintf(rel, sizeof(rel), "%s/.build-id/%.2s/%s.debug", debug_dir,
		 hex, hex + 2);
	for (int r = 0; r < 2; r++) {
		if (r == 1 && !*root)
			break;
		if (join_path(out, len, roots[r], rel) == 0 && file_exists(out) &&
		    has_build_id(out, e->build_id, e->build_id_len))
			return 0;
	}
	return -ENOENT;
}

/* The .gnu_debuglink section: a file name, then (4-aligned) its CRC-32. */
static int read_debuglink(Elf *elf, char *name, size_t len, uint32_t *crc)
{
	size_t shstrndx;
	Elf_Scn *scn = NULL;

	if (elf_getshdrstrndx(elf, &shstrndx) != 0)
		return -ENOENT;
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		const char *sname, *buf;
		Elf_Data *data;
		size_t n, crc_off;
		GElf_Ehdr eh;
		const uint8_t *c;

		if (!gelf_getshdr(scn, &sh))
			continue;
		sname = elf_strptr(elf, shstrndx, sh.sh_name);
		if (!sname || strcmp(sname, ".gnu_debuglink") != 0)
			continue;
		data = elf_getdata(scn, NULL);
		if (!data || !data->d_buf)
			return -ENOENT;
		buf = data->d_buf;
		n = strnlen(buf, data->d_size);
		crc_off = (n + 4) & ~(size_t)3;
		if (n == 0 || n >= len || crc_off + 4 > data->d_size ||
		    !gelf_getehdr(elf, &eh))
			return -ENOENT;
		memcpy(name, buf, n + 1);
		c = (const uint8_t *)buf + crc_off;
		if (eh.e_ident[EI_DATA] == ELFDATA2MSB)
			*crc = (uint32_t)c[0] << 24 | c[1] << 16 | c[2] << 8 | c[3];
		else
			*crc = (uint32_t)c[3] << 24 | c[2] << 16 | c[1] << 8 | c[0];
		return 0;
	}
	return -ENOENT;
}

static bool has_crc(const char *path, uint32_t want)
{
	unsigned char buf[65536];
	uLong crc = crc32(0L, Z_NULL, 0);
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return false;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		crc = crc32(crc, buf, (uInt)n);
	close(fd);
	return n == 0 && (uint32_t)crc == want;
}

/* Where GDB looks for a debuglink: next to the file, in .debug/ beside it,
 * and under the global debug directory (inside root, then ours). The CRC
 * tells the right file; file (the binary itself) is skipped. */
#define DEBUGLINK_PLACES 4

/* root + dir1 + dir2 + sub + "/" + name into out (PATH_MAX bytes);
 * 1 when it fits, else 0. */
static int place_path(char *out, const char *root, const char *dir1,
		      const char *dir2, const char *sub, const char *name)
{
	int n = snprintf(out, PATH_MAX, "%s%s%s%s/%s", root, dir1, dir2, sub,
			 name);

	return n >= 0 && n < PATH_MAX;
}

static int find_by_debuglink(Elf *elf, const char *file, const char *path,
			     const char *root, const char *debug_dir,
			     char *out, size_t len)
{
	char link[NAME_MAX + 1], dir[PATH_MAX], cand[DEBUGLINK_PLACES][PATH_MAX];
	const char *slash = strrchr(path, '/');
	int n = 0;
	uint32_t crc;

	if (read_debuglink(elf, link, sizeof(link), &crc) != 0)
		return -ENOENT;
	if (slash)
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	else
		snprintf(dir, sizeof(dir), ".");
	n += place_path(cand[n], root, "", dir, "", link);
	n += place_path(cand[n], root, "", dir, "/.debug", link);
	/* The global directory mirrors absolute paths only. */
	if (dir[0] == '/') {
		n += place_path(cand[n], root, debug_dir, dir, "", link);
		if (*root)
			n += place_path(cand[n], "", debug_dir, dir, "", link);
	}
	for (int i = 0; i < n; i++)
		if (file_exists(cand[i]) && !same_file(cand[i], file) &&
		    has_crc(cand[i], crc))
			return join_path(out, len, "", cand[i]);
	return -ENOENT;
}

/* Adds the .symtab of the separate debug file, when one is found. */
static int read_debug_symbols(struct elfsym *e, Elf *elf, const char *file,
			      const char *path, const struct elfsym_opts *opts)
{
	const char *root = opts && opts->root ? opts->root : "";
	const char *debug_dir = opts && opts->debug_dir ? opts->debug_dir :
							  DEFAULT_DEBUG_DIR;
	char debug[PATH_MAX];
	struct open_elf oe;
	int err;

	if (find_by_build_id(e, root, debug_dir, debug, sizeof(debug)) != 0 &&
	    find_by_debuglink(elf, file, path, root, debug_dir, debug,
			      sizeof(debug)) != 0)
		return 0;
	if (open_elf(debug, &oe) != 0)
		return 0;
	err = read_symbols(e, oe.elf, SHT_SYMTAB);
	close_elf(&oe);
	if (err <= 0)
		return err;
	e->debug_path = strdup(debug);
	return e->debug_path ? 0 : -ENOMEM;
}

/* ---- sorting ---- */

static int leading_underscores(const char *s)
{
	int n = 0;

	while (s[n] == '_')
		n++;
	return n;
}

/* Address order; at one address the name to show comes first: functions,
 * global before weak before local, known size, fewer leading underscores. */
static int cmp_by_addr(const void *pa, const void *pb, void *ctx)
{
	const struct elfsym *e = ctx;
	const struct esym *a = pa, *b = pb;
	const char *na = sym_name(e, a), *nb = sym_name(e, b);

	if (a->addr != b->addr)
		return a->addr < b->addr ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->bind_rank != b->bind_rank)
		return a->bind_rank < b->bind_rank ? -1 : 1;
	if ((a->size == 0) != (b->size == 0))
		return a->size ? -1 : 1;
	if (leading_underscores(na) != leading_underscores(nb))
		return leading_underscores(na) - leading_underscores(nb);
	return strcmp(na, nb);
}

/* .symtab and .dynsym repeat the exported symbols: keep one of each
 * (address, name) pair. Equal pairs share an address group. */
static void drop_duplicates(struct elfsym *e)
{
	size_t out = 0, group = 0;

	for (size_t i = 0; i < e->nsyms; i++) {
		bool dup = false;

		if (out > 0 && e->syms[out - 1].addr != e->syms[i].addr)
			group = out;
		for (size_t j = group; j < out && !dup; j++)
			dup = strcmp(sym_name(e, &e->syms[j]),
				     sym_name(e, &e->syms[i])) == 0;
		if (!dup)
			e->syms[out++] = e->syms[i];
	}
	e->nsyms = out;
}

static int cmp_by_name(const void *pa, const void *pb, void *ctx)
{
	const struct elfsym *e = ctx;
	const struct esym *a = &e->syms[*(const uint32_t *)pa];
	const struct esym *b = &e->syms[*(const uint32_t *)pb];
	int c = strcmp(sym_name(e, a), sym_name(e, b));

	if (c)
		return c;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->bind_rank != b->bind_rank)
		return a->bind_rank < b->bind_rank ? -1 : 1;
	return a->addr < b->addr ? -1 : a->addr > b->addr;
}

static int build_name_index(struct elfsym *e)
{
	if (e->by_name || e->nsyms == 0)
		return 0;
	e->by_name = malloc(e->nsyms * sizeof(*e->by_name));
	if (!e->by_name)
		return -ENOMEM;
	for (size_t i = 0; i < e->nsyms; i++)
		e->by_name[i] = (uint32_t)i;
	qsort_r(e->by_name, e->nsyms, sizeof(*e->by_name), cmp_by_name, e);
	return 0;
}

/* ---- opening ---- */

/* file is what elf was read from, path the name it has for the debug
 * file search. */
static int load_elf(struct elfsym *e, Elf *elf, const char *file,
		    const char *path, const struct elfsym_opts *opts)
{
	GElf_Ehdr eh;
	int nsymtab, err;

	if (!gelf_getehdr(elf, &eh))
		return -ENOEXEC;
	e->is_dyn = eh.e_type == ET_DYN;
	e->machine = eh.e_machine;
	err = read_segments(e, elf);
	if (err)
		return err;
	read_build_id(elf, e->build_id, &e->build_id_len);
	nsymtab = read_symbols(e, elf, SHT_SYMTAB);
	if (nsymtab < 0)
		return nsymtab;
	err = read_symbols(e, elf, SHT_DYNSYM);
	if (err < 0)
		return err;
	if (nsymtab == 0 && !(opts && opts->no_debug_file)) {
		err = read_debug_symbols(e, elf, file, path, opts);
		if (err)
			return err;
	}
	qsort_r(e->syms, e->nsyms, sizeof(*e->syms), cmp_by_addr, e);
	drop_duplicates(e);
	return 0;
}

static struct elfsym *elfsym_alloc(const char *path)
{
	struct elfsym *e = calloc(1, sizeof(*e));

	if (!e)
		return NULL;
	e->path = strdup(path);
	if (!e->path) {
		free(e);
		return NULL;
	}
	return e;
}

static struct elfsym *fail(struct elfsym *e, int err)
{
	elfsym_free(e);
	errno = -err;
	return NULL;
}

struct elfsym *elfsym_open(const char *path, const struct elfsym_opts *opts)
{
	char full[PATH_MAX];
	const char *file = opts && opts->open_path ? opts->open_path : full;
	struct open_elf oe;
	struct elfsym *e;
	int err;

	err = join_path(full, sizeof(full), opts ? opts->root : NULL, path);
	if (err)
		return fail(NULL, err);
	elf_version(EV_CURRENT);
	err = open_elf(file, &oe);
	if (err)
		return fail(NULL, err);
	e = elfsym_alloc(path);
	err = e ? load_elf(e, oe.elf, file, path, opts) : -ENOMEM;
	close_elf(&oe);
	return err ? fail(e, err) : e;
}

struct elfsym *elfsym_open_memory(const void *image, size_t size,
				  const char *name)
{
	struct elfsym_opts opts = { .no_debug_file = true };
	char *copy = malloc(size ? size : 1);
	struct elfsym *e = NULL;
	Elf *elf;
	int err = -ENOEXEC;

	if (!copy)
		return fail(NULL, -ENOMEM);
	memcpy(copy, image, size);
	elf_version(EV_CURRENT);
	elf = elf_memory(copy, size);
	if (elf && elf_kind(elf) == ELF_K_ELF) {
		e = elfsym_alloc(name);
		err = e ? load_elf(e, elf, name, name, &opts) : -ENOMEM;
	}
	if (elf)
		elf_end(elf);
	free(copy);
	return err ? fail(e, err) : e;
}

void elfsym_free(struct elfsym *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->nsyms; i++)
		free(e->syms[i].demangled);
	demangler_release(&e->demangler);
	free(e->syms);
	free(e->names);
	free(e->by_name);
	free(e->segs);
	free(e->debug_path);
	free(e->path);
	free(e);
}

/* ---- queries ---- */

const char *elfsym_path(const struct elfsym *e) { return e->path; }
const char *elfsym_debug_path(const struct elfsym *e) { return e->debug_path; }
bool elfsym_is_dyn(const struct elfsym *e) { return e->is_dyn; }
size_t elfsym_count(const struct elfsym *e) { return e->nsyms; }

const uint8_t *elfsym_build_id(const struct elfsym *e, size_t *len)
{
	*len = e->build_id_len;
	return e->build_id_len ? e->build_id : NULL;
}

/* First index in by_name whose name is >= name. */
static size_t name_lower_bound(const struct elfsym *e, const char *name)
{
	size_t lo = 0, hi = e->nsyms;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(sym_name(e, &e->syms[e->by_name[mid]]), name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* "ns::f" matches the demangled "ns::f(int)" as well as "ns::f". */
static bool demangled_matches(const char *demangled, const char *name)
{
	size_t n = strlen(name);

	return strncmp(demangled, name, n) == 0 &&
	       (demangled[n] == '\0' || demangled[n] == '(');
}

int elfsym_lookup(struct elfsym *e, const char *name, struct elfsym_sym *out)
{
	size_t i;
	int err = build_name_index(e);

	if (err)
		return err;
	if (e->nsyms == 0)
		return -ENOENT;
	i = name_lower_bound(e, name);
	if (i < e->nsyms && strcmp(sym_name(e, &e->syms[e->by_name[i]]), name) == 0) {
		sym_export(e, &e->syms[e->by_name[i]], out);
		return 0;
	}
	/* Demangling everything is slow: only for names that look C++. */
	if (!strstr(name, "::") && !strchr(name, '('))
		return -ENOENT;
	for (i = 0; i < e->nsyms; i++) {
		struct esym *s = &e->syms[e->by_name[i]];

		if (strncmp(sym_name(e, s), "_Z", 2) == 0 &&
		    demangled_matches(sym_display_name(e, s), name)) {
			sym_export(e, s, out);
			return 0;
		}
	}
	return -ENOENT;
}

/* First index whose address is > vaddr. */
static size_t addr_upper_bound(const struct elfsym *e, uint64_t vaddr)
{
	size_t lo = 0, hi = e->nsyms;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (e->syms[mid].addr <= vaddr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* How far back to look for a sized symbol enclosing an inner one. */
#define ENCLOSING_SCAN 32

static struct esym *find_containing(struct elfsym *e, uint64_t vaddr)
{
	size_t end = addr_upper_bound(e, vaddr), group;
	struct esym *unsized = NULL;

	if (end == 0)
		return NULL;
	group = end - 1;
	while (group > 0 && e->syms[group - 1].addr == e->syms[end - 1].addr)
		group--;
	/* The nearest address: a sized alias that holds vaddr, else one of
	 * unknown size, which reaches to the next symbol. */
	for (size_t i = group; i < end; i++) {
		struct esym *s = &e->syms[i];

		if (s->size && vaddr - s->addr < s->size)
			return s;
		if (!s->size && !unsized)
			unsized = s;
	}
	if (unsized)
		return unsized;
	/* Past the nearest symbol's end: maybe inside an enclosing one. */
	for (size_t i = group, n = 0; i > 0 && n < ENCLOSING_SCAN; i--, n++) {
		struct esym *s = &e->syms[i - 1];

		if (s->size && vaddr - s->addr < s->size)
			return s;
	}
	return NULL;
}

const char *elfsym_name(struct elfsym *e, uint64_t vaddr, uint64_t *offset)
{
	struct esym *s = find_containing(e, vaddr);

	if (!s)
		return NULL;
	if (offset)
		*offset = vaddr - s->addr;
	return sym_display_name(e, s);
}

int elfsym_foreach(struct elfsym *e, const char *glob, unsigned kinds,
		   int (*cb)(const struct elfsym_sym *sym,
			     const char *demangled, void *arg),
		   void *arg)
{
	int err = build_name_index(e);

	if (err)
		return err;
	for (size_t i = 0; i < e->nsyms; i++) {
		struct esym *s = &e->syms[e->by_name[i]];
		const char *name = sym_name(e, s), *demangled;
		struct elfsym_sym out;
		int ret;

		if (!(s->kind & kinds))
			continue;
		demangled = sym_display_name(e, s);
		if (demangled == name)
			demangled = NULL;
		if (fnmatch(glob, name, 0) != 0 &&
		    !(demangled && fnmatch(glob, demangled, 0) == 0))
			continue;
		sym_export(e, s, &out);
		ret = cb(&out, demangled, arg);
		if (ret)
			return ret;
	}
	return 0;
}

int elfsym_vaddr_to_offset(const struct elfsym *e, uint64_t vaddr,
			   uint64_t *offset)
{
	for (size_t i = 0; i < e->nsegs; i++) {
		const struct segment *s = &e->segs[i];

		if (vaddr >= s->vaddr && vaddr - s->vaddr < s->filesz) {
			*offset = vaddr - s->vaddr + s->offset;
			return 0;
		}
	}
	return -ENOENT;
}

int elfsym_offset_to_vaddr(const struct elfsym *e, uint64_t offset,
			   uint64_t *vaddr)
{
	for (size_t i = 0; i < e->nsegs; i++) {
		const struct segment *s = &e->segs[i];

		if (offset >= s->offset && offset - s->offset < s->filesz) {
			*vaddr = offset - s->offset + s->vaddr;
			return 0;
		}
	}
	return -ENOENT;
}

int elfsym_load_bias(const struct elfsym *e, uint64_t map_start,
		     uint64_t map_offset, bool exec, uint64_t *bias)
{
	uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);
	const struct segment *best = NULL;

	/* The kernel maps a segment from the page holding its first byte, so
	 * a mapping's offset may lie a little below the segment's. */
	for (size_t i = 0; i < e->nsegs; i++) {
		const struct segment *s = &e->segs[i];
		uint64_t first_page = s->offset & ~(page - 1);

		if (s->filesz == 0 || map_offset < first_page ||
		    map_offset >= s->offset + s->filesz)
			continue;
		if (!best || (((s->flags & PF_X) != 0) == exec &&
			      ((best->flags & PF_X) != 0) != exec))
			best = s;
	}
	if (!best)
		return -ENOENT;
	/* Unsigned wrap-around is intended when map_offset < s->offset. */
	*bias = map_start - (best->vaddr - best->offset + map_offset);
	return 0;
}

/* ---- /proc/PID/maps ---- */

static bool parse_hex(char **p, uint64_t *out)
{
	char *end;

	errno = 0;
	*out = strtoull(*p, &end, 16);
	if (end == *p || errno)
		return false;
	*p = end;
	return true;
}

static bool expect(char **p, char c)
{
	if (**p != c)
		return false;
	(*p)++;
	return true;
}

int elfsym_parse_maps_line(char *line, struct elfsym_mapping *m)
{
	char *p = line, *nl = strchr(line, '\n');
	uint64_t major, minor;

	if (nl)
		*nl = '\0';
	if (!parse_hex(&p, &m->start) || !expect(&p, '-') ||
	    !parse_hex(&p, &m->end) || !expect(&p, ' '))
		return -EINVAL;
	if (strlen(p) < 5 || p[4] != ' ')
		return -EINVAL;
	memcpy(m->perms, p, 4);
	m->perms[4] = '\0';
	p += 5;
	if (!parse_hex(&p, &m->offset) || !expect(&p, ' ') ||
	    !parse_hex(&p, &major) || !expect(&p, ':') ||
	    !parse_hex(&p, &minor) || !expect(&p, ' '))
		return -EINVAL;
	m->dev_major = (uint32_t)major;
	m->dev_minor = (uint32_t)minor;
	errno = 0;
	m->inode = strtoull(p, &p, 10);
	if (errno)
		return -EINVAL;
	while (*p == ' ' || *p == '\t')
		p++;
	m->path = p;
	return 0;
}

/* ---- library resolution ---- */

/* The machine a library must be built for. */
struct target {
	uint16_t machine;	/* 0: any */
	uint8_t elf_class;
};

static void read_target(const char *path, struct target *t)
{
	struct open_elf oe;
	GElf_Ehdr eh;

	t->machine = 0;
	t->elf_class = 0;
	if (open_elf(path, &oe) != 0)
		return;
	if (gelf_getehdr(oe.elf, &eh)) {
		t->machine = eh.e_machine;
		t->elf_class = eh.e_ident[EI_CLASS];
	}
	close_elf(&oe);
}

static bool fits_target(const char *path, const struct target *t)
{
	struct open_elf oe;
	GElf_Ehdr eh;
	bool ok;

	if (open_elf(path, &oe) != 0)
		return false;
	ok = gelf_getehdr(oe.elf, &eh) && eh.e_type == ET_DYN &&
	     (!t->machine || (eh.e_machine == t->machine &&
			      eh.e_ident[EI_CLASS] == t->elf_class));
	close_elf(&oe);
	return ok;
}

/* "c" and "libc" name libc.so*; a name with ".so" is a soname (prefix). */
static bool library_matches(const char *name, const char *file)
{
	bool has_lib = strncmp(name, "lib", 3) == 0;
	size_t n = strlen(name);
	const char *rest;

	if (strstr(name, ".so"))
		return strncmp(file, name, n) == 0 &&
		       (file[n] == '\0' || file[n] == '.');
	if (!has_lib) {
		if (strncmp(file, "lib", 3) != 0)
			return false;
		file += 3;
	}
	if (strncmp(file, name, n) != 0)
		return false;
	rest = file + n;
	return strncmp(rest, ".so", 3) == 0 && (rest[3] == '\0' || rest[3] == '.');
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* A path inside the process's root, as a path we can open. */
static int host_path(const char *root, const char *path, char *out, size_t len)
{
	char inside[PATH_MAX];

	if (!*root || path[0] != '/')
		return file_exists(path) ? join_path(out, len, "", path) : -ENOENT;
	if (join_path(inside, sizeof(inside), root, path) != 0)
		return -ENAMETOOLONG;
	if (same_file(path, inside))
		return join_path(out, len, "", path);
	if (file_exists(inside))
		return join_path(out, len, "", inside);
	return -ENOENT;
}

static int find_in_maps(int pid, const char *name, const char *root,
			char *out, size_t len)
{
	char path[64], line[PATH_MAX + 128];
	FILE *f;
	int err = -ENOENT;

	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	f = fopen(path, "re");
	if (!f)
		return -ENOENT;
	while (err == -ENOENT && fgets(line, sizeof(line), f)) {
		struct elfsym_mapping m;

		if (elfsym_parse_maps_line(line, &m) == 0 && m.path[0] == '/' &&
		    library_matches(name, base_name(m.path)))
			err = host_path(root, m.path, out, len);
	}
	fclose(f);
	return err;
}

static int read_whole_file(const char *path, char **buf, size_t *len)
{
	size_t cap = 65536, n = 0;
	char *p = malloc(cap);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t r;

	if (fd < 0 || !p) {
		int err = fd < 0 ? -errno : -ENOMEM;

		if (fd >= 0)
			close(fd);
		free(p);
		return err;
	}
	while ((r = read(fd, p + n, cap - n)) > 0) {
		n += (size_t)r;
		if (n == cap) {
			char *q = realloc(p, cap * 2);

			if (!q) {
				r = -1;
				errno = ENOMEM;
				break;
			}
			p = q;
			cap *= 2;
		}
	}
	close(fd);
	if (r < 0) {
		free(p);
		return -errno;
	}
	*buf = p;
	*len = n;
	return 0;
}

/* ld.so.cache, new format ("glibc-ld.so.cache1.1"): a 48-byte header
 * (magic and version, u32 entry count, u32 string table size, 28 more
 * bytes), then 24-byte entries (i32 flags, u32 key, u32 value, u32
 * osversion, u64 hwcap) whose key (soname) and value (path) are offsets of
 * strings from the header's start. Older files put the old format
 * ("ld.so-1.7.0", u32 count, 12-byte entries) first, then the new one
 * 8-aligned. Entries are in the loader's order of preference. */
#define LDCACHE_OLD_MAGIC "ld.so-1.7.0"
#define LDCACHE_NEW_MAGIC "glibc-ld.so.cache1.1"
#define LDCACHE_NEW_HEADER 48
#define LDCACHE_NEW_ENTRY 24
#define LDCACHE_FLAG_ELF_LIBC6 0x0003
#define LDCACHE_FLAG_TYPE_MASK 0x00ff

static uint32_t load_u32(const char *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* Offset of the new-format table in the cache, or -1. */
static long ldcache_new_table(const char *buf, size_t len)
{
	size_t off = 0;

	if (len >= 16 && memcmp(buf, LDCACHE_OLD_MAGIC, 11) == 0)
		off = (16 + (size_t)load_u32(buf + 12) * 12 + 7) & ~(size_t)7;
	if (off + LDCACHE_NEW_HEADER > len ||
	    memcmp(buf + off, LDCACHE_NEW_MAGIC, strlen(LDCACHE_NEW_MAGIC)) != 0)
		return -1;
	return (long)off;
}

static const char *ldcache_string(const char *table, size_t avail, uint32_t off)
{
	if (off >= avail || !memchr(table + off, '\0', avail - off))
		return NULL;
	return table + off;
}

static uint64_t load_u64(const char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* The first entry for name built for the target. Entries with hwcaps
 * (optimized variants the loader picks by CPU features) only when there is
 * no plain one: the loader's CPU checks are not repeated here. */
static int search_ld_cache(const char *buf, size_t size, const char *root,
			   const char *name, const struct target *t,
			   char *out, size_t len)
{
	long table_off = ldcache_new_table(buf, size);
	const char *table;
	size_t avail, count;
	char cand[PATH_MAX];

	if (table_off < 0)
		return -ENOENT;
	table = buf + table_off;
	avail = size - (size_t)table_off;
	count = load_u32(table + 20);
	if (count > (avail - LDCACHE_NEW_HEADER) / LDCACHE_NEW_ENTRY)
		return -ENOENT;
	for (int with_hwcaps = 0; with_hwcaps < 2; with_hwcaps++) {
		for (size_t i = 0; i < count; i++) {
			const char *ent = table + LDCACHE_NEW_HEADER +
					  i * LDCACHE_NEW_ENTRY;
			int32_t flags = (int32_t)load_u32(ent);
			const char *key = ldcache_string(table, avail, load_u32(ent + 4));
			const char *value = ldcache_string(table, avail,
							   load_u32(ent + 8));

			if (!key || !value || (load_u64(ent + 16) != 0) != with_hwcaps ||
			    (flags & LDCACHE_FLAG_TYPE_MASK) != LDCACHE_FLAG_ELF_LIBC6 ||
			    !library_matches(name, key))
				continue;
			if (join_path(cand, sizeof(cand), root, value) == 0 &&
			    fits_target(cand, t))
				return host_path(root, value, out, len);
		}
	}
	return -ENOENT;
}

static int find_in_ld_cache(const char *root, const char *name,
			    const struct target *t, char *out, size_t len)
{
	char path[PATH_MAX];
	char *buf = NULL;
	size_t size = 0;
	int err;

	if (join_path(path, sizeof(path), root, "/etc/ld.so.cache") != 0 ||
	    read_whole_file(path, &buf, &size) != 0)
		return -ENOENT;
	err = search_ld_cache(buf, size, root, name, t, out, len);
	free(buf);
	return err;
}

static const char *const default_lib_dirs[] = {
#if defined(__x86_64__)
	"/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
#elif defined(__aarch64__)
	"/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
#endif
	"/lib64", "/usr/lib64", "/lib", "/usr/lib",
};

/* The alphabetically first matching library of a directory, so the answer
 * does not depend on readdir order. */
static int find_in_dir(const char *root, const char *dir, const char *name,
		       const struct target *t, char *out, size_t len)
{
	char full[PATH_MAX], best[NAME_MAX + 1] = "", cand[PATH_MAX];
	struct dirent *de;
	DIR *d;

	if (join_path(full, sizeof(full), root, dir) != 0 || !(d = opendir(full)))
		return -ENOENT;
	while ((de = readdir(d))) {
		if (!library_matches(name, de->d_name) ||
		    (best[0] && strcmp(de->d_name, best) >= 0))
			continue;
		if (join_dir(cand, sizeof(cand), full, de->d_name) == 0 &&
		    fits_target(cand, t))
			snprintf(best, sizeof(best), "%s", de->d_name);
	}
	closedir(d);
	if (!best[0])
		return -ENOENT;
	if (join_dir(cand, sizeof(cand), dir, best) != 0)
		return -ENAMETOOLONG;
	return host_path(root, cand, out, len);
}

int elfsym_resolve_library(const char *name, int pid, char *out, size_t len)
{
	char root[64] = "", exe[64];
	struct target t;
	int err;

	if (pid > 0)
		snprintf(root, sizeof(root), "/proc/%d/root", pid);
	if (strchr(name, '/'))
		return host_path(root, name, out, len);
	elf_version(EV_CURRENT);
	if (pid > 0) {
		err = find_in_maps(pid, name, root, out, len);
		if (err != -ENOENT)
			return err;
		snprintf(exe, sizeof(exe), "/proc/%d/exe", pid);
	} else {
		snprintf(exe, sizeof(exe), "/proc/self/exe");
	}
	read_target(exe, &t);
	err = find_in_ld_cache(root, name, &t, out, len);
	if (err != -ENOENT)
		return err;
	for (size_t i = 0; i < sizeof(default_lib_dirs) / sizeof(*default_lib_dirs); i++) {
		err = find_in_dir(root, default_lib_dirs[i], name, &t, out, len);
		if (err != -ENOENT)
			return err;
	}
	return -ENOENT;
}
