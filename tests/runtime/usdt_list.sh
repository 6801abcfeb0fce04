# -l of a binary's USDT probes, with a provider glob.
ln -sf "$ROOT/build/probetest" /tmp/bpfkit-probetest
ARGS=(-l 'usdt:/tmp/bpfkit-probetest:probetest:*')
