/* User-space symbols of processes, for ustack, usym() and uaddr().
 *
 * For a pid, usyms keeps a snapshot of /proc/PID/maps in which every file
 * mapping points to the symbol tables of its ELF file (elfsym) and carries
 * its load bias; JIT symbols come from the process's perf map
 * (/tmp/perf-PID.map: "START SIZE name" in hex, one per line) and the vDSO
 * from the process's memory. Files are read through /proc/PID/root, so
 * processes in other mount namespaces resolve, and each ELF file is read
 * once for all processes that map it (keyed by device and inode).
 *
 * A snapshot outlives its process: take it with usyms_cache_pid() while
 * the process runs (at exec/mmap events, or when its pid first shows up)
 * and lookups keep working after /proc/PID is gone. A lookup for a pid
 * without a snapshot takes one; a lookup that finds no mapping retakes it
 * (at most once a second) in case the process mapped something new.
 *
 * Returned strings stay valid until usyms_drop_pid() for that pid or
 * usyms_free(). Pids are not checked for reuse.
 */
#ifndef BPFKIT_USYMS_H
#define BPFKIT_USYMS_H

#include <stdint.h>

struct usyms;

/* NULL on ENOMEM. */
struct usyms *usyms_new(void);
void usyms_free(struct usyms *us);

/* Snapshots pid's mappings and opens their symbol tables now. Replaces an
 * older snapshot of that pid. 0, or -ESRCH when the process is gone. */
int usyms_cache_pid(struct usyms *us, int pid);
/* Forgets pid (after its last lookup). */
void usyms_drop_pid(struct usyms *us, int pid);

/* Runtime address -> "symbol" and the offset into it. module (may be NULL)
 * receives the mapped file's path as the process sees it, "[vdso]", or the
 * perf map's path for JIT symbols. When the address is in a file mapping
 * without a symbol for it, the result is NULL but module is set and offset
 * is the address in the file (virtual address, or file offset when the
 * file could not be read). NULL with errno ESRCH when pid cannot be
 * snapshotted, ENOENT when nothing is known about addr. */
const char *usyms_name(struct usyms *us, int pid, uint64_t addr,
		       uint64_t *offset, const char **module);

/* Address of symbol in binary (a path or a library name such as "libc";
 * see elfsym_resolve_library). With pid 0: the file's virtual address.
 * With a pid: the runtime address in that process, which must map binary.
 * 0, or -ENOENT, -ESRCH, or another negative errno. */
int usyms_addr(struct usyms *us, int pid_or_0, const char *binary,
	       const char *symbol, uint64_t *addr);

#endif
