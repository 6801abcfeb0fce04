# Newer bpftrace reads a member through a pointer with '.' as with '->'
# ($t.pid, curtask.group_leader.comm), the spelling its docs now use.
ARGS=(-c "$W getpid 1" -e 'tracepoint:syscalls:sys_enter_getpid /pid == cpid/ { $t = (struct task_struct *)curtask; printf("%d %d %s %d\n", $t.pid == pid, curtask.tgid == pid, curtask.group_leader.comm, $t.real_parent->pid == $t->real_parent.pid); }')
