# The one-liner: files opened by the -c command, counted.
ARGS=(-c "$W open /tmp/bpfkit-none 3" -e 'tracepoint:syscalls:sys_enter_openat /pid == cpid/ { @[str(args->filename)] = count(); }')
