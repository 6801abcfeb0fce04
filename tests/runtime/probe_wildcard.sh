# A wildcard attach point; `probe` names the one that fired.
ARGS=(-c "$W read 1 2" -e 'tracepoint:syscalls:sys_*_read /pid == cpid/ { @[probe] = count(); }')
