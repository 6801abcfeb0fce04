# Values larger than the 512-byte BPF stack go to the per-CPU scratch frame.
# bpftrace 0.17 cannot run this script (its stack overflows), so the
# expected text is written by hand: two opens by "workload".
export BPFTRACE_STRLEN=200
ARGS=(-c "$W open /tmp/bpfkit-a-rather-long-file-name-for-the-big-values-test 2" -e 'tracepoint:syscalls:sys_enter_openat /pid == cpid/ { @[str(args->filename), comm, str(args->filename)] = count(); printf("%s %s %s\n", str(args->filename), comm, str(args->filename)); }')
