# len(kstack) and len(ustack) (newer bpftrace): the frames found, up to the
# stack's limit: the workload's syscall has more than 3 kernel frames, and
# at least 3 user frames (workload_leaf, _mid, _top), so the limited forms
# give their limits.
ARGS=(-c "$W stack 1" -e 'tracepoint:syscalls:sys_enter_getpid /pid == cpid/ { printf("%d %d %d %d\n", len(kstack) > 3, len(ustack) >= 3, len(ustack(3)), len(kstack(2))); }')
