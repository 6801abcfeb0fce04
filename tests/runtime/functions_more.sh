# Functions and syntax of newer bpftrace that 0.17 lacks (expected output
# written from their definitions): strerror, syscall_name (an unknown
# number prints as itself), strlen, bool literals and casts (printed as
# true/false; comparisons stay 0/1 as in 0.17), let declarations with and
# without types, and errorf/warnf, which print to stderr after the call's
# place. The workload's one openat gives the syscall number.
ARGS=(-c "$W open /nonexistent 1" -e 'tracepoint:raw_syscalls:sys_enter /pid == cpid && args->id == 257/ {
	printf("%s|%s|%s|%s\n", syscall_name(args->id), syscall_name(0), syscall_name(9999), strerror(2));
	print(strerror(13));
	@e[strerror(1)] = count();
}
tracepoint:syscalls:sys_exit_openat /pid == cpid/ { $r = -args->ret; printf("%s\n", strerror($r)); }
BEGIN {
	printf("%d %d %d %d\n", strlen(""), strlen("hello"), strlen(comm), strlen(str($1)));
	let $a; let $b: uint16 = 65537; let $c: bool = 7; let $d = (bool)0;
	$a = 3;
	print(($a, $b, $c, $d, true, !true, 1 == 1));
	@b = true;
	warnf("careful: %d", $a);
	errorf("bad: %s", "thing");
}
END { print("end"); }' "positional")
