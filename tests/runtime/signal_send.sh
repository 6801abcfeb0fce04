# signal() (with --unsafe) delivers to the traced process:
# signal:signal_deliver sees it as the process takes it, and the workload
# dies of it well before its long sleep ends. Compared with bpftrace.
ARGS=(--unsafe -c "$W sleep 3000" -e 'tracepoint:syscalls:sys_enter_clock_nanosleep /pid == cpid/ { signal("SIGTERM"); }
tracepoint:signal:signal_deliver /pid == cpid/ { printf("sig %d\n", args->sig); }')
