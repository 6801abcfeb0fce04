# The '&' operator (bpftrace's unstable_addr feature, PR #4435: the
# address of a scratch variable): *&$x reads the variable's current
# value, str(&$s) its string. Beyond bpftrace, &p->member is the member's
# address, so it lies offsetof() past the struct's and '*' reads the
# member at its width (curtask->pid is the probe's pid).
ARGS=(-e 'BEGIN {
	$x = 42;
	$p = &$x;
	print(*$p);
	$x = 43;
	print(*$p);
	$s = "hi there";
	print(str(&$s));
	$t = curtask;
	print(*&$t->pid == pid);
	print((uint64)&$t->tgid - (uint64)$t == offsetof(struct task_struct, tgid));
	print(str(&curtask->comm));
	exit();
}')
