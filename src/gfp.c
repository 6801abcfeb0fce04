/* printf's %gr. The names and their order are those of the kernel's %pGg
 * (include/trace/events/mmflags.h, and the print format of the kmem
 * tracepoints): combined names first, each taking its bits, then the
 * single flags, then what is left in hex. The bit of each
 * single flag comes from the running kernel's BTF, since it moves between
 * kernel versions. */
#include <stdio.h>
#include <string.h>
#include "gfp.h"
#include "ktypes.h"

enum gfp_flag {
	DMA, HIGHMEM, DMA32, MOVABLE, RECLAIMABLE, HIGH, IO, FS, ZERO,
	DIRECT_RECLAIM, KSWAPD_RECLAIM, WRITE, NOWARN, RETRY_MAYFAIL, NOFAIL,
	NORETRY, MEMALLOC, COMP, NOMEMALLOC, HARDWALL, THISNODE, ACCOUNT,
	ZEROTAGS, SKIP_ZERO, SKIP_KASAN, NO_OBJ_EXT,
};

/* enum gfp_flag's names; the bit numbers are Linux 6.18's, used when the
 * kernel's BTF does not list them (-1: that kernel has no such flag). */
static const struct {
	const char *name;
	int bit;
} flags[GFP_NFLAGS] = {
	[DMA] = { "DMA", 0 }, [HIGHMEM] = { "HIGHMEM", 1 }, [DMA32] = { "DMA32", 2 },
	[MOVABLE] = { "MOVABLE", 3 }, [RECLAIMABLE] = { "RECLAIMABLE", 4 }, [HIGH] = { "HIGH", 5 },
	[IO] = { "IO", 6 }, [FS] = { "FS", 7 }, [ZERO] = { "ZERO", 8 },
	[DIRECT_RECLAIM] = { "DIRECT_RECLAIM", 10 }, [KSWAPD_RECLAIM] = { "KSWAPD_RECLAIM", 11 },
	[WRITE] = { "WRITE", 12 }, [NOWARN] = { "NOWARN", 13 },
	[RETRY_MAYFAIL] = { "RETRY_MAYFAIL", 14 }, [NOFAIL] = { "NOFAIL", 15 },
	[NORETRY] = { "NORETRY", 16 }, [MEMALLOC] = { "MEMALLOC", 17 }, [COMP] = { "COMP", 18 },
	[NOMEMALLOC] = { "NOMEMALLOC", 19 }, [HARDWALL] = { "HARDWALL", 20 },
	[THISNODE] = { "THISNODE", 21 }, [ACCOUNT] = { "ACCOUNT", 22 },
	[ZEROTAGS] = { "ZEROTAGS", 23 }, [SKIP_ZERO] = { "SKIP_ZERO", -1 },
	[SKIP_KASAN] = { "SKIP_KASAN", -1 }, [NO_OBJ_EXT] = { "NO_OBJ_EXT", 24 },
};

void gfp_table_resolve(struct gfp_table *t, struct ktypes *kt)
{
	int64_t bit;
	bool from_btf = kt && !ktypes_enum_value(kt, "___GFP_DMA_BIT", &bit, NULL);
	for (int i = 0; i < GFP_NFLAGS; i++) {
		char name[64];
		snprintf(name, sizeof(name), "___GFP_%s_BIT", flags[i].name);
		if (!from_btf)
			bit = flags[i].bit;
		else if (ktypes_enum_value(kt, name, &bit, NULL))
			bit = -1;
		t->mask[i] = bit >= 0 && bit < 64 ? 1ULL << bit : 0;
	}
}

/* The kernel's list, in its order: a name and the flags it stands for.
 * TRANSHUGE_LIGHT leaves out the reclaim bits its parts carry. */
