# iter:task walks every task once and the run ends by itself; in an
# iterator, pid is the reader: bpfkit finds itself (bpftrace 0.17 prints
# nothing for iter:task on this kernel, so the text is written by hand).
FILTER="sed -E 's/parent .*/parent P/'"
ARGS=(-e 'iter:task /args->task->pid == pid/ { printf("found myself: %s, parent %s\n", args->task->comm, args->task->real_parent->comm); } iter:task { @n = count(); } END { printf("more than 10 tasks: %d\n", @n > 10); clear(@n); }')
