/* Symbols and layout of one ELF file, read with libelf.
 *
 * An elfsym holds what symbolization and uprobes need from a binary, copied
 * out of the file so the file is closed once elfsym_open returns:
 *   - FUNC (including GNU IFUNC) and OBJECT symbols of .symtab and .dynsym,
 *     with sizes; when the file has no .symtab, the .symtab of its separate
 *     debug file (found by build-id or .gnu_debuglink);
 *   - the PT_LOAD segments, to convert between virtual addresses and file
 *     offsets (uprobes are placed by file offset) and to compute the load
 *     bias of a mapping;
 *   - the GNU build-id.
 * Addresses here are the file's virtual addresses (st_value), never runtime
 * addresses; usyms adds the load bias of each process.
 *
 * Returned strings stay valid until elfsym_free().
 */
#ifndef BPFKIT_ELFSYM_H
#define BPFKIT_ELFSYM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct elfsym;

enum elfsym_kind {
	ELFSYM_FUNC = 1,	/* STT_FUNC and STT_GNU_IFUNC */
	ELFSYM_OBJECT = 2,	/* STT_OBJECT */
};

struct elfsym_sym {
	const char *name;	/* as in the file (mangled for C++) */
	uint64_t addr;		/* virtual address */
	uint64_t size;		/* 0 when the file does not say */
	enum elfsym_kind kind;
};

struct elfsym_opts {
	/* Prefix of every path, for a file seen from another mount namespace
	 * ("/proc/PID/root"). NULL or "" for our own. */
	const char *root;
	/* Open this file instead of root+path (e.g. /proc/PID/map_files/..
	 * for a deleted or overlay file) while path still names it, for the
	 * debug-file search. NULL to open root+path. */
	const char *open_path;
	/* Global debug directory; NULL means /usr/lib/debug. It is searched
	 * under root first, then in our own namespace. */
	const char *debug_dir;
	/* Do not look for a separate debug file. */
	bool no_debug_file;
};

/* Reads path (see elfsym_opts; opts may be NULL). NULL + errno on failure:
 * ENOEXEC when the file is not ELF. A file without any symbols is fine. */
struct elfsym *elfsym_open(const char *path, const struct elfsym_opts *opts);
/* Same from an ELF image in memory (the vDSO); name is what elfsym_path
 * reports. The image is not needed after the call. */
struct elfsym *elfsym_open_memory(const void *image, size_t size,
				  const char *name);
void elfsym_free(struct elfsym *e);

/* The path given to elfsym_open (without root). */
const char *elfsym_path(const struct elfsym *e);
/* The separate debug file whose symbols were used, or NULL. */
const char *elfsym_debug_path(const struct elfsym *e);
/* ET_DYN (PIE executable or shared library): loaded at a bias. */
bool elfsym_is_dyn(const struct elfsym *e);
/* The GNU build-id, or NULL (len 0) when the file has none. */
const uint8_t *elfsym_build_id(const struct elfsym *e, size_t *len);
/* Number of symbols (after merging .symtab/.dynsym duplicates). */
size_t elfsym_count(const struct elfsym *e);

/* Name -> symbol. Exact match on the file's name; failing that, on the
 * demangled name. Among equal names the global function wins.
 * 0, or -ENOENT. */
int elfsym_lookup(struct elfsym *e, const char *name, struct elfsym_sym *out);
/* Address -> name of the symbol containing vaddr (a symbol of unknown size
 * contains everything up to the next symbol) and the offset into it.
 * The name is demangled when possible. NULL when no symbol contains it. */
const char *elfsym_name(struct elfsym *e, uint64_t vaddr, uint64_t *offset);
/* Calls cb for each symbol of a kind in kinds (ELFSYM_FUNC|...) whose name
 * or demangled name matches the fnmatch(3) glob, in name order. demangled
 * is NULL for names that are not mangled. Stops when cb returns non-zero
 * and returns that value; otherwise 0. */
int elfsym_foreach(struct elfsym *e, const char *glob, unsigned kinds,
		   int (*cb)(const struct elfsym_sym *sym,
			     const char *demangled, void *arg),
		   void *arg);

/* Virtual address <-> file offset through the PT_LOAD segment holding it.
 * 0, or -ENOENT when no segment has it in the file. */
int elfsym_vaddr_to_offset(const struct elfsym *e, uint64_t vaddr,
			   uint64_t *offset);
int elfsym_offset_to_vaddr(const struct elfsym *e, uint64_t offset,
			   uint64_t *vaddr);
/* Load bias (runtime address - virtual address) of a mapping of this file
 * that starts at map_start with file offset map_offset; exec says whether
 * the mapping is executable, which picks the right segment when two share
 * a page. 0, or -ENOENT. */
int elfsym_load_bias(const struct elfsym *e, uint64_t map_start,
		     uint64_t map_offset, bool exec, uint64_t *bias);

/* C++ demangling through libstdc++'s __cxa_demangle, loaded with dlopen on
 * first use so bpfkit does not depend on C++. */
struct elfsym_demangler;
struct elfsym_demangler *elfsym_demangler_new(void);
/* A malloc'd demangled name, or NULL when name is not a mangled C++ name
 * or libstdc++ is not available. */
char *elfsym_demangle(struct elfsym_demangler *d, const char *name);
void elfsym_demangler_free(struct elfsym_demangler *d);

/* Finds a library the way the dynamic linker would: name is a path (kept),
 * or "libc", "c", "libc.so", "libc.so.6". With pid > 0 a library that
 * /proc/PID/maps shows wins, then that process's /etc/ld.so.cache, then
 * the default directories; only libraries for the target's machine (the
 * process's, or ours when pid is 0) count. The path written to out opens
 * the file from our namespace: it has a /proc/PID/root prefix when the
 * process sees a different file under that name.
 * 0, -ENOENT, or -ENAMETOOLONG. */
int elfsym_resolve_library(const char *name, int pid, char *out, size_t len);

/* One line of /proc/PID/maps, parsed in place (path points into line). */
struct elfsym_mapping {
	uint64_t start, end, offset;
	uint32_t dev_major, dev_minor;
	uint64_t inode;
	char perms[5];
	const char *path;	/* "" for anonymous mappings */
};
/* 0, or -EINVAL for a malformed line. Strips the trailing newline. */
int elfsym_parse_maps_line(char *line, struct elfsym_mapping *m);

#endif