#define F(x) (1ULL << (x))
#define RECLAIM (F(DIRECT_RECLAIM) | F(KSWAPD_RECLAIM))
#define USER (RECLAIM | F(IO) | F(FS) | F(HARDWALL))
#define HIGHUSER_MOVABLE (USER | F(HIGHMEM) | F(MOVABLE))
#define TRANSHUGE_LIGHT ((HIGHUSER_MOVABLE | F(COMP) | F(NOMEMALLOC) | F(NOWARN)) & ~RECLAIM)
static const struct {
	const char *name;
	uint64_t flags;		/* a set of enum gfp_flag */
} names[] = {
	{ "GFP_TRANSHUGE", TRANSHUGE_LIGHT | F(DIRECT_RECLAIM) },
	{ "GFP_TRANSHUGE_LIGHT", TRANSHUGE_LIGHT },
	{ "GFP_HIGHUSER_MOVABLE", HIGHUSER_MOVABLE },
	{ "GFP_HIGHUSER", USER | F(HIGHMEM) },
	{ "GFP_USER", USER },
	{ "GFP_KERNEL_ACCOUNT", RECLAIM | F(IO) | F(FS) | F(ACCOUNT) },
	{ "GFP_KERNEL", RECLAIM | F(IO) | F(FS) },
	{ "GFP_NOFS", RECLAIM | F(IO) },
	{ "GFP_ATOMIC", F(HIGH) | F(KSWAPD_RECLAIM) },
	{ "GFP_NOIO", RECLAIM },
	{ "GFP_NOWAIT", F(KSWAPD_RECLAIM) | F(NOWARN) },
	{ "GFP_DMA", F(DMA) },
	{ "GFP_DMA32", F(DMA32) },
	{ "__GFP_RECLAIM", RECLAIM },
	{ "__GFP_DMA", F(DMA) },
	{ "__GFP_HIGHMEM", F(HIGHMEM) },
	{ "__GFP_DMA32", F(DMA32) },
	{ "__GFP_MOVABLE", F(MOVABLE) },
	{ "__GFP_RECLAIMABLE", F(RECLAIMABLE) },
	{ "__GFP_HIGH", F(HIGH) },
	{ "__GFP_IO", F(IO) },
	{ "__GFP_FS", F(FS) },
	{ "__GFP_ZERO", F(ZERO) },
	{ "__GFP_DIRECT_RECLAIM", F(DIRECT_RECLAIM) },
	{ "__GFP_KSWAPD_RECLAIM", F(KSWAPD_RECLAIM) },
	{ "__GFP_WRITE", F(WRITE) },
	{ "__GFP_NOWARN", F(NOWARN) },
	{ "__GFP_RETRY_MAYFAIL", F(RETRY_MAYFAIL) },
	{ "__GFP_NOFAIL", F(NOFAIL) },
	{ "__GFP_NORETRY", F(NORETRY) },
	{ "__GFP_MEMALLOC", F(MEMALLOC) },
	{ "__GFP_COMP", F(COMP) },
	{ "__GFP_NOMEMALLOC", F(NOMEMALLOC) },
	{ "__GFP_HARDWALL", F(HARDWALL) },
	{ "__GFP_THISNODE", F(THISNODE) },
	{ "__GFP_ACCOUNT", F(ACCOUNT) },
	{ "__GFP_ZEROTAGS", F(ZEROTAGS) },
	{ "__GFP_SKIP_ZERO", F(SKIP_ZERO) },
	{ "__GFP_SKIP_KASAN", F(SKIP_KASAN) },
	{ "__GFP_NO_OBJ_EXT", F(NO_OBJ_EXT) },
};

/* The kernel mask of a set of flags; 0 if this kernel lacks one of them. */
static uint64_t kernel_mask(const struct gfp_table *t, uint64_t set)
{
	uint64_t mask = 0;
	for (int i = 0; i < GFP_NFLAGS; i++) {
		if (!(set & F(i)))
			continue;
		if (!t->mask[i])
			return 0;
		mask |= t->mask[i];
	}
	return mask;
}

void gfp_write(FILE *f, uint64_t v, const struct gfp_table *t)
{
	struct gfp_table fallback;
	if (!t) {
		gfp_table_resolve(&fallback, NULL);
		t = &fallback;
	}
	if (!v) {
		fputc('0', f);
		return;
	}
	const char *sep = "";
	for (size_t i = 0; v && i < sizeof(names) / sizeof(names[0]); i++) {
		uint64_t mask = kernel_mask(t, names[i].flags);
		if (!mask || (v & mask) != mask)
			continue;
		fprintf(f, "%s%s", sep, names[i].name);
		sep = "|";
		v &= ~mask;
	}
	if (v)
		fprintf(f, "%s%#llx", sep, (unsigned long long)v);
}
