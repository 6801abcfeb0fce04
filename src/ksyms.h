/* Kernel symbols from /proc/kallsyms, for kstack, ksym() and kaddr().
 *
 * The file (over 100k lines) is read in large chunks, parsed in place,
 * sorted by address once and searched by bisection; a name index is built
 * only when a name is first looked up. Symbols of modules carry the module
 * name ("[ext4]" in kallsyms) separately.
 *
 * Returned strings stay valid until ksyms_free().
 */
#ifndef BPFKIT_KSYMS_H
#define BPFKIT_KSYMS_H

#include <stdint.h>

struct ksyms;

/* No I/O: /proc/kallsyms is read on the first lookup. NULL on ENOMEM. */
struct ksyms *ksyms_new(void);
/* Reads /proc/kallsyms now. NULL + errno on failure; EPERM when every
 * address reads as zero (kptr_restrict without the privilege to see them). */
struct ksyms *ksyms_load(void);
void ksyms_free(struct ksyms *ks);

/* Name of the nearest symbol at or below addr and the offset from it.
 * NULL when addr is below every symbol or the file cannot be read
 * (errno says why). */
const char *ksyms_name(struct ksyms *ks, uint64_t addr, uint64_t *offset);
/* Module of that same symbol ("ext4"), or NULL for the core kernel. */
const char *ksyms_module(struct ksyms *ks, uint64_t addr);
/* Address of a symbol by name; a global one wins over static functions of
 * the same name. 0, -ENOENT, or the error reading the file. */
int ksyms_addr(struct ksyms *ks, const char *name, uint64_t *addr);
/* Number of symbols (loads the file). Negative errno on failure. */
long ksyms_count(struct ksyms *ks);

#endif
