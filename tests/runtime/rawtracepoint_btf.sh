# Raw tracepoint arguments are typed through BTF: sched_switch's arg1 is the
# task switched out, and its comm can be read (bpftrace 0.17 needs a cast
# here, so the expected text is written by hand). The -c child may also be
# switched out between its release and its exec, still named bpfkit: the
# predicate keeps only the workload.
ARGS=(-c "$W sleep 50" -e 'rawtracepoint:sched_switch /arg1->pid == cpid && arg1->comm == "workload"/ { @[arg1->comm] = 1; }')
