# Arguments bpfkit does not read are refused when used, each with its
# reason: a double (an SSE register), a struct passed by value, the
# seventh integer argument (on the stack); and args in a uretprobe
# (bpftrace 0.17 refuses that too). The arguments between are readable.
# Hand-written expected output: bpfkit's messages.
ln -sf "$ROOT/build/probetest" /tmp/bpfkit-probetest
RC=1
ARGS=(-e 'uprobe:/tmp/bpfkit-probetest:dwarftest_unreadable { print(args.d); print(args.pair); print(args.a7); print(args.a8); }
uretprobe:/tmp/bpfkit-probetest:dwarftest_flags { print(args.s); }')
