# signal_thread() (with --unsafe) by number; bpftrace 0.17 lacks it, so the
# expected output was written from signal_send's, which bpftrace gives.
ARGS=(--unsafe -c "$W sleep 3000" -e 'tracepoint:syscalls:sys_enter_clock_nanosleep /pid == cpid/ { signal_thread(9); }
tracepoint:signal:signal_deliver /pid == cpid/ { printf("sig %d\n", args->sig); }')
