# args as a whole value needs a probe with named arguments, the same in
# each of its attach points (bpftrace: "The args builtin can only be used
# within the context of a single probe type"); a uprobe without debug
# information has arg0..argN only (the message names the binary; a copy
# of libprobetest.so stripped of DWARF). Messages are bpfkit's own.
objcopy --strip-all "$ROOT/build/libprobetest.so" /tmp/bpfkit-nodwarf.so
RC=1
ARGS=(-e 'BEGIN { print(args); }
uprobe:/tmp/bpfkit-nodwarf.so:lib_probetest_mul { print(args); }
tracepoint:syscalls:sys_enter_read,tracepoint:syscalls:sys_exit_read { print(args); }')
