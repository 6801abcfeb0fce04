# A stripped binary whose symbols and DWARF are in a separate debug file
# beside it (.gnu_debuglink; make builds both): args, -lv's listing and
# source lines read that file's DWARF. Copied, not linked, so that the
# debug file is found beside the binary's path. Hand-written expected
# output (bpftrace 0.17 cannot print args as a value).
D=/tmp/bpfkit-debugfile
mkdir -p $D
cp "$ROOT/build/probetest-stripped" "$ROOT/build/probetest.debug" "$ROOT/build/libprobetest.so" $D/
L=$(grep -n 'return c + us + i' "$ROOT/tests/probetest.c" | cut -d: -f1)
ARGS=(-c "$D/probetest-stripped dwarf 2" -e "uprobe:$D/probetest-stripped:dwarftest_flags { print(args); }
uprobe:$D/probetest-stripped@probetest.c:$L { @[func] = count(); }")
