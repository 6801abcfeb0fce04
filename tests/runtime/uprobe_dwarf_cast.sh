# Casts to a binary's own struct, from its DWARF, as bpftrace does; a
# struct the script defines itself is the script's (bpftrace's "struct
# override"): struct dwarftest_pair here is read as two shorts.
ln -sf "$ROOT/build/probetest" /tmp/bpfkit-probetest
ARGS=(-c "/tmp/bpfkit-probetest dwarf 2" -e 'struct dwarftest_pair { short lo; short hi; }
uprobe:/tmp/bpfkit-probetest:dwarftest_ints {
	printf("%d %s %d\n", ((struct dwarftest_point *)arg5)->x, ((struct dwarftest_point *)arg5)->tag, ((struct dwarftest_point *)arg5)->next->vals[1]);
	printf("%d %d\n", ((struct dwarftest_pair *)arg5)->lo, ((struct dwarftest_pair *)arg5)->hi);
}')
