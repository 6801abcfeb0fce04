# func names the probed function.
# Hand-written expected output: bpftrace 0.17 prints func of a uprobe as
# the instruction address; bpfkit prints the symbol.
ln -sf "$ROOT/build/probetest" /tmp/bpfkit-probetest
ARGS=(-c "/tmp/bpfkit-probetest calls 1" -e 'uprobe:/tmp/bpfkit-probetest:probetest_* { printf("%s\n", func); } uretprobe:/tmp/bpfkit-probetest:probetest_neg { printf("%s returned\n", func); }')
