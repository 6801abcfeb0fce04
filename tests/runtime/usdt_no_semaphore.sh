# Tracing other probes of the binary leaves the guarded probe's semaphore
# clear: the program skips the guarded probe and reports 0.
ln -sf "$ROOT/build/probetest" /tmp/bpfkit-probetest
ARGS=(-c "/tmp/bpfkit-probetest usdt 3" -e 'usdt:/tmp/bpfkit-probetest:probetest:const { @ = count(); }
uprobe:/tmp/bpfkit-probetest:probetest_report { printf("semaphore %d\n", arg0); }')
