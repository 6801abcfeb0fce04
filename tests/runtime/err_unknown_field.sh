# args->field that the tracepoint does not have.
RC=1
ARGS=(-e 'tracepoint:syscalls:sys_enter_openat { @[args->nosuch] = count(); }')
