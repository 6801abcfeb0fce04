# comm(pid): another process's name through the bpf_task_from_pid kfunc
# (a tracepoint program may call it): a sleep started here, the -c
# child itself, and no process (""). Newer bpftrace; expected output
# written from its documentation.
sleep 30 &
SLEEPER=$!
ARGS=(-c "$W getpid 1" -e 'tracepoint:syscalls:sys_enter_getpid /pid == cpid/ { printf("[%s] [%s] [%s]\n", comm('"$SLEEPER"'), comm(cpid), comm(-1)); }')
CLEANUP="kill $SLEEPER"
