# Raw tracepoint arguments are typed through BTF: sched_switch's arg1 is the
# task switched out, and its comm can be read (bpftrace 0.17 needs a cast
# here, so the expected text is written by hand).
ARGS=(-c "$W sleep 50" -e 'rawtracepoint:sched_switch /arg1->pid == cpid/ { @[arg1->comm] = 1; }')
