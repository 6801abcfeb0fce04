# In iterator probes bpftrace names the iterator's record ctx (its
# reference guide: iter:task { ctx->task->comm ... }): ctx->task and
# ctx.task read what args->task does. bpfkit finds itself among the tasks
# and its own open files (bpftrace 0.17 cannot run iter:task here, so the
# text is written by hand).
ARGS=(-e 'iter:task /ctx->task->pid == pid/ { printf("%s %d\n", ctx->task->comm, ctx.task.tgid == pid); } iter:task_file /ctx->task->pid == pid/ { @fds[ctx->fd] = 1; } END { printf("open files: %d\n", len(@fds) >= 3); clear(@fds); }')
