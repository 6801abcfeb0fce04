# FUNC+OFFSET: probetest_add is `lea (%rdi,%rsi),%rax; ret`, so +4 is the
# ret, where the arguments are still in their registers.
# Hand-written expected output: bpftrace 0.17 as packaged refuses offsets
# ("compiled without (k|u)probe offset support"), and its func is an address.
ln -sf "$ROOT/build/probetest" /tmp/bpfkit-probetest
ARGS=(-c "/tmp/bpfkit-probetest calls 3" -e 'uprobe:/tmp/bpfkit-probetest:probetest_add+4 { @[probe, func] = sum(arg1); }')
