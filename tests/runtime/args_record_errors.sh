# args as a whole value needs a probe with named arguments, the same in
# each of its attach points (bpftrace: "The args builtin can only be used
# within the context of a single probe type"); a uprobe without debug
# information has arg0..argN only (the message names the binary). Messages are bpfkit's own.
RC=1
ARGS=(-e 'BEGIN { print(args); }
uprobe:/usr/lib/x86_64-linux-gnu/libc.so.6:getpid { print(args); }
tracepoint:syscalls:sys_enter_read,tracepoint:syscalls:sys_exit_read { print(args); }')
