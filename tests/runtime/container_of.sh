# container_of(ptr, type, member) (bpftrace 0.27's standard library, as
# libbpf's macro): back from a member to its struct, here from the task's
# tgid and from the list_head of the next task, whose prev is our own.
# bpftrace 0.17 has no container_of(): the expected text is written by hand.
ARGS=(-e 'BEGIN { $m = (uint64)curtask + offsetof(struct task_struct, tgid); $t = container_of($m, struct task_struct, tgid); printf("%d %d\n", $t == curtask, $t->tgid == pid); $next = container_of(curtask->tasks.next, struct task_struct, tasks); printf("%d\n", (uint64)$next->tasks.prev == (uint64)curtask + offsetof(struct task_struct, tasks)); exit(); }')
