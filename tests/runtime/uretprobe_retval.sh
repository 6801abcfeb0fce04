# uretprobe return values, with both aliases: probetest_add returns 11, 22,
# 33; probetest_neg(-i) returns i.
ln -sf "$ROOT/build/probetest" /tmp/bpfkit-probetest
ARGS=(-c "/tmp/bpfkit-probetest calls 3" -e 'uretprobe:/tmp/bpfkit-probetest:probetest_add { @[probe] = sum(retval); } ur:/tmp/bpfkit-probetest:probetest_neg { @neg = sum(retval); @n = count(); }')
