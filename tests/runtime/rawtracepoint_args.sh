# rawtracepoint: sys_enter(regs, id) has two arguments; arg1 is the
# system call number (39: getpid). sys_exit(regs, ret): arg1 is the
# result; 6 calls return the pid: the 5 getpid and set_tid_address at
# start-up.
# Hand-written expected output: bpftrace 0.17 has no rawtracepoint probes.
ARGS=(-c "$W getpid 5" -e 'rawtracepoint:sys_enter /pid == cpid && arg1 == 39/ { @[probe] = count(); } rt:sys_exit /pid == cpid && arg1 == pid/ { @exit = count(); }')
