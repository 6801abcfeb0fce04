# -f json: printf, maps of every kind, hist and stats, as bpftrace prints them.
ARGS=(-f json -c "$W read 1 2 3 100" -e 'tracepoint:syscalls:sys_exit_read /pid == cpid/ { @h = hist(args->ret); @st = stats(args->ret); @c[args->ret > 2] = count(); @t[1, "a"] = args->ret; printf("read %d\n", args->ret); }')
