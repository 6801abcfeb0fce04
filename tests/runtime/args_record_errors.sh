# args as a whole value needs a probe with named arguments, the same in
# each of its attach points (bpftrace: "The args builtin can only be used
# within the context of a single probe type"); raw tracepoints here read
# their arguments as arg0..argN. Messages are bpfkit's own.
RC=1
ARGS=(-e 'BEGIN { print(args); }
rawtracepoint:sys_enter { print(args); }
tracepoint:syscalls:sys_enter_read,tracepoint:syscalls:sys_exit_read { print(args); }')
