# path() outside fentry/fexit probes.
RC=1
ARGS=(-e 'tracepoint:syscalls:sys_enter_openat { print(path(args->filename)); }')
