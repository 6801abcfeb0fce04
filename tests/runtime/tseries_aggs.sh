# tseries() with each way of combining an interval's values, over the
# workload's reads (the -c gate's 8 bytes, then 10 20 30 40 1000), all in
# one interval of a day: one row each, so the time unit is ns. The row's
# clock time is replaced (it is midnight UTC in local time). bpftrace 0.17
# has no tseries; the layout is bpftrace's (see tests/unit/test_tseries.c).
ARGS=(-c "$W read 10 20 30 40 1000" -e 'tracepoint:syscalls:sys_exit_read /pid == cpid/ { @last = tseries(args->ret, 1d, 3); @sum = tseries(args->ret, 1d, 3, "sum"); @min = tseries(args->ret, 1d, 3, "min"); @max = tseries(args->ret, 1d, 3, "max"); @avg = tseries(args->ret, 1d, 3, "avg"); @bysize[args->ret > 25] = tseries(args->ret, 1d, 3, "sum"); }')
FILTER="sed 's/^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]\./HH:MM:SS./'"
