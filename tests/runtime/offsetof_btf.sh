# offsetof(struct, member) from BTF (bpftrace 0.17 has no offsetof, so the
# expected text is written by hand: tv_nsec follows the 8-byte tv_sec).
ARGS=(-e 'BEGIN { printf("%d %d %d\n", offsetof(struct task_struct, pid) > 0, offsetof(struct __kernel_timespec, tv_nsec), offsetof(struct list_head, next)); exit(); }')
