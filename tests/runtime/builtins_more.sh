# Builtins of newer bpftrace that 0.17 lacks, so the expected output is
# written from their definitions: builtins called as functions (pid()),
# pid/tid(curr_ns) (this runs in the initial PID namespace, so they equal
# pid/tid), pcomm and ppid (the -c child's parent is bpfkit, whose pid
# BEGIN sees), leader_comm and leader_tid (the child is its own leader), probetype, has_cpid, ncpus (this machine's possible CPUs),
# usermode (1 in a uprobe, 0 in a tracepoint), jiffies and ctx, and the
# clocks of nsecs(): boot >= monotonic read before it, sw_tai within
# 100 ms of tai.
NCPUS=$(( $(cut -d- -f2 /sys/devices/system/cpu/possible) + 1 ))
ARGS=(-c "$W getpid 1" -e 'BEGIN { @me = pid; printf("%s %d %d %d\n", probetype, has_cpid, ncpus == '"$NCPUS"', pid() == pid); }
tracepoint:syscalls:sys_enter_getpid /pid == cpid/ {
	printf("%s %s %d %d %d\n", probetype, pcomm, ppid == @me, ppid(curtask) == @me, pcomm(curtask) == comm());
	printf("%s %d %d\n", leader_comm, leader_tid == tid, leader_comm(curtask) == comm);
	printf("%d %d %d %d %d\n", pid(curr_ns) == pid, tid(curr_ns) == tid(), pid(init) == pid, usermode, jiffies > 0);
	$m = nsecs(monotonic); $b = nsecs(boot); $d = (int64)(nsecs(tai) - nsecs(sw_tai));
	printf("%d %d %d\n", $b >= $m, $d > -100000000 && $d < 100000000, ctx != 0);
}
uprobe:'"$W"':main /pid == cpid/ { printf("%s %d\n", probetype(), usermode()); }
END { clear(@me); }')
