# args in a binary without DWARF (a copy of libprobetest.so stripped of
# it, so that no debug file is found either): a one-line error naming
# the binary. Hand-written expected output: bpfkit's message.
objcopy --strip-all "$ROOT/build/libprobetest.so" /tmp/bpfkit-nodwarf.so
RC=1
ARGS=(-e 'uprobe:/tmp/bpfkit-nodwarf.so:lib_probetest_mul { print(args.x); }')
