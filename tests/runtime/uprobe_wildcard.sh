# A glob over the binary's functions: one probe each, fired in call order.
ln -sf "$ROOT/build/probetest" /tmp/bpfkit-probetest
ARGS=(-c "/tmp/bpfkit-probetest calls 2" -e 'u:/tmp/bpfkit-probetest:probetest_* { printf("%s\n", probe); }')
