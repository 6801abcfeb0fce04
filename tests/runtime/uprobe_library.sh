# Library probes: libc found by name like the dynamic linker does, and the
# test's own shared library by path.
ln -sf "$ROOT/build/probetest" /tmp/bpfkit-probetest
ln -sf "$ROOT/build/libprobetest.so" /tmp/bpfkit-libprobetest.so
ARGS=(-c "/tmp/bpfkit-probetest lib 3" -e 'uprobe:libc:getpid /pid == cpid/ { @getpid[probe] = count(); }
uprobe:/tmp/bpfkit-libprobetest.so:lib_probetest_mul { @mul[probe] = sum(arg0); @b = sum(arg1); }
uretprobe:/tmp/bpfkit-libprobetest.so:lib_probetest_mul { @ret = sum(retval); }')
