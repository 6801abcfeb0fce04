/* GFP (page allocation) flags as text, for printf's %gr: the names the
 * kernel's own %pGg prints, with this kernel's bit values. */
#ifndef BPFKIT_GFP_H
#define BPFKIT_GFP_H

#include <stdint.h>
#include <stdio.h>

struct ktypes;

#define GFP_NFLAGS 26

/* Each __GFP_ flag's mask on this kernel (0 where it has none). */
struct gfp_table {
	uint64_t mask[GFP_NFLAGS];
};

/* Reads the bits from the kernel's BTF (the ___GFP_*_BIT enum); kt may be
 * NULL, or lack the enum (older kernels), and then Linux 6.18's
 * bits are used. */
void gfp_table_resolve(struct gfp_table *t, struct ktypes *kt);
/* v as "GFP_KERNEL|__GFP_ZERO": the kernel's combined names first, in its
 * order, then single flags, then any unknown bits in hex; "0" for 0.
 * t NULL: Linux 6.18's bits. */
void gfp_write(FILE *f, uint64_t v, const struct gfp_table *t);

#endif
