# Wildcards on the provider and the name; the guarded probe is among them,
# so its semaphore is set and it fires too.
ln -sf "$ROOT/build/probetest" /tmp/bpfkit-probetest
ARGS=(-c "/tmp/bpfkit-probetest usdt 1" -e 'usdt:/tmp/bpfkit-probetest:probe*:* { printf("%s\n", probe); }')
