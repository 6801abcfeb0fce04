/* Symbolizer: turns kernel and user addresses into the text bpftrace
 * prints for ksym(), usym(), kstack and ustack. Kernel symbols load on
 * first use; user symbols come from snapshots taken while each process
 * lived (symbolizer_note_pid), so they stay right after it exits. */
#ifndef BPFKIT_SYMBOLIZER_H
#define BPFKIT_SYMBOLIZER_H

#include <stdint.h>
#include <stdio.h>
#include "types.h"

struct symbolizer;

struct symbolizer *symbolizer_new(void);
void symbolizer_free(struct symbolizer *s);
/* Snapshots what symbolizing pid's addresses needs, once per pid. */
void symbolizer_note_pid(struct symbolizer *s, int pid);

/* ksym(): "name" (bpftrace prints no offset), or hex when unknown. */
void symbolizer_write_ksym(FILE *f, struct symbolizer *s, uint64_t addr);
/* usym(): "name", or hex when unknown. */
void symbolizer_write_usym(FILE *f, struct symbolizer *s, int pid, uint64_t addr);
/* A T_KSTACK or T_USTACK value: one frame a line after a newline, each
 * indented by `indent` spaces (bpftrace mode) or a tab (perf mode). */
void symbolizer_write_stack(FILE *f, struct symbolizer *s, const struct type *t,
			    const void *data, int indent);

#endif
