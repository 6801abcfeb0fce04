# Kernel types through BTF: curtask chains, a cast pointer chain, a nested
# struct member, a bitfield and sizeof. The -c child's parent is bpfkit
# itself, so the expected text is written by hand (bpftrace would print
# "bpftrace" there).
ARGS=(-c "$W getpid 2" -e 'tracepoint:syscalls:sys_enter_getpid /pid == cpid/ { $t = (struct task_struct *)curtask; @[curtask->comm, curtask->real_parent->comm, $t->real_parent->tgid == curtask->parent->tgid, ((struct task_struct *)curtask)->tgid == pid, curtask->se.on_rq, curtask->in_iowait, sizeof(struct task_struct) > 1000] = count(); }')
