# count, sum, min, max, avg and stats over known read sizes.
ARGS=(-c "$W read 10 20 30 40 1000" -e 'tracepoint:syscalls:sys_exit_read /pid == cpid/ { @c = count(); @s = sum(args->ret); @mn = min(args->ret); @mx = max(args->ret); @a = avg(args->ret); @st = stats(args->ret); }')
