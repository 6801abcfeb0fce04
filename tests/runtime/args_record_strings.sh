# print(args) of tracepoints with strings: sched_process_exec's filename is
# a __data_loc char[] and sched_process_exit's comm a char[16]; both print
# as strings, as args.filename and args.comm read (bpftrace converts char
# arrays to strings, docs/language.md "String"). A C bool field prints as
# true or false (bpftrace's bool type, docs/language.md "Data Types").
# The process ids and the workload's path depend on the run: the filter
# names them, after the printf line has checked the ids against pid.
FILTER="sed -E 's/pid = [0-9]+/pid = PID/g; s|filename = [^,]*/workload|filename = DIR/workload|'"
ARGS=(-c "$W read 1" -e 'tracepoint:sched:sched_process_exec /pid == cpid/ { print(args); $a = args; printf("%d %d\n", $a.pid == pid, $a.old_pid == pid); }
tracepoint:sched:sched_process_exit /pid == cpid/ { print(args); }')
