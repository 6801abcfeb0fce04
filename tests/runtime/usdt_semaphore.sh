# A semaphore-guarded probe: attaching sets the semaphore (the kernel's
# reference counter), so the program fires the probe; probetest_report
# then receives the semaphore's value.
ln -sf "$ROOT/build/probetest" /tmp/bpfkit-probetest
ARGS=(-c "/tmp/bpfkit-probetest usdt 3" -e 'usdt:/tmp/bpfkit-probetest:probetest:guarded { @[probe] = sum(arg0); }
uprobe:/tmp/bpfkit-probetest:probetest_report { printf("semaphore %d\n", arg0); }')
