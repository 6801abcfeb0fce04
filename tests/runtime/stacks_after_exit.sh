# User stacks keep their names after the -c process has exited (bpftrace
# 0.17 prints bare addresses here, so the expected text is written by hand);
# kernel stacks and ksym(kaddr()) name kernel functions. Offsets, addresses
# and the workload's path depend on the build and are filtered out.
FILTER="sed -E 's/\+[0-9]+( |\$)/\1/; s|$W|WORKLOAD|; s/^\t[0-9a-f]+ /\tADDR /'"
ARGS=(-c "$W stack 4" -e 'tracepoint:syscalls:sys_enter_getpid /pid == cpid/ { @u[ustack(4)] = count(); @k[kstack(1)] = count(); @s[ksym(kaddr("vfs_read"))] = count(); @p[ustack(perf, 1)] = count(); }')
