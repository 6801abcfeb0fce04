# -lv shows a tracepoint's args, as bpftrace does.
ARGS=(-lv 'tracepoint:syscalls:sys_enter_openat')
