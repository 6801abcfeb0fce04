# Indexing: a tracepoint's char **argv (as bpftrace prints it), a kernel
# char array and a BTF array member, and bytes of a string. Written by
# hand (bpftrace 0.17 cannot index comm); the workload path is filtered.
FILTER="sed 's|$W|WORKLOAD|g'"
ARGS=(-c "$W getpid 1" -e 'tracepoint:syscalls:sys_enter_execve /pid == cpid/ { printf("%s %s %s\n", str(args->argv[0]), str(args->argv[1]), str(args->argv[2])); } tracepoint:syscalls:sys_enter_getpid /pid == cpid/ { printf("%d %c%c %d\n", curtask->comm[0], comm[0], comm[1], curtask->cpus_mask.bits[0] > 0); }')
