# In iterator probes args is the iterator's record after its meta member
# (bpftrace's reference guide names it ctx: ctx->task, ctx->fd, ctx->file
# for iter:task_file); print(args) shows it as a record, pointers in hex.
# bpfkit finds its own stdin (fd 0); the addresses are filtered.
FILTER="sed -E 's/0x[0-9a-f]+/0xADDR/g'"
ARGS=(-e 'iter:task_file /args->task->pid == pid && args->fd == 0/ { print(args); $a = args; printf("%s %d\n", $a.task->comm, $a.fd); }')
