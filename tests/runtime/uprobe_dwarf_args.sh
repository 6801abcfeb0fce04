# uprobe args named and typed from the binary's DWARF: integers of each
# width and sign, a char *, a struct pointer followed two levels, an enum
# (printf's %s names it) and a bool; args as a whole value in print(), a
# variable and a map key. Hand-written expected output: bpftrace 0.17
# reads args->NAME from DWARF (tests/compare/uprobe_dwarf_args.bt runs
# that through both tools) but cannot print args as a value.
ln -sf "$ROOT/build/probetest" /tmp/bpfkit-probetest
ARGS=(-c "/tmp/bpfkit-probetest dwarf 2" -e 'uprobe:/tmp/bpfkit-probetest:dwarftest_ints {
	printf("%d %d %d %lu %s\n", args.c, args.us, args.i, args.ul, str(args.name));
	printf("%d %d %s %d\n", args.pt->x, args.pt.y, str(args.pt->label), args.pt->next->x);
}
uprobe:/tmp/bpfkit-probetest:dwarftest_flags {
	print(args);
	$a = args;
	@[$a] = count();
	printf("%s %d %d\n", args.color, args.on, $a.s);
}')
