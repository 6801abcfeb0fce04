# -c with a command that does not exist: one line, exit 1, nothing attached.
RC=1
ARGS=(-c '/nonexistent/command --flag' -e 'tracepoint:syscalls:sys_enter_getpid { @[ustack] = count(); }')
