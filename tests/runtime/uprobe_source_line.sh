# Source line probes, uprobe:BINARY@FILE:LINE[:COLUMN] (newer bpftrace):
# the line's first instruction from the DWARF line table; FILE may be the
# file's name or more of its path. The line is dwarftest_ints's return
# statement, found here so that the case survives edits of probetest.c.
# Hand-written expected output: bpftrace 0.17 has no source line probes.
ln -sf "$ROOT/build/probetest" /tmp/bpfkit-probetest
L=$(grep -n 'return c + us + i' "$ROOT/tests/probetest.c" | cut -d: -f1)
ARGS=(-c "/tmp/bpfkit-probetest dwarf 3" -e "uprobe:/tmp/bpfkit-probetest@probetest.c:$L { @[func] = count(); }
uprobe:/tmp/bpfkit-probetest@tests/probetest.c:$L:2 { @col[func] = count(); }")
