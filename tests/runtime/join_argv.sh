# join() of execve's argv, with the default and a given delimiter (the
# text bpftrace prints, with the workload's path filtered out).
FILTER="sed 's|$W|WORKLOAD|g'"
ARGS=(-c "$W getpid 1" -e 'tracepoint:syscalls:sys_enter_execve /pid == cpid/ { join(args->argv); join(args->argv, ","); }')
