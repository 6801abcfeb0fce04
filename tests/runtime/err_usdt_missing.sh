# A usdt probe the binary does not have.
# Hand-written expected output: bpftrace's messages differ.
ln -sf "$ROOT/build/probetest" /tmp/bpfkit-probetest
RC=1
ARGS=(-e 'usdt:/tmp/bpfkit-probetest:probetest:nosuch { @ = count(); }')
