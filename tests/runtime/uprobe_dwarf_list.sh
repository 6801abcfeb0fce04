# -lv lists a uprobe's arguments from DWARF, one a line with its C type,
# as bpftrace does (its text: tests/expect-from-bpftrace.sh).
ln -sf "$ROOT/build/probetest" /tmp/bpfkit-probetest
ARGS=(-lv 'uprobe:/tmp/bpfkit-probetest:dwarftest_*')
