# Macros in a traced program: one as the predicate (a bare name calls a
# macro without parameters), one that aggregates into the map it is given,
# keyed by an expression argument read from the tracepoint.
ARGS=(-c "$W read 10 20 30 20" -e 'macro is_child() { pid == cpid } macro count_into(@m, key) { @m[key] = count(); } tracepoint:syscalls:sys_exit_read /is_child/ { count_into(@reads, args->ret); }')
