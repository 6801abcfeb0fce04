# hist() of read sizes: 1 2 3 4 5 100 1000 4096 and a zero-size read.
ARGS=(-c "$W read 1 2 3 4 5 100 1000 4096 0 7 7" -e 'tracepoint:syscalls:sys_exit_read /pid == cpid/ { @bytes = hist(args->ret); }')
