# lhist() with values below, inside and above the range.
ARGS=(-c "$W read 0 5 15 15 25 25 25 99 100 250" -e 'tracepoint:syscalls:sys_exit_read /pid == cpid/ { @l = lhist(args->ret, 10, 100, 10); }')
