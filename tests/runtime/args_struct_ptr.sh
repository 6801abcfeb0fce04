# A tracepoint's struct pointer argument followed through BTF
# (args->rqtp->tv_sec), as bpftrace does.
ARGS=(-c "$W sleep 1200" -e 'tracepoint:syscalls:sys_enter_clock_nanosleep /pid == cpid/ { printf("%d s %d ns\n", args->rqtp->tv_sec, args->rqtp->tv_nsec); }')
