# A USDT probe in a shared library: lib_probetest_mul(i, 3), i = 1..3.
# Hand-written expected output: bpftrace 0.17 fails with "Error finding
# location for probe" on a library that is not loaded yet.
ln -sf "$ROOT/build/probetest" /tmp/bpfkit-probetest
ln -sf "$ROOT/build/libprobetest.so" /tmp/bpfkit-libprobetest.so
ARGS=(-c "/tmp/bpfkit-probetest lib 3" -e 'usdt:/tmp/bpfkit-libprobetest.so:libprobetest:mul { @[probe] = sum(arg0 * arg1); @n = count(); }')
