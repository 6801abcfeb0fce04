# -l over a binary's functions.
ln -sf "$ROOT/build/probetest" /tmp/bpfkit-probetest
ARGS=(-l 'uprobe:/tmp/bpfkit-probetest:probetest_*')
