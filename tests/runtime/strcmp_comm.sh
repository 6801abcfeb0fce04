# String comparison against comm, in a predicate.
ARGS=(-c "$W getpid 5" -e 'tracepoint:syscalls:sys_enter_getpid /comm == "workload" && pid == cpid/ { @[comm] = count(); } tracepoint:syscalls:sys_enter_getpid /comm != "workload" && pid == cpid/ { @other = count(); }')
